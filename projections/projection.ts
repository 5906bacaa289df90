// What a projection is: a named, versioned function from events to documents in collections
// it owns. The engine (projectionRunner.ts, rebuild.ts) decides which physical collections
// those are; a projection only ever names its logical collections through the view.
import type { Collection, IndexSpec } from '../application/ports/documentStore.js'
import type { RecordedEvent } from '../application/ports/eventStore.js'

/** The projection's window onto its own collections for the build being written. */
export interface ProjectionView {
  /** The physical collection behind one of the projection's logical collections, inside the batch's transaction. */
  collection(logicalName: string): Collection
}

export interface Projection {
  /** Stable identifier: letters, digits, `_` and `-`, starting with a letter (no dots: they separate name parts). */
  readonly name: string
  /** Bump it when apply() or the document shape changes: the runner then rebuilds blue/green on startup. */
  readonly version: number
  /** The event types apply() is called for, or 'all'. Other events only advance the checkpoint. */
  readonly types: readonly string[] | 'all'
  /** Logical names of the collections this projection owns (same character rules as name). */
  readonly collections: readonly string[]
  /** Indexes per logical collection, created on every fresh build before any event is applied. */
  readonly indexes?: Readonly<Record<string, readonly IndexSpec[]>>
  /**
   * Applies one event. Called in global order, inside the batch's transaction: every write goes
   * through the view, and either all writes of the batch and the checkpoint commit, or none.
   * Must be deterministic in the event alone (no clock, no randomness) so a rebuild equals the live run.
   */
  apply(event: RecordedEvent, view: ProjectionView): Promise<void> | void
  /**
   * Optional fast path: applies a whole batch (only the handled events, in order) with fewer
   * writes, e.g. one update per document instead of one per event. It must leave exactly the
   * documents that apply() on each event in turn would: apply() stays the definition. If it
   * throws, the engine rolls the batch back and re-runs it with apply() per event, so a
   * failure is still reported against the event that caused it.
   */
  applyBatch?(events: readonly RecordedEvent[], view: ProjectionView): Promise<void>
}

// At most 30 characters, so `<name>.<collection>.v<version>.<buildId>` stays within the
// adapters' 100-character collection names.
const NAME = /^[A-Za-z][A-Za-z0-9_-]{0,29}$/

export class InvalidProjection extends Error {
  readonly code = 'INVALID_PROJECTION'
  constructor(message: string) {
    super(message)
    this.name = 'InvalidProjection'
  }
}

/** Rejects a definition the engine could not store under valid, unambiguous collection names. */
export function checkProjection(projection: Projection): void {
  const { name, version, collections, indexes } = projection
  if (!NAME.test(name)) throw new InvalidProjection(`projection name ${JSON.stringify(name)} must match ${NAME}`)
  if (!Number.isSafeInteger(version) || version < 1)
    throw new InvalidProjection(`projection ${name}: version must be a positive integer`)
  if (collections.length === 0) throw new InvalidProjection(`projection ${name} owns no collections`)
  const seen = new Set<string>()
  for (const c of collections) {
    if (!NAME.test(c))
      throw new InvalidProjection(`projection ${name}: collection name ${JSON.stringify(c)} must match ${NAME}`)
    if (seen.has(c)) throw new InvalidProjection(`projection ${name}: collection ${c} declared twice`)
    seen.add(c)
  }
  for (const c of Object.keys(indexes ?? {}))
    if (!seen.has(c)) throw new InvalidProjection(`projection ${name}: indexes for undeclared collection ${c}`)
}

/** Whether apply() wants this event type; a Set for the hot path. */
export function eventTypeFilter(projection: Projection): (type: string) => boolean {
  if (projection.types === 'all') return () => true
  const types = new Set(projection.types)
  return (type) => types.has(type)
}
