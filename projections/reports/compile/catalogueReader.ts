// Reads an event's data at its type's current schema version: as stored when it already is (the
// rebuild's hot path, no decoding), else upcast and decoded through the EventCatalogue.
import type { EventCatalogue } from '../../../application/eventLog/eventCatalogue.js'
import type { EventDataReader } from './compileDefinition.js'

export function catalogueReader(catalogue: EventCatalogue): EventDataReader {
  const current = new Map<string, number>()
  return {
    dataOf(event) {
      let version = current.get(event.type)
      if (version === undefined) {
        if (!catalogue.has(event.type)) return event.data
        version = catalogue.schemaVersionOf(event.type)
        current.set(event.type, version)
      }
      return event.metadata.schemaVersion === version ? event.data : catalogue.decode(event).data
    },
  }
}
