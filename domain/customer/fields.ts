// Field types shared by customers and fleets: languages, contact channels, consents, addresses,
// contact details. Validators normalise (e-mail lower-cased, phone to E.164) and say what is wrong
// in words the API can show per field.
import { isLeft } from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { Email } from '../access/fields.js'
import { Address } from '../service-network/events.js'
import { normalisePhone } from '../shared/phone.js'
import { type FieldProblem, nonBlank } from '../shared/validation.js'

export { Address }

/** Languages of this market's customers: documents and messages have a template per language. */
export const Language = t.keyof({ pl: null, en: null, ro: null, ru: null })
export type Language = t.TypeOf<typeof Language>

export const ContactChannel = t.keyof({ email: null, sms: null })
export type ContactChannel = t.TypeOf<typeof ContactChannel>
export const CONTACT_CHANNELS: ReadonlyArray<ContactChannel> = ['email', 'sms']

/** What a customer may consent to, per channel: marketing offers and service reminders. */
export const ConsentPurpose = t.keyof({ marketing: null, reminders: null })
export type ConsentPurpose = t.TypeOf<typeof ConsentPurpose>

/** Where a consent was given or withdrawn: the proof a data-protection audit asks for. */
export const ConsentSource = t.keyof({
  customer_portal: null,
  staff_desk: null,
  phone_call: null,
  paper_form: null,
  import: null,
  unsubscribe_link: null,
})
export type ConsentSource = t.TypeOf<typeof ConsentSource>

export const Contacts = t.type({ email: t.union([t.string, t.null]), phone: t.union([t.string, t.null]) })
export type Contacts = t.TypeOf<typeof Contacts>

const PL_POSTAL_CODE = /^\d{2}-\d{3}$/

export function addressProblems(a: Address, path: string): FieldProblem[] {
  const p: FieldProblem[] = [...nonBlank(a.street, `${path}.street`), ...nonBlank(a.city, `${path}.city`, 100)]
  if (!/^[A-Z]{2}$/.test(a.country))
    p.push({ path: `${path}.country`, message: 'must be an ISO 3166 alpha-2 code such as PL' })
  else if (a.country === 'PL' && !PL_POSTAL_CODE.test(a.postalCode))
    p.push({ path: `${path}.postalCode`, message: 'must be a Polish postal code NN-NNN' })
  else p.push(...nonBlank(a.postalCode, `${path}.postalCode`, 20))
  return p
}

/** Contacts normalised (e-mail trimmed and lower-cased, phone in E.164) and the problems found. */
export function normaliseContacts(c: Contacts, path: string): { contacts: Contacts; problems: FieldProblem[] } {
  const problems: FieldProblem[] = []
  let email: string | null = null
  let phone: string | null = null
  if (c.email !== null && c.email.trim() !== '') {
    const decoded = Email.decode(c.email)
    if (isLeft(decoded)) problems.push({ path: `${path}.email`, message: 'must be an e-mail address' })
    else email = decoded.right
  }
  if (c.phone !== null && c.phone.trim() !== '') {
    const normalised = normalisePhone(c.phone)
    if (isLeft(normalised)) problems.push({ path: `${path}.phone`, message: normalised.left })
    else phone = normalised.right
  }
  return { contacts: { email, phone }, problems }
}
