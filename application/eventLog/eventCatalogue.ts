// The catalogue of event types: one io-ts codec per type at its current schema version, and
// upcasters that lift stored older versions to the current one on read. Reading an event the
// catalogue does not know, or whose data fails its codec, is a typed error, never a silent skip.
import { isLeft } from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { PathReporter } from 'io-ts/lib/PathReporter.js'
import type { RecordedEvent } from '../ports/eventStore.js'

/** A domain event as deciders see it. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type
  readonly data: Data
}

export interface EventDefinition {
  readonly type: string
  /** Current version; events are written with it. */
  readonly schemaVersion: number
  /** io-ts codec of the data at the current version (t.Mixed: the catalogue holds every type). */
  readonly codec: t.Mixed
  /** upcasters[n] turns data stored at version n into version n + 1. */
  readonly upcasters?: Readonly<Record<number, (data: unknown) => unknown>>
}

export class UnknownEventType extends Error {
  readonly code = 'UNKNOWN_EVENT_TYPE'
  constructor(
    readonly eventType: string,
    readonly streamId: string,
    readonly revision: number,
  ) {
    super(`unknown event type ${eventType} at ${streamId}@${revision}`)
    this.name = 'UnknownEventType'
  }
}

export class MalformedEvent extends Error {
  readonly code = 'MALFORMED_EVENT'
  constructor(
    readonly eventType: string,
    readonly streamId: string,
    readonly revision: number,
    readonly problems: readonly string[],
  ) {
    super(`malformed ${eventType} at ${streamId}@${revision}: ${problems.join('; ')}`)
    this.name = 'MalformedEvent'
  }
}

export class EventCatalogue {
  private readonly definitions = new Map<string, EventDefinition>()

  constructor(definitions: ReadonlyArray<EventDefinition> = []) {
    for (const d of definitions) this.register(d)
  }

  register(definition: EventDefinition): this {
    if (this.definitions.has(definition.type)) throw new Error(`event type ${definition.type} registered twice`)
    for (let v = 1; v < definition.schemaVersion; v++)
      if (!definition.upcasters?.[v]) throw new Error(`${definition.type}: no upcaster from version ${v}`)
    this.definitions.set(definition.type, definition)
    return this
  }

  has(type: string): boolean {
    return this.definitions.has(type)
  }

  types(): string[] {
    return [...this.definitions.keys()]
  }

  schemaVersionOf(type: string): number {
    const d = this.definitions.get(type)
    if (!d) throw new Error(`unknown event type ${type}`)
    return d.schemaVersion
  }

  /** Validates data about to be written against its type's current codec. */
  encode(event: DomainEvent): { type: string; data: unknown; schemaVersion: number } {
    const d = this.definitions.get(event.type)
    if (!d) throw new Error(`unknown event type ${event.type}`)
    const checked = d.codec.decode(event.data)
    if (isLeft(checked)) throw new Error(`invalid ${event.type}: ${PathReporter.report(checked).join('; ')}`)
    return { type: event.type, data: d.codec.encode(checked.right), schemaVersion: d.schemaVersion }
  }

  /** Upcasts a stored event to its current version and decodes it. */
  decode(recorded: RecordedEvent): DomainEvent {
    const d = this.definitions.get(recorded.type)
    if (!d) throw new UnknownEventType(recorded.type, recorded.streamId, recorded.revision)
    const stored = recorded.metadata.schemaVersion
    if (!Number.isInteger(stored) || stored < 1 || stored > d.schemaVersion)
      throw new MalformedEvent(recorded.type, recorded.streamId, recorded.revision, [
        `schema version ${String(stored)} is not between 1 and ${d.schemaVersion}`,
      ])
    let data = recorded.data
    for (let v = stored; v < d.schemaVersion; v++) {
      const upcast = d.upcasters?.[v]
      if (upcast) data = upcast(data) // register() checked that every step has one
    }
    const decoded = d.codec.decode(data)
    if (isLeft(decoded))
      throw new MalformedEvent(recorded.type, recorded.streamId, recorded.revision, PathReporter.report(decoded))
    return { type: recorded.type, data: decoded.right }
  }
}
