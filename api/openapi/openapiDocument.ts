// The OpenAPI 3.1 document, assembled from the routers' own declarations (see routing/apiRouter.ts),
// so it lists exactly the routes the app serves.
import * as t from 'io-ts'
import type { ApiRouter, OperationSpec, ResponseSpec, RouteOperation } from '../routing/apiRouter.js'
import { type JsonSchema, jsonSchemaOf } from './jsonSchema.js'
import './fieldSchemas.js'

export interface OpenApiInfo {
  readonly title: string
  readonly version: string
  readonly description?: string
}

export type OpenApiDocument = {
  readonly openapi: '3.1.0'
  readonly info: OpenApiInfo
  readonly paths: Record<string, Record<string, unknown>>
  readonly components: Record<string, unknown>
}

/** '/accounts' + '/:accountId' → '/accounts/{accountId}'. */
export function openApiPath(basePath: string, path: string): string {
  const joined = `${basePath.replace(/\/+$/, '')}${path === '/' ? '' : path}` || '/'
  return joined.replace(/:([A-Za-z][A-Za-z0-9_]*)/g, '{$1}')
}

const PROBLEM_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    type: { type: 'string', format: 'uri', description: 'urn:tyre-network:problem:<code>' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', description: 'stable, machine-readable' },
    instance: { type: 'string', description: 'the request id' },
    errors: {
      type: 'array',
      description: 'for invalid input: every failing field',
      items: {
        type: 'object',
        properties: { path: { type: 'string' }, message: { type: 'string' } },
        required: ['path', 'message'],
      },
    },
  },
  required: ['type', 'title', 'status', 'detail', 'code', 'instance'],
}

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
})

const isCodec = (s: t.Decoder<unknown, unknown> | JsonSchema): s is t.Decoder<unknown, unknown> => s instanceof t.Type

/** A download (PDF, CSV, XLSX) without a schema of its own is documented as bytes. */
const BINARY: JsonSchema = { type: 'string', format: 'binary' }

function responseOf({ description, schema, contentType }: ResponseSpec) {
  const bodySchema = schema ? (isCodec(schema) ? jsonSchemaOf(schema) : schema) : contentType ? BINARY : undefined
  return {
    description,
    ...(bodySchema ? { content: { [contentType ?? 'application/json']: { schema: bodySchema } } } : {}),
  }
}

/** Each property of the route's query codec, as an OpenAPI query parameter. */
function queryParameters(codec: t.Decoder<unknown, unknown> | undefined): unknown[] {
  if (!codec) return []
  const schema = jsonSchemaOf(codec)
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>
  if (schema.type !== 'object') throw new Error('a route query codec must be an object (t.type / t.partial)')
  const required = new Set((schema.required ?? []) as string[])
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property
    return {
      name,
      in: 'query',
      required: required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    }
  })
}

function responsesOf(spec: OperationSpec<unknown, unknown>): Record<string, unknown> {
  const responses: Record<string, unknown> = {}
  for (const r of [spec.response, ...(spec.otherResponses ?? [])]) responses[r.status] = responseOf(r)
  const problems: Record<number, string> = {}
  if (spec.body || spec.query || spec.idempotent)
    problems[400] = 'malformed JSON or invalid input (errors lists every field)'
  if (spec.access !== 'public') problems[401] = 'no, expired or invalid access token'
  if (Array.isArray(spec.access) || (spec.guards?.length ?? 0) > 0) problems[403] = 'role or tenant not allowed'
  if (spec.body) {
    problems[413] = 'body larger than the limit'
    problems[415] = 'body is not application/json'
  }
  Object.assign(problems, spec.problems)
  problems[500] = 'unexpected error (quote the request id)'
  for (const [code, text] of Object.entries(problems)) responses[code] = problem(text)
  return responses
}

function operationOf(router: ApiRouter, op: RouteOperation): Record<string, unknown> {
  const { spec } = op
  const params = [...op.path.matchAll(/:([A-Za-z][A-Za-z0-9_]*)/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }))
  const headers = [
    {
      name: 'X-Request-Id',
      in: 'header',
      required: false,
      description: 'echoed back; generated when absent or not an id',
      schema: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$' },
    },
    ...(spec.idempotent
      ? [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            description: 'a retry with the same key (same caller, same route) repeats the first outcome',
            schema: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$' },
          },
        ]
      : []),
  ]
  const roles = Array.isArray(spec.access) ? ` Roles: ${spec.access.join(', ')}.` : ''
  return {
    tags: [router.tag],
    summary: spec.summary,
    ...(spec.description || roles ? { description: `${spec.description ?? ''}${roles}`.trim() } : {}),
    operationId: `${op.method}${openApiPath(router.basePath, op.path)
      .split(/[/{}-]+/)
      .filter(Boolean)
      .map((s) => s.charAt(0).toUpperCase() + s.slice(1))
      .join('')}`,
    security: spec.access === 'public' ? [] : [{ bearer: [] }],
    parameters: [...params, ...queryParameters(spec.query), ...headers],
    ...(spec.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchemaOf(spec.body) } } } }
      : {}),
    responses: responsesOf(spec),
  }
}

export function buildOpenApiDocument(info: OpenApiInfo, routers: readonly ApiRouter[]): OpenApiDocument {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const router of routers)
    for (const op of router.operations) {
      const path = openApiPath(router.basePath, op.path)
      const item = paths[path] ?? {}
      paths[path] = item
      if (item[op.method]) throw new Error(`${op.method.toUpperCase()} ${path} is declared twice`)
      item[op.method] = operationOf(router, op)
    }
  return {
    openapi: '3.1.0',
    info,
    paths,
    components: {
      schemas: { Problem: PROBLEM_SCHEMA },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  }
}
