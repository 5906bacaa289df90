// io-ts validation errors as the API reports them: one entry per failing field, with a dotted
// path relative to the input (`vehicles.0.plate`) and a message a person can act on.
import * as t from 'io-ts'
import type { FieldError } from '../problem.js'

// Wrappers that validate their inner codec in their own context entry.
const unwrapped = (type: t.Decoder<unknown, unknown>): t.Decoder<unknown, unknown> =>
  type instanceof t.ExactType || type instanceof t.ReadonlyType || type instanceof t.RefinementType
    ? unwrapped(type.type)
    : type

/** Union and intersection members add their index to the context; that is not a field. */
const isBranching = (type: t.Decoder<unknown, unknown>): boolean => {
  const inner = unwrapped(type)
  return inner instanceof t.UnionType || inner instanceof t.IntersectionType
}

function pathOf(context: t.Context): string {
  const keys: string[] = []
  for (let i = 1; i < context.length; i++) {
    const parent = context[i - 1] as t.ContextEntry
    if (isBranching(parent.type)) continue
    keys.push((context[i] as t.ContextEntry).key)
  }
  return keys.join('.')
}

function messageOf(error: t.ValidationError): string {
  if (error.value === undefined) return 'is required'
  if (error.message) return error.message
  const entry = error.context.at(-1)
  const type = entry?.type
  if (type instanceof t.KeyofType) return `must be one of ${Object.keys(type.keys).join(', ')}`
  if (type instanceof t.LiteralType) return `must be ${JSON.stringify(type.value)}`
  if (type instanceof t.InterfaceType || type instanceof t.PartialType || type instanceof t.ExactType)
    return 'must be an object'
  if (type instanceof t.ArrayType || type instanceof t.ReadonlyArrayType) return 'must be an array'
  return `must be ${type?.name ?? 'valid'}`
}

export function fieldErrors(errors: t.Errors): FieldError[] {
  // A value failing every member of a union fails once per member: say it once, naming the options.
  const byPath = new Map<string, string[]>()
  for (const e of errors) {
    const path = pathOf(e.context)
    const messages = byPath.get(path) ?? []
    const message = messageOf(e)
    if (!messages.includes(message)) messages.push(message)
    byPath.set(path, messages)
  }
  return [...byPath].map(([path, messages]) => ({ path, message: messages.join(' or ') }))
}
