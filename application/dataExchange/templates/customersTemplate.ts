// Customers: one row per customer record (individual or company) with its contacts and contact
// preferences. Import registers new customers (RegisterCustomer, one stream each): every row is
// decided first against an empty record and checked against the registry (an id taken by a
// customer with other details, the same id twice in the file; an id whose record has the very same
// details is left as it is), and only a file without a problem is written. Export: the active
// customers of the `customers` read model, by id. Addresses and consents are not in the template.
import { isDeepStrictEqual } from 'node:util'
import { isLeft } from 'fp-ts/lib/Either.js'
import { actorOf } from '../../../domain/access/principal.js'
import { customerDecider } from '../../../domain/customer/customerDecider.js'
import type { Party } from '../../../domain/customer/events.js'
import { deterministicUuid } from '../../commands/commandContext.js'
import { CUSTOMERS, type CustomerDoc } from '../../customers/customerViews.js'
import { newIdFor } from '../../customers/requestMeta.js'
import { oneOf, optionalOneOf, optionalText } from '../cells.js'
import type { DataExchangeDeps } from '../dataExchangeDeps.js'
import { type ExchangeTemplate, type RowValues, refusal, repeatedKeys, roleDenied } from '../exchangeTemplate.js'

const headOfficeOnly = (by: { role: string }) =>
  by.role === 'head_office' ? null : roleDenied('customer lists are exchanged by head office only')

/** Decider field paths → the template's columns. */
const COLUMN_OF_PATH: Readonly<Record<string, string>> = {
  customerId: 'customer_id',
  'party.firstName': 'first_name',
  'party.lastName': 'last_name',
  'party.companyName': 'company_name',
  'party.taxId': 'tax_id',
  'party.taxId.value': 'tax_id',
  'party.taxId.country': 'tax_country',
  'contacts.email': 'email',
  'contacts.phone': 'phone',
  contacts: 'email',
  'preferences.preferredChannel': 'preferred_channel',
  'preferences.language': 'language',
}

function partyOf(v: RowValues): Party {
  return v.kind === 'company'
    ? {
        kind: 'company',
        companyName: (v.company_name as string | null) ?? '',
        taxId: { country: (v.tax_country as string | null) ?? 'PL', value: (v.tax_id as string | null) ?? '' },
      }
    : {
        kind: 'individual',
        firstName: (v.first_name as string | null) ?? '',
        lastName: (v.last_name as string | null) ?? '',
      }
}

export const customersTemplate: ExchangeTemplate<DataExchangeDeps> = {
  name: 'customers',
  title: 'Customers',
  record: 'customer',
  columns: [
    {
      name: 'customer_id',
      aliases: ['id', 'id_klienta'],
      type: optionalText(64),
      required: false,
      description: 'The customer’s id; empty: a new id is given',
      example: 'cus-1001',
    },
    {
      name: 'kind',
      aliases: ['rodzaj'],
      type: oneOf(['individual', 'company'] as const),
      required: true,
      description: 'individual or company',
      example: 'individual',
    },
    {
      name: 'first_name',
      aliases: ['imie'],
      type: optionalText(100),
      required: false,
      description: 'An individual’s first name',
      example: 'Łukasz',
    },
    {
      name: 'last_name',
      aliases: ['nazwisko'],
      type: optionalText(100),
      required: false,
      description: 'An individual’s last name',
      example: 'Żółkiewski',
    },
    {
      name: 'company_name',
      aliases: ['nazwa_firmy', 'firma'],
      type: optionalText(200),
      required: false,
      description: 'A company’s name',
      example: 'Transport Śląsk sp. z o.o.',
    },
    {
      name: 'tax_id',
      aliases: ['nip'],
      type: optionalText(20),
      required: false,
      description: 'A company’s tax id (NIP, checksum checked)',
      example: '5260250274',
    },
    {
      name: 'tax_country',
      aliases: ['kraj_nip'],
      type: optionalText(2),
      required: false,
      description: 'The country of the tax id, ISO code (empty: PL)',
      example: 'PL',
    },
    {
      name: 'email',
      aliases: ['e_mail'],
      type: optionalText(200),
      required: false,
      description: 'E-mail address (an e-mail or a phone is needed)',
      example: 'lukasz@example.pl',
    },
    {
      name: 'phone',
      aliases: ['telefon'],
      type: optionalText(40),
      required: false,
      description: 'Phone number, international or Polish',
      example: '+48600100200',
    },
    {
      name: 'preferred_channel',
      aliases: ['kanal'],
      type: optionalOneOf(['email', 'sms'] as const),
      required: false,
      description: 'email, sms or empty (no preference)',
      example: 'sms',
    },
    {
      name: 'language',
      aliases: ['jezyk'],
      type: optionalOneOf(['pl', 'en', 'ro', 'ru'] as const),
      required: false,
      description: 'pl, en, ro or ru (empty: pl)',
      example: 'pl',
    },
  ],
  mayExport: headOfficeOnly,
  mayImport: headOfficeOnly,

  async exportRows(deps) {
    const customers = await deps.readModels.collection<CustomerDoc>(CUSTOMERS.projection, CUSTOMERS.customers)
    const docs = await customers.find({ status: 'active' }, { sort: { _id: 1 } })
    return docs.map((d) => {
      const party = d.party
      return {
        customer_id: d.customerId,
        kind: party?.kind ?? 'individual',
        first_name: party?.kind === 'individual' ? party.firstName : null,
        last_name: party?.kind === 'individual' ? party.lastName : null,
        company_name: party?.kind === 'company' ? party.companyName : null,
        tax_id: party?.kind === 'company' ? party.taxId.value : null,
        tax_country: party?.kind === 'company' ? party.taxId.country : null,
        email: d.contacts.email,
        phone: d.contacts.phone,
        preferred_channel: d.preferences.preferredChannel,
        language: d.preferences.language,
      }
    })
  },

  async importRows(deps, by, _scope, file, rows, problems, meta) {
    const importId = newIdFor('imp', meta)
    const unchanged = new Set<number>()
    const planned = rows.map((r) => {
      const v = r.values
      const customerId = (v.customer_id as string | null) ?? `cus-${deterministicUuid(`${importId}|${r.row}`)}`
      const input = {
        customerId,
        party: partyOf(v),
        contacts: { email: v.email as string | null, phone: v.phone as string | null },
        preferences: {
          preferredChannel: v.preferred_channel as 'email' | 'sms' | null,
          language: (v.language as 'pl' | 'en' | 'ro' | 'ru' | null) ?? 'pl',
        },
      }
      return { r, input }
    })
    problems.push(
      ...repeatedKeys(
        planned.map((p) => ({ row: p.r, key: p.input.customerId })),
        'customer_id',
        'id',
      ),
    )
    for (const { r, input } of planned) {
      const decided = customerDecider.decide(
        { kind: 'RegisterCustomer', ...input, actor: actorOf(by), now: meta.now },
        customerDecider.initialState,
      )
      if (isLeft(decided)) {
        const fields = decided.left.fields ?? [{ path: '', message: decided.left.message }]
        for (const f of fields) {
          const column = COLUMN_OF_PATH[f.path]
          problems.push({ row: r.row, column: column ? r.headerOf(column) : '', message: f.message })
        }
        continue
      }
      const existing = await deps.customerReader.customer(input.customerId)
      if (existing.status === 'none') continue
      // A record already there: the same details (as the decider normalises them) is nothing to do;
      // other details are not overwritten by an import.
      const registered = decided.right[0]
      const same =
        existing.status === 'active' &&
        registered?.type === 'CustomerRegistered' &&
        isDeepStrictEqual(
          [existing.party, existing.contacts, existing.preferences],
          [registered.data.party, registered.data.contacts, registered.data.preferences],
        )
      if (same) unchanged.add(r.row)
      else
        problems.push({
          row: r.row,
          column: r.headerOf('customer_id'),
          message: `customer ${input.customerId} is registered already with other details (an import registers new customers; change existing ones in the customer record)`,
        })
    }
    if (problems.length > 0)
      return { ok: false, refusal: refusal('TEMPLATE_IMPORT_INVALID', file.fileName, [], problems, file.rowNoun) }
    // Every row checked: register them, one stream each. Only a store failure or a customer
    // registered under the same id meanwhile can stop this halfway (customers are separate streams:
    // there is no transaction across them); the answer says how far it got, and the same file sent
    // again with the same key finishes it: the rows registered are then unchanged, and new ids
    // derive from the key.
    const ids: string[] = []
    for (const { r, input } of planned) {
      if (unchanged.has(r.row)) continue
      const done = await deps.customers.register(by, input, {
        ...meta,
        commandId: `${importId}|${r.row}`,
      })
      if (isLeft(done))
        return {
          ok: false,
          refusal: {
            ...done.left,
            message:
              `${file.rowNoun ?? 'row'} ${r.row}: ${done.left.message}; ${ids.length} customer(s) before it were ` +
              'registered: send the same file again with the same Idempotency-Key to register the rest (those ' +
              'registered count as unchanged; rows without customer_id get the same ids from the key)',
          },
        }
      ids.push(input.customerId)
    }
    return { ok: true, summary: { imported: ids.length, unchanged: unchanged.size, ids } }
  },
}
