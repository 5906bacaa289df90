// Custom fields per equipment type: a network configures, per type code (e.g. 'passenger_car',
// 'e_bike', 'compressor'), which extra fields an item carries. The schema lives in configuration
// and is passed in on the command, so the domain validates values without loading anything; the
// event keeps only the cleaned values (the schema may change later, the recorded values do not).
import * as t from 'io-ts'
import { isLocalDate } from '../shared/localTime.js'
import type { FieldProblem } from '../shared/validation.js'

export const CustomFieldValue = t.union([t.string, t.number, t.boolean])
export type CustomFieldValue = t.TypeOf<typeof CustomFieldValue>
export const CustomFieldValues = t.record(t.string, CustomFieldValue)
export type CustomFieldValues = t.TypeOf<typeof CustomFieldValues>

export type CustomFieldType = 'text' | 'number' | 'integer' | 'boolean' | 'date' | 'choice'

export interface CustomFieldDefinition {
  readonly key: string
  readonly type: CustomFieldType
  readonly required: boolean
  /** For 'choice'. */
  readonly options?: ReadonlyArray<string>
  /** For 'number' / 'integer'. */
  readonly min?: number
  readonly max?: number
  /** For 'text' (default 500). */
  readonly maxLength?: number
}

/** The field schema of one equipment type, from the network's configuration. */
export interface EquipmentTypeSchema {
  readonly typeCode: string
  readonly fields: ReadonlyArray<CustomFieldDefinition>
}

function valueProblem(def: CustomFieldDefinition, value: CustomFieldValue): string | null {
  switch (def.type) {
    case 'text':
      if (typeof value !== 'string') return 'must be text'
      if (value.length > (def.maxLength ?? 500)) return `must be at most ${def.maxLength ?? 500} characters`
      return null
    case 'number':
    case 'integer':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number'
      if (def.type === 'integer' && !Number.isInteger(value)) return 'must be a whole number'
      if (def.min !== undefined && value < def.min) return `must be at least ${def.min}`
      if (def.max !== undefined && value > def.max) return `must be at most ${def.max}`
      return null
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false'
    case 'date':
      return typeof value === 'string' && isLocalDate(value) ? null : 'must be a date YYYY-MM-DD'
    case 'choice':
      return typeof value === 'string' && (def.options ?? []).includes(value)
        ? null
        : `must be one of ${(def.options ?? []).join(', ')}`
  }
}

/**
 * Checks values against the type's schema: unknown keys, missing required fields, wrong types.
 * Blank text counts as absent. Answers the cleaned values (keys in schema order) or the problems.
 */
export function validateCustomFields(
  schema: EquipmentTypeSchema,
  values: Readonly<Record<string, CustomFieldValue | null>>,
  path = 'customFields',
): { ok: true; value: CustomFieldValues } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = []
  const known = new Set(schema.fields.map((f) => f.key))
  for (const key of Object.keys(values))
    if (!known.has(key)) problems.push({ path: `${path}.${key}`, message: `is not a field of ${schema.typeCode}` })
  const cleaned: Record<string, CustomFieldValue> = {}
  for (const def of schema.fields) {
    const raw = values[def.key]
    const value = typeof raw === 'string' ? raw.trim() : raw
    if (value === undefined || value === null || value === '') {
      if (def.required) problems.push({ path: `${path}.${def.key}`, message: 'is required' })
      continue
    }
    const problem = valueProblem(def, value)
    if (problem) problems.push({ path: `${path}.${def.key}`, message: problem })
    else cleaned[def.key] = value
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: cleaned }
}
