// The `reportCatalog` read model (see application/reports/reportCatalogView.ts): one document
// per report definition, from its stream's events.
import { EventCatalogue } from '../../../application/eventLog/eventCatalogue.js'
import type { RecordedEvent } from '../../../application/ports/eventStore.js'
import { type DefinitionView, REPORT_CATALOG } from '../../../application/reports/reportCatalogView.js'
import {
  DEFINITION_EVENT_TYPES,
  type DefinitionEvent,
  reportEventDefinitions,
} from '../../../application/reports/reportEvents.js'
import type { Projection, ProjectionView } from '../../projection.js'

const catalogue = new EventCatalogue(reportEventDefinitions)

async function apply(event: RecordedEvent, view: ProjectionView): Promise<void> {
  const decoded = catalogue.decode(event) as DefinitionEvent
  const definitions = view.collection(REPORT_CATALOG.definitions)
  const at = event.metadata.occurredAt
  const by = { id: event.metadata.actor.id, role: event.metadata.actor.role }
  if (decoded.type === 'ReportDefinitionRetired') {
    await definitions.updateOne(
      { _id: decoded.data.name },
      { $set: { status: 'retired', retiredReason: decoded.data.reason, changedAt: at, changedBy: by } },
    )
    return
  }
  const { name, version, definition, format, source } = decoded.data
  const current = (await definitions.findOne({ _id: name })) as DefinitionView | null
  const doc: DefinitionView = {
    _id: name,
    version,
    status: 'active',
    title: definition.title ?? name,
    definition,
    format,
    source,
    registeredAt: current?.registeredAt ?? at,
    registeredBy: current?.registeredBy ?? by,
    changedAt: at,
    changedBy: by,
    retiredReason: null,
  }
  await definitions.replaceOne({ _id: name }, doc, { upsert: true })
}

export const reportCatalogProjection: Projection = {
  name: REPORT_CATALOG.projection,
  version: 1,
  types: DEFINITION_EVENT_TYPES,
  collections: [REPORT_CATALOG.definitions],
  apply,
}
