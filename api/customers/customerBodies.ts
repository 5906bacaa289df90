// Request bodies of the customer routes (decoded with these) and the shapes they answer with.
import * as t from 'io-ts'
import { EntityId } from '../../domain/access/fields.js'
import { AddressLabel, ContactPreferences, Party } from '../../domain/customer/events.js'
import { Address, ConsentPurpose, ConsentSource, ContactChannel } from '../../domain/customer/fields.js'
import { Flag, PagingQuery, SearchText } from './queryFields.js'

/** E-mail and phone; either may be left out or null (the domain needs at least one). */
export const ContactsBody = t.exact(
  t.partial({ email: t.union([t.string, t.null]), phone: t.union([t.string, t.null]) }),
)
export const contactsOf = (c: t.TypeOf<typeof ContactsBody>) => ({ email: c.email ?? null, phone: c.phone ?? null })

export const RegisterCustomerBody = t.exact(
  t.intersection([
    t.type({ party: Party, contacts: ContactsBody }),
    t.partial({ customerId: EntityId, preferences: ContactPreferences }),
  ]),
)
export const IdentityBody = t.exact(t.type({ party: Party }))
export const ContactsChangeBody = t.exact(t.type({ contacts: ContactsBody }))
export const PreferencesBody = t.exact(t.type({ preferences: ContactPreferences }))
export const ConsentBody = t.exact(
  t.intersection([
    t.type({ purpose: ConsentPurpose, channel: ContactChannel, granted: t.boolean }),
    t.partial({ source: ConsentSource }),
  ]),
)
export const AddressBody = t.exact(t.type({ label: AddressLabel, address: Address }))
export const ReasonBody = t.exact(t.type({ reason: t.string }))

export const CustomerListQuery = t.exact(
  t.partial({
    q: SearchText,
    kind: t.keyof({ individual: null, company: null }),
    includeArchived: Flag,
    ...PagingQuery,
  }),
)
