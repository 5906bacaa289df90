// JSON Schema (2020-12, as OpenAPI 3.1 uses) from the io-ts codecs the routes decode with, so
// the published document describes exactly what the API accepts. Hand-written io-ts types
// (branded fields such as Email) have no structure to read: they are described once with
// `describeCodec`; a codec with neither structure nor description fails the build of the
// document, loudly, instead of documenting `{}`.
import * as t from 'io-ts'

export type JsonSchema = { readonly [key: string]: unknown }

const described = new WeakMap<t.Decoder<unknown, unknown>, JsonSchema>()

export function describeCodec(codec: t.Decoder<unknown, unknown>, schema: JsonSchema): void {
  described.set(codec, schema)
}

type Props = Readonly<Record<string, t.Decoder<unknown, unknown>>>

function objectSchema(props: Props, required: boolean): JsonSchema {
  const properties: Record<string, JsonSchema> = {}
  for (const [key, codec] of Object.entries(props)) properties[key] = jsonSchemaOf(codec)
  return {
    type: 'object',
    properties,
    ...(required && Object.keys(props).length > 0 ? { required: Object.keys(props) } : {}),
  }
}

/** Intersections of objects (t.type & t.partial) read best as one object. */
function mergeObjects(schemas: JsonSchema[]): JsonSchema {
  if (!schemas.every((s) => s.type === 'object')) return { allOf: schemas }
  const properties: Record<string, unknown> = {}
  const required: string[] = []
  for (const s of schemas) {
    Object.assign(properties, s.properties)
    if (Array.isArray(s.required)) required.push(...(s.required as string[]))
  }
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) }
}

export function jsonSchemaOf(codec: t.Decoder<unknown, unknown>): JsonSchema {
  const given = described.get(codec)
  if (given) return given
  if (codec instanceof t.StringType) return { type: 'string' }
  if (codec instanceof t.NumberType) return { type: 'number' }
  if (codec instanceof t.BooleanType) return { type: 'boolean' }
  if (codec instanceof t.NullType) return { type: 'null' }
  if (codec instanceof t.UnknownType) return {}
  if (codec instanceof t.LiteralType) return { const: codec.value }
  if (codec instanceof t.KeyofType) return { type: 'string', enum: Object.keys(codec.keys) }
  if (codec instanceof t.InterfaceType) return objectSchema(codec.props, true)
  if (codec instanceof t.PartialType) return objectSchema(codec.props, false)
  if (codec instanceof t.ExactType || codec instanceof t.ReadonlyType || codec instanceof t.RefinementType)
    return jsonSchemaOf(codec.type)
  if (codec instanceof t.ArrayType || codec instanceof t.ReadonlyArrayType)
    return { type: 'array', items: jsonSchemaOf(codec.type) }
  if (codec instanceof t.DictionaryType) return { type: 'object', additionalProperties: jsonSchemaOf(codec.codomain) }
  if (codec instanceof t.UnionType) return { oneOf: (codec.types as t.Mixed[]).map(jsonSchemaOf) }
  if (codec instanceof t.IntersectionType) return mergeObjects((codec.types as t.Mixed[]).map(jsonSchemaOf))
  const name = codec instanceof t.Type ? codec.name : 'a decoder'
  throw new Error(`no JSON Schema for ${name}: describe it with describeCodec`)
}
