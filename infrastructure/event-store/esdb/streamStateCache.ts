// What an append needs to know of a stream (its last event, for the revision and the hash chain,
// and the ids of every event in it, for idempotent retries), kept between appends so that each
// append reads only the events written since the previous one instead of the whole stream.
//
// Why this is safe: streams only grow (the platform never deletes or truncates one), and every
// entry holds nothing but facts the server returned. An append reads forward from the revision
// after the cached last event, so whatever others appended meanwhile (another process, another
// node) is read before the rules are applied, exactly as with a whole-stream read. Entries are
// only ever extended, so concurrent appends in one process may share one; `last` only moves
// forward. A stream that was deleted and recreated (by hand, on the server) would leave a stale
// entry: close and reopen the store after such surgery.
import type { RecordedEvent } from '../../../application/ports/eventStore.js'

/** Where an event of the stream sits, for answering a retried batch with its original outcome. */
export interface KnownEvent {
  readonly revision: number
  readonly position: number
}

export interface StreamState {
  /** Undefined: the stream does not exist (yet). */
  last: RecordedEvent | undefined
  readonly byEventId: Map<string, KnownEvent>
}

export const DEFAULT_CACHED_STREAMS = 1_000

/** Least-recently-appended streams are forgotten past `maxStreams`; a forgotten stream is read whole again. */
export class StreamStateCache {
  private readonly states = new Map<string, StreamState>()

  constructor(private readonly maxStreams: number = DEFAULT_CACHED_STREAMS) {}

  /** The stream's state, created empty when unknown; the revision to read from is after its last event. */
  entry(streamId: string): StreamState {
    let state = this.states.get(streamId)
    if (state) this.states.delete(streamId)
    else state = { last: undefined, byEventId: new Map() }
    this.states.set(streamId, state) // most recently used last
    while (this.states.size > this.maxStreams) {
      const oldest = this.states.keys().next().value as string
      this.states.delete(oldest)
    }
    return state
  }

  /** Adds an event read from the server (reads may overlap when appends to one stream race). */
  static record(state: StreamState, event: RecordedEvent): void {
    state.byEventId.set(event.metadata.eventId, { revision: event.revision, position: event.position })
    if (!state.last || event.revision > state.last.revision) state.last = event
  }

  get size(): number {
    return this.states.size
  }
}
