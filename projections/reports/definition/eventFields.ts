// Which fields an event has, read from its io-ts codec: a definition's paths (`data.slot.start`)
// are checked against the codecs of the event types it names, so a typo is an error at
// registration instead of a column of nulls. Codecs this cannot look into (hand-written t.Type)
// accept any deeper path: checked "where possible", never refused on a guess.
import * as t from 'io-ts'
import { Actor } from '../../../domain/shared/actor.js'

export type ValueKind = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array' | 'unknown'

export type PathLookup =
  | { readonly ok: true; readonly kinds: ReadonlySet<ValueKind>; readonly throughArray: boolean }
  | {
      readonly ok: false
      /** The part of the path that exists, e.g. `data.slot`. */
      readonly parent: string
      readonly missing: string
      /** The fields the parent does have (for "did you mean"). */
      readonly known: readonly string[]
    }

/** RecordedMetadata as a codec, so `metadata.*` paths are checked like data paths. */
export const MetadataCodec = t.type({
  eventId: t.string,
  correlationId: t.string,
  causationId: t.union([t.string, t.null]),
  actor: Actor,
  occurredAt: t.string,
  schemaVersion: t.number,
  prevHash: t.string,
  hash: t.string,
})

/** The whole event as a definition sees it (remembered values are checked separately). */
export function envelopeCodec(data: t.Mixed): t.Mixed {
  return t.type({ type: t.string, streamId: t.string, data, metadata: MetadataCodec })
}

interface Found {
  kinds: Set<ValueKind>
  throughArray: boolean
}

function ok(kinds: Iterable<ValueKind>, throughArray = false): PathLookup {
  return { ok: true, kinds: new Set(kinds), throughArray }
}

function merge(results: readonly PathLookup[]): PathLookup {
  const found: Found = { kinds: new Set(), throughArray: false }
  let any = false
  for (const r of results)
    if (r.ok) {
      any = true
      for (const k of r.kinds) found.kinds.add(k)
      if (r.throughArray) found.throughArray = true
    }
  if (any) return ok(found.kinds, found.throughArray)
  const failures = results.filter((r): r is Extract<PathLookup, { ok: false }> => !r.ok)
  const first = failures[0]
  if (!first) return ok(['unknown'])
  // The failure that got furthest names the most useful parent.
  const deepest = failures.reduce((a, b) => (b.parent.length > a.parent.length ? b : a), first)
  const known = new Set<string>()
  for (const f of failures) if (f.parent === deepest.parent) for (const k of f.known) known.add(k)
  return { ...deepest, known: [...known].sort() }
}

function kindOfLeaf(codec: t.Mixed): ValueKind[] | null {
  if (codec instanceof t.StringType || codec instanceof t.KeyofType) return ['string']
  if (codec instanceof t.NumberType) return ['number']
  if (codec instanceof t.BooleanType) return ['boolean']
  if (codec instanceof t.NullType || codec instanceof t.UndefinedType) return ['null']
  if (codec instanceof t.LiteralType) {
    const v: unknown = codec.value
    return [typeof v === 'string' ? 'string' : typeof v === 'number' ? 'number' : 'boolean']
  }
  return null
}

/** Looks up `segments` (already split on dots) under `codec`; `prefix` names where we are, for messages. */
export function lookupPath(codec: t.Mixed, segments: readonly string[], prefix = ''): PathLookup {
  const here = (s: string) => (prefix ? `${prefix}.${s}` : s)
  if (codec instanceof t.RefinementType || codec instanceof t.ReadonlyType || codec instanceof t.ExactType)
    return lookupPath(codec.type as t.Mixed, segments, prefix)
  if (codec instanceof t.RecursiveType) return lookupPath(codec.type as t.Mixed, segments, prefix)
  if (codec instanceof t.UnionType || codec instanceof t.IntersectionType)
    return merge((codec.types as t.Mixed[]).map((member) => lookupPath(member, segments, prefix)))
  const [head, ...rest] = segments
  if (head === undefined) {
    const leaf = kindOfLeaf(codec)
    if (leaf) return ok(leaf)
    if (codec instanceof t.ArrayType || codec instanceof t.ReadonlyArrayType) return ok(['array'])
    if (
      codec instanceof t.InterfaceType ||
      codec instanceof t.PartialType ||
      codec instanceof t.StrictType ||
      codec instanceof t.DictionaryType
    )
      return ok(['object'])
    return ok(['unknown'])
  }
  if (codec instanceof t.InterfaceType || codec instanceof t.PartialType || codec instanceof t.StrictType) {
    const props = codec.props as Record<string, t.Mixed>
    const child = props[head]
    if (!child) return { ok: false, parent: prefix, missing: head, known: Object.keys(props) }
    const found = lookupPath(child, rest, here(head))
    // A partial's field may be absent: it reads as null.
    if (found.ok && codec instanceof t.PartialType) return ok([...found.kinds, 'null'], found.throughArray)
    return found
  }
  if (codec instanceof t.DictionaryType) return lookupPath(codec.codomain as t.Mixed, rest, here(head))
  if (codec instanceof t.ArrayType || codec instanceof t.ReadonlyArrayType) {
    const item = codec.type as t.Mixed
    // `items.3.x` names an element; `items.x` means "x of any element" (Mongo's reading of paths).
    const found = /^\d+$/.test(head) ? lookupPath(item, rest, here(head)) : lookupPath(item, segments, prefix)
    return found.ok ? ok([...found.kinds, 'null'], true) : found
  }
  if (kindOfLeaf(codec)) return { ok: false, parent: prefix, missing: head, known: [] }
  return ok(['unknown']) // a codec we cannot look into: accept
}
