// Keeps the job queue's due-service reminders equal to what is due. For one equipment: compute its
// due items from its stream and the streams of the contracts covering it (as of a moment), compare
// their reminder job ids with the ledger, schedule the new ones, remove the ones no longer due
// (a moved date is a new id: the old job is removed and the new one scheduled), then write the
// ledger. Called by the leased policy subscriber for every event that can change what is due.

import { contractDecider, contractStream } from '../../domain/contract/contractDecider.js'
import type { ContractState } from '../../domain/contract/contractTimeline.js'
import {
  contractDueItems,
  DEFAULT_DUE_SERVICE_RULES,
  type DueItem,
  type DueServiceRules,
  equipmentCoveredByContract,
  equipmentDueItems,
  isOutOfService,
} from '../../domain/due-service/dueItems.js'
import { type EquipmentState, equipmentDecider, equipmentStream } from '../../domain/equipment/equipmentDecider.js'
import { loadState } from '../commands/handleCommand.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import type { DocumentStore } from '../ports/documentStore.js'
import type { EventStore } from '../ports/eventStore.js'
import type { JobQueue } from '../ports/jobQueue.js'
import {
  DEFAULT_LEAD_DAYS,
  dueReminderJob,
  dueReminderJobId,
  type ReminderLeadDays,
  reminderRunAt,
} from './dueReminderJobs.js'
import { DueServiceLedger, type LedgerJob } from './dueServiceLedger.js'

export interface DueServicesDeps {
  readonly events: EventStore
  readonly catalogue: EventCatalogue
  readonly documents: DocumentStore
  /** Needed to reconcile (the worker); reading what is due (the API) needs none. */
  readonly queue?: JobQueue
  readonly rules?: DueServiceRules
  readonly leadDays?: ReminderLeadDays
  readonly attempts?: number
  readonly backoffMs?: number
}

export interface DueSnapshot {
  readonly equipment: EquipmentState
  readonly contracts: ReadonlyArray<ContractState>
  /** Everything due, booked or not. */
  readonly items: ReadonlyArray<DueItem>
  /** Reminder ids of the items a visit was accepted for (they get no reminder). */
  readonly booked: ReadonlySet<string>
}

export interface ReconcileOutcome {
  readonly scheduled: ReadonlyArray<string>
  readonly removed: ReadonlyArray<string>
  readonly kept: number
}

/** Contract states loaded once per batch of work (a fleet contract covers thousands of vehicles). */
export type ContractCache = Map<string, Promise<ContractState>>

export class DueServiceReconciler {
  readonly ledger: DueServiceLedger
  readonly rules: DueServiceRules
  readonly leadDays: ReminderLeadDays

  constructor(private readonly deps: DueServicesDeps) {
    this.ledger = new DueServiceLedger(deps.documents)
    this.rules = deps.rules ?? DEFAULT_DUE_SERVICE_RULES
    this.leadDays = deps.leadDays ?? DEFAULT_LEAD_DAYS
  }

  async equipment(equipmentId: string): Promise<EquipmentState> {
    return (await loadState(this.deps.events, this.deps.catalogue, equipmentDecider, equipmentStream(equipmentId)))
      .state
  }

  async contract(contractId: string, cache?: ContractCache): Promise<ContractState> {
    const cached = cache?.get(contractId)
    if (cached) return cached
    const loading = loadState(this.deps.events, this.deps.catalogue, contractDecider, contractStream(contractId)).then(
      (loaded) => loaded.state,
    )
    cache?.set(contractId, loading)
    return loading
  }

  /** What is due for the equipment as of `asOf`, from its stream and its contracts' streams. */
  async snapshot(equipmentId: string, asOf: string, cache?: ContractCache): Promise<DueSnapshot> {
    const [equipment, { contractIds, booked }] = await Promise.all([
      this.equipment(equipmentId),
      this.ledger.ofEquipment(equipmentId),
    ])
    const contracts = await Promise.all(contractIds.map((id) => this.contract(id, cache)))
    const items = [
      ...equipmentDueItems(equipment, asOf, this.rules),
      ...(isOutOfService(equipment)
        ? []
        : contracts.flatMap((c) => contractDueItems(c, equipmentId, asOf, this.rules))),
    ].sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.kind.localeCompare(b.kind) || a.ref.localeCompare(b.ref))
    return { equipment, contracts, items, booked: new Set(booked) }
  }

  /** The items that still want a reminder: due and not booked. */
  static reminded(snapshot: DueSnapshot): DueItem[] {
    return snapshot.items.filter((item) => !snapshot.booked.has(dueReminderJobId(item)))
  }

  /**
   * The queue lost its jobs (Redis without its data): the ledger forgets them, so that the replay of
   * the log (the policy subscriber rewound) schedules every reminder again. Returns the equipment count.
   */
  async queueLost(): Promise<number> {
    return this.ledger.forgetQueuedJobs()
  }

  /** Brings the equipment's reminder jobs in line with what is due as of `asOf`. */
  async reconcile(equipmentId: string, asOf: string, cache?: ContractCache): Promise<ReconcileOutcome> {
    const queue = this.deps.queue
    if (!queue) throw new Error('DueServiceReconciler: reconciling needs a job queue')
    const [snapshot, ledger] = await Promise.all([
      this.snapshot(equipmentId, asOf, cache),
      this.ledger.ofEquipment(equipmentId),
    ])
    const items = DueServiceReconciler.reminded(snapshot)
    const asOfMs = Date.parse(asOf)
    const known = new Map(ledger.jobs.map((j) => [j.id, j]))
    const wanted = new Map(items.map((item) => [dueReminderJobId(item), item]))
    const toSchedule = [...wanted].filter(([id]) => !known.has(id))
    const toRemove = ledger.jobs.filter((j) => !wanted.has(j.id))
    const scheduled: LedgerJob[] = []
    if (toSchedule.length > 0) {
      const specs = toSchedule.map(([, item]) =>
        dueReminderJob(item, reminderRunAt(item, this.leadDays, asOfMs), {
          ...(this.deps.attempts !== undefined ? { attempts: this.deps.attempts } : {}),
          ...(this.deps.backoffMs !== undefined ? { backoffMs: this.deps.backoffMs } : {}),
        }),
      )
      await queue.scheduleMany(specs)
      for (const s of specs) scheduled.push({ id: s.id, runAt: s.runAt })
    }
    for (const job of toRemove) await queue.cancel(job.id)
    const jobs = [...ledger.jobs.filter((j) => wanted.has(j.id)), ...scheduled].sort((a, b) => a.id.localeCompare(b.id))
    // Booked ids of items no longer due are forgotten.
    const due = new Set(snapshot.items.map(dueReminderJobId))
    const booked = ledger.booked.filter((id) => due.has(id))
    if (toSchedule.length > 0 || toRemove.length > 0 || booked.length !== ledger.booked.length)
      await this.ledger.saveEquipment(equipmentId, { jobs, contractIds: ledger.contractIds, booked })
    return {
      scheduled: scheduled.map((j) => j.id),
      removed: toRemove.map((j) => j.id),
      kept: jobs.length - scheduled.length,
    }
  }

  /**
   * A visit was accepted for a due item: it needs no reminder any more (the booking's own reminders
   * take over). Recorded in the ledger, then the equipment reconciled.
   */
  async visitBooked(
    due: Pick<DueItem, 'equipmentId' | 'kind' | 'ref' | 'dueDate'>,
    asOf: string,
  ): Promise<ReconcileOutcome> {
    const ledger = await this.ledger.ofEquipment(due.equipmentId)
    const id = dueReminderJobId(due)
    if (!ledger.booked.includes(id))
      await this.ledger.saveEquipment(due.equipmentId, { ...ledger, booked: [...ledger.booked, id] })
    return this.reconcile(due.equipmentId, asOf)
  }

  /**
   * A contract changed: every equipment it covers now or covered before gets its contract list
   * updated and its reminders reconciled; then the contract's own entry is saved.
   */
  async contractChanged(
    contractId: string,
    asOf: string,
    cache: ContractCache = new Map(),
  ): Promise<ReconcileOutcome[]> {
    cache.delete(contractId)
    const contract = await this.contract(contractId, cache)
    const covered = equipmentCoveredByContract(contract)
    const before = await this.ledger.equipmentOfContract(contractId)
    const affected = [...new Set([...before, ...covered])].sort()
    const coveredSet = new Set(covered)
    const outcomes: ReconcileOutcome[] = []
    for (const equipmentId of affected) {
      const ledger = await this.ledger.ofEquipment(equipmentId)
      const has = ledger.contractIds.includes(contractId)
      const should = coveredSet.has(equipmentId)
      if (has !== should)
        await this.ledger.saveEquipment(equipmentId, {
          ...ledger,
          contractIds: should
            ? [...ledger.contractIds, contractId]
            : ledger.contractIds.filter((id) => id !== contractId),
        })
      outcomes.push(await this.reconcile(equipmentId, asOf, cache))
    }
    await this.ledger.saveContract(contractId, covered)
    return outcomes
  }
}
