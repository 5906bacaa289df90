// Contracts (stream `contract-<contractId>`): signing, amendments, renewals and termination by head
// office; reading as of any date by head office and the contract's holder.
//
// The overlap rule ("no two contracts cover the same vehicle and service on the same day") needs
// the other contracts' coverage, which the `contracts` read model keeps by vehicle. Each decision:
//   1. runs under a lock per holder (two contracts of one fleet signed at once are decided in turn);
//   2. waits until the read model has applied the log as it is now (READ_MODEL_BEHIND otherwise);
//   3. reads the coverage of every vehicle the new terms name and passes it to the decider.
// A fleet's contract may only cover the fleet's own vehicles in service.
import { type Either, isLeft, left, right } from 'fp-ts/lib/Either.js'
import { actorOf, type Principal } from '../../domain/access/principal.js'
import { tenantCanAccess } from '../../domain/access/tenant.js'
import type { ContractCommand } from '../../domain/contract/commands.js'
import { contractDecider, contractStream } from '../../domain/contract/contractDecider.js'
import {
  type ContractState,
  type CoveragePeriod,
  contractFrom,
  dueServicesOf,
  type TermsVersion,
  termsOn,
} from '../../domain/contract/contractTimeline.js'
import type { ContractEvent, ContractHolder } from '../../domain/contract/events.js'
import type { DueService } from '../../domain/contract/serviceSchedule.js'
import type { ContractTerms } from '../../domain/contract/terms.js'
import { bucketGet } from '../../domain/shared/bucketMap.js'
import { type DomainError, domainError } from '../../domain/shared/decider.js'
import { addDays, isLocalDate, type LocalDate } from '../../domain/shared/localTime.js'
import { handleCommand } from '../commands/handleCommand.js'
import type { CustomerReader } from '../customers/customerReader.js'
import { type BranchRestriction, branchDenied, type FleetBranchLookup } from '../customers/fleetBranchScope.js'
import { newIdFor, type RequestMeta } from '../customers/requestMeta.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import type { Filter } from '../ports/documentStore.js'
import type { EventStore } from '../ports/eventStore.js'
import type { ReadModelReader } from '../queries/readModelReader.js'
import type { Page, Paging } from '../queries/viewer.js'
import {
  CONTRACTS,
  type ContractDoc,
  type ContractListItem,
  type ContractView,
  type CoverageDoc,
  contractView,
  coverageRows,
} from './contractViews.js'
import { CoverageGuard } from './coverageGuard.js'
import { KeyedLock } from './keyedLock.js'
import { type ReadModelSync, readModelBehind } from './readModelSync.js'

export interface NewContract {
  readonly contractId?: string
  /** The printed number; `UM/<year>/<id>` when left out. */
  readonly contractNumber?: string
  readonly holder: ContractHolder
  readonly currency: string
  readonly timeZone: string
  readonly validFrom: LocalDate
  readonly validTo: LocalDate | null
  readonly terms: ContractTerms
}

export type ContractChange =
  | {
      readonly kind: 'AmendContract'
      readonly amendmentId?: string
      readonly effectiveFrom: LocalDate
      readonly terms: ContractTerms
      readonly reason: string
    }
  | { readonly kind: 'RenewContract'; readonly validTo: LocalDate | null; readonly terms: ContractTerms | null }
  | { readonly kind: 'TerminateContract'; readonly lastDay: LocalDate; readonly reason: string }

export interface ContractListQuery {
  readonly fleetId?: string
  readonly customerId?: string
  /** Only contracts in force (by their dates) on this local date. */
  readonly activeOn?: LocalDate
}

export interface ContractServiceDeps {
  readonly store: EventStore
  readonly catalogue: EventCatalogue
  readonly readModels: ReadModelReader
  readonly sync: ReadModelSync
  readonly customers: CustomerReader
  /**
   * Branch-restricted fleet managers (customers/fleetBranchScope.ts) see only the contracts that
   * cover a vehicle of their branches, and of those the due services of their branches' vehicles.
   */
  readonly branches?: FleetBranchLookup
}

const roleDenied = (message: string): DomainError => domainError('forbidden', 'ROLE_NOT_ALLOWED', message)
export const contractNotFound = (contractId: string): DomainError =>
  domainError('not_found', 'CONTRACT_NOT_FOUND', `no contract ${contractId}`)

const holderKey = (holder: ContractHolder): string =>
  holder.kind === 'fleet' ? `fleet:${holder.fleetId}` : `customer:${holder.customerId}`

const ownerOf = (holder: ContractHolder) =>
  holder.kind === 'fleet' ? { fleetId: holder.fleetId } : { customerId: holder.customerId }

/** Whether any version of the contract covers a vehicle of the restricted manager's branches. */
function coversBranches(versions: ReadonlyArray<TermsVersion>, restricted: BranchRestriction): boolean {
  return versions.some((v) => v.terms.coverage.equipmentIds.some((id) => restricted.allows(id)))
}

export class ContractService {
  private readonly lock = new KeyedLock()
  private readonly guard: CoverageGuard

  constructor(private readonly deps: ContractServiceDeps) {
    this.guard = new CoverageGuard(deps.store, deps.catalogue)
  }

  async sign(by: Principal, input: NewContract, meta: RequestMeta): Promise<Either<DomainError, ContractView>> {
    if (by.role !== 'head_office') return left(roleDenied('only head office signs contracts'))
    const holderProblem = await this.holderProblems(input.holder, input.terms)
    if (holderProblem) return left(holderProblem)
    const contractId = input.contractId ?? newIdFor('ctr', meta)
    const contractNumber =
      input.contractNumber ?? `UM/${input.validFrom.slice(0, 4)}/${contractId.slice(-8).toUpperCase()}`
    const outcome = await this.lock.run(holderKey(input.holder), async () => {
      const others = await this.otherCoverage(input.terms.coverage.equipmentIds)
      if (isLeft(others)) return others
      return this.guarded(
        by,
        {
          kind: 'SignContract',
          contractId,
          contractNumber,
          holder: input.holder,
          currency: input.currency,
          timeZone: input.timeZone,
          validFrom: input.validFrom,
          validTo: input.validTo,
          terms: input.terms,
          otherContracts: others.right,
          actor: actorOf(by),
          now: meta.now,
        },
        meta,
      )
    })
    return isLeft(outcome) ? outcome : this.get(by, contractId, {})
  }

  async change(
    by: Principal,
    contractId: string,
    change: ContractChange,
    meta: RequestMeta,
  ): Promise<Either<DomainError, ContractView>> {
    if (by.role !== 'head_office') return left(roleDenied('only head office changes contracts'))
    const current = await this.load(contractId)
    if (current.status === 'none' || current.holder === null) return left(contractNotFound(contractId))
    const holder = current.holder
    if (change.kind !== 'TerminateContract' && change.terms) {
      const problem = await this.holderProblems(holder, change.terms)
      if (problem) return left(problem)
    }
    const outcome = await this.lock.run(holderKey(holder), async () => {
      const actor = actorOf(by)
      if (change.kind === 'TerminateContract')
        return this.guarded(by, { ...change, contractId, actor, now: meta.now }, meta)
      const latest = current.versions.at(-1)?.terms
      const covered = new Set([
        ...(change.terms?.coverage.equipmentIds ?? []),
        ...(change.kind === 'RenewContract' ? (latest?.coverage.equipmentIds ?? []) : []),
      ])
      const others = await this.otherCoverage([...covered])
      if (isLeft(others)) return others
      if (change.kind === 'AmendContract')
        return this.guarded(
          by,
          {
            ...change,
            amendmentId: change.amendmentId ?? newIdFor('amd', meta, contractId),
            contractId,
            otherContracts: others.right,
            actor,
            now: meta.now,
          },
          meta,
        )
      return this.guarded(by, { ...change, contractId, otherContracts: others.right, actor, now: meta.now }, meta)
    })
    return isLeft(outcome) ? outcome : this.get(by, contractId, {})
  }

  /** The contract as it stands (or as known at `knownAt`), and its terms on `asOf`. */
  async get(
    by: Principal,
    contractId: string,
    options: { readonly asOf?: LocalDate; readonly knownAt?: string },
  ): Promise<Either<DomainError, ContractView>> {
    const events = await this.events(contractId)
    const state = contractFrom(events, options.knownAt ?? null)
    if (state.status === 'none' || state.holder === null) return left(contractNotFound(contractId))
    if (!this.maySee(by, state.holder)) return left(this.denied(by))
    const restricted = await this.restrictionOf(by)
    if (restricted && !coversBranches(state.versions, restricted)) return left(branchDenied('the contract'))
    const view = contractView(state)
    if (options.asOf === undefined) return right(view)
    const on = termsOn(state, options.asOf)
    return right({
      ...view,
      asOf: on === null ? null : { date: options.asOf, termsEffectiveFrom: on.termsEffectiveFrom, terms: on.terms },
    })
  }

  async dueServices(
    by: Principal,
    contractId: string,
    from: LocalDate,
    to: LocalDate,
  ): Promise<Either<DomainError, ReadonlyArray<DueService>>> {
    if (!isLocalDate(from) || !isLocalDate(to) || to < from || to > addDays(from, 366))
      return left(
        domainError('invalid', 'CONTRACT_INVALID', 'the period is invalid', [
          { path: 'to', message: 'from and to are dates YYYY-MM-DD, to not before from, at most a year apart' },
        ]),
      )
    const state = await this.load(contractId)
    if (state.status === 'none' || state.holder === null) return left(contractNotFound(contractId))
    if (!this.maySee(by, state.holder)) return left(this.denied(by))
    const restricted = await this.restrictionOf(by)
    if (!restricted) return right(dueServicesOf(state, from, to))
    if (!coversBranches(state.versions, restricted)) return left(branchDenied('the contract'))
    return right(dueServicesOf(state, from, to).filter((d) => restricted.allows(d.equipmentId)))
  }

  async list(
    by: Principal,
    query: ContractListQuery,
    paging: Paging,
  ): Promise<Either<DomainError, Page<ContractListItem>>> {
    const filter: Filter = {}
    if (by.role === 'head_office') {
      if (query.fleetId) filter.fleetId = query.fleetId
      if (query.customerId) filter.customerId = query.customerId
    } else if (by.tenant.scope === 'fleet') {
      if ((query.fleetId !== undefined && query.fleetId !== by.tenant.fleetId) || query.customerId !== undefined)
        return left(this.denied(by))
      filter.fleetId = by.tenant.fleetId
      // A branch-restricted manager: the contracts covering a vehicle of his branches.
      const restricted = await this.restrictionOf(by)
      if (restricted) {
        const coverage = await this.deps.readModels.collection<CoverageDoc>(CONTRACTS.projection, CONTRACTS.coverage)
        const covering = await coverage.find(
          { equipmentId: { $in: restricted.equipmentIds() } },
          { projection: { contractId: 1 } },
        )
        filter.contractId = { $in: [...new Set(covering.map((c) => c.contractId))] }
      }
    } else if (by.tenant.scope === 'customer') {
      if ((query.customerId !== undefined && query.customerId !== by.tenant.customerId) || query.fleetId !== undefined)
        return left(this.denied(by))
      filter.customerId = by.tenant.customerId
    } else return left(roleDenied('contracts are for head office and their holders'))
    if (query.activeOn) {
      filter.validFrom = { $lte: query.activeOn }
      filter.$or = [{ validTo: null }, { validTo: { $gte: query.activeOn } }]
    }
    const contracts = await this.deps.readModels.collection<ContractDoc>(CONTRACTS.projection, CONTRACTS.contracts)
    const total = await contracts.count(filter)
    const docs = await contracts.find(filter, {
      sort: { validFrom: -1, _id: 1 },
      skip: paging.offset,
      limit: paging.limit,
    })
    return right({
      items: docs.map((d) => {
        const latest = d.versions.at(-1)?.terms
        return {
          contractId: d.contractId,
          contractNumber: d.contractNumber,
          holder: d.holder,
          validFrom: d.validFrom,
          validTo: d.validTo,
          status: d.status,
          vehicles: latest?.coverage.equipmentIds.length ?? 0,
          services: latest?.coverage.serviceCodes ?? [],
        }
      }),
      total,
      limit: paging.limit,
      offset: paging.offset,
    })
  }

  /** The contract's events, decoded (for `contractAsOf`, billing, tickets' SLA). */
  async events(contractId: string): Promise<ContractEvent[]> {
    const out: ContractEvent[] = []
    for await (const recorded of this.deps.store.readStream(contractStream(contractId)))
      out.push(this.deps.catalogue.decode(recorded) as ContractEvent)
    return out
  }

  async load(contractId: string): Promise<ContractState> {
    return contractFrom(await this.events(contractId))
  }

  /** Coverage of other contracts on these vehicles, read once the read model has caught up. */
  private async otherCoverage(equipmentIds: ReadonlyArray<string>): Promise<Either<DomainError, CoveragePeriod[]>> {
    if (!(await this.deps.sync.caughtUp(CONTRACTS.projection))) return left(readModelBehind(CONTRACTS.projection))
    if (equipmentIds.length === 0) return right([])
    const coverage = await this.deps.readModels.collection<CoverageDoc>(CONTRACTS.projection, CONTRACTS.coverage)
    return right(coverageRows(await coverage.find({ equipmentId: { $in: [...equipmentIds] } })))
  }

  /** The holder exists, and a fleet's contract covers only the fleet's vehicles in service. */
  private async holderProblems(holder: ContractHolder, terms: ContractTerms): Promise<DomainError | null> {
    if (holder.kind === 'customer') {
      const customer = await this.deps.customers.customer(holder.customerId)
      return customer.status === 'none'
        ? domainError('invalid', 'CONTRACT_INVALID', 'the contract’s holder does not exist', [
            { path: 'holder.customerId', message: `no customer ${holder.customerId}` },
          ])
        : null
    }
    const fleet = await this.deps.customers.fleet(holder.fleetId)
    if (fleet.status === 'none')
      return domainError('invalid', 'CONTRACT_INVALID', 'the contract’s holder does not exist', [
        { path: 'holder.fleetId', message: `no fleet ${holder.fleetId}` },
      ])
    const fields = terms.coverage.equipmentIds.flatMap((id, i) =>
      bucketGet(fleet.vehicles, id)?.inService
        ? []
        : [
            {
              path: `terms.coverage.equipmentIds[${i}]`,
              message: `${id} is not a vehicle in service of fleet ${holder.fleetId}`,
            },
          ],
    )
    return fields.length === 0
      ? null
      : domainError(
          'invalid',
          'CONTRACT_INVALID',
          'the contract covers vehicles outside the fleet',
          fields.slice(0, 50),
        )
  }

  private async restrictionOf(by: Principal): Promise<BranchRestriction | null> {
    return this.deps.branches ? this.deps.branches.restrictionOf(by) : null
  }

  private maySee(by: Principal, holder: ContractHolder): boolean {
    if (by.role === 'head_office') return true
    if (by.tenant.scope !== 'fleet' && by.tenant.scope !== 'customer') return false
    return tenantCanAccess(by.tenant, ownerOf(holder))
  }

  private denied(by: Principal): DomainError {
    return by.tenant.scope === 'fleet' || by.tenant.scope === 'customer'
      ? domainError('forbidden', 'TENANT_ACCESS_DENIED', 'the contract belongs to another fleet or customer')
      : roleDenied('contracts are for head office and their holders')
  }

  /**
   * Decides the command on the contract as it stands; when it would be accepted, claims the coverage
   * it leads to on each vehicle's coverage stream (CoverageGuard: safe across processes) before
   * appending, and withdraws the claims if the append does not happen. A refusal, or a retried
   * request whose events are already written, goes straight to handleCommand, which answers it.
   */
  private async guarded(
    by: Principal,
    command: ContractCommand,
    meta: RequestMeta,
  ): Promise<Either<DomainError, unknown>> {
    const before = await this.load(command.contractId)
    const decided = contractDecider.decide(command, before)
    if (isLeft(decided) || decided.right.length === 0) return this.handle(by, command, meta)
    const after = decided.right.reduce(contractDecider.evolve, before)
    const claims = await this.guard.claim(command.contractId, before, after, actorOf(by), meta)
    if (isLeft(claims)) return claims
    let outcome: Either<DomainError, unknown>
    try {
      outcome = await this.handle(by, command, meta)
    } catch (error) {
      await claims.right.withdraw().catch(() => undefined)
      throw error
    }
    if (isLeft(outcome)) await claims.right.withdraw()
    return outcome
  }

  private async handle(
    by: Principal,
    command: ContractCommand,
    meta: RequestMeta,
  ): Promise<Either<DomainError, unknown>> {
    return handleCommand({
      store: this.deps.store,
      catalogue: this.deps.catalogue,
      decider: contractDecider,
      streamId: contractStream(command.contractId),
      command,
      context: { ...meta, actor: actorOf(by) },
    })
  }
}
