// Who on the staff side gets a message: a point's managers (active accounts with the role
// service_point_manager and that point as tenant) and the head office (active head_office
// accounts). Read from the accounts' own streams, found through the stream index read model
// (category `account`), and cached briefly: staff change rarely, and a manager added a minute ago
// missing one warning is better than reading every account for every message.
import type { Account } from '../../domain/access/decider.js'
import { loadAccount } from '../access/accountStore.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import type { EventStore } from '../ports/eventStore.js'
import { isReadModelNotReady, type ReadModelReader } from '../queries/readModelReader.js'

export interface StaffMember {
  readonly accountId: string
  readonly name: string
  readonly email: string
}

export interface StaffDirectory {
  /** Active managers of the point. */
  managersOf(pointId: string): Promise<ReadonlyArray<StaffMember>>
  /** Active head-office accounts. */
  headOffice(): Promise<ReadonlyArray<StaffMember>>
}

/** A fixed list: tests, and networks that configure alert addresses by hand. */
export class StaticStaffDirectory implements StaffDirectory {
  constructor(
    private readonly managers: Readonly<Record<string, ReadonlyArray<StaffMember>>>,
    private readonly office: ReadonlyArray<StaffMember>,
  ) {}

  async managersOf(pointId: string): Promise<ReadonlyArray<StaffMember>> {
    return this.managers[pointId] ?? []
  }

  async headOffice(): Promise<ReadonlyArray<StaffMember>> {
    return this.office
  }
}

export class AccountStaffDirectory implements StaffDirectory {
  private cache: { readonly at: number; readonly accounts: ReadonlyArray<Account> } | null = null

  constructor(
    private readonly deps: {
      readonly store: EventStore
      readonly catalogue: EventCatalogue
      readonly readModels: ReadModelReader
      readonly ttlMs?: number
      readonly now?: () => number
    },
  ) {}

  async managersOf(pointId: string): Promise<ReadonlyArray<StaffMember>> {
    return (await this.accounts())
      .filter((a) => a.role === 'service_point_manager' && a.tenant.scope === 'point' && a.tenant.pointId === pointId)
      .map(member)
  }

  async headOffice(): Promise<ReadonlyArray<StaffMember>> {
    return (await this.accounts()).filter((a) => a.role === 'head_office').map(member)
  }

  private async accounts(): Promise<ReadonlyArray<Account>> {
    const now = (this.deps.now ?? Date.now)()
    if (this.cache && now - this.cache.at < (this.deps.ttlMs ?? 60_000)) return this.cache.accounts
    let ids: string[] = []
    try {
      const streams = await this.deps.readModels.collection('streamIndex', 'streams')
      ids = (await streams.find({ category: 'account' })).map((d) => String(d._id).slice('account-'.length))
    } catch (error) {
      // Before the stream index exists nobody is known; the caller logs whom it could not reach.
      if (!isReadModelNotReady(error)) throw error
    }
    const accounts: Account[] = []
    for (const id of ids) {
      const state = await loadAccount(this.deps, id)
      if (state.status === 'active') accounts.push(state)
    }
    this.cache = { at: now, accounts }
    return accounts
  }
}

const member = (a: Account): StaffMember => ({ accountId: a.accountId, name: a.displayName, email: a.email })
