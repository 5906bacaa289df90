// Customers: one row per customer record (individual or company) with its contacts, contact
// preferences, one address and the four consents (marketing and reminders, by e-mail and SMS).
//
// Import, all or nothing: every row is decided first, through the customer decider, against the
// customer as recorded (or an empty record for a new id): a new customer is registered
// (RegisterCustomer), then its address set and its consents recorded; an existing one gets only the
// commands that change something: CorrectCustomerIdentity, ChangeCustomerContacts,
// SetContactPreferences, SetCustomerAddress, GiveConsent / WithdrawConsent (source `import`), each
// recorded as its event on the customer's stream. A row equal to the record is unchanged. Only a
// file without a problem is written (an archived customer, a person becoming a company, the same id
// twice, invalid details are problems). An empty address or consent cell leaves what is recorded;
// other addresses of the customer (another address_id) are left as they are.
//
// Export: the active customers of the `customers` read model, by id, with their first address (by
// id) and each consent as yes (given) or no (never given, or withdrawn).
import { type Either, isLeft } from 'fp-ts/lib/Either.js'
import { actorOf, type Principal } from '../../../domain/access/principal.js'
import type { CustomerCommand } from '../../../domain/customer/commands.js'
import { consentKey, customerDecider } from '../../../domain/customer/customerDecider.js'
import type { AddressLabel, Party } from '../../../domain/customer/events.js'
import type { Address } from '../../../domain/customer/fields.js'
import type { DomainError } from '../../../domain/shared/decider.js'
import { deterministicUuid } from '../../commands/commandContext.js'
import { CUSTOMERS, type CustomerDoc } from '../../customers/customerViews.js'
import { newIdFor, type RequestMeta } from '../../customers/requestMeta.js'
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
  addressId: 'address_id',
  'address.street': 'street',
  'address.postalCode': 'postal_code',
  'address.city': 'city',
  'address.country': 'country',
}

/** The consent columns: purpose and channel. */
const CONSENTS = [
  { column: 'consent_marketing_email', alias: 'zgoda_marketing_email', purpose: 'marketing', channel: 'email' },
  { column: 'consent_marketing_sms', alias: 'zgoda_marketing_sms', purpose: 'marketing', channel: 'sms' },
  { column: 'consent_reminders_email', alias: 'zgoda_przypomnienia_email', purpose: 'reminders', channel: 'email' },
  { column: 'consent_reminders_sms', alias: 'zgoda_przypomnienia_sms', purpose: 'reminders', channel: 'sms' },
] as const

const ADDRESS_COLUMNS = ['address_id', 'address_label', 'street', 'postal_code', 'city', 'country'] as const

/** The row's address, or null when its address cells are all empty (the record's are left as they are). */
function addressOf(v: RowValues): { addressId: string; label: AddressLabel; address: Address } | null {
  if (ADDRESS_COLUMNS.every((c) => v[c] === null || v[c] === undefined)) return null
  const cell = (c: string) => (v[c] as string | null) ?? ''
  return {
    addressId: (v.address_id as string | null) ?? 'main',
    label: (v.address_label as AddressLabel | null) ?? 'correspondence',
    address: {
      street: cell('street'),
      postalCode: cell('postal_code'),
      city: cell('city'),
      country: cell('country') || 'PL',
    },
  }
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
    {
      name: 'address_id',
      aliases: ['id_adresu'],
      type: optionalText(64),
      required: false,
      description: 'The address’s id in the customer record (empty with an address: main)',
      example: 'main',
    },
    {
      name: 'address_label',
      aliases: ['rodzaj_adresu'],
      type: optionalOneOf(['billing', 'correspondence', 'other'] as const),
      required: false,
      description: 'billing, correspondence or other (empty with an address: correspondence)',
      example: 'billing',
    },
    {
      name: 'street',
      aliases: ['ulica', 'adres'],
      type: optionalText(200),
      required: false,
      description: 'Street and number (all address cells empty: the recorded address is left as it is)',
      example: 'ul. Świdnicka 12/4',
    },
    {
      name: 'postal_code',
      aliases: ['kod_pocztowy', 'kod'],
      type: optionalText(20),
      required: false,
      description: 'Postal code (NN-NNN in Poland)',
      example: '50-066',
    },
    {
      name: 'city',
      aliases: ['miasto', 'miejscowosc'],
      type: optionalText(100),
      required: false,
      description: 'City',
      example: 'Wrocław',
    },
    {
      name: 'country',
      aliases: ['kraj'],
      type: optionalText(2),
      required: false,
      description: 'Country, ISO code (empty with an address: PL)',
      example: 'PL',
    },
    ...CONSENTS.map((c) => ({
      name: c.column,
      aliases: [c.alias],
      type: optionalOneOf(['yes', 'no'] as const),
      required: false,
      description: `Consent to ${c.purpose === 'marketing' ? 'marketing offers' : 'service reminders'} by ${c.channel === 'email' ? 'e-mail' : 'SMS'}: yes (given), no (not given: an import withdraws it), empty: as recorded`,
      example: c.purpose === 'reminders' ? 'yes' : 'no',
    })),
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
        ...addressCells(d),
        ...Object.fromEntries(
          CONSENTS.map((c) => [c.column, d.consents?.[consentKey(c.purpose, c.channel)]?.granted ? 'yes' : 'no']),
        ),
      }
    })
  },

  async importRows(deps, by, _scope, file, rows, problems, meta) {
    const importId = newIdFor('imp', meta)
    const actor = actorOf(by)
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
      return { r, input, steps: [] as CustomerCommand[] }
    })
    problems.push(
      ...repeatedKeys(
        planned.map((p) => ({ row: p.r, key: p.input.customerId })),
        'customer_id',
        'id',
      ),
    )
    for (const plan of planned) {
      const { r, input } = plan
      const existing = await deps.customerReader.customer(input.customerId)
      if (existing.status === 'archived') {
        problems.push({
          row: r.row,
          column: r.headerOf('customer_id'),
          message: `customer ${input.customerId} is archived; an import does not change archived customers`,
        })
        continue
      }
      // Each command decided against the record as the previous ones left it; those that change
      // nothing are dropped, so a row equal to the record appends nothing.
      let state = existing
      const decide = (command: CustomerCommand): boolean => {
        const decided = customerDecider.decide(command, state)
        if (isLeft(decided)) {
          const fields = decided.left.fields ?? [{ path: '', message: decided.left.message }]
          for (const f of fields) {
            const column = COLUMN_OF_PATH[f.path] ?? (f.path === 'party.kind' ? 'kind' : undefined)
            problems.push({ row: r.row, column: column ? r.headerOf(column) : '', message: f.message })
          }
          return false
        }
        // The decider answers no events for a command that changes nothing (it compares values).
        if (decided.right.length > 0) {
          plan.steps.push(command)
          state = decided.right.reduce(customerDecider.evolve, state)
        }
        return true
      }
      const base = { customerId: input.customerId, now: meta.now }
      const ok =
        state.status === 'none'
          ? decide({ ...base, kind: 'RegisterCustomer', ...input, actor })
          : decide({ ...base, kind: 'CorrectCustomerIdentity', party: input.party }) &&
            decide({ ...base, kind: 'ChangeCustomerContacts', contacts: input.contacts }) &&
            decide({ ...base, kind: 'SetContactPreferences', preferences: input.preferences })
      if (!ok) continue
      const address = addressOf(r.values)
      if (address) decide({ ...base, kind: 'SetCustomerAddress', ...address })
      for (const c of CONSENTS) {
        const wanted = r.values[c.column]
        if (wanted === null || wanted === undefined) continue
        decide({
          ...base,
          kind: wanted === 'yes' ? 'GiveConsent' : 'WithdrawConsent',
          purpose: c.purpose,
          channel: c.channel,
          source: 'import',
          actor,
        })
      }
    }
    if (problems.length > 0)
      return { ok: false, refusal: refusal('TEMPLATE_IMPORT_INVALID', file.fileName, [], problems, file.rowNoun) }
    // Every row checked: carry its commands out through the customer service, one stream per
    // customer. Only a store failure or a change of the same customer meanwhile can stop this
    // halfway (customers are separate streams: there is no transaction across them); the answer
    // says how far it got, and the same file sent again with the same key finishes it: what was
    // done is then no change any more, and new ids derive from the key.
    const ids: string[] = []
    let unchanged = 0
    for (const { r, input, steps } of planned) {
      if (steps.length === 0) {
        unchanged++
        continue
      }
      for (const [i, command] of steps.entries()) {
        const commandMeta = { ...meta, commandId: i === 0 ? `${importId}|${r.row}` : `${importId}|${r.row}|${i}` }
        const done = await runStep(deps, by, command, commandMeta)
        if (isLeft(done))
          return {
            ok: false,
            refusal: {
              ...done.left,
              message:
                `${file.rowNoun ?? 'row'} ${r.row}: ${done.left.message}; ${ids.length} customer(s) before it were ` +
                'imported: send the same file again with the same Idempotency-Key to import the rest (what was ' +
                'done counts as unchanged; rows without customer_id get the same ids from the key)',
            },
          }
      }
      ids.push(input.customerId)
    }
    return { ok: true, summary: { imported: ids.length, unchanged, ids } }
  },
}

/** The first address of a customer (by id) as the address cells; all null without one. */
function addressCells(d: CustomerDoc): Record<(typeof ADDRESS_COLUMNS)[number], string | null> {
  const id = Object.keys(d.addresses ?? {}).sort()[0]
  const a = id === undefined ? undefined : d.addresses[id]
  return {
    address_id: a ? (id as string) : null,
    address_label: a?.label ?? null,
    street: a?.address.street ?? null,
    postal_code: a?.address.postalCode ?? null,
    city: a?.address.city ?? null,
    country: a?.address.country ?? null,
  }
}

/** One decided command carried out through the customer service (its rights, its events). */
async function runStep(
  deps: DataExchangeDeps,
  by: Principal,
  command: CustomerCommand,
  meta: RequestMeta,
): Promise<Either<DomainError, unknown>> {
  switch (command.kind) {
    case 'RegisterCustomer':
      return deps.customers.register(
        by,
        {
          customerId: command.customerId,
          party: command.party,
          contacts: command.contacts,
          preferences: command.preferences,
        },
        meta,
      )
    case 'GiveConsent':
    case 'WithdrawConsent':
      return deps.customers.consent(
        by,
        command.customerId,
        {
          purpose: command.purpose,
          channel: command.channel,
          granted: command.kind === 'GiveConsent',
          source: command.source,
        },
        meta,
      )
    case 'CorrectCustomerIdentity':
    case 'ChangeCustomerContacts':
    case 'SetContactPreferences':
    case 'SetCustomerAddress': {
      const { customerId, now: _now, ...change } = command
      return deps.customers.change(by, customerId, change, meta)
    }
    default:
      throw new Error(`an import does not run ${command.kind}`)
  }
}
