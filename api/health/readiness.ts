// Readiness: can this process serve requests right now? The composition root supplies the check
// (it knows the adapters); readinessFromPorts builds one from the ports for the usual case.
import type { DocumentStore } from '../../application/ports/documentStore.js'
import type { EventStore } from '../../application/ports/eventStore.js'

export interface ComponentStatus {
  readonly ok: boolean
  readonly detail?: string
}

export interface ProjectionStatus extends ComponentStatus {
  /** Events each projection is behind the head of the log. */
  readonly lag: Readonly<Record<string, number>>
}

/** Background jobs: queue counts and how far the event subscribers that enqueue them are behind. */
export interface JobsStatus extends ComponentStatus {
  readonly counts: { readonly waiting: number; readonly delayed: number; readonly failed: number } | null
  readonly lag: Readonly<Record<string, number>>
  /** Where the process works several queues: each one's own state, counts and lag (counts above are their sum). */
  readonly queues?: Readonly<Record<string, Omit<JobsStatus, 'queues'>>>
}

export interface ReadinessReport {
  readonly eventStore: ComponentStatus
  readonly documentStore: ComponentStatus
  readonly projections: ProjectionStatus
  /** Present when this process runs the job workers. */
  readonly jobs?: JobsStatus
}

export type ReadinessCheck = () => Promise<ReadinessReport>

export const isReady = (r: ReadinessReport): boolean =>
  r.eventStore.ok && r.documentStore.ok && r.projections.ok && (r.jobs?.ok ?? true)

const failed = (error: unknown): ComponentStatus => ({
  ok: false,
  detail: error instanceof Error ? error.message : String(error),
})

export interface ReadinessPorts {
  readonly eventStore: EventStore
  readonly documentStore: DocumentStore
  /** Lag per projection (head position minus checkpoint), from the projection engine. */
  readonly projectionLag: () => Promise<Readonly<Record<string, number>>>
  /**
   * A projection further behind than this makes the process not ready: its read models would
   * answer with stale data. Default 10 000 events.
   */
  readonly maxLag?: number
  /** Queue counts and subscriber lag, when this process runs the job workers. */
  readonly jobs?: () => Promise<JobsStatus>
}

export function readinessFromPorts(ports: ReadinessPorts): ReadinessCheck {
  const maxLag = ports.maxLag ?? 10_000
  return async () => {
    const jobs = ports.jobs
      ? ports.jobs().catch((error): JobsStatus => ({ ...failed(error), counts: null, lag: {} }))
      : undefined
    const [eventStore, documentStore, projections] = await Promise.all([
      ports.eventStore
        .headPosition()
        .then((head): ComponentStatus => ({ ok: true, detail: `head position ${head}` }), failed),
      ports.documentStore.ping().then((): ComponentStatus => ({ ok: true }), failed),
      ports.projectionLag().then(
        (lag): ProjectionStatus => {
          const behind = Object.entries(lag).filter(([, n]) => n > maxLag)
          return behind.length === 0
            ? { ok: true, lag }
            : { ok: false, lag, detail: `behind by more than ${maxLag}: ${behind.map(([p]) => p).join(', ')}` }
        },
        (error): ProjectionStatus => ({ ...failed(error), lag: {} }),
      ),
    ])
    return jobs
      ? { eventStore, documentStore, projections, jobs: await jobs }
      : { eventStore, documentStore, projections }
  }
}
