// Customer records (stream `customer-<customerId>`): registration, identity, contacts,
// preferences, consents, addresses and archiving, each one command through handleCommand.
//
// A customer account's tenant names its customerId (accounts are opened before or after the
// record): a customer registering his own record gets exactly that id, so his account and his
// record stay linked. Staff registering a customer at the desk may pick the id or get a new one.
import { type Either, isLeft, left, right } from 'fp-ts/lib/Either.js'
import { actorOf, type Principal } from '../../domain/access/principal.js'
import type { CustomerCommand } from '../../domain/customer/commands.js'
import { customerDecider, customerStream } from '../../domain/customer/customerDecider.js'
import type { AddressLabel, ContactPreferences, Party } from '../../domain/customer/events.js'
import type { Address, ConsentPurpose, ConsentSource, ContactChannel, Contacts } from '../../domain/customer/fields.js'
import { type DomainError, domainError } from '../../domain/shared/decider.js'
import { handleCommand } from '../commands/handleCommand.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import type { EventStore } from '../ports/eventStore.js'
import type { ReadModelReader } from '../queries/readModelReader.js'
import type { Page, Paging } from '../queries/viewer.js'
import {
  isStaff,
  mayArchiveCustomer,
  mayEditCustomer,
  mayListCustomers,
  mayViewCustomer,
  roleDenied,
  tenantDenied,
} from './customerAccess.js'
import type { CustomerReader } from './customerReader.js'
import { CUSTOMERS, type CustomerDoc, type CustomerView, customerView, foldText } from './customerViews.js'
import { newIdFor, type RequestMeta } from './requestMeta.js'

export interface NewCustomer {
  /** Staff may choose it; a customer's own record takes his account's id; otherwise a new one. */
  readonly customerId?: string
  readonly party: Party
  readonly contacts: Contacts
  readonly preferences?: ContactPreferences
}

export type CustomerChange =
  | { readonly kind: 'CorrectCustomerIdentity'; readonly party: Party }
  | { readonly kind: 'ChangeCustomerContacts'; readonly contacts: Contacts }
  | { readonly kind: 'SetContactPreferences'; readonly preferences: ContactPreferences }
  | {
      readonly kind: 'SetCustomerAddress'
      readonly addressId: string
      readonly label: AddressLabel
      readonly address: Address
    }
  | { readonly kind: 'RemoveCustomerAddress'; readonly addressId: string }

export interface ConsentChange {
  readonly purpose: ConsentPurpose
  readonly channel: ContactChannel
  readonly granted: boolean
  /** Staff say where the consent was given; a customer's own change is always `customer_portal`. */
  readonly source?: ConsentSource
}

export interface CustomerSearch {
  /** Part of the name, e-mail or phone (case and accents ignored). */
  readonly q?: string
  readonly kind?: 'individual' | 'company'
  readonly includeArchived?: boolean
}

export interface CustomerListItem {
  readonly customerId: string
  readonly kind: 'individual' | 'company'
  readonly displayName: string
  readonly status: 'active' | 'archived'
  readonly contacts: Contacts
}

export interface CustomerServiceDeps {
  readonly store: EventStore
  readonly catalogue: EventCatalogue
  readonly reader: CustomerReader
  readonly readModels: ReadModelReader
}

const DEFAULT_PREFERENCES: ContactPreferences = { preferredChannel: null, language: 'pl' }

export const customerNotFound = (customerId: string): DomainError =>
  domainError('not_found', 'CUSTOMER_NOT_FOUND', `no customer ${customerId}`)

export class CustomerService {
  constructor(private readonly deps: CustomerServiceDeps) {}

  async register(by: Principal, input: NewCustomer, meta: RequestMeta): Promise<Either<DomainError, CustomerView>> {
    let customerId: string
    if (by.tenant.scope === 'customer') {
      if (input.customerId !== undefined && input.customerId !== by.tenant.customerId) return left(tenantDenied())
      customerId = by.tenant.customerId
    } else if (isStaff(by)) customerId = input.customerId ?? newIdFor('cus', meta)
    else return left(roleDenied('fleet accounts do not register customers; head office registers the company'))
    const outcome = await this.handle(
      by,
      {
        kind: 'RegisterCustomer',
        customerId,
        party: input.party,
        contacts: input.contacts,
        preferences: input.preferences ?? DEFAULT_PREFERENCES,
        actor: actorOf(by),
        now: meta.now,
      },
      meta,
    )
    return isLeft(outcome) ? outcome : this.get(by, customerId)
  }

  async get(by: Principal, customerId: string): Promise<Either<DomainError, CustomerView>> {
    const fleetCustomerId =
      by.tenant.scope === 'fleet' ? (await this.deps.reader.fleet(by.tenant.fleetId)).customerId || null : null
    const denied = mayViewCustomer(by, customerId, fleetCustomerId)
    if (denied) return left(denied)
    const state = await this.deps.reader.customer(customerId)
    return state.status === 'none' ? left(customerNotFound(customerId)) : right(customerView(state))
  }

  async change(
    by: Principal,
    customerId: string,
    change: CustomerChange,
    meta: RequestMeta,
  ): Promise<Either<DomainError, CustomerView>> {
    const denied = mayEditCustomer(by, customerId)
    if (denied) return left(denied)
    const outcome = await this.handle(by, { ...change, customerId, now: meta.now } as CustomerCommand, meta)
    return isLeft(outcome) ? outcome : this.get(by, customerId)
  }

  async consent(
    by: Principal,
    customerId: string,
    change: ConsentChange,
    meta: RequestMeta,
  ): Promise<Either<DomainError, CustomerView>> {
    const denied = mayEditCustomer(by, customerId)
    if (denied) return left(denied)
    if (isStaff(by) && change.source === undefined)
      return left(
        domainError('invalid', 'CUSTOMER_INVALID', 'say where the consent was given', [
          { path: 'source', message: 'required when staff record a consent (staff_desk, phone_call, paper_form…)' },
        ]),
      )
    const source: ConsentSource = isStaff(by) ? (change.source as ConsentSource) : 'customer_portal'
    const outcome = await this.handle(
      by,
      {
        kind: change.granted ? 'GiveConsent' : 'WithdrawConsent',
        customerId,
        purpose: change.purpose,
        channel: change.channel,
        source,
        actor: actorOf(by),
        now: meta.now,
      },
      meta,
    )
    return isLeft(outcome) ? outcome : this.get(by, customerId)
  }

  async archive(
    by: Principal,
    customerId: string,
    reason: string,
    meta: RequestMeta,
  ): Promise<Either<DomainError, CustomerView>> {
    const denied = mayArchiveCustomer(by)
    if (denied) return left(denied)
    const outcome = await this.handle(by, { kind: 'ArchiveCustomer', customerId, reason, now: meta.now }, meta)
    return isLeft(outcome) ? outcome : this.get(by, customerId)
  }

  /** Staff's customer list, from the `customers` read model. */
  async list(
    by: Principal,
    search: CustomerSearch,
    paging: Paging,
  ): Promise<Either<DomainError, Page<CustomerListItem>>> {
    const denied = mayListCustomers(by)
    if (denied) return left(denied)
    const customers = await this.deps.readModels.collection<CustomerDoc>(CUSTOMERS.projection, CUSTOMERS.customers)
    const filter: Record<string, unknown> = {}
    if (search.kind) filter.kind = search.kind
    if (!search.includeArchived) filter.status = 'active'
    // Substring search runs over the staff's filtered list in memory; the read model keeps the
    // folded text so it is one pass, and the kind/status filter narrows it in the store first.
    const docs = await customers.find(filter, { sort: { displayName: 1, _id: 1 } })
    const q = search.q ? foldText(search.q.trim()) : null
    const matching = q ? docs.filter((d) => d.searchText.includes(q)) : docs
    return right({
      items: matching.slice(paging.offset, paging.offset + paging.limit).map((d) => ({
        customerId: d.customerId,
        kind: d.kind ?? 'individual',
        displayName: d.displayName,
        status: d.status === 'archived' ? 'archived' : 'active',
        contacts: d.contacts,
      })),
      total: matching.length,
      limit: paging.limit,
      offset: paging.offset,
    })
  }

  private async handle(
    by: Principal,
    command: CustomerCommand,
    meta: RequestMeta,
  ): Promise<Either<DomainError, unknown>> {
    return handleCommand({
      store: this.deps.store,
      catalogue: this.deps.catalogue,
      decider: customerDecider,
      streamId: customerStream(command.customerId),
      command,
      context: { ...meta, actor: actorOf(by) },
    })
  }
}
