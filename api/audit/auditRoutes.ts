// Read-only audit routes for disputes: a stream's full history, its state as of a moment, the hash
// chain's verdict, and an order's audit report as a PDF. Head office (the auditor capability) for
// every stream; a point's manager for his own point's streams (the service checks the owner).
import type { Response } from 'express'
import { AUDIT_ROLES } from '../../application/audit/auditAccess.js'
import type { AsOf, AuditService } from '../../application/audit/streamAudit.js'
import type { AuditReports, RenderedDocument } from '../../application/documents/renderedDocument.js'
import type { ApiKit, ApiModule } from '../apiKit.js'
import { orProblem, ProblemError } from '../problem.js'
import { principalOf } from '../requestContext.js'
import type { ApiRouter } from '../routing/apiRouter.js'
import {
  CategoriesBody,
  HISTORY_HELP,
  HistoryBody,
  HistoryQuery,
  LocaleQuery,
  STATE_HELP,
  StateBody,
  StateQuery,
  VerifyBody,
} from './auditBodies.js'

const WHO = 'Head office (auditor) for any stream; a point’s manager for his own point’s streams.'
const STREAM_PROBLEMS = { 404: 'no such stream (or it has no events)' }

/** Sends a rendered PDF inline (browsers show it; saving keeps the file name). */
export function sendPdf(res: Response, doc: RenderedDocument): void {
  res.setHeader('Content-Type', doc.contentType)
  res.setHeader('Content-Disposition', `inline; filename="${doc.filename}"`)
  res.status(200).end(Buffer.from(doc.bytes))
}

function streamRoutes(kit: ApiKit, audit: AuditService): ApiRouter {
  return kit
    .router('/audit', 'audit')
    .get(
      '/categories',
      {
        summary: 'Stream categories whose state can be rebuilt as of a moment',
        description: 'Any stream’s history and chain can be read; these categories also have a state.',
        access: [...AUDIT_ROLES],
        response: { status: 200, description: 'the registered categories', schema: CategoriesBody },
      },
      (_req, res) => {
        res.json({
          categories: audit.streams.categories().map((c) => ({ category: c.category, description: c.description })),
        })
      },
    )
    .get(
      '/streams/:streamId/history',
      {
        summary: 'Every event of a stream: type, data as stored, who, role, when, revision, position, hashes',
        query: HistoryQuery,
        description: `${WHO} ${HISTORY_HELP}`,
        access: [...AUDIT_ROLES],
        response: { status: 200, description: 'the events in stream order', schema: HistoryBody },
        problems: { 400: 'a query field is malformed', ...STREAM_PROBLEMS },
      },
      async (req, res, q) => {
        res.json(orProblem(await audit.history(principalOf(req), req.params.streamId, q)))
      },
    )
    .get(
      '/streams/:streamId/state',
      {
        summary: 'A stream’s state as of an instant or a revision, rebuilt from its events',
        query: StateQuery,
        description: `${WHO} ${STATE_HELP}`,
        access: [...AUDIT_ROLES],
        response: { status: 200, description: 'the folded state', schema: StateBody },
        problems: {
          400: 'a query field is malformed',
          ...STREAM_PROBLEMS,
          409: 'an event cannot be read (e.g. edited in the database): the problem names it',
          422: 'asOf is not a date-time with a zone, both asOf and revision were given, or the revision is past the end',
        },
      },
      async (req, res, q) => {
        if (q.asOf !== undefined && q.revision !== undefined)
          throw new ProblemError({
            status: 422,
            code: 'AS_OF_INVALID',
            detail: 'give either asOf or revision, not both',
            errors: [{ path: 'revision', message: 'not together with asOf' }],
          })
        const asOf: AsOf | undefined =
          q.revision !== undefined ? { revision: q.revision } : q.asOf !== undefined ? { at: q.asOf } : undefined
        res.json(orProblem(await audit.stateAsOf(principalOf(req), req.params.streamId, asOf)))
      },
    )
    .get(
      '/streams/:streamId/verify',
      {
        summary: 'Verify a stream’s hash chain; a broken chain names the first altered event',
        description: `${WHO} 200 either way: ok says whether the chain holds.`,
        access: [...AUDIT_ROLES],
        response: { status: 200, description: 'the verdict', schema: VerifyBody },
        problems: STREAM_PROBLEMS,
      },
      async (req, res) => {
        res.json(orProblem(await audit.verify(principalOf(req), req.params.streamId)))
      },
    )
}

function reportRoutes(kit: ApiKit, reports: AuditReports): ApiRouter {
  return kit.router('/audit', 'audit').get(
    '/orders/:orderId/report.pdf',
    {
      summary: 'An order’s audit report: its whole history, the chain verdict and head hash, as a PDF',
      query: LocaleQuery,
      description: `${WHO} Query: locale (pl, en, ro, ru; default pl).`,
      access: [...AUDIT_ROLES],
      response: { status: 200, description: 'the PDF', contentType: 'application/pdf' },
      problems: { 400: 'the locale is not one of pl, en, ro, ru', 404: 'no such work order' },
    },
    async (req, res, q) => {
      sendPdf(res, orProblem(await reports.auditReport(principalOf(req), req.params.orderId, q.locale)))
    },
  )
}

export function auditModule(audit: AuditService, reports: AuditReports | null): ApiModule {
  return (kit) => [streamRoutes(kit, audit), ...(reports ? [reportRoutes(kit, reports)] : [])]
}
