// Events of reports: analysts' definitions (stream `reportdefinition-<name>`: who registered or
// changed which version, when, with the exact text they wrote) and users' saved variants (stream
// `reportvariants-<accountId>`). The composition root registers them in the EventCatalogue.
import * as t from 'io-ts'
import type { EventsOf } from '../../domain/shared/eventDefinition.js'
import type { EventDefinition } from '../eventLog/eventCatalogue.js'
import { ReportDefinition } from './reportDefinition.js'
import { ReportQuery } from './reportQuery.js'

export const SourceFormat = t.keyof({ yaml: null, json: null })
export type SourceFormat = t.TypeOf<typeof SourceFormat>

const DefinitionVersion = t.type({
  name: t.string,
  version: t.number,
  /** As checked (with `version` set to the one assigned); what the projection is compiled from. */
  definition: ReportDefinition,
  format: SourceFormat,
  /** The text as the analyst wrote it, comments included. */
  source: t.string,
})

export const reportEventCodecs = {
  ReportDefinitionRegistered: DefinitionVersion,
  ReportDefinitionChanged: DefinitionVersion,
  ReportDefinitionRetired: t.type({ name: t.string, version: t.number, reason: t.union([t.string, t.null]) }),
  ReportVariantSaved: t.type({
    ownerId: t.string,
    variantId: t.string,
    report: t.string,
    title: t.string,
    query: ReportQuery,
  }),
  ReportVariantDeleted: t.type({ ownerId: t.string, variantId: t.string }),
}
export type ReportEvent = EventsOf<typeof reportEventCodecs>
export type DefinitionEvent = Extract<
  ReportEvent,
  { type: 'ReportDefinitionRegistered' | 'ReportDefinitionChanged' | 'ReportDefinitionRetired' }
>
export type VariantEvent = Extract<ReportEvent, { type: 'ReportVariantSaved' | 'ReportVariantDeleted' }>

export const reportEventDefinitions: ReadonlyArray<EventDefinition> = Object.entries(reportEventCodecs).map(
  ([type, codec]) => ({ type, schemaVersion: 1, codec }),
)

export const DEFINITION_EVENT_TYPES = [
  'ReportDefinitionRegistered',
  'ReportDefinitionChanged',
  'ReportDefinitionRetired',
]

export const definitionStream = (name: string): string => `reportdefinition-${name}`
export const variantStream = (ownerId: string): string => `reportvariants-${ownerId}`
