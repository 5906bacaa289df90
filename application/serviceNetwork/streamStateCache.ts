// Folded stream states kept in memory between requests, caught up on every read.
//
// Why: slot search needs the catalogue, the point, its staff schedule and up to 29 day schedules on
// every request; folding each from revision 0 every time would cost far more than the search itself.
// A stream only ever grows, so a state folded up to revision r stays true up to r: a read asks the
// store for the events after r (one indexed query, usually empty) and folds only those. Readers thus
// see everything appended before they asked, as a full fold would, in any number of processes.
// Commands do not use this cache: handleCommand folds what it decides on itself and appends with the
// expected revision, so a stale cache can never let a wrong decision through.
import type { DomainEvent, EventCatalogue } from '../eventLog/eventCatalogue.js'
import type { EventStore, RecordedEvent } from '../ports/eventStore.js'

export interface CachedState<State> {
  readonly state: State
  /** Last revision folded, or -1 when the stream does not exist (yet). */
  readonly revision: number
}

export interface StreamFold<State> {
  readonly initialState: State
  /** The recorded event comes along for folds that need its metadata (e.g. when a slot was reserved). */
  readonly evolve: (state: State, event: DomainEvent, recorded: RecordedEvent) => State
}

export class StreamStateCache<State> {
  private readonly entries = new Map<string, CachedState<State>>()

  constructor(
    private readonly store: EventStore,
    private readonly catalogue: EventCatalogue,
    private readonly fold: StreamFold<State>,
    /** Least recently used streams are forgotten beyond this many (they are simply re-read). */
    private readonly maxEntries = 10_000,
  ) {}

  async load(streamId: string): Promise<CachedState<State>> {
    const cached = this.entries.get(streamId)
    let state = cached?.state ?? this.fold.initialState
    let revision = cached?.revision ?? -1
    for await (const recorded of this.store.readStream(streamId, { fromRevision: revision + 1 })) {
      state = this.fold.evolve(state, this.catalogue.decode(recorded), recorded)
      revision = recorded.revision
    }
    const loaded = { state, revision }
    // Two overlapping loads of one stream may finish in any order: keep the further one.
    const current = this.entries.get(streamId)
    this.entries.delete(streamId)
    this.entries.set(streamId, current && current.revision > revision ? current : loaded)
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value
      if (oldest !== undefined) this.entries.delete(oldest)
    }
    return loaded
  }

  /** Loads several streams at once (the store answers them in one go where it can). */
  loadMany(streamIds: readonly string[]): Promise<Array<CachedState<State>>> {
    return Promise.all(streamIds.map((id) => this.load(id)))
  }
}

/** A decider's evolve as a cache fold. */
export function deciderFold<State, Event extends DomainEvent>(decider: {
  readonly initialState: State
  readonly evolve: (state: State, event: Event) => State
}): StreamFold<State> {
  return { initialState: decider.initialState, evolve: (state, event) => decider.evolve(state, event as Event) }
}
