// The report use cases. Head-office analysts register, change and retire report definitions
// (each change a new version: its read model is rebuilt blue/green), and list, inspect and
// rebuild every projection. Head office reads every report; a point's own account and manager read
// the rows of their point in reports that have a point key. Anyone who reads reports can save his
// own variants of them (filters, grouping, period, columns).

import { randomUUID } from 'node:crypto'
import { type Either, isLeft, left, right } from 'fp-ts/lib/Either.js'
import type { Principal } from '../../domain/access/principal.js'
import { actorOf } from '../../domain/access/principal.js'
import type { Actor } from '../../domain/shared/actor.js'
import { type DomainError, domainError } from '../../domain/shared/decider.js'
import { type CommandContext, deterministicUuid } from '../commands/commandContext.js'
import { handleCommand, loadState } from '../commands/handleCommand.js'
import type { FleetBranchLookup } from '../customers/fleetBranchScope.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import type { EventStore } from '../ports/eventStore.js'
import { ReadModelNotReady, type ReadModels } from '../readModels/readModels.js'
import { type DefinitionView, REPORT_CATALOG } from './reportCatalogView.js'
import { normalise, type ReportDefinition, reportProjectionName } from './reportDefinition.js'
import { reportDefinitionDecider } from './reportDefinitionDecider.js'
import { type DefinitionEvent, definitionStream, type SourceFormat, variantStream } from './reportEvents.js'
import type {
  DefinitionChecker,
  DefinitionProblem,
  ProjectionAdmin,
  ProjectionInfo,
  RebuildStarted,
} from './reportPorts.js'
import type { ReportQuery } from './reportQuery.js'
import { REPORT_COLLECTIONS } from './reportRows.js'
import { type ReportShape, shapeOf } from './reportShape.js'
import { planQuery, type ReportTable, readsReports, runQuery, viewerScope } from './reportTable.js'
import { reportVariantDecider, type SavedVariant } from './reportVariantDecider.js'

export type RequestMeta = Omit<CommandContext, 'actor'>

/** A built-in variant: a ready-made view of a built-in report. */
export interface ReportPreset extends SavedVariant {
  readonly description: string
}

export interface ReportServiceDeps {
  readonly store: EventStore
  readonly catalogue: EventCatalogue
  readonly readModels: Pick<ReadModels, 'collection' | 'active'>
  readonly checker: DefinitionChecker
  readonly admin: ProjectionAdmin
  readonly builtIns: readonly ReportShape[]
  readonly presets?: readonly ReportPreset[]
  /** Fleet managers appointed for some branches read only those branches' rows (reportTable.ts). */
  readonly fleetBranches?: FleetBranchLookup
}

export interface DefinitionInput {
  readonly format: SourceFormat
  readonly source: string
}

export interface DefinitionSummary {
  readonly name: string
  readonly title: string
  readonly version: number
  readonly builtIn: boolean
  readonly status: 'active' | 'retired'
  readonly changedAt: string | null
  readonly changedBy: Actor | null
}

export interface DefinitionChange {
  readonly version: number
  readonly change: 'registered' | 'changed' | 'retired'
  readonly at: string
  readonly by: Actor
  readonly position: number
}

export interface DefinitionDetails extends DefinitionSummary {
  readonly definition: ReportDefinition
  readonly format: SourceFormat
  readonly source: string
  readonly history: readonly DefinitionChange[]
}

export interface VariantView extends SavedVariant {
  readonly builtIn: boolean
  readonly description?: string
}

export interface VariantInput {
  readonly variantId?: string
  readonly report: string
  readonly title: string
  readonly query: ReportQuery
}

export interface Paging {
  readonly limit: number
  readonly offset: number
}

/** Paths that share /reports with report names. */
const RESERVED_NAMES = ['definitions', 'projections', 'variants', 'subscriptions']
const VARIANT_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/

const headOfficeOnly = (viewer: Principal, what: string): DomainError | null =>
  viewer.role === 'head_office' ? null : domainError('forbidden', 'ROLE_NOT_ALLOWED', `only head office may ${what}`)

export function problemsAsFields(problems: readonly DefinitionProblem[]): Array<DefinitionProblem> {
  // The line leads the message: a client that shows only messages still names the line to fix.
  return problems.map((p) => ({
    line: p.line,
    path: p.path,
    message: p.line === null ? p.message : `line ${p.line}: ${p.message}`,
  }))
}

export class ReportService {
  private readonly olderShapes = new Map<string, ReportShape>()

  constructor(private readonly deps: ReportServiceDeps) {}

  // ── definitions (head office) ─────────────────────────────────────────────────────────────

  /** A dry run: the problems with their lines, or the definition's name and normal form. */
  checkDefinition(viewer: Principal, input: DefinitionInput): Either<DomainError, { name: string }> {
    const refused = headOfficeOnly(viewer, 'check report definitions')
    if (refused) return left(refused)
    const checked = this.checkInput(input)
    return isLeft(checked) ? checked : right({ name: checked.right.name })
  }

  async registerDefinition(
    viewer: Principal,
    input: DefinitionInput,
    meta: RequestMeta,
  ): Promise<Either<DomainError, { name: string; version: number; changed: boolean; projection: string }>> {
    const refused = headOfficeOnly(viewer, 'register report definitions')
    if (refused) return left(refused)
    const checked = this.checkInput(input)
    if (isLeft(checked)) return checked
    const definition = checked.right
    if (RESERVED_NAMES.includes(definition.name) || this.deps.builtIns.some((b) => b.report === definition.name))
      return left(
        domainError('conflict', 'REPORT_NAME_TAKEN', `${definition.name} is a built-in report or a reserved name`, [
          { path: 'name', message: 'choose another name' },
        ]),
      )
    const outcome = await handleCommand({
      store: this.deps.store,
      catalogue: this.deps.catalogue,
      decider: reportDefinitionDecider,
      streamId: definitionStream(definition.name),
      command: { kind: 'RegisterDefinition', definition, format: input.format, source: input.source },
      context: { ...meta, actor: actorOf(viewer) },
    })
    if (isLeft(outcome)) return outcome
    const event = outcome.right.events[0]
    const { state } = await loadState(
      this.deps.store,
      this.deps.catalogue,
      reportDefinitionDecider,
      definitionStream(definition.name),
    )
    if (event) await this.deps.admin.definitionChanged(definition.name)
    return right({
      name: definition.name,
      version: state.status === 'none' ? 0 : state.version,
      changed: event !== undefined,
      projection: reportProjectionName(definition.name),
    })
  }

  async retireDefinition(
    viewer: Principal,
    name: string,
    reason: string | null,
    meta: RequestMeta,
  ): Promise<Either<DomainError, { name: string; retired: boolean }>> {
    const refused = headOfficeOnly(viewer, 'retire report definitions')
    if (refused) return left(refused)
    if (this.deps.builtIns.some((b) => b.report === name))
      return left(domainError('conflict', 'REPORT_BUILT_IN', `${name} is built in; it cannot be retired`))
    const outcome = await handleCommand({
      store: this.deps.store,
      catalogue: this.deps.catalogue,
      decider: reportDefinitionDecider,
      streamId: definitionStream(name),
      command: { kind: 'RetireDefinition', name, reason },
      context: { ...meta, actor: actorOf(viewer) },
    })
    if (isLeft(outcome)) return outcome
    if (outcome.right.events.length > 0) await this.deps.admin.definitionChanged(name)
    return right({ name, retired: true })
  }

  async definitions(viewer: Principal): Promise<Either<DomainError, DefinitionSummary[]>> {
    const refused = headOfficeOnly(viewer, 'see report definitions')
    if (refused) return left(refused)
    const builtIn: DefinitionSummary[] = this.deps.builtIns.map((b) => ({
      name: b.report,
      title: b.title,
      version: b.version,
      builtIn: true,
      status: 'active',
      changedAt: null,
      changedBy: null,
    }))
    const registered = (await this.catalog()).map(
      (d): DefinitionSummary => ({
        name: d._id,
        title: d.title,
        version: d.version,
        builtIn: false,
        status: d.status,
        changedAt: d.changedAt,
        changedBy: d.changedBy,
      }),
    )
    return right([...builtIn, ...registered])
  }

  /** The definition as registered now, its text, and who changed it when (from its stream). */
  async definition(viewer: Principal, name: string): Promise<Either<DomainError, DefinitionDetails>> {
    const refused = headOfficeOnly(viewer, 'see report definitions')
    if (refused) return left(refused)
    const history: DefinitionChange[] = []
    let latest: Extract<DefinitionEvent, { type: 'ReportDefinitionRegistered' }>['data'] | null = null
    let status: 'active' | 'retired' = 'active'
    for await (const recorded of this.deps.store.readStream(definitionStream(name))) {
      const event = this.deps.catalogue.decode(recorded) as DefinitionEvent
      const change =
        event.type === 'ReportDefinitionRegistered'
          ? 'registered'
          : event.type === 'ReportDefinitionChanged'
            ? 'changed'
            : 'retired'
      history.push({
        version: event.data.version,
        change,
        at: recorded.metadata.occurredAt,
        by: recorded.metadata.actor,
        position: recorded.position,
      })
      if (event.type === 'ReportDefinitionRetired') status = 'retired'
      else {
        latest = event.data
        status = 'active'
      }
    }
    const last = history.at(-1)
    if (!latest || !last) return left(domainError('not_found', 'REPORT_NOT_FOUND', `no report definition ${name}`))
    return right({
      name,
      title: latest.definition.title ?? name,
      version: latest.version,
      builtIn: false,
      status,
      changedAt: last.at,
      changedBy: last.by,
      definition: latest.definition,
      format: latest.format,
      source: latest.source,
      history,
    })
  }

  // ── projections (head office) ─────────────────────────────────────────────────────────────

  async projections(viewer: Principal): Promise<Either<DomainError, ProjectionInfo[]>> {
    const refused = headOfficeOnly(viewer, 'see projections')
    if (refused) return left(refused)
    return right(await this.deps.admin.list())
  }

  async projection(viewer: Principal, name: string): Promise<Either<DomainError, ProjectionInfo>> {
    const refused = headOfficeOnly(viewer, 'see projections')
    if (refused) return left(refused)
    const info = await this.deps.admin.status(name)
    return info ? right(info) : left(domainError('not_found', 'PROJECTION_NOT_FOUND', `no projection ${name}`))
  }

  async rebuild(viewer: Principal, name: string): Promise<Either<DomainError, RebuildStarted>> {
    const refused = headOfficeOnly(viewer, 'rebuild projections')
    if (refused) return left(refused)
    try {
      const started = await this.deps.admin.rebuild(name)
      return started
        ? right(started)
        : left(domainError('not_found', 'PROJECTION_NOT_FOUND', `no projection ${name} that can be rebuilt`))
    } catch (error) {
      if ((error as { code?: unknown }).code === 'REBUILD_IN_PROGRESS')
        return left(domainError('conflict', 'REBUILD_IN_PROGRESS', (error as Error).message))
      throw error
    }
  }

  // ── reading reports ───────────────────────────────────────────────────────────────────────

  /** The reports this viewer may read. */
  async reports(viewer: Principal): Promise<Either<DomainError, ReportShape[]>> {
    if (!readsReports(viewer))
      return left(domainError('forbidden', 'ROLE_NOT_ALLOWED', `a ${viewer.role} may not see reports`))
    const registered = (await this.catalog())
      .filter((d) => d.status === 'active')
      .map((d) => shapeOf(normalise(d.definition), d.version, false))
    const all = [...this.deps.builtIns, ...registered]
    if (viewer.role === 'head_office') return right(all)
    const restricted = (await this.branchIdsOf(viewer)) !== null
    return right(all.filter((s) => viewerScope(s, viewer) !== null && (!restricted || Boolean(s.scopeBranchKey))))
  }

  /** The branches of a fleet manager appointed for some only; null when the viewer has no such restriction. */
  private async branchIdsOf(viewer: Principal): Promise<ReadonlyArray<string> | null> {
    const restricted = this.deps.fleetBranches ? await this.deps.fleetBranches.restrictionOf(viewer) : null
    return restricted ? [...restricted.branchIds] : null
  }

  async table(
    viewer: Principal,
    report: string,
    query: ReportQuery,
    paging: Paging,
  ): Promise<Either<DomainError, ReportTable>> {
    const shape = await this.servedShape(report)
    if (isLeft(shape)) return shape
    const plan = planQuery(shape.right, query, viewer, await this.branchIdsOf(viewer))
    if (isLeft(plan)) return plan
    const { projection } = shape.right
    return runQuery(
      shape.right,
      plan.right,
      query,
      {
        rows: (collection) => this.deps.readModels.collection(projection, collection),
        distinct: () => this.deps.readModels.collection(projection, REPORT_COLLECTIONS.distinct),
      },
      paging,
    )
  }

  // ── variants ──────────────────────────────────────────────────────────────────────────────

  async variants(viewer: Principal): Promise<Either<DomainError, VariantView[]>> {
    const reports = await this.reports(viewer)
    if (isLeft(reports)) return reports
    const visible = new Set(reports.right.map((r) => r.report))
    const presets = (this.deps.presets ?? [])
      .filter((p) => visible.has(p.report))
      .map((p): VariantView => ({ ...p, builtIn: true }))
    const own = [...(await this.ownVariants(viewer)).values()].map((v): VariantView => ({ ...v, builtIn: false }))
    return right([...presets, ...own])
  }

  async saveVariant(
    viewer: Principal,
    input: VariantInput,
    meta: RequestMeta,
  ): Promise<Either<DomainError, VariantView>> {
    const title = input.title.trim()
    if (title.length === 0 || title.length > 200)
      return left(
        domainError('invalid', 'INVALID_VARIANT', 'the title must be 1-200 characters', [
          { path: 'title', message: 'must be 1-200 characters' },
        ]),
      )
    const variantId =
      input.variantId ?? (meta.commandId ? deterministicUuid(`variant|${meta.commandId}`) : randomUUID())
    if (!VARIANT_ID.test(variantId) || (this.deps.presets ?? []).some((p) => p.variantId === variantId))
      return left(
        domainError('invalid', 'INVALID_VARIANT', `${variantId} cannot be a variant id`, [
          { path: 'variantId', message: 'must be 1-100 letters, digits, _ . : - and not a built-in variant’s id' },
        ]),
      )
    // A variant must run: check it now against the report and the viewer's scope.
    const shape = await this.servedShape(input.report)
    if (isLeft(shape)) return shape
    const plan = planQuery(shape.right, input.query, viewer, await this.branchIdsOf(viewer))
    if (isLeft(plan)) return plan
    const outcome = await handleCommand({
      store: this.deps.store,
      catalogue: this.deps.catalogue,
      decider: reportVariantDecider,
      streamId: variantStream(viewer.id),
      command: { kind: 'SaveVariant', ownerId: viewer.id, variantId, report: input.report, title, query: input.query },
      context: { ...meta, actor: actorOf(viewer) },
    })
    if (isLeft(outcome)) return outcome
    return right({ variantId, report: input.report, title, query: input.query, builtIn: false })
  }

  async deleteVariant(viewer: Principal, variantId: string, meta: RequestMeta): Promise<Either<DomainError, null>> {
    if ((this.deps.presets ?? []).some((p) => p.variantId === variantId))
      return left(domainError('forbidden', 'VARIANT_BUILT_IN', 'built-in variants cannot be deleted'))
    const outcome = await handleCommand({
      store: this.deps.store,
      catalogue: this.deps.catalogue,
      decider: reportVariantDecider,
      streamId: variantStream(viewer.id),
      command: { kind: 'DeleteVariant', ownerId: viewer.id, variantId },
      context: { ...meta, actor: actorOf(viewer) },
    })
    return isLeft(outcome) ? outcome : right(null)
  }

  /** A saved (or built-in) variant's rows; `overrides` replace its query's fields for this run. */
  async variantTable(
    viewer: Principal,
    variantId: string,
    overrides: ReportQuery,
    paging: Paging,
  ): Promise<Either<DomainError, ReportTable & { variantId: string; variantTitle: string; query: ReportQuery }>> {
    const variant =
      (this.deps.presets ?? []).find((p) => p.variantId === variantId) ??
      (await this.ownVariants(viewer)).get(variantId)
    if (!variant) return left(domainError('not_found', 'REPORT_VARIANT_NOT_FOUND', `no variant ${variantId} of yours`))
    const query = { ...variant.query, ...overrides }
    const table = await this.table(viewer, variant.report, query, paging)
    return isLeft(table) ? table : right({ ...table.right, variantId, variantTitle: variant.title, query })
  }

  // ── helpers ───────────────────────────────────────────────────────────────────────────────

  private checkInput(input: DefinitionInput): Either<DomainError, ReportDefinition> {
    const checked = this.deps.checker.check(input.format, input.source)
    if (!isLeft(checked)) return checked
    const first = checked.left[0]
    return left(
      domainError(
        'invalid',
        'INVALID_REPORT_DEFINITION',
        first
          ? `the definition has ${checked.left.length} problem(s); first: ${problemsAsFields([first])[0]?.message}`
          : 'the definition is invalid',
        problemsAsFields(checked.left),
      ),
    )
  }

  private async ownVariants(viewer: Principal): Promise<ReadonlyMap<string, SavedVariant>> {
    const { state } = await loadState(
      this.deps.store,
      this.deps.catalogue,
      reportVariantDecider,
      variantStream(viewer.id),
    )
    return state
  }

  private async catalog(): Promise<DefinitionView[]> {
    try {
      const definitions = await this.deps.readModels.collection<DefinitionView>(
        REPORT_CATALOG.projection,
        REPORT_CATALOG.definitions,
      )
      return await definitions.find({}, { sort: { _id: 1 } })
    } catch (error) {
      // Before the catalog's first build there are simply no registered definitions yet.
      if (error instanceof ReadModelNotReady) return []
      throw error
    }
  }

  /**
   * The shape of the build that serves reads now: while a changed definition is being rebuilt,
   * the previous version's rows are read with the previous version's keys and measures.
   */
  private async servedShape(report: string): Promise<Either<DomainError, ReportShape>> {
    const builtIn = this.deps.builtIns.find((b) => b.report === report)
    if (builtIn) return right(builtIn)
    const view = (await this.catalog()).find((d) => d._id === report)
    if (view?.status !== 'active') return left(domainError('not_found', 'REPORT_NOT_FOUND', `no report ${report}`))
    const projection = reportProjectionName(report)
    const active = await this.deps.readModels.active(projection)
    if (!active) throw new ReadModelNotReady(projection, REPORT_COLLECTIONS.rows)
    if (active.version === view.version) return right(shapeOf(normalise(view.definition), view.version, false))
    const key = `${report}@${active.version}`
    const cached = this.olderShapes.get(key)
    if (cached) return right(cached)
    for await (const recorded of this.deps.store.readStream(definitionStream(report))) {
      const event = this.deps.catalogue.decode(recorded) as DefinitionEvent
      if (event.type !== 'ReportDefinitionRetired' && event.data.version === active.version) {
        const shape = shapeOf(normalise(event.data.definition), active.version, false)
        this.olderShapes.set(key, shape)
        return right(shape)
      }
    }
    return right(shapeOf(normalise(view.definition), view.version, false))
  }
}
