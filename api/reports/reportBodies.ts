// Bodies, query parameters and (for the OpenAPI document) answers of the report routes.
import * as t from 'io-ts'
import { ReportQuery } from '../../application/reports/reportQuery.js'
import { describeCodec, type JsonSchema } from '../openapi/jsonSchema.js'

const QUERY_SCHEMA: JsonSchema = {
  type: 'object',
  description: 'Which rows and how grouped; every field optional',
  properties: {
    period: { type: 'string', enum: ['hour', 'day', 'week', 'month', 'total'], description: 'roll the time bucket up' },
    from: { type: 'string', format: 'date', description: 'first local date (inclusive)' },
    to: { type: 'string', format: 'date', description: 'last local date (inclusive)' },
    groupBy: { type: 'array', items: { type: 'string' }, description: 'keys kept (others summed over)' },
    columns: { type: 'array', items: { type: 'string' }, description: 'measures shown' },
    filters: {
      type: 'object',
      additionalProperties: { type: 'array', items: {} },
      description: 'key → allowed values',
    },
    sort: {
      type: 'array',
      items: { type: 'object', properties: { column: { type: 'string' }, desc: { type: 'boolean' } } },
    },
  },
}
describeCodec(ReportQuery, QUERY_SCHEMA)

export const DefinitionBody = t.type({ format: t.keyof({ yaml: null, json: null }), source: t.string })
export const RetireBody = t.partial({ reason: t.union([t.string, t.null]) })
export const VariantBody = t.intersection([
  t.type({ report: t.string, title: t.string, query: ReportQuery }),
  t.partial({ variantId: t.string }),
])

export const QUERY_HELP =
  'Query: period (hour|day|week|month|total: roll the time bucket up), from, to (local dates, inclusive), ' +
  'groupBy (comma-separated keys to keep; empty for totals), columns (comma-separated measures), ' +
  'f.<key>=v1,v2 (keep rows whose key has one of these values), sort (comma-separated columns, -column for ' +
  'descending), limit (default 1000, at most 10000), offset, format=csv|xlsx|pdf (or the .csv, .xlsx, .pdf routes, or an Accept header).'

const anyObject: JsonSchema = { type: 'object' }
const list = (items: JsonSchema, description: string): JsonSchema => ({ type: 'array', items, description })

export const TableSchema: JsonSchema = {
  type: 'object',
  properties: {
    report: { type: 'string' },
    title: { type: 'string' },
    version: { type: 'integer' },
    period: { type: ['string', 'null'] },
    columns: list(
      {
        type: 'object',
        properties: { name: { type: 'string' }, kind: { enum: ['key', 'measure'] }, op: { type: 'string' } },
      },
      'keys first, then measures',
    ),
    rows: list(anyObject, 'one object per row, by column name'),
    total: { type: 'integer' },
    limit: { type: 'integer' },
    offset: { type: 'integer' },
  },
  required: ['report', 'columns', 'rows', 'total'],
}
export const ReportListSchema: JsonSchema = {
  type: 'object',
  properties: { items: list(anyObject, 'reports: name, title, keys, measures, scope') },
}
export const DefinitionListSchema: JsonSchema = {
  type: 'object',
  properties: { items: list(anyObject, 'definitions') },
}
export const DefinitionSchema: JsonSchema = {
  type: 'object',
  description: 'the definition, its text, and its history (who changed it, when, which version)',
  properties: {
    name: { type: 'string' },
    version: { type: 'integer' },
    status: { enum: ['active', 'retired'] },
    source: { type: 'string' },
    definition: anyObject,
    history: list(anyObject, 'every version: change, at, by'),
  },
}
export const RegisteredSchema: JsonSchema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    version: { type: 'integer' },
    changed: { type: 'boolean', description: 'false when the same definition was already registered' },
    projection: { type: 'string' },
  },
}
export const ProjectionSchema: JsonSchema = {
  type: 'object',
  description: 'state, checkpoint, lag, events/s, active build, last rebuild, rebuild progress, last error',
  properties: {
    name: { type: 'string' },
    kind: { enum: ['core', 'report', 'definition', 'custom'] },
    state: { type: 'string' },
    checkpoint: { type: 'integer' },
    lag: { type: 'integer' },
    eventsPerSecond: { type: ['number', 'null'] },
    lastRebuild: { type: ['object', 'null'] },
  },
}
export const ProjectionListSchema: JsonSchema = { type: 'object', properties: { items: list(ProjectionSchema, '') } }
export const VariantListSchema: JsonSchema = { type: 'object', properties: { items: list(anyObject, 'variants') } }
