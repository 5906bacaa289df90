// Operations endpoints: liveness, readiness, and the API's own description.

import type { RequestHandler } from 'express'
import * as t from 'io-ts'
import type { OpenApiDocument } from '../openapi/openapiDocument.js'
import { ApiRouter } from '../routing/apiRouter.js'
import { isReady, type ReadinessCheck, type ReadinessReport } from './readiness.js'

const ComponentStatus = t.intersection([t.type({ ok: t.boolean }), t.partial({ detail: t.string })])
const Lag = t.record(t.string, t.number)
const JobCounts = t.type({ waiting: t.number, delayed: t.number, failed: t.number })
const JobsStatus = t.intersection([ComponentStatus, t.type({ counts: t.union([JobCounts, t.null]), lag: Lag })])
const ReadinessBody = t.intersection([
  t.type({
    status: t.keyof({ ready: null, not_ready: null }),
    eventStore: ComponentStatus,
    documentStore: ComponentStatus,
    projections: t.intersection([ComponentStatus, t.type({ lag: Lag })]),
  }),
  t.partial({
    // counts summed over the queues; `queues` has each one (notifications, due-services, report-emails).
    jobs: t.intersection([JobsStatus, t.partial({ queues: t.record(t.string, JobsStatus) })]),
  }),
])

export interface HealthRouteDeps {
  readonly readiness: ReadinessCheck
  /** A check that takes longer than this counts as failed (a hung store must not hang the probe). */
  readonly readinessTimeoutMs: number
  /** The document is assembled after every router has declared its routes. */
  readonly openApiDocument: () => OpenApiDocument
  readonly authenticate: RequestHandler
}

function withTimeout(check: ReadinessCheck, ms: number): Promise<ReadinessReport> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`readiness check took longer than ${ms} ms`)), ms)
  })
  return Promise.race([check(), timeout]).finally(() => clearTimeout(timer))
}

export function healthRoutes(deps: HealthRouteDeps): ApiRouter {
  return new ApiRouter('/', 'operations', deps.authenticate)
    .get(
      '/health',
      {
        summary: 'Liveness: the process answers',
        access: 'public',
        response: { status: 200, description: 'alive', schema: t.type({ status: t.literal('ok') }) },
      },
      (_req, res) => {
        res.json({ status: 'ok' })
      },
    )
    .get(
      '/ready',
      {
        summary: 'Readiness: event store, document store, projections (and job workers, where this process runs them)',
        access: 'public',
        response: { status: 200, description: 'ready', schema: ReadinessBody },
        otherResponses: [
          { status: 503, description: 'not ready: the same report, status not_ready', schema: ReadinessBody },
        ],
      },
      async (_req, res) => {
        let report: ReadinessReport
        try {
          report = await withTimeout(deps.readiness, deps.readinessTimeoutMs)
        } catch (error) {
          const detail = error instanceof Error ? error.message : String(error)
          const unknown = { ok: false, detail }
          report = { eventStore: unknown, documentStore: unknown, projections: { ...unknown, lag: {} } }
        }
        const ready = isReady(report)
        res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', ...report })
      },
    )
    .get(
      '/openapi.json',
      {
        summary: 'This API, described in OpenAPI 3.1',
        access: 'public',
        response: { status: 200, description: 'the OpenAPI document', schema: { type: 'object' } },
      },
      (_req, res) => {
        res.json(deps.openApiDocument())
      },
    )
}
