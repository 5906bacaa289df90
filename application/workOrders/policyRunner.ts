// Runs the repair policies (repairPolicies.ts) for events an order just recorded.
//
// How and why: synchronously, in the service, right after the command that recorded the events,
// and idempotently. Each reaction's command id derives from the triggering event's id and the
// policy's name (`policy|<eventId>|<name>`), so running a reaction again appends the same event
// ids, which handleCommand recognises and answers with what it did the first time: a retried
// request (same Idempotency-Key, hence the same event ids) or a second runner never doubles a
// reservation or a status change. Synchronously because the people at the desk need the outcome
// now: the reservation made or the parts missing (INSUFFICIENT_STOCK with what is available)
// belongs in the answer to the approval, and the car shows "in service" the moment the order opens.
// The one gap is a crash between the order's append and its reactions. The leased catch-up
// (policyCatchUp.ts, started by composition with the other background runners) closes it: it
// follows the log from its checkpoint and replays each trigger's reactions under the same command
// ids, judged against the order's state now (replay below). A request retried with its
// Idempotency-Key closes it sooner: handleCommand answers the retry with the events appended the
// first time, and the service runs their reactions again under the same ids.
//
// A reaction the target refuses (equipment scrapped, parts missing) is reported, never thrown:
// the order's own event stands, and staff see the note.
import { type Either, isLeft } from 'fp-ts/lib/Either.js'
import { equipmentDecider, equipmentStream } from '../../domain/equipment/equipmentDecider.js'
import { SYSTEM_ACTOR } from '../../domain/shared/actor.js'
import type { DomainError } from '../../domain/shared/decider.js'
import type { StockCommand } from '../../domain/stock/commands.js'
import { type Shortage, type StockState, stockDecider, stockStream } from '../../domain/stock/stockDecider.js'
import type { WorkOrderEvent } from '../../domain/work-order/events.js'
import { CUSTOM_STATUS_PHASES, isFinal } from '../../domain/work-order/lifecycle.js'
import { workOrderDecider, workOrderStream } from '../../domain/work-order/workOrderDecider.js'
import type { WorkOrderState } from '../../domain/work-order/workOrderState.js'
import type { CommandContext } from '../commands/commandContext.js'
import { type CommandOutcome, type HandleCommandArgs, handleCommand } from '../commands/handleCommand.js'
import type { DomainEvent, EventCatalogue } from '../eventLog/eventCatalogue.js'
import type { EventStore } from '../ports/eventStore.js'
import type { StreamStateCache } from '../serviceNetwork/streamStateCache.js'
import { type RepairConfig, statusesOf } from './repairConfig.js'
import type { RepairNotifier } from './repairNotifier.js'
import { type Reaction, reactionsTo, reservationChanges } from './repairPolicies.js'

export interface PolicyNote {
  readonly policy: string
  /** The event that triggered it. */
  readonly eventType: string
  readonly outcome: 'applied' | 'unchanged' | 'refused'
  readonly code?: string
  readonly message?: string
  /** For a refused reservation: what is missing. */
  readonly shortages?: ReadonlyArray<Shortage>
  /**
   * On an 'applied' note: the reaction was found done under its command id (by the service, a
   * retried request or an earlier replay) and nothing was appended now.
   */
  readonly alreadyDone?: true
}

/** Outcomes handleCommand answered from the log (command id already applied, nothing appended). */
const foundDone = new WeakSet<object>()

async function handleReaction<Command, State, Event extends DomainEvent>(
  args: HandleCommandArgs<Command, State, Event>,
): Promise<Either<DomainError, CommandOutcome<Event>>> {
  let found = false
  const outcome = await handleCommand({
    ...args,
    onAlreadyApplied: () => {
      found = true
    },
  })
  if (found) foundDone.add(outcome)
  return outcome
}

/** 'applied' (with alreadyDone when nothing was appended now) or 'unchanged', for a successful reaction. */
function succeeded(
  outcome: Either<DomainError, CommandOutcome<DomainEvent>>,
  events: ReadonlyArray<unknown>,
): Pick<PolicyNote, 'outcome' | 'alreadyDone'> {
  if (events.length === 0) return { outcome: 'unchanged' }
  return foundDone.has(outcome) ? { outcome: 'applied', alreadyDone: true } : { outcome: 'applied' }
}

export interface PolicyRunnerDeps {
  readonly store: EventStore
  readonly catalogue: EventCatalogue
  readonly config: RepairConfig
  readonly stock: StreamStateCache<StockState>
  readonly notifier?: RepairNotifier
}

export interface Trigger {
  readonly event: WorkOrderEvent
  readonly eventId: string
}

export class PolicyRunner {
  constructor(private readonly deps: PolicyRunnerDeps) {}

  /** Runs every reaction to the triggers, in order; `after` is the order's state once they are in. */
  async react(
    triggers: ReadonlyArray<Trigger>,
    after: WorkOrderState,
    meta: { readonly correlationId: string; readonly now: string },
  ): Promise<PolicyNote[]> {
    const notes: PolicyNote[] = []
    for (const { event, eventId } of triggers)
      for (const reaction of reactionsTo(event, after)) {
        const context: CommandContext = {
          actor: SYSTEM_ACTOR,
          correlationId: meta.correlationId,
          causationId: eventId,
          now: meta.now,
          commandId: `policy|${eventId}|${reaction.name}`,
        }
        notes.push(...(await this.run(reaction, after, context, event.type)))
      }
    return notes
  }

  /**
   * The leased catch-up's replay of one logged trigger (policyCatchUp.ts): the reactions the
   * service would have run, under the same command ids (a reaction already done is answered with
   * what it did, nothing is appended twice), judged against the order as it is now:
   * - equipment status changes are skipped once a later event of the order set the status again
   *   (an "in service" replayed after the handover would be wrong);
   * - reservation changes ('reconcile', 'release_only') are computed from the order's approved
   *   parts now, and skipped when the order is closed (its closing released everything) or, for
   *   a reconcile, when a later estimate decision reconciled again;
   * - the "ready" message is not replayed: a notifier call has no id to make it idempotent.
   */
  async replay(
    trigger: Trigger,
    after: WorkOrderState,
    current: WorkOrderState,
    laterTypes: ReadonlySet<string>,
    meta: { readonly correlationId: string; readonly now: string },
  ): Promise<PolicyNote[]> {
    const notes: PolicyNote[] = []
    for (const reaction of reactionsTo(trigger.event, after)) {
      if (overtaken(reaction, current, laterTypes)) continue
      const context: CommandContext = {
        actor: SYSTEM_ACTOR,
        correlationId: meta.correlationId,
        causationId: trigger.eventId,
        now: meta.now,
        commandId: `policy|${trigger.eventId}|${reaction.name}`,
      }
      notes.push(
        ...(await this.run(reaction, reaction.target === 'stock' ? current : after, context, trigger.event.type)),
      )
    }
    return notes
  }

  private async run(reaction: Reaction, order: WorkOrderState, context: CommandContext, eventType: string) {
    const note = (
      outcome: Either<DomainError, CommandOutcome<DomainEvent>> | 'skipped',
      name = reaction.name,
    ): PolicyNote => {
      if (outcome === 'skipped') return { policy: name, eventType, outcome: 'unchanged' }
      if (isLeft(outcome)) {
        const error = outcome.left as DomainError & { shortages?: ReadonlyArray<Shortage> }
        return {
          policy: name,
          eventType,
          outcome: 'refused',
          code: error.code,
          message: error.message,
          ...(error.shortages ? { shortages: error.shortages } : {}),
        }
      }
      return { policy: name, eventType, ...succeeded(outcome, outcome.right.events) }
    }
    const { store, catalogue } = this.deps
    switch (reaction.target) {
      case 'equipment':
        return [
          note(
            await handleReaction({
              store,
              catalogue,
              decider: equipmentDecider,
              streamId: equipmentStream(reaction.command.equipmentId),
              command: reaction.command,
              context,
            }),
          ),
        ]
      case 'workorder':
        return [
          note(
            await handleReaction({
              store,
              catalogue,
              decider: workOrderDecider,
              streamId: workOrderStream(reaction.command.workOrderId),
              command: reaction.command,
              context,
            }),
          ),
        ]
      case 'notify':
        try {
          if (this.deps.notifier) await this.deps.notifier.orderReady(order)
          return [{ policy: reaction.name, eventType, outcome: 'applied' as const }]
        } catch (error) {
          return [
            {
              policy: reaction.name,
              eventType,
              outcome: 'refused' as const,
              code: 'NOTIFICATION_FAILED',
              message: String(error),
            },
          ]
        }
      case 'stock':
        return this.stockReaction(reaction, order, context, eventType, note)
    }
  }

  private async stockReaction(
    reaction: Extract<Reaction, { target: 'stock' }>,
    order: WorkOrderState,
    context: CommandContext,
    eventType: string,
    note: (outcome: Either<DomainError, CommandOutcome<DomainEvent>> | 'skipped', name?: string) => PolicyNote,
  ): Promise<PolicyNote[]> {
    const { pointId, workOrderId } = reaction
    const stock = (command: StockCommand, step: string) =>
      handleReaction({
        store: this.deps.store,
        catalogue: this.deps.catalogue,
        decider: stockDecider,
        streamId: stockStream(pointId),
        command,
        context: { ...context, commandId: `${context.commandId}|${step}` },
      })
    if (reaction.mode === 'release_all')
      return [
        note(
          await stock(
            {
              kind: 'ReleaseReservation',
              pointId,
              workOrderId,
              lines: null,
              reason: reaction.releaseReason,
              now: context.now,
            },
            'release',
          ),
        ),
      ]
    const changes = reservationChanges(order, (await this.deps.stock.load(stockStream(pointId))).state)
    const notes: PolicyNote[] = []
    if (changes.release.length > 0)
      notes.push(
        note(
          await stock(
            {
              kind: 'ReleaseReservation',
              pointId,
              workOrderId,
              lines: changes.release,
              reason: reaction.releaseReason,
              now: context.now,
            },
            'release',
          ),
          `${reaction.name}:release`,
        ),
      )
    if (reaction.mode === 'reconcile' && changes.reserve.length > 0) {
      const reserved = await stock(
        { kind: 'ReserveStock', pointId, workOrderId, lines: changes.reserve, now: context.now },
        'reserve',
      )
      notes.push(note(reserved, `${reaction.name}:reserve`))
      if (isLeft(reserved) && reserved.left.code === 'INSUFFICIENT_STOCK')
        notes.push(...(await this.waitForParts(order, context, eventType)))
    }
    return notes.length > 0 ? notes : [note('skipped')]
  }

  /** Parts are missing: the order waits for them, where the point has that status. */
  private async waitForParts(order: WorkOrderState, context: CommandContext, eventType: string): Promise<PolicyNote[]> {
    const code = this.deps.config.waitingForPartsStatus
    const allowed = statusesOf(this.deps.config, order.pointId)
    if (!allowed.some((s) => s.code === code) || !CUSTOM_STATUS_PHASES.includes(order.status)) return []
    const outcome = await handleReaction({
      store: this.deps.store,
      catalogue: this.deps.catalogue,
      decider: workOrderDecider,
      streamId: workOrderStream(order.workOrderId),
      command: {
        kind: 'EnterCustomStatus',
        workOrderId: order.workOrderId,
        code,
        note: 'parts missing at the approval',
        allowed,
        actor: SYSTEM_ACTOR,
        now: context.now,
      },
      context: { ...context, commandId: `${context.commandId}|waiting` },
    })
    return isLeft(outcome)
      ? [
          {
            policy: 'waiting-for-parts',
            eventType,
            outcome: 'refused',
            code: outcome.left.code,
            message: outcome.left.message,
          },
        ]
      : [{ policy: 'waiting-for-parts', eventType, ...succeeded(outcome, outcome.right.events) }]
  }
}

/** Events after which an order's earlier equipment-status reaction no longer holds. */
const STATUS_SETTING: ReadonlyArray<string> = [
  'WorkOrderOpened',
  'WorkOrderHandedOver',
  'WorkOrderReturnedUnrepaired',
  'WorkOrderDeclaredIrreparable',
  'WorkOrderCancelled',
]

/** Whether a replayed reaction has been overtaken by what the order did since (see replay). */
function overtaken(reaction: Reaction, current: WorkOrderState, laterTypes: ReadonlySet<string>): boolean {
  switch (reaction.target) {
    case 'notify':
      return true
    case 'equipment':
      return reaction.command.kind === 'ChangeEquipmentStatus' && STATUS_SETTING.some((t) => laterTypes.has(t))
    case 'stock':
      if (reaction.mode === 'release_all') return false
      return isFinal(current.status) || (reaction.mode === 'reconcile' && laterTypes.has('EstimateDecided'))
    case 'workorder':
      return false
  }
}
