// Runs the report side's projections next to the application's own (which the ProjectionHost runs):
// the report catalog, the built-in reports, custom TypeScript projections, and one projection per
// registered report definition, at the definition's current version. When a definition changes,
// the runner of the old version is stopped and one of the new version started: it rebuilds into a
// new build while the old build keeps serving reads, and switches when it has caught up.
//
// Every process runs a runtime; leases decide which one projects each read model. Each process
// polls the catalog for definitions registered elsewhere, and writes the status of what it holds
// to `projection_status`, so `projection status` (any process) can show events/s and progress.
import { type Clock, systemClock } from '../../application/leases/clock.js'
import type { DocumentStore } from '../../application/ports/documentStore.js'
import type { EventStore } from '../../application/ports/eventStore.js'
import { isReadModelNotReady } from '../../application/queries/readModelReader.js'
import { ReadModels } from '../../application/readModels/readModels.js'
import { type DefinitionView, REPORT_CATALOG } from '../../application/reports/reportCatalogView.js'
import { type ReportDefinition, reportProjectionName } from '../../application/reports/reportDefinition.js'
import { reportDefinitionDecider } from '../../application/reports/reportDefinitionDecider.js'
import { type DefinitionEvent, definitionStream } from '../../application/reports/reportEvents.js'
import type { ProjectionAdmin, ProjectionInfo, RebuildStarted } from '../../application/reports/reportPorts.js'
import type { ReportShape } from '../../application/reports/reportShape.js'
import type { Projection } from '../projection.js'
import { ProjectionRunner, type ProjectionRunnerOptions } from '../projectionRunner.js'
import { defaultHolder, RebuildInProgress, type RebuildProgress, rebuildProjection } from '../rebuild.js'
import { reportCatalogProjection } from './catalog/reportCatalogProjection.js'
import type { CustomProjections } from './customProjections.js'
import {
  describeProjections,
  type KnownProjection,
  type LastRebuild,
  type LocalStatus,
  statusDocumentOf,
  writeStatus,
} from './projectionDirectory.js'
import type { CompiledReport, ReportLanguage } from './reportLanguage.js'

export type RunnerTuning = Partial<
  Pick<
    ProjectionRunnerOptions,
    | 'batchSize'
    | 'idleFlushMs'
    | 'leaseTtlMs'
    | 'leaseRenewMs'
    | 'leaseRetryMs'
    | 'retryDelayMs'
    | 'rebuildPageSize'
    | 'retireDelayMs'
  >
>

export interface ReportRuntimeOptions {
  readonly events: EventStore
  readonly documents: DocumentStore
  readonly language: ReportLanguage
  readonly builtIns?: readonly ReportDefinition[]
  readonly custom?: CustomProjections
  /** The application's own projections, run by the ProjectionHost: listed, rebuildable, their status published. */
  readonly core?: {
    readonly projections: readonly Projection[]
    readonly runners: () => readonly ProjectionRunner[]
  }
  readonly tuning?: RunnerTuning
  readonly clock?: Clock
  readonly holder?: string
  /** How often to look for definitions changed by other processes, and publish statuses. Default 2 s. */
  readonly pollEveryMs?: number
}

/**
 * Events per rebuild page (and transaction) for the projections run here. Reports write a few
 * documents per many events: a larger page touches the same documents and index pages more often
 * within one commit (1,000 → 10,000 took a 1M-event rebuild from ~25k to ~40k events per CPU
 * second); memory holds one page (a few tens of MB).
 */
export const REPORT_REBUILD_PAGE_SIZE = 10_000

interface Running {
  readonly runner: ProjectionRunner
  readonly projection: Projection
  readonly version: number
}

/** A definition as its stream says it is now. */
interface LatestDefinition {
  readonly name: string
  readonly status: 'active' | 'retired'
  readonly version: number
  readonly definition: ReportDefinition
}

export class ReportRuntime implements ProjectionAdmin {
  readonly holder: string
  readonly builtInReports: readonly CompiledReport[]
  private readonly clock: Clock
  private readonly readModels: ReadModels
  private readonly fixed: ProjectionRunner[] = []
  private readonly registered = new Map<string, Running>()
  /** Definitions that no longer check against this code's catalogue (name → why). */
  private readonly unrunnable = new Map<string, { version: number; error: string }>()
  private readonly rebuildStarted = new Map<string, number>()
  private readonly lastRebuilds = new Map<string, LastRebuild>()
  private readonly onDemand = new Map<
    string,
    { controller: AbortController; progress: RebuildProgress | null; error: string | null }
  >()
  private chain: Promise<void> = Promise.resolve()
  private timer: NodeJS.Timeout | null = null
  private started = false

  constructor(private readonly options: ReportRuntimeOptions) {
    this.holder = options.holder ?? defaultHolder()
    this.clock = options.clock ?? systemClock
    this.readModels = new ReadModels(options.documents)
    this.builtInReports = (options.builtIns ?? []).map((d) => options.language.compile(d, d.version ?? 1, true))
  }

  /** The built-in reports: compiled definitions, and custom projections that export a report shape. */
  get builtInShapes(): readonly ReportShape[] {
    return [...this.builtInReports.map((r) => r.shape), ...(this.options.custom?.reports ?? [])]
  }

  /** Starts the fixed runners and the poll; registered definitions follow within one poll. */
  start(): void {
    if (this.started) return
    this.started = true
    const fixed = [
      reportCatalogProjection,
      ...this.builtInReports.map((r) => r.projection),
      ...(this.options.custom?.projections ?? []),
    ]
    for (const projection of fixed) {
      const runner = this.newRunner(projection)
      this.fixed.push(runner)
      runner.start()
    }
    this.timer = setInterval(() => {
      this.serialised(() => this.poll()).catch(() => undefined)
    }, this.options.pollEveryMs ?? 2000)
    this.timer.unref()
    this.serialised(() => this.poll()).catch(() => undefined)
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    for (const r of this.onDemand.values()) r.controller.abort()
    await this.chain.catch(() => undefined)
    await Promise.all([...this.fixed, ...[...this.registered.values()].map((r) => r.runner)].map((r) => r.stop()))
    this.registered.clear()
    this.fixed.length = 0
    this.started = false
  }

  /** The runner of a projection in this process (tests wait on its checkpoint). */
  runner(name: string): ProjectionRunner | null {
    return (
      this.fixed.find((r) => r.name === name) ??
      this.registered.get(name)?.runner ??
      this.options.core?.runners().find((r) => r.name === name) ??
      null
    )
  }

  async definitionChanged(name: string): Promise<void> {
    await this.serialised(async () => {
      const latest = await this.readDefinition(name)
      if (latest) await this.ensure(latest)
    })
  }

  async list(): Promise<ProjectionInfo[]> {
    return describeProjections(this.options.documents, this.options.events, await this.known(), {
      local: await this.localStatuses(),
      nowMs: this.clock.now(),
      staleAfterMs: Math.max(30_000, (this.options.pollEveryMs ?? 2000) * 5),
    })
  }

  async status(name: string): Promise<ProjectionInfo | null> {
    return (await this.list()).find((p) => p.name === name) ?? null
  }

  async rebuild(name: string): Promise<RebuildStarted | null> {
    const target = (await this.known()).find((k) => k.name === name)
    if (!target?.projection) return null
    if (this.onDemand.has(name)) throw new RebuildInProgress(name, this.holder)
    const projection = target.projection
    const controller = new AbortController()
    const entry = { controller, progress: null as RebuildProgress | null, error: null as string | null }
    this.onDemand.set(name, entry)
    let firstProgress: () => void = () => undefined
    const begun = new Promise<void>((resolve) => {
      firstProgress = resolve
    })
    const run = rebuildProjection({
      projection,
      events: this.options.events,
      documents: this.options.documents,
      signal: controller.signal,
      clock: this.clock,
      holder: this.holder,
      pageSize: this.options.tuning?.rebuildPageSize ?? REPORT_REBUILD_PAGE_SIZE,
      ...(this.options.tuning?.retireDelayMs !== undefined ? { retireDelayMs: this.options.tuning.retireDelayMs } : {}),
      onProgress: (p) => {
        entry.progress = p
        this.noteRebuild(p)
        firstProgress()
      },
    })
    const finished = run.then(
      () => {
        this.onDemand.delete(name)
      },
      (error: unknown) => {
        entry.error = error instanceof Error ? error.message : String(error)
        entry.progress = null
        // Kept for a while so status shows why; the next rebuild replaces it.
        setTimeout(() => {
          if (this.onDemand.get(name) === entry) this.onDemand.delete(name)
        }, 60_000).unref()
      },
    )
    // Refusals (another rebuild holds the lease) come before the first progress: answer with them.
    await Promise.race([begun, run])
    void finished
    return { projection: name, version: projection.version }
  }

  /** The projection (at the version that should run) behind a name, for a rebuild outside the runtime. */
  async projectionFor(name: string): Promise<Projection | null> {
    return (await this.known()).find((k) => k.name === name)?.projection ?? null
  }

  /** Every projection this process knows of, runnable or not. */
  async known(): Promise<KnownProjection[]> {
    const known: KnownProjection[] = []
    for (const p of this.options.core?.projections ?? [])
      known.push({ name: p.name, kind: 'core', version: p.version, projection: p })
    known.push({
      name: reportCatalogProjection.name,
      kind: 'core',
      version: reportCatalogProjection.version,
      projection: reportCatalogProjection,
    })
    for (const r of this.builtInReports)
      known.push({ name: r.projection.name, kind: 'report', version: r.projection.version, projection: r.projection })
    for (const p of this.options.custom?.projections ?? [])
      known.push({ name: p.name, kind: 'custom', version: p.version, projection: p })
    for (const bad of this.options.custom?.invalid ?? [])
      known.push({ name: `custom/${bad.file}`, kind: 'custom', version: 0, projection: null, invalid: bad.error })
    for (const def of await this.catalog()) {
      if (def.status !== 'active') continue
      const name = reportProjectionName(def._id)
      const running = this.registered.get(name)
      const unrunnable = this.unrunnable.get(name)
      known.push({
        name,
        kind: 'definition',
        version: def.version,
        projection:
          running && running.version === def.version ? running.projection : (this.tryCompile(def)?.projection ?? null),
        ...(unrunnable && unrunnable.version === def.version ? { invalid: unrunnable.error } : {}),
      })
    }
    return known
  }

  private tryCompile(def: { definition: ReportDefinition; version: number }): CompiledReport | null {
    try {
      return this.options.language.compile(def.definition, def.version)
    } catch {
      return null
    }
  }

  private async catalog(): Promise<DefinitionView[]> {
    try {
      const definitions = await this.readModels.collection<DefinitionView>(
        REPORT_CATALOG.projection,
        REPORT_CATALOG.definitions,
      )
      return await definitions.find({}, { sort: { _id: 1 } })
    } catch (error) {
      if (isReadModelNotReady(error)) return []
      throw error
    }
  }

  /** Reads a definition's stream: the freshest truth, for the process that just registered it. */
  private async readDefinition(name: string): Promise<LatestDefinition | null> {
    let state = reportDefinitionDecider.initialState
    let definition: ReportDefinition | null = null
    for await (const recorded of this.options.events.readStream(definitionStream(name))) {
      const event = { type: recorded.type, data: recorded.data } as DefinitionEvent
      state = reportDefinitionDecider.evolve(state, event)
      if (event.type !== 'ReportDefinitionRetired') definition = event.data.definition
    }
    if (state.status === 'none' || !definition) return null
    return { name, status: state.status, version: state.version, definition }
  }

  private async poll(): Promise<void> {
    for (const def of await this.catalog())
      await this.ensure({ name: def._id, status: def.status, version: def.version, definition: def.definition })
    await this.publishStatuses()
  }

  /** Runs the definition's current version, or nothing once it is retired; never goes back a version. */
  private async ensure(latest: LatestDefinition): Promise<void> {
    if (!this.started) return
    const name = reportProjectionName(latest.name)
    const running = this.registered.get(name)
    if (latest.status === 'retired') {
      if (running && running.version <= latest.version) {
        this.registered.delete(name)
        await running.runner.stop()
      }
      return
    }
    if (running && running.version >= latest.version) return
    if (this.unrunnable.get(name)?.version === latest.version) return
    let compiled: CompiledReport
    try {
      compiled = this.options.language.compile(latest.definition, latest.version)
    } catch (error) {
      this.unrunnable.set(name, {
        version: latest.version,
        error: error instanceof Error ? error.message : String(error),
      })
      return
    }
    if (running) {
      this.registered.delete(name)
      await running.runner.stop()
    }
    const runner = this.newRunner(compiled.projection)
    this.registered.set(name, { runner, projection: compiled.projection, version: latest.version })
    runner.start()
  }

  private newRunner(projection: Projection): ProjectionRunner {
    return new ProjectionRunner({
      rebuildPageSize: REPORT_REBUILD_PAGE_SIZE,
      ...this.options.tuning,
      projection,
      events: this.options.events,
      documents: this.options.documents,
      clock: this.clock,
      holder: this.holder,
      onRebuildProgress: (p) => this.noteRebuild(p),
    })
  }

  private noteRebuild(p: RebuildProgress): void {
    const now = this.clock.now()
    if (p.phase === 'replaying' && p.events === 0) this.rebuildStarted.set(p.projection, now)
    if (p.phase !== 'switched') return
    const startedAt = this.rebuildStarted.get(p.projection) ?? now
    this.lastRebuilds.set(p.projection, {
      startedAt: new Date(startedAt).toISOString(),
      finishedAt: new Date(now).toISOString(),
      seconds: (now - startedAt) / 1000,
      events: p.events,
      eventsPerSecond: p.eventsPerSecond,
    })
    // Published at once: a short rebuild may come and go between two polls.
    this.publishStatuses().catch(() => undefined)
  }

  private async localStatuses(): Promise<Map<string, LocalStatus>> {
    const local = new Map<string, LocalStatus>()
    const runners = [
      ...this.fixed,
      ...[...this.registered.values()].map((r) => r.runner),
      ...(this.options.core?.runners() ?? []),
    ]
    for (const runner of runners) {
      const status = await runner.status()
      local.set(runner.name, { status, lastRebuild: this.lastRebuilds.get(runner.name) ?? null })
    }
    // An on-demand rebuild of a projection this process does not hold shows as 'rebuilding' here.
    for (const [name, entry] of this.onDemand) {
      const held = local.get(name)
      if (held && held.status.state !== 'standby' && held.status.state !== 'stopped' && !entry.error) {
        local.set(name, { ...held, status: { ...held.status, rebuild: entry.progress } })
        continue
      }
      const head = await this.options.events.headPosition()
      local.set(name, {
        status: {
          projection: name,
          version: held?.status.version ?? 0,
          state: entry.error ? 'failed' : 'rebuilding',
          buildId: null,
          checkpoint: held?.status.checkpoint ?? 0,
          headPosition: head,
          lag: 0,
          eventsPerSecond: entry.progress?.eventsPerSecond ?? 0,
          lastError: entry.error
            ? { message: entry.error, at: new Date(this.clock.now()).toISOString(), event: null }
            : null,
          rebuild: entry.progress,
          holder: this.holder,
        },
        lastRebuild: this.lastRebuilds.get(name) ?? null,
      })
    }
    return local
  }

  private async publishStatuses(): Promise<void> {
    const nowIso = new Date(this.clock.now()).toISOString()
    for (const [name, local] of await this.localStatuses()) {
      const state = local.status.state
      if (state === 'standby' || state === 'stopped') continue
      await writeStatus(this.options.documents, { ...statusDocumentOf(local, this.holder, nowIso), _id: name })
    }
  }

  /** One reconciliation at a time: a poll and a definitionChanged must not start two runners. */
  private serialised(work: () => Promise<void>): Promise<void> {
    const next = this.chain.then(work, work)
    this.chain = next.catch(() => undefined)
    return next
  }
}
