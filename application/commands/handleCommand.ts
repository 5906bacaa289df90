// Command handling: load the stream → fold → decide → append with the expected revision.
// A conflicting writer makes us re-read and decide again, a bounded number of times: the
// decision is always taken on the state the append is checked against.
import { type Either, isLeft, left, right } from 'fp-ts/lib/Either.js'
import type { Decider, DomainError } from '../../domain/shared/decider.js'
import type { DomainEvent, EventCatalogue } from '../eventLog/eventCatalogue.js'
import {
  type EventStore,
  type ExpectedRevision,
  type RecordedEvent,
  WrongExpectedRevision,
} from '../ports/eventStore.js'
import { type CommandContext, eventIdFor } from './commandContext.js'

export interface CommandOutcome<Event> {
  /** The events this command appended (empty when the decider had nothing to change). */
  readonly events: ReadonlyArray<Event>
  /** The stream's revision after the command; -1 when the stream still does not exist. */
  readonly revision: number
  readonly position: number | null
}

export const CONFLICT_RETRIES_EXHAUSTED = 'CONFLICT_RETRIES_EXHAUSTED'

export interface LoadedState<State> {
  readonly state: State
  /** Last revision read, or 'no_stream'. */
  readonly revision: number | 'no_stream'
}

/** Folds a stream into state, decoding (and upcasting) each event through the catalogue. */
export async function loadState<Command, State, Event extends DomainEvent>(
  store: EventStore,
  catalogue: EventCatalogue,
  decider: Decider<Command, State, Event>,
  streamId: string,
  until?: { readonly revision?: number; readonly occurredAt?: string },
  onEvent?: (recorded: RecordedEvent) => void,
): Promise<LoadedState<State>> {
  let state = decider.initialState
  let revision: number | 'no_stream' = 'no_stream'
  for await (const recorded of store.readStream(streamId)) {
    if (until?.revision !== undefined && recorded.revision > until.revision) break
    if (until?.occurredAt !== undefined && recorded.metadata.occurredAt > until.occurredAt) break
    onEvent?.(recorded)
    state = decider.evolve(state, catalogue.decode(recorded) as Event)
    revision = recorded.revision
  }
  return { state, revision }
}

export interface HandleCommandArgs<Command, State, Event extends DomainEvent> {
  readonly store: EventStore
  readonly catalogue: EventCatalogue
  readonly decider: Decider<Command, State, Event>
  readonly streamId: string
  readonly command: Command
  readonly context: CommandContext
  /** How many times to re-read and re-decide after losing a race. */
  readonly maxRetries?: number
  /**
   * Called when the command id is found already applied: the outcome then reports the events it
   * appended the first time, and nothing is appended now (for callers that tell the two apart).
   */
  readonly onAlreadyApplied?: () => void
}

export async function handleCommand<Command, State, Event extends DomainEvent>(
  args: HandleCommandArgs<Command, State, Event>,
): Promise<Either<DomainError, CommandOutcome<Event>>> {
  const { store, catalogue, decider, streamId, command, context } = args
  const maxRetries = args.maxRetries ?? 3
  // With a client-supplied command id, a command already applied answers with what it did then.
  for (let attempt = 0; ; attempt++) {
    const applied: RecordedEvent[] = []
    const { state, revision } = await loadState(store, catalogue, decider, streamId, undefined, (recorded) => {
      if (context.commandId && recorded.metadata.eventId === eventIdFor(context, streamId, applied.length))
        applied.push(recorded)
    })
    if (applied.length > 0) {
      const last = applied.at(-1) as RecordedEvent
      args.onAlreadyApplied?.()
      return right({
        events: applied.map((r) => catalogue.decode(r) as Event),
        revision: last.revision,
        position: last.position,
      })
    }
    const decided = decider.decide(command, state)
    if (isLeft(decided)) return decided
    const events = decided.right
    if (events.length === 0)
      return right({ events, revision: revision === 'no_stream' ? -1 : revision, position: null })
    const expectedRevision: ExpectedRevision = revision
    try {
      const result = await store.appendToStream(
        streamId,
        events.map((event, i) => {
          const { type, data, schemaVersion } = catalogue.encode(event)
          return {
            type,
            data,
            metadata: {
              eventId: eventIdFor(context, streamId, i),
              correlationId: context.correlationId,
              causationId: context.causationId,
              actor: context.actor,
              occurredAt: context.now,
              schemaVersion,
            },
          }
        }),
        { expectedRevision },
      )
      return right({ events, revision: result.nextExpectedRevision, position: result.position })
    } catch (error) {
      if (!(error instanceof WrongExpectedRevision)) throw error
      if (attempt >= maxRetries)
        return left({
          kind: 'conflict',
          code: CONFLICT_RETRIES_EXHAUSTED,
          message: `${streamId} kept changing under us; try again`,
        })
    }
  }
}
