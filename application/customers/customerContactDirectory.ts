// The notification worker's ContactDirectory backed by customers' own records: contact details,
// preferred channel, language and consents from the `customers` read model, judged by the domain's
// contactChannelFor. Replaces the booking-only stand-in wherever the customer is registered.
//
// - A registered customer: his record's e-mail/phone, preferred channel first, his language; a
//   channel is usable when contactChannelFor allows the purpose on it (booking messages are
//   service updates by default: they need contact details, not consent; an archived customer gets
//   nothing). Whatever the booking form said is not used then: the record is the customer's word.
// - A fleet booking without a registered customer: the contact given with the booking, else the
//   fleet's whole-fleet managers, else the head office, in the customers read model's fleet record.
// - Anyone else (or before the read model exists): the booking's own details (the stand-in rules).
import type { BookingCustomer } from '../../domain/booking/events.js'
import { contactChannelFor, type MessagePurpose } from '../../domain/customer/contactChannel.js'
import { consentKey } from '../../domain/customer/customerDecider.js'
import type { ContactChannel } from '../../domain/customer/fields.js'
import {
  BookingContactDirectory,
  type Contact,
  type ContactContext,
  type ContactDirectory,
} from '../notifications/contactDirectory.js'
import { isReadModelNotReady, type ReadModelReader } from '../queries/readModelReader.js'
import { CUSTOMERS, type CustomerDoc, type FleetDoc } from './customerViews.js'

export class CustomerContactDirectory implements ContactDirectory {
  constructor(
    private readonly readModels: ReadModelReader,
    private readonly fallback: ContactDirectory = new BookingContactDirectory(),
  ) {}

  async contactFor(customer: BookingCustomer, context: ContactContext): Promise<Contact> {
    try {
      if (customer.customerId) {
        const docs = await this.readModels.collection<CustomerDoc>(CUSTOMERS.projection, CUSTOMERS.customers)
        const doc = await docs.findOne({ _id: customer.customerId })
        if (doc && doc.status !== 'none') return contactOfCustomer(doc, context.purpose ?? 'service_updates')
      }
      if (customer.fleetId && !customer.email && !customer.phone) {
        const fleets = await this.readModels.collection<FleetDoc>(CUSTOMERS.projection, CUSTOMERS.fleets)
        const fleet = await fleets.findOne({ _id: customer.fleetId })
        if (fleet) return this.fallback.contactFor({ ...customer, ...fleetContact(fleet) }, context)
      }
    } catch (error) {
      if (!isReadModelNotReady(error)) throw error
    }
    return this.fallback.contactFor(customer, context)
  }
}

export function contactOfCustomer(doc: CustomerDoc, purpose: MessagePurpose): Contact {
  const decision = contactChannelFor(doc, purpose)
  const usable = (channel: ContactChannel): boolean =>
    decision.send &&
    (channel === 'email' ? doc.contacts.email : doc.contacts.phone) !== null &&
    (purpose === 'service_updates' || doc.consents[consentKey(purpose, channel)]?.granted === true)
  const order: ContactChannel[] = doc.preferences.preferredChannel === 'sms' ? ['sms', 'email'] : ['email', 'sms']
  const channels = order.filter((c) => (c === 'email' ? doc.contacts.email : doc.contacts.phone) !== null)
  return {
    name: doc.displayName || null,
    email: doc.contacts.email,
    phone: doc.contacts.phone,
    locale: doc.preferences.language,
    channels,
    consents: { email: usable('email'), sms: usable('sms') },
  }
}

/** Who answers for a fleet: a whole-fleet manager with contact details, else the head office. */
function fleetContact(fleet: FleetDoc): Pick<BookingCustomer, 'name' | 'email' | 'phone'> {
  const manager = fleet.managers.find((m) => m.branchIds === null && (m.contacts.email || m.contacts.phone))
  if (manager) return { name: manager.name, email: manager.contacts.email, phone: manager.contacts.phone }
  return { name: fleet.name, email: fleet.headOffice.contacts.email, phone: fleet.headOffice.contacts.phone }
}
