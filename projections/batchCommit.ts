// The engine's one write path: apply a batch of events and move the checkpoint, in ONE
// DocumentStore transaction. Either the batch's writes and its checkpoint are both committed
// or neither is, so after a crash the batch is simply applied again from the old checkpoint
// and nothing is applied twice.
import type { Clock } from '../application/leases/clock.js'
import type { Collection, DocumentStore } from '../application/ports/documentStore.js'
import type { RecordedEvent } from '../application/ports/eventStore.js'
import { REGISTRY_COLLECTION, type RegistryDocument } from '../application/readModels/projectionRegistry.js'
import type { Projection, ProjectionView } from './projection.js'
import {
  BUILDS_COLLECTION,
  type Build,
  type BuildDocument,
  BuildSuperseded,
  type FailedEvent,
} from './projectionBuilds.js'

/** A projection's apply() threw; the batch was rolled back. */
export class ProjectionHandlerFailed extends Error {
  readonly code = 'PROJECTION_HANDLER_FAILED'
  constructor(
    readonly projection: string,
    readonly event: RecordedEvent,
    override readonly cause: unknown,
  ) {
    super(
      `projection ${projection} failed on ${event.type} at position ${event.position} (${event.streamId}@${event.revision}): ${
        cause instanceof Error ? cause.message : String(cause)
      }`,
    )
    this.name = 'ProjectionHandlerFailed'
  }
}

/**
 * The build's checkpoint is not where this writer last left it: another writer (a second
 * instance, a paused ex-lease-holder) committed in between. Nothing was written.
 */
export class CheckpointMoved extends Error {
  readonly code = 'CHECKPOINT_MOVED'
  constructor(
    readonly build: string,
    readonly expected: number,
  ) {
    super(`build ${build}: checkpoint is no longer ${expected}`)
    this.name = 'CheckpointMoved'
  }
}

/**
 * An error from the document store itself rather than from the handler's logic: adapters mark
 * transient failures `retryable` (e.g. MongoDB's DocumentStoreUnavailable), and SQLite reports a
 * write lock held past busy_timeout as SQLITE_BUSY.
 */
export function isStoreOutage(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const { retryable, code } = error as { retryable?: unknown; code?: unknown }
  return retryable === true || code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED'
}

/** The status/checkpoint record of a handler failure. */
export function failedEvent(failure: ProjectionHandlerFailed, clock: Clock): FailedEvent {
  const { event, cause } = failure
  return {
    position: event.position,
    type: event.type,
    streamId: event.streamId,
    revision: event.revision,
    error: cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause),
    at: new Date(clock.now()).toISOString(),
  }
}

export interface CommitOptions {
  /** When set, the batch commits only while the registry still names this build (the live runner's fence). */
  readonly requireActive?: boolean
}

class BuildView implements ProjectionView {
  private readonly open = new Map<string, Collection>()

  constructor(
    private readonly tx: DocumentStore,
    private readonly build: Build,
  ) {}

  collection(logicalName: string): Collection {
    let c = this.open.get(logicalName)
    if (!c) {
      const physical = this.build.collections[logicalName]
      if (!physical) throw new Error(`projection ${this.build.projection} does not declare collection ${logicalName}`)
      c = this.tx.collection(physical)
      this.open.set(logicalName, c)
    }
    return c
  }
}

/** applyBatch threw: the batch is re-run per event to find (and report) the failing event. */
class BatchApplyFailed extends Error {
  constructor(override readonly cause: unknown) {
    super('applyBatch failed')
  }
}

/**
 * Applies `events` (in order, already filtered to positions after build.checkpoint) and sets the
 * checkpoint to the last one's position. The checkpoint is compared-and-set, so two writers of one
 * build can never both commit the same batch. On success build.checkpoint is advanced in memory.
 */
export async function commitBatch(
  documents: DocumentStore,
  projection: Projection,
  handles: (type: string) => boolean,
  build: Build,
  events: readonly RecordedEvent[],
  options: CommitOptions = {},
): Promise<void> {
  const last = events.at(-1)
  if (!last) return
  try {
    await commitOnce(documents, projection, handles, build, events, last.position, options, true)
  } catch (error) {
    if (!(error instanceof BatchApplyFailed)) throw error
    await commitOnce(documents, projection, handles, build, events, last.position, options, false)
  }
  build.checkpoint = last.position
}

async function commitOnce(
  documents: DocumentStore,
  projection: Projection,
  handles: (type: string) => boolean,
  build: Build,
  events: readonly RecordedEvent[],
  checkpoint: number,
  options: CommitOptions,
  batchPath: boolean,
): Promise<void> {
  const expected = build.checkpoint
  await documents.transaction(async (tx) => {
    if (options.requireActive) {
      const entry = await tx.collection<RegistryDocument>(REGISTRY_COLLECTION).findOne({ _id: build.projection })
      if (entry?.buildId !== build.buildId) throw new BuildSuperseded(build.projection)
    }
    const view = new BuildView(tx, build)
    if (batchPath && projection.applyBatch) {
      const handled = events.filter((e) => handles(e.type))
      try {
        if (handled.length > 0) await projection.applyBatch(handled, view)
      } catch (error) {
        if (isStoreOutage(error)) throw error
        throw new BatchApplyFailed(error)
      }
    } else {
      for (const event of events) {
        if (!handles(event.type)) continue
        try {
          // Only await handlers that are actually asynchronous: most of a rebuild's time is here.
          const pending = projection.apply(event, view)
          if (pending) await pending
        } catch (error) {
          // A store that is briefly unusable is not the handler's fault: let the runner retry the
          // batch with backoff instead of stopping the projection.
          if (isStoreOutage(error)) throw error
          throw new ProjectionHandlerFailed(projection.name, event, error)
        }
      }
    }
    // Clearing `failure` too: a batch that commits is past whatever failed before.
    const moved = await tx
      .collection<BuildDocument>(BUILDS_COLLECTION)
      .updateOne({ _id: build.key, checkpoint: expected }, { $set: { checkpoint, failure: null } })
    if (moved.matchedCount === 0) throw new CheckpointMoved(build.key, expected)
  })
}
