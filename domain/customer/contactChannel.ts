// Which channel to use to reach a customer for a purpose, or why not to send at all.
//
// Consent is the legal gate, the preference only an order: a reminder goes by the preferred
// channel when the customer consented to reminders there and we have the address/number, else by
// the other consented channel (marked as a fallback), else not at all, with the reason.
// Service updates (your car is ready, a reply to your ticket) are part of the service the customer
// asked for and need no marketing/reminder consent, only contact details.

import { type CustomerState, consentKey } from './customerDecider.js'
import type { ConsentPurpose, ContactChannel, Language } from './fields.js'
import { CONTACT_CHANNELS } from './fields.js'

export type MessagePurpose = ConsentPurpose | 'service_updates'

export type ContactDecision =
  | {
      readonly send: true
      readonly channel: ContactChannel
      /** The e-mail address or E.164 number. */
      readonly to: string
      readonly language: Language
      /** True when the preferred channel could not be used. */
      readonly fallback: boolean
    }
  | {
      readonly send: false
      readonly reason: 'unknown_customer' | 'customer_archived' | 'no_contact_details' | 'no_consent'
      readonly detail: string
    }

type ContactProfile = Pick<CustomerState, 'status' | 'contacts' | 'preferences' | 'consents'>

const addressFor = (customer: ContactProfile, channel: ContactChannel): string | null =>
  channel === 'email' ? customer.contacts.email : customer.contacts.phone

export function contactChannelFor(customer: ContactProfile, purpose: MessagePurpose): ContactDecision {
  if (customer.status === 'none') return { send: false, reason: 'unknown_customer', detail: 'no such customer' }
  if (customer.status === 'archived')
    return { send: false, reason: 'customer_archived', detail: 'archived customers are not contacted' }
  const preferred = customer.preferences.preferredChannel
  // Without a preference e-mail goes first: it costs nothing and carries more.
  const order: ContactChannel[] = preferred === 'sms' ? ['sms', 'email'] : ['email', 'sms']
  const reachable = order.filter((c) => addressFor(customer, c) !== null)
  if (reachable.length === 0)
    return { send: false, reason: 'no_contact_details', detail: 'neither an e-mail address nor a phone number' }
  const consented = (c: ContactChannel): boolean =>
    purpose === 'service_updates' || customer.consents[consentKey(purpose, c)]?.granted === true
  const channel = reachable.find(consented)
  if (channel === undefined) {
    const consentPurpose = purpose as ConsentPurpose // service updates need no consent: always found above
    const withdrawn = CONTACT_CHANNELS.filter(
      (c) => customer.consents[consentKey(consentPurpose, c)]?.granted === false,
    )
    return {
      send: false,
      reason: 'no_consent',
      detail:
        withdrawn.length > 0
          ? `consent to ${purpose} withdrawn for ${withdrawn.join(' and ')}`
          : `no consent to ${purpose} by ${reachable.join(' or ')}`,
    }
  }
  return {
    send: true,
    channel,
    to: addressFor(customer, channel) as string,
    language: customer.preferences.language,
    fallback: preferred !== null && channel !== preferred,
  }
}
