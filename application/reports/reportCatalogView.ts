// The `reportCatalog` read model: every registered report definition as it is now (its current
// version, text and status, who registered and last changed it). Written by
// projections/reports/catalog; read by the report queries (which reports exist), the report
// runtime (which to run) and the CLI.
import type { Actor } from '../../domain/shared/actor.js'
import type { Document } from '../ports/documentStore.js'
import type { ReportDefinition } from './reportDefinition.js'
import type { SourceFormat } from './reportEvents.js'

export const REPORT_CATALOG = { projection: 'reportCatalog', definitions: 'definitions' } as const

export interface DefinitionView extends Document {
  /** The report's name. */
  _id: string
  version: number
  status: 'active' | 'retired'
  title: string
  definition: ReportDefinition
  format: SourceFormat
  source: string
  registeredAt: string
  registeredBy: Actor
  changedAt: string
  changedBy: Actor
  retiredReason: string | null
}
