// How a context's events are registered: structurally the application's EventDefinition, declared
// here because the domain may not import the application. Each context's events.ts keeps its codecs
// in one record; the event union type and the definitions are derived from it, so they cannot drift.
import type * as t from 'io-ts'

export interface DomainEventDefinition {
  readonly type: string
  readonly schemaVersion: number
  readonly codec: t.Mixed
  readonly upcasters?: Readonly<Record<number, (data: unknown) => unknown>>
}

/** { EventType: codec } → the union of { type, data } the decider sees. */
export type EventsOf<Codecs extends Record<string, t.Mixed>> = {
  [K in keyof Codecs & string]: { readonly type: K; readonly data: t.TypeOf<Codecs[K]> }
}[keyof Codecs & string]

/** Every codec at schema version 1 (the first version of each of these event types). */
export function firstVersionDefinitions(codecs: Record<string, t.Mixed>): DomainEventDefinition[] {
  return Object.entries(codecs).map(([type, codec]) => ({ type, schemaVersion: 1, codec }))
}
