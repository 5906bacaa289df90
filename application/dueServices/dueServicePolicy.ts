// The due-service reminder policy as a leased, checkpointed subscriber (application/jobs/
// policySubscriber.ts): every event that can change what falls due for an equipment reconciles that
// equipment's reminder jobs (dueServiceReconciler.ts) before the checkpoint moves past it.
//   - equipment events (dates, mileage, tyres and tread, recommendations, status, owner);
//   - contract events (signed, amended, renewed, terminated): every vehicle covered before or after;
//   - DueServiceReminded: a reminder fired, so the next occurrence of a schedule comes into reach;
//   - VisitProposalAccepted: a visit is booked for the item, whose reminder is then removed.
// The queue is changed inside the handler, then the ledger, then (by the subscriber) the
// checkpoint: a crash anywhere repeats the event, which computes the same jobs again.
import { contractEventCodecs } from '../../domain/contract/events.js'
import type { DueServiceEvent } from '../../domain/due-service/events.js'
import { equipmentEventCodecs } from '../../domain/equipment/events.js'
import type { VisitProposalEvent } from '../../domain/visit-proposal/events.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import { PolicySubscriber, type PolicySubscriberOptions } from '../jobs/policySubscriber.js'
import type { DocumentStore } from '../ports/documentStore.js'
import type { EventStore, RecordedEvent } from '../ports/eventStore.js'
import type { JobQueue } from '../ports/jobQueue.js'
import type { ContractCache, DueServiceReconciler } from './dueServiceReconciler.js'

export const DUE_SERVICE_REMINDERS = 'due-service-reminders'

const EQUIPMENT_EVENTS = new Set(Object.keys(equipmentEventCodecs))
const CONTRACT_EVENTS = new Set(Object.keys(contractEventCodecs))

export function dueServiceHandles(type: string): boolean {
  return (
    EQUIPMENT_EVENTS.has(type) ||
    CONTRACT_EVENTS.has(type) ||
    type === 'DueServiceReminded' ||
    type === 'VisitProposalAccepted'
  )
}

export interface DueServicePolicyDeps {
  readonly events: EventStore
  readonly documents: DocumentStore
  readonly queue: JobQueue
  readonly catalogue: EventCatalogue
  readonly reconciler: DueServiceReconciler
}

/** Reconciles what one event affects; the work is done on the queue itself (no ops returned). */
export async function reconcileFor(
  recorded: RecordedEvent,
  deps: Pick<DueServicePolicyDeps, 'catalogue' | 'reconciler' | 'events'>,
  cache: ContractCache = new Map(),
): Promise<void> {
  const asOf = recorded.metadata.occurredAt
  // Decoding through the catalogue refuses a malformed event instead of guessing at it.
  const event = deps.catalogue.decode(recorded) as { type: string; data: Record<string, unknown> }
  if (EQUIPMENT_EVENTS.has(event.type)) {
    await deps.reconciler.reconcile(String(event.data.equipmentId), asOf, cache)
  } else if (CONTRACT_EVENTS.has(event.type)) {
    await deps.reconciler.contractChanged(String(event.data.contractId), asOf, cache)
  } else if (event.type === 'DueServiceReminded') {
    await deps.reconciler.reconcile((event as DueServiceEvent).data.due.equipmentId, asOf, cache)
  } else if (event.type === 'VisitProposalAccepted') {
    // The proposal names the due item; its stream's first event says which.
    for await (const first of deps.events.readStream(recorded.streamId, { maxCount: 1 })) {
      const proposed = deps.catalogue.decode(first) as VisitProposalEvent
      if (proposed.type === 'VisitProposed') await deps.reconciler.visitBooked(proposed.data.due, asOf)
    }
  }
}

export function dueServiceSubscriber(
  deps: DueServicePolicyDeps,
  options: Partial<Omit<PolicySubscriberOptions, 'events' | 'documents' | 'queue' | 'handles' | 'jobsFor'>> = {},
): PolicySubscriber {
  return new PolicySubscriber({
    name: DUE_SERVICE_REMINDERS,
    ...options,
    events: deps.events,
    documents: deps.documents,
    queue: deps.queue,
    handles: dueServiceHandles,
    jobsFor: async (recorded) => {
      await reconcileFor(recorded, deps)
      return []
    },
  })
}
