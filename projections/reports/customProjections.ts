// Custom projections: TypeScript modules in projections/custom/ for what the definition language
// cannot say. Each module exports a Projection (named export `projection`, or the default export),
// the same contract as the built-in ones; they are found when the application starts and run,
// rebuild and report lag like any other. A module that does not load or does not export a valid
// projection is reported (list/status show it) and left out: it must not keep the rest from starting.
//
// A module may also export `report`: the ReportShape of the rows it writes (in the shape declarative
// reports write, see support/reportRows.ts). It is then a report like the built-in ones: rows over
// /reports/<name>/rows with periods, filters, grouping, columns, variants and e-mailed subscriptions.
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { ReportShape } from '../../application/reports/reportShape.js'
import { checkProjection, type Projection } from '../projection.js'

export const CUSTOM_PROJECTIONS_DIR = fileURLToPath(new URL('../custom/', import.meta.url))

export interface InvalidCustomProjection {
  readonly file: string
  readonly error: string
}

export interface CustomProjections {
  readonly projections: readonly Projection[]
  readonly invalid: readonly InvalidCustomProjection[]
  /** The reports custom projections write rows for (their `report` export). */
  readonly reports?: readonly ReportShape[]
}

/** A module's `report` export, checked against its projection: null when it has none. */
function asReport(value: unknown, projection: Projection): ReportShape | null {
  if (value === undefined) return null
  const r = value as Partial<ReportShape>
  const named = (xs: unknown) =>
    Array.isArray(xs) && xs.every((x) => typeof x === 'object' && x !== null && typeof x.name === 'string')
  if (typeof r !== 'object' || r === null || typeof r.report !== 'string' || !named(r.keys) || !named(r.measures))
    throw new Error('`report` must be a ReportShape (report, projection, version, title, keys, measures, scope keys)')
  if (r.projection !== projection.name)
    throw new Error(
      `report ${r.report} names projection ${r.projection}, but the module's projection is ${projection.name}`,
    )
  if (!projection.collections.includes('rows'))
    throw new Error(`report ${r.report}: the projection must own a rows collection`)
  return r as ReportShape
}

/** Names the application keeps for itself: reports are `report-<name>`. */
const RESERVED = /^report-/

function isModuleFile(name: string): boolean {
  if (name.startsWith('_') || name.startsWith('.')) return false
  if (name.endsWith('.d.ts') || /\.test\.[cm]?[jt]s$/.test(name)) return false
  return /\.[cm]?[jt]s$/.test(name)
}

function asProjection(value: unknown): Projection | null {
  if (typeof value !== 'object' || value === null) return null
  const p = value as Partial<Projection>
  const typesOk = p.types === 'all' || (Array.isArray(p.types) && p.types.every((x) => typeof x === 'string'))
  if (
    typeof p.name !== 'string' ||
    typeof p.version !== 'number' ||
    !typesOk ||
    !Array.isArray(p.collections) ||
    typeof p.apply !== 'function'
  )
    return null
  return value as Projection
}

/**
 * Loads every module of `dir` (sorted by file name, so the order is the same everywhere).
 * `taken` are the names already in use (built-in projections): a custom one may not shadow them.
 */
export async function loadCustomProjections(
  dir: string = CUSTOM_PROJECTIONS_DIR,
  taken: readonly string[] = [],
): Promise<CustomProjections> {
  let files: string[]
  try {
    files = (await readdir(dir)).filter(isModuleFile).sort()
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return { projections: [], invalid: [], reports: [] }
    throw error
  }
  const projections: Projection[] = []
  const invalid: InvalidCustomProjection[] = []
  const reports: ReportShape[] = []
  const names = new Set(taken)
  for (const file of files) {
    try {
      const module = (await import(pathToFileURL(path.join(dir, file)).href)) as Record<string, unknown>
      const projection = asProjection(module.projection ?? module.default)
      if (!projection)
        throw new Error(
          'export a Projection as `projection` or as the default export (name, version, types, collections, apply)',
        )
      checkProjection(projection)
      if (RESERVED.test(projection.name)) throw new Error(`the name ${projection.name} is reserved for reports`)
      if (names.has(projection.name)) throw new Error(`a projection named ${projection.name} exists already`)
      const report = asReport(module.report, projection)
      if (report && reports.some((r) => r.report === report.report))
        throw new Error(`a report named ${report.report} exists already`)
      names.add(projection.name)
      projections.push(projection)
      if (report) reports.push(report)
    } catch (error) {
      invalid.push({ file, error: error instanceof Error ? error.message : String(error) })
    }
  }
  return { projections, invalid, reports }
}
