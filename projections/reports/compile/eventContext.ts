// The event as a compiled definition reads it: its envelope, its data at the current schema
// version, and the values remembered for its stream. Paths are compiled once into getters.

export interface EventContext {
  readonly type: string
  readonly streamId: string
  readonly data: unknown
  readonly metadata: unknown
  readonly remembered: Readonly<Record<string, unknown>>
}

export type Getter = (ctx: EventContext) => unknown

function rootGetter(root: string): Getter {
  switch (root) {
    case 'type':
      return (ctx) => ctx.type
    case 'streamId':
      return (ctx) => ctx.streamId
    case 'data':
      return (ctx) => ctx.data
    case 'metadata':
      return (ctx) => ctx.metadata
    case 'remembered':
      return (ctx) => ctx.remembered
    default:
      throw new Error(`path root ${root} is not one of type, streamId, data, metadata, remembered`)
  }
}

/** One value per event (the checker made sure the path crosses no list); undefined when absent. */
export function compileGetter(path: string): Getter {
  const [root, ...rest] = path.split('.')
  const base = rootGetter(root ?? '')
  if (rest.length === 0) return base
  // `remembered.<name>`: the name is one key even if it were to contain dots.
  const segments = root === 'remembered' ? [rest.join('.')] : rest
  return (ctx) => {
    let value: unknown = base(ctx)
    for (const segment of segments) {
      if (value === null || typeof value !== 'object') return undefined
      value = (value as Record<string, unknown>)[segment]
    }
    return value
  }
}

/**
 * Every value a path reaches, the way MongoDB reads a path in a filter: through lists, any
 * element; a numeric segment indexes a list. [undefined] when nothing is there.
 */
export function compileCollector(path: string): (ctx: EventContext) => unknown[] {
  const [root, ...rest] = path.split('.')
  const base = rootGetter(root ?? '')
  const segments = root === 'remembered' && rest.length > 0 ? [rest.join('.')] : rest
  const collect = (value: unknown, i: number, out: unknown[]): void => {
    if (i === segments.length) {
      out.push(value)
      return
    }
    const segment = segments[i] as string
    if (Array.isArray(value)) {
      if (/^\d+$/.test(segment)) collect(value[Number(segment)], i + 1, out)
      for (const element of value) if (element !== null && typeof element === 'object') collect(element, i, out)
      return
    }
    if (value !== null && typeof value === 'object') collect((value as Record<string, unknown>)[segment], i + 1, out)
    else out.push(undefined)
  }
  return (ctx) => {
    const out: unknown[] = []
    collect(base(ctx), 0, out)
    return out.length === 0 ? [undefined] : out
  }
}
