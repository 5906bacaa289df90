// Who to tell and how: e-mail, phone, language, channels and consents of the person a booking
// is for. CustomerContactDirectory (application/customers/) answers from customers' own records;
// BookingContactDirectory, its fallback for people without a record, takes the contact details the
// booking was made with, overridden per customer by preferences held in memory.
//
// Default consent: a customer who gave an e-mail address or a phone number for a booking gets
// the service messages about that booking (confirmation, change, cancellation, reminder) on it.
// An override can withdraw either consent; then that channel is not used.
import type { BookingCustomer } from '../../domain/booking/events.js'
import type { NotificationChannel } from '../ports/notifier.js'

export interface Contact {
  readonly name: string | null
  readonly email: string | null
  readonly phone: string | null
  /** The customer's language (BCP 47 or a bare language code); null when unknown. */
  readonly locale: string | null
  /** Channels the customer wants, in order of preference. */
  readonly channels: ReadonlyArray<NotificationChannel>
  readonly consents: Readonly<Record<NotificationChannel, boolean>>
}

export interface ContactPreferences {
  readonly email?: string | null
  readonly phone?: string | null
  readonly locale?: string | null
  readonly channels?: ReadonlyArray<NotificationChannel>
  readonly consents?: Partial<Record<NotificationChannel, boolean>>
}

/** The point's country, for a default language when the customer's is unknown. */
export interface ContactContext {
  readonly country: string | null
  /**
   * What the message is for (see domain/customer/contactChannel.ts): 'service_updates' (about
   * something the customer asked for: no consent needed) when absent; 'reminders' or 'marketing'
   * need the customer's consent on the channel. Directories without consents ignore it.
   */
  readonly purpose?: 'service_updates' | 'reminders' | 'marketing'
}

export interface ContactDirectory {
  contactFor(customer: BookingCustomer, context: ContactContext): Promise<Contact>
}

/** Languages of the markets served, by ISO country; elsewhere English. */
const COUNTRY_LANGUAGE: Readonly<Record<string, string>> = { PL: 'pl', RO: 'ro', MD: 'ro', RU: 'ru', BY: 'ru' }

export class BookingContactDirectory implements ContactDirectory {
  private readonly preferences = new Map<string, ContactPreferences>()

  constructor(initial: Iterable<readonly [string, ContactPreferences]> = []) {
    for (const [customerId, prefs] of initial) this.preferences.set(customerId, prefs)
  }

  /** Sets (replaces) a customer's preferences. */
  set(customerId: string, preferences: ContactPreferences): void {
    this.preferences.set(customerId, preferences)
  }

  async contactFor(customer: BookingCustomer, context: ContactContext): Promise<Contact> {
    const prefs = (customer.customerId && this.preferences.get(customer.customerId)) || {}
    const email = prefs.email !== undefined ? prefs.email : customer.email
    const phone = prefs.phone !== undefined ? prefs.phone : customer.phone
    const byCountry = context.country ? (COUNTRY_LANGUAGE[context.country.toUpperCase()] ?? null) : null
    const channels: NotificationChannel[] = prefs.channels
      ? [...prefs.channels]
      : [...(email ? (['email'] as const) : []), ...(phone ? (['sms'] as const) : [])]
    return {
      name: customer.name,
      email: email ?? null,
      phone: phone ?? null,
      locale: prefs.locale ?? byCountry,
      channels,
      consents: { email: prefs.consents?.email ?? true, sms: prefs.consents?.sms ?? true },
    }
  }
}
