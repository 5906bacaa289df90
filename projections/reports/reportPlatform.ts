// Everything reports need, wired from the stores and the event catalogue: the definition
// language, the runtime that runs report and custom projections, and the report use cases. The
// composition root calls this once and mounts `service` under /reports.
import type { FleetBranchLookup } from '../../application/customers/fleetBranchScope.js'
import type { EventCatalogue } from '../../application/eventLog/eventCatalogue.js'
import type { DocumentStore } from '../../application/ports/documentStore.js'
import type { EventStore } from '../../application/ports/eventStore.js'
import { ReadModels } from '../../application/readModels/readModels.js'
import type { ReportDefinition } from '../../application/reports/reportDefinition.js'
import { type ReportPreset, ReportService } from '../../application/reports/reportService.js'
import type { Projection } from '../projection.js'
import type { ProjectionRunner } from '../projectionRunner.js'
import { builtInPresets } from './builtIn/builtInPresets.js'
import { builtInReportDefinitions } from './builtIn/builtInReports.js'
import { type CustomProjections, loadCustomProjections } from './customProjections.js'
import { ReportLanguage } from './reportLanguage.js'
import { ReportRuntime, type RunnerTuning } from './reportRuntime.js'

export interface ReportPlatformOptions {
  readonly events: EventStore
  readonly documents: DocumentStore
  readonly catalogue: EventCatalogue
  /** The application's own projections and their runners (the ProjectionHost's). */
  readonly core?: { readonly projections: readonly Projection[]; readonly runners: () => readonly ProjectionRunner[] }
  /** Where custom projections are looked for; default projections/custom. null: none. */
  readonly customDir?: string | null
  readonly builtIns?: readonly ReportDefinition[]
  readonly presets?: readonly ReportPreset[]
  readonly tuning?: RunnerTuning
  readonly pollEveryMs?: number
  /** Fleet managers appointed for some branches read only those branches' rows. */
  readonly fleetBranches?: FleetBranchLookup
}

export interface ReportPlatform {
  readonly language: ReportLanguage
  readonly runtime: ReportRuntime
  readonly service: ReportService
  readonly custom: CustomProjections
}

export async function reportPlatform(options: ReportPlatformOptions): Promise<ReportPlatform> {
  const language = new ReportLanguage(options.catalogue)
  const custom =
    options.customDir === null
      ? { projections: [], invalid: [] }
      : await loadCustomProjections(
          options.customDir,
          (options.core?.projections ?? []).map((p) => p.name),
        )
  const runtime = new ReportRuntime({
    events: options.events,
    documents: options.documents,
    language,
    builtIns: options.builtIns ?? builtInReportDefinitions,
    custom,
    ...(options.core ? { core: options.core } : {}),
    ...(options.tuning ? { tuning: options.tuning } : {}),
    ...(options.pollEveryMs ? { pollEveryMs: options.pollEveryMs } : {}),
  })
  const service = new ReportService({
    store: options.events,
    catalogue: options.catalogue,
    readModels: new ReadModels(options.documents),
    checker: language,
    admin: runtime,
    builtIns: runtime.builtInShapes,
    presets: options.presets ?? builtInPresets,
    ...(options.fleetBranches ? { fleetBranches: options.fleetBranches } : {}),
  })
  return { language, runtime, service, custom }
}
