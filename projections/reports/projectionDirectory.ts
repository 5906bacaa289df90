// What `projection list|status` and the analysts' API show about each projection, from what any
// process can read: the registry (active build), the build documents (checkpoint, when built,
// failure), the head of the log, and the status documents that the process holding a projection
// writes every few seconds (state, events/s, rebuild progress, last rebuild). A process that runs
// the projection itself adds its own, fresher, view.
import type { Document, DocumentStore } from '../../application/ports/documentStore.js'
import type { EventStore } from '../../application/ports/eventStore.js'
import { REGISTRY_COLLECTION, type RegistryDocument } from '../../application/readModels/projectionRegistry.js'
import type { ProjectionInfo, ProjectionKind } from '../../application/reports/reportPorts.js'
import type { Projection } from '../projection.js'
import { BUILDS_COLLECTION, type BuildDocument, buildKey } from '../projectionBuilds.js'
import type { ProjectionStatus } from '../projectionRunner.js'

export const STATUS_COLLECTION = 'projection_status'

export type LastRebuild = NonNullable<ProjectionInfo['lastRebuild']>

/** Written by the process that holds a projection (or rebuilds it), read by everyone. */
export interface StatusDocument extends Document {
  /** The projection's name. */
  _id: string
  version: number
  state: string
  checkpoint: number
  headPosition: number
  lag: number
  eventsPerSecond: number
  rebuild: ProjectionInfo['rebuild']
  lastError: ProjectionInfo['lastError']
  lastRebuild: LastRebuild | null
  reportedBy: string
  /** UTC ISO-8601. */
  reportedAt: string
}

export interface KnownProjection {
  readonly name: string
  readonly kind: ProjectionKind
  readonly version: number
  /** null for one that cannot run (a custom module that failed to load, a definition that no longer checks). */
  readonly projection: Projection | null
  readonly invalid?: string
}

/** A projection run (or being rebuilt) in this very process. */
export interface LocalStatus {
  readonly status: ProjectionStatus
  readonly lastRebuild: LastRebuild | null
}

export interface DescribeOptions {
  readonly local?: ReadonlyMap<string, LocalStatus>
  readonly nowMs: number
  /** A status document older than this says nothing about now (its process may be gone). Default 30 s. */
  readonly staleAfterMs?: number
}

export async function statusDocuments(documents: DocumentStore): Promise<Map<string, StatusDocument>> {
  const docs = await documents.collection<StatusDocument>(STATUS_COLLECTION).find({})
  return new Map(docs.map((d) => [d._id, d]))
}

export async function writeStatus(documents: DocumentStore, doc: StatusDocument): Promise<void> {
  await documents.collection<StatusDocument>(STATUS_COLLECTION).replaceOne({ _id: doc._id }, doc, { upsert: true })
}

/** Remembers a rebuild run outside any runner (the CLI), for `status` to show its figures. */
export async function recordRebuild(
  documents: DocumentStore,
  name: string,
  version: number,
  lastRebuild: LastRebuild,
): Promise<void> {
  await documents
    .collection<StatusDocument>(STATUS_COLLECTION)
    .updateOne({ _id: name }, { $set: { version, lastRebuild } }, { upsert: true })
}

/** The status document for a projection held here. */
export function statusDocumentOf(local: LocalStatus, holder: string, nowIso: string): StatusDocument {
  const s = local.status
  return {
    _id: s.projection,
    version: s.version,
    state: s.state,
    checkpoint: s.checkpoint,
    headPosition: s.headPosition,
    lag: s.lag,
    eventsPerSecond: s.rebuild?.eventsPerSecond ?? s.eventsPerSecond,
    rebuild: s.rebuild
      ? {
          phase: s.rebuild.phase,
          events: s.rebuild.events,
          position: s.rebuild.position,
          head: s.rebuild.head,
          eventsPerSecond: s.rebuild.eventsPerSecond,
        }
      : null,
    lastError: s.lastError ? { message: s.lastError.message, at: s.lastError.at, event: s.lastError.event } : null,
    lastRebuild: local.lastRebuild,
    reportedBy: holder,
    reportedAt: nowIso,
  }
}

export async function describeProjections(
  documents: DocumentStore,
  events: EventStore,
  known: readonly KnownProjection[],
  options: DescribeOptions,
): Promise<ProjectionInfo[]> {
  const [head, registry, statuses] = await Promise.all([
    events.headPosition(),
    documents.collection<RegistryDocument>(REGISTRY_COLLECTION).find({}),
    statusDocuments(documents),
  ])
  const active = new Map(registry.map((r) => [r._id, r]))
  const builds = documents.collection<BuildDocument>(BUILDS_COLLECTION)
  const stale = options.staleAfterMs ?? 30_000
  const out: ProjectionInfo[] = []
  for (const k of known) {
    const entry = active.get(k.name) ?? null
    const build = entry ? await builds.findOne({ _id: buildKey(k.name, entry.version, entry.buildId) }) : null
    const local = options.local?.get(k.name)
    const held = local && local.status.state !== 'standby' && local.status.state !== 'stopped' ? local : null
    const report = statuses.get(k.name)
    const fresh = report && options.nowMs - Date.parse(report.reportedAt) <= stale ? report : null
    const checkpoint = held?.status.rebuild
      ? (build?.checkpoint ?? 0)
      : (held?.status.checkpoint ?? build?.checkpoint ?? 0)
    const fromBuild: LastRebuild | null =
      build?.activatedAt != null
        ? {
            startedAt: build.startedAt,
            finishedAt: build.activatedAt,
            seconds: Math.max(0, (Date.parse(build.activatedAt) - Date.parse(build.startedAt)) / 1000),
            events: null,
            eventsPerSecond: null,
          }
        : null
    const failure = build?.failure ? { message: build.failure.error, at: build.failure.at, event: build.failure } : null
    out.push({
      name: k.name,
      kind: k.kind,
      version: k.version,
      state: k.invalid ? 'invalid' : (held?.status.state ?? fresh?.state ?? 'unknown'),
      activeBuild: entry ? { version: entry.version, buildId: entry.buildId, activatedAt: entry.activatedAt } : null,
      checkpoint,
      headPosition: head,
      lag: Math.max(0, head - checkpoint),
      eventsPerSecond: held
        ? (held.status.rebuild?.eventsPerSecond ?? held.status.eventsPerSecond)
        : (fresh?.eventsPerSecond ?? null),
      lastRebuild: newest(held?.lastRebuild ?? null, newest(report?.lastRebuild ?? null, fromBuild)),
      rebuild: held?.status.rebuild
        ? {
            phase: held.status.rebuild.phase,
            events: held.status.rebuild.events,
            position: held.status.rebuild.position,
            head: held.status.rebuild.head,
            eventsPerSecond: held.status.rebuild.eventsPerSecond,
          }
        : (fresh?.rebuild ?? null),
      lastError: k.invalid
        ? { message: k.invalid, at: new Date(options.nowMs).toISOString(), event: null }
        : held
          ? held.status.lastError
            ? {
                message: held.status.lastError.message,
                at: held.status.lastError.at,
                event: held.status.lastError.event,
              }
            : null
          : (fresh?.lastError ?? failure),
      reportedBy: held ? held.status.holder : (fresh?.reportedBy ?? null),
      reportedAt: held ? new Date(options.nowMs).toISOString() : (fresh?.reportedAt ?? null),
    })
  }
  return out
}

function newest(a: LastRebuild | null, b: LastRebuild | null): LastRebuild | null {
  if (!a) return b
  if (!b) return a
  // The same switch seen twice: prefer the one that knows the event count.
  if (a.finishedAt === b.finishedAt) return a.events !== null ? a : b
  return a.finishedAt > b.finishedAt ? a : b
}
