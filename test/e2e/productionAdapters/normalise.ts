// Two runs of the same flow differ by construction in three ways, and only those are mapped away
// before comparing: values the flow names by role (random account and customer ids, and who won
// the race: its e-mail, plate and booking), the moments commands were recorded at (the API takes
// `now` from the system clock), and any other random id (replaced by its order of appearance, so
// the same id in two places stays the same label). Everything else must be equal byte for byte.

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/

export interface RunWindow {
  /** Epoch ms when the run began and ended: an instant in between is a recorded "now". */
  readonly from: number
  readonly to: number
}

export function normalise(value: unknown, labels: ReadonlyMap<string, string>, window: RunWindow): unknown {
  // Longest first, so a value that contains another (an e-mail, a stream id) is replaced whole.
  const known = [...labels.entries()].sort(([a], [b]) => b.length - a.length)
  const ids = new Map<string, string>()
  const string = (s: string): string => {
    let out = s
    for (const [real, label] of known) if (out.includes(real)) out = out.split(real).join(`<${label}>`)
    if (INSTANT.test(out)) {
      const t = Date.parse(out)
      if (t >= window.from && t <= window.to) return '<now>'
    }
    return out.replace(UUID, (id) => {
      const key = id.toLowerCase()
      let label = ids.get(key)
      if (label === undefined) {
        label = `<id#${ids.size + 1}>`
        ids.set(key, label)
      }
      return label
    })
  }
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return string(v)
    if (Array.isArray(v)) return v.map(walk)
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, inner]) => [string(k), walk(inner)]))
    return v
  }
  return walk(value)
}
