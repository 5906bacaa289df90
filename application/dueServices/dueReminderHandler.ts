// Carries out a due-service reminder job when it fires:
//   1. Is the item still due, on that date? (recomputed from the log as of now: a reminder whose
//      item moved or went away since is skipped, so a stale reminder is never sent even in the
//      instant between a change being appended and the policy moving the job);
//   2. propose a visit (VisitProposalService: the usual point, a free slot, a link code);
//   3. record DueServiceReminded on `dueservice-<equipmentId>` with the proposal or why there is none;
//   4. hand the message to the notifications (`onReminded`: a message job for the dispatcher).
// Every step is idempotent (deterministic proposal id and command ids, event id from the job id),
// so a retried or re-run job changes nothing it already did.
import { isLeft } from 'fp-ts/lib/Either.js'
import type { DueItem } from '../../domain/due-service/dueItems.js'
import { isDueKind } from '../../domain/due-service/dueItems.js'
import { dueServiceStream, type NoProposalReason } from '../../domain/due-service/events.js'
import { SYSTEM_ACTOR } from '../../domain/shared/actor.js'
import { type CommandContext, deterministicUuid } from '../commands/commandContext.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import type { Clock } from '../leases/clock.js'
import type { EventStore } from '../ports/eventStore.js'
import type { JobContext } from '../ports/jobQueue.js'
import { PermanentJobFailure } from '../ports/jobQueue.js'
import { DUE_REMINDER_JOB, dueReminderJobId } from './dueReminderJobs.js'
import { DueServiceReconciler } from './dueServiceReconciler.js'
import { isNoProposal, VisitProposalService } from './visitProposalService.js'

/** What a fired reminder stands for, handed to whoever sends the message. */
export interface FiredReminder {
  readonly reminderId: string
  readonly item: DueItem
  readonly proposalId: string | null
  readonly remindedEventId: string
  readonly correlationId: string
}

export interface DueReminderHandlerDeps {
  readonly events: EventStore
  readonly catalogue: EventCatalogue
  readonly reconciler: DueServiceReconciler
  readonly proposals: VisitProposalService
  readonly clock: Clock
  /** Schedules the message (idempotently); absent: the reminder is recorded, no message sent. */
  readonly onReminded?: (fired: FiredReminder) => Promise<void>
  readonly log?: (line: string) => void
}

export type DueReminderOutcome = 'reminded' | 'not_due'

export class DueReminderHandler {
  constructor(private readonly deps: DueReminderHandlerDeps) {}

  handles(name: string): boolean {
    return name === DUE_REMINDER_JOB
  }

  async handle(job: JobContext): Promise<DueReminderOutcome> {
    const p = job.payload
    const { equipmentId, kind, ref, dueDate } = p
    if (typeof equipmentId !== 'string' || !isDueKind(kind) || typeof ref !== 'string' || typeof dueDate !== 'string')
      throw new PermanentJobFailure(`job ${job.id}: not a due-service reminder payload`)
    const now = new Date(this.deps.clock.now()).toISOString()
    const snapshot = await this.deps.reconciler.snapshot(equipmentId, now)
    const item = DueServiceReconciler.reminded(snapshot).find((i) => dueReminderJobId(i) === job.id)
    if (!item) {
      this.deps.log?.(
        `${job.id}: ${kind} of ${equipmentId} on ${dueDate} is not due any more (or a visit is booked); nothing sent`,
      )
      return 'not_due'
    }
    const correlationId = deterministicUuid(`due-reminder|${job.id}`)
    const context: CommandContext = {
      actor: SYSTEM_ACTOR,
      correlationId,
      causationId: null,
      now,
      commandId: `due-reminder|${job.id}|propose`,
    }
    const proposalId = VisitProposalService.proposalIdForReminder(job.id)
    let madeProposal: string | null = null
    let reason: NoProposalReason | null = null
    const existing = await this.deps.proposals.load(proposalId)
    if (existing.status !== 'none') madeProposal = proposalId
    else {
      const made = await this.deps.proposals.propose(item, snapshot.equipment, proposalId, context)
      if (isLeft(made)) {
        const refusal = made.left
        // A conflict (a write race) may pass: retry the job. Any other refusal will not: remind without a visit.
        if (!isNoProposal(refusal) && refusal.kind === 'conflict')
          throw new Error(`${job.id}: proposing a visit failed: ${refusal.message}`)
        reason = isNoProposal(refusal) ? refusal.noProposal : refusal.kind === 'not_found' ? 'no_point' : 'no_free_slot'
        this.deps.log?.(
          `${job.id}: no visit proposed (${reason}): ${isNoProposal(refusal) ? refusal.detail : `${refusal.code} ${refusal.message}`}`,
        )
      } else madeProposal = proposalId
    }
    const remindedEventId = deterministicUuid(`due-reminded|${job.id}`)
    const checked = this.deps.catalogue.encode({
      type: 'DueServiceReminded',
      data: {
        due: { equipmentId, kind, ref, dueDate },
        reminderId: job.id,
        proposalId: madeProposal,
        noProposalReason: reason,
        at: now,
      },
    })
    await this.deps.events.appendToStream(
      dueServiceStream(equipmentId),
      [
        {
          type: 'DueServiceReminded',
          data: checked.data,
          metadata: {
            eventId: remindedEventId,
            correlationId,
            causationId: null,
            actor: SYSTEM_ACTOR,
            occurredAt: now,
            schemaVersion: checked.schemaVersion,
          },
        },
      ],
      { expectedRevision: 'any' },
    )
    await this.deps.onReminded?.({ reminderId: job.id, item, proposalId: madeProposal, remindedEventId, correlationId })
    return 'reminded'
  }
}
