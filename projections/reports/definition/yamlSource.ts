// YAML with line numbers. js-yaml builds the value (with the core schema: no dates, no custom
// tags, so the value is plain JSON) and its parser's event stream, which carries source offsets,
// is walked alongside to record where each key and item starts.
import { CORE_SCHEMA, type Event, getScalarValue, load, parseEvents, YAMLException } from 'js-yaml'
import { DefinitionSyntaxError, type LocatedSource, OffsetMap, type SourcePath } from './locatedSource.js'

const DOCUMENT = 1
const SEQUENCE = 2
const MAPPING = 3
const SCALAR = 4
const ALIAS = 5
const POP = 6

class EventWalker {
  private i = 0

  constructor(
    private readonly text: string,
    private readonly events: readonly Event[],
    private readonly offsets: OffsetMap,
  ) {}

  walkDocument(): void {
    const first = this.events[this.i]
    if (first?.type !== DOCUMENT) return
    this.i++
    if (this.events[this.i]?.type !== POP) this.node([])
  }

  private startOf(e: Event): number {
    switch (e.type) {
      case SEQUENCE:
      case MAPPING:
        return e.start
      case SCALAR:
        return e.valueStart >= 0 ? e.valueStart : e.tagStart >= 0 ? e.tagStart : e.anchorStart
      case ALIAS:
        return e.anchorStart
      default:
        return -1
    }
  }

  /** Consumes one node (with its children) and records the offsets of everything in it. */
  private node(path: SourcePath): void {
    const e = this.events[this.i++]
    if (!e) return
    this.offsets.record(path, this.startOf(e))
    if (e.type === SEQUENCE) {
      let index = 0
      while (this.events[this.i] && this.events[this.i]?.type !== POP) this.node([...path, index++])
      this.i++
    } else if (e.type === MAPPING) {
      while (this.events[this.i] && this.events[this.i]?.type !== POP) {
        const keyEvent = this.events[this.i] as Event
        // Keys are almost always plain scalars; a complex key cannot be named in a path anyway.
        const key = keyEvent.type === SCALAR ? getScalarValue(this.text, keyEvent) : `?${this.i}`
        this.offsets.record([...path, key], this.startOf(keyEvent))
        this.node([...path, `?key${this.i}`])
        this.node([...path, key])
      }
      this.i++
    }
  }
}

export function parseYamlSource(text: string): LocatedSource {
  let value: unknown
  try {
    value = load(text, { schema: CORE_SCHEMA, maxAliases: 0 })
  } catch (error) {
    if (error instanceof YAMLException)
      throw new DefinitionSyntaxError((error.mark?.line ?? 0) + 1, (error.mark?.column ?? 0) + 1, error.reason)
    throw error
  }
  const offsets = new OffsetMap(text)
  new EventWalker(text, parseEvents(text, {}), offsets).walkDocument()
  return { format: 'yaml', value, lineOf: (path) => offsets.lineOf(path) }
}
