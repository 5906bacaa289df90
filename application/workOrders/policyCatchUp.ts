// The leased catch-up of the repair policies: follows the log from a checkpoint and, for every work
// order event a policy reacts to, replays its reactions (PolicyRunner.replay). The service runs
// them synchronously right after the order's append (policyRunner.ts); a process that dies between
// the two appends leaves them undone, and this runner does them on its next pass, in whichever
// process holds the lease (`subscriber:repair-policies`).
//
// Exactly once: every reaction's command id is `policy|<triggering event id>|<policy>`, so its
// events' ids are fixed; a reaction the service already did is found by handleCommand and nothing
// is appended again, and so is one this runner did before a crash that cost it its checkpoint.
// A grace period (default 5 s) leaves the service time to react first, so the runner normally
// finds everything done and only reads: an event that arrives live is replayed `graceMs` after the
// runner saw it; one read from the backlog (after a restart) `graceMs` after it was recorded, so a
// backlog is worked through without waiting. Counting from arrival for live events also keeps the
// runner from racing writers that record an order's events and their effects themselves, with
// instants of their own (tools and tests writing histories straight through the deciders).
//
// What `after` means here: the service reacts with the order's state after the whole request
// (all its steps). The runner rebuilds it by folding the order up to the trigger and on through the
// events of the same request (same correlation id and time), and also folds to the end for the
// order as it is now, against which a late replay is judged.
//
// What it logs: one line per trigger whose replay appended something (reactions that were really
// lost). Reactions found already done under their command ids, the normal case, are only counted
// (replayCounts(), and the running total on the next line logged).
import { SYSTEM_ACTOR } from '../../domain/shared/actor.js'
import type { WorkOrderEvent } from '../../domain/work-order/events.js'
import { workOrderDecider } from '../../domain/work-order/workOrderDecider.js'
import type { WorkOrderState } from '../../domain/work-order/workOrderState.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import { PolicySubscriber } from '../jobs/policySubscriber.js'
import { type Clock, systemClock } from '../leases/clock.js'
import { sleep } from '../leases/heldLease.js'
import type { DocumentStore } from '../ports/documentStore.js'
import type { EventStore, RecordedEvent } from '../ports/eventStore.js'
import type { PolicyNote, PolicyRunner } from './policyRunner.js'
import { POLICY_EVENT_TYPES } from './repairPolicies.js'

export const POLICY_CATCH_UP_NAME = 'repair-policies'

export interface PolicyCatchUpOptions {
  readonly events: EventStore
  readonly documents: DocumentStore
  readonly catalogue: EventCatalogue
  readonly policies: PolicyRunner
  readonly clock?: Clock
  /** How long after an event was recorded the runner replays it (the service goes first). Default 5 s. */
  readonly graceMs?: number
  readonly holder?: string
  /** Default true: with no saved checkpoint, start at the log's head (see PolicySubscriber). */
  readonly startAtHead?: boolean
  readonly leaseTtlMs?: number
  readonly leaseRetryMs?: number
  /** What each replayed trigger's reactions did: 'applied' ones were lost and are now done. */
  readonly onReplayed?: (trigger: RecordedEvent, notes: ReadonlyArray<PolicyNote>) => void
  readonly log?: (line: string) => void
}

const HANDLED = new Set<string>(POLICY_EVENT_TYPES)

/** What the runner's replays found, since it was built. */
export interface ReplayCounts {
  /** Triggers replayed (work-order events a policy reacts to). */
  readonly triggers: number
  /** Reactions that appended something now: lost, and now done. */
  readonly appended: number
  /** Reactions found done under their command ids: nothing appended. */
  readonly alreadyDone: number
  /** Reactions with nothing to do (judged against the order now) or refused by their target. */
  readonly other: number
}

export function policyCatchUp(options: PolicyCatchUpOptions): PolicySubscriber & { replayCounts(): ReplayCounts } {
  const clock = options.clock ?? systemClock
  const graceMs = options.graceMs ?? 5_000
  const log = options.log ?? ((line: string) => console.error(`[${POLICY_CATCH_UP_NAME}] ${line}`))
  const counts = { triggers: 0, appended: 0, alreadyDone: 0, other: 0 }
  const subscriber = new PolicySubscriber({
    name: POLICY_CATCH_UP_NAME,
    events: options.events,
    documents: options.documents,
    handles: (type) => HANDLED.has(type),
    // Its first start begins at the head: on a fresh install nothing was lost before it, and an
    // installation upgraded to it does not replay its whole past (startAtHead: false would).
    startAtHead: options.startAtHead ?? true,
    ...(options.holder ? { holder: options.holder } : {}),
    ...(options.leaseTtlMs !== undefined ? { leaseTtlMs: options.leaseTtlMs } : {}),
    ...(options.leaseRetryMs !== undefined ? { leaseRetryMs: options.leaseRetryMs } : {}),
    clock,
    log,
    react: async (recorded, signal, batch) => {
      if (!recorded.streamId.startsWith('workorder-')) return
      const recordedAt = Date.parse(recorded.metadata.occurredAt)
      const due = (batch.live ? Math.max(recordedAt, batch.receivedAt) : recordedAt) + graceMs
      const wait = due - clock.now()
      if (wait > 0) await sleep(Math.min(wait, graceMs), signal)
      if (signal.aborted) return
      const { after, current, laterTypes } = await foldAround(options, recorded)
      const notes = await options.policies.replay(
        { event: options.catalogue.decode(recorded) as WorkOrderEvent, eventId: recorded.metadata.eventId },
        after,
        current,
        laterTypes,
        { correlationId: recorded.metadata.correlationId, now: recorded.metadata.occurredAt },
      )
      const done = notes.filter((n) => n.outcome === 'applied' && !n.alreadyDone)
      const foundDone = notes.filter((n) => n.outcome === 'applied' && n.alreadyDone).length
      counts.triggers++
      counts.appended += done.length
      counts.alreadyDone += foundDone
      counts.other += notes.length - done.length - foundDone
      if (done.length > 0)
        log(
          `replayed ${recorded.type} ${recorded.metadata.eventId} of ${recorded.streamId}: ${done.map((n) => n.policy).join(', ')} (${counts.alreadyDone} reaction(s) found already done so far)`,
        )
      options.onReplayed?.(recorded, notes)
    },
  })
  return Object.assign(subscriber, { replayCounts: (): ReplayCounts => ({ ...counts }) })
}

/** The order after the trigger's request, the order now, and the event types recorded after that request. */
async function foldAround(
  { events, catalogue }: PolicyCatchUpOptions,
  trigger: RecordedEvent,
): Promise<{ after: WorkOrderState; current: WorkOrderState; laterTypes: Set<string> }> {
  let state = workOrderDecider.initialState
  let after: WorkOrderState | null = null
  const laterTypes = new Set<string>()
  const sameRequest = (e: RecordedEvent) =>
    e.metadata.correlationId === trigger.metadata.correlationId &&
    e.metadata.occurredAt === trigger.metadata.occurredAt &&
    e.metadata.actor.role !== SYSTEM_ACTOR.role
  for await (const e of events.readStream(trigger.streamId)) {
    if (after === null && e.revision > trigger.revision && !sameRequest(e)) after = state
    if (after !== null) laterTypes.add(e.type)
    state = workOrderDecider.evolve(state, catalogue.decode(e) as WorkOrderEvent)
  }
  return { after: after ?? state, current: state, laterTypes }
}
