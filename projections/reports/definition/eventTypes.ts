// What the definition checker needs to know about events: which types the application's
// EventCatalogue knows, and, where we have it, each type's io-ts codec for field checks.
import type * as t from 'io-ts'
import type { EventCatalogue, EventDefinition } from '../../../application/eventLog/eventCatalogue.js'

export interface EventTypes {
  has(type: string): boolean
  types(): readonly string[]
  /** The data codec of a type, or undefined when only its name is known (then paths go unchecked). */
  codecOf(type: string): t.Mixed | undefined
}

/**
 * The catalogue decides which types exist; the definitions (the ones the composition root
 * registers) supply codecs. The catalogue does not hand its codecs out, hence the second argument.
 */
export function eventTypesOf(catalogue: EventCatalogue, definitions: readonly EventDefinition[]): EventTypes {
  const codecs = new Map(definitions.map((d) => [d.type, d.codec]))
  return {
    has: (type) => catalogue.has(type),
    types: () => catalogue.types(),
    codecOf: (type) => (catalogue.has(type) ? codecs.get(type) : undefined),
  }
}
