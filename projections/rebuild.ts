// Blue/green rebuild: replay the whole log into a fresh build while the active build keeps
// serving reads, then switch the registry to the new build in one conditional update and drop
// the old one. Memory stays flat: the log is read in pages of pageSize events, each page is
// one transaction (writes + checkpoint), and nothing else is kept per event.
import { hostname } from 'node:os'
import { performance } from 'node:perf_hooks'
import { type Clock, systemClock } from '../application/leases/clock.js'
import { HeldLease, sleep } from '../application/leases/heldLease.js'
import { Lease } from '../application/leases/lease.js'
import type { DocumentStore } from '../application/ports/documentStore.js'
import type { EventStore, RecordedEvent } from '../application/ports/eventStore.js'
import { commitBatch, failedEvent, ProjectionHandlerFailed } from './batchCommit.js'
import { checkProjection, eventTypeFilter, type Projection } from './projection.js'
import {
  activateBuild,
  activeRegistryEntry,
  BUILDS_COLLECTION,
  type Build,
  type BuildDocument,
  createBuild,
  dropBuild,
  dropBuilds,
  loadBuild,
  newBuildId,
  recordFailure,
} from './projectionBuilds.js'

export interface RebuildProgress {
  readonly projection: string
  readonly phase: 'replaying' | 'switched'
  /** Events read from the log by this run (handled or not). */
  readonly events: number
  /** The new build's checkpoint. */
  readonly position: number
  /** The log's head as last seen; position/head is the fraction done. */
  readonly head: number
  readonly eventsPerSecond: number
}

export interface RebuildOptions {
  readonly projection: Projection
  readonly events: EventStore
  readonly documents: DocumentStore
  /** Events per read page and per transaction. Default 1000. */
  readonly pageSize?: number
  readonly onProgress?: (progress: RebuildProgress) => void
  /** Aborting stops between pages; the unfinished build is left for a later rebuild to resume or drop. */
  readonly signal?: AbortSignal
  readonly clock?: Clock
  /** Lease holder id. Default host:pid:random. */
  readonly holder?: string
  readonly leaseTtlMs?: number
  /** Continue an unfinished, never-activated build of the same version instead of starting over. Default false. */
  readonly resume?: boolean
  /** The old build stays this long after the switch for readers that resolved it just before. Default 2000 ms. */
  readonly retireDelayMs?: number
  /** Drop the old build in the background instead of before returning (the runner goes live meanwhile). */
  readonly retireInBackground?: boolean
}

export interface RebuildResult {
  readonly projection: string
  readonly version: number
  readonly buildId: string
  /** Events this run read from the log. */
  readonly events: number
  readonly seconds: number
  readonly checkpoint: number
  /** The build that served reads before the switch, if any (now dropped or being dropped). */
  readonly previous: { readonly version: number; readonly buildId: string } | null
}

/** Another process is rebuilding this projection right now. */
export class RebuildInProgress extends Error {
  readonly code = 'REBUILD_IN_PROGRESS'
  constructor(
    readonly projection: string,
    readonly holder: string | null,
  ) {
    super(`projection ${projection} is already being rebuilt${holder ? ` by ${holder}` : ''}`)
    this.name = 'RebuildInProgress'
  }
}

export class RebuildAborted extends Error {
  readonly code = 'REBUILD_ABORTED'
  constructor(readonly projection: string) {
    super(`rebuild of ${projection} was aborted`)
    this.name = 'RebuildAborted'
  }
}

export function rebuildLeaseName(projection: string): string {
  return `projection-rebuild:${projection}`
}

export function defaultHolder(): string {
  return `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`
}

export async function rebuildProjection(options: RebuildOptions): Promise<RebuildResult> {
  const { projection, events, documents } = options
  checkProjection(projection)
  const clock = options.clock ?? systemClock
  const pageSize = Math.max(1, options.pageSize ?? 1000)
  const lease = new Lease(documents, rebuildLeaseName(projection.name), options.holder ?? defaultHolder(), {
    ttlMs: options.leaseTtlMs ?? 30_000,
    clock,
  })
  const until = await lease.tryAcquire()
  if (until === null) throw new RebuildInProgress(projection.name, await lease.currentHolder())
  const held = new HeldLease(lease, until, Math.max(1, Math.floor(lease.ttlMs / 3)))
  const signal = options.signal ? AbortSignal.any([options.signal, held.lost]) : held.lost
  try {
    const previous = await activeRegistryEntry(documents, projection.name)
    const resumed = options.resume ? await unfinishedBuild(documents, projection) : null
    await dropBuilds(documents, projection.name, [previous?.buildId, resumed?.buildId].filter(isString))
    const build =
      resumed ??
      (await createBuild(documents, projection, newBuildId(clock.now()), new Date(clock.now()).toISOString()))

    const started = performance.now()
    const report = (phase: RebuildProgress['phase'], count: number, head: number) =>
      options.onProgress?.({
        projection: projection.name,
        phase,
        events: count,
        position: build.checkpoint,
        head,
        eventsPerSecond: Math.round(count / Math.max((performance.now() - started) / 1000, 1e-3)),
      })
    const count = await replay(events, documents, projection, build, pageSize, signal, (n, head) =>
      report('replaying', n, head),
    ).catch(async (error: unknown) => {
      if (error instanceof ProjectionHandlerFailed) await recordFailure(documents, build, failedEvent(error, clock))
      throw error
    })
    if (signal.aborted) throw new RebuildAborted(projection.name)

    await activateBuild(documents, build, previous, new Date(clock.now()).toISOString())
    const seconds = (performance.now() - started) / 1000
    report('switched', count, Math.max(build.checkpoint, await events.headPosition()))
    if (previous) {
      // Only the build switched out: by the time this runs another rebuild may have started its own.
      const retire = async () => {
        await sleep(options.retireDelayMs ?? 2000)
        await dropBuild(documents, projection.name, previous.buildId)
      }
      if (options.retireInBackground) retire().catch(() => undefined)
      else await retire()
    }
    return {
      projection: projection.name,
      version: projection.version,
      buildId: build.buildId,
      events: count,
      seconds,
      checkpoint: build.checkpoint,
      previous: previous ? { version: previous.version, buildId: previous.buildId } : null,
    }
  } finally {
    await held.release().catch(() => undefined)
  }
}

/** Replays pages until a page comes back short: at that moment the build has caught up with the log. */
async function replay(
  events: EventStore,
  documents: DocumentStore,
  projection: Projection,
  build: Build,
  pageSize: number,
  signal: AbortSignal,
  progress: (events: number, head: number) => void,
): Promise<number> {
  const handles = eventTypeFilter(projection)
  let head = await events.headPosition()
  let count = 0
  progress(0, head)
  while (!signal.aborted) {
    const page: RecordedEvent[] = []
    for await (const event of events.readAll({ fromPosition: build.checkpoint, maxCount: pageSize })) page.push(event)
    if (page.length > 0) {
      await commitBatch(documents, projection, handles, build, page)
      count += page.length
      if (build.checkpoint > head) head = await events.headPosition()
      progress(count, head)
    }
    if (page.length < pageSize) break
    // Let the rest of the process (an API sharing it, timers renewing leases) run between pages.
    await new Promise<void>((resolve) => setImmediate(resolve))
  }
  return count
}

async function unfinishedBuild(documents: DocumentStore, projection: Projection): Promise<Build | null> {
  const [latest] = await documents
    .collection<BuildDocument>(BUILDS_COLLECTION)
    .find(
      { projection: projection.name, version: projection.version, activatedAt: null, failure: null },
      { sort: { startedAt: -1 }, limit: 1 },
    )
  return latest ? loadBuild(documents, latest._id) : null
}

function isString(x: string | undefined): x is string {
  return typeof x === 'string'
}
