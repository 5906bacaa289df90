// Report routes. Reading reports (JSON rows, or a CSV, XLSX or PDF download: reportDownloads.ts)
// and saving one's own variants:
// head office, and a point's own account and manager (their point's rows only). Analysts' routes
// (definitions, projections, rebuilds): head office only.
import type { Request, Response } from 'express'
import { isReadModelNotReady } from '../../application/queries/readModelReader.js'
import { describeQuery, type ReportFiles, type ReportFormat } from '../../application/reports/reportOutputs.js'
import { ReportQuery } from '../../application/reports/reportQuery.js'
import type { ReportService } from '../../application/reports/reportService.js'
import { REPORT_READER_ROLES } from '../../application/reports/reportTable.js'
import type { ApiKit, ApiModule } from '../apiKit.js'
import { orProblem, ProblemError } from '../problem.js'
import { principalOf } from '../requestContext.js'
import type { ApiRouter } from '../routing/apiRouter.js'
import { decodeInput } from '../validation/decodeInput.js'
import {
  DefinitionBody,
  DefinitionListSchema,
  DefinitionSchema,
  ProjectionListSchema,
  ProjectionSchema,
  QUERY_HELP,
  RegisteredSchema,
  ReportListSchema,
  RetireBody,
  TableSchema,
  VariantBody,
  VariantListSchema,
} from './reportBodies.js'
import { formatOf, MAX_FILE_ROWS, MAX_PDF_ROWS, sendTable } from './reportDownloads.js'

const READERS = REPORT_READER_ROLES
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const PDF_HELP =
  'PDF: chart=bar|line|none (default: a line over a time bucket, bars over a group), measure=<the measure drawn; ' +
  'the first by default>, locale=pl|en. At most 5,000 rows; larger results: CSV or XLSX.'
const ANALYSTS = ['head_office'] as const
const NOT_READY = 'the report is still being built (first build after registration or an upgrade); try again shortly'
const DEFAULT_LIMIT = 1000
const MAX_LIMIT = 10_000

/** A read model never built yet answers 503 with Retry-After (as the other read routes do). */
function readRoute<Req extends Request>(handler: (req: Req, res: Response) => Promise<void>) {
  return async (req: Req, res: Response): Promise<void> => {
    try {
      await handler(req, res)
    } catch (error) {
      if (isReadModelNotReady(error))
        throw new ProblemError({
          status: 503,
          code: 'READ_MODEL_NOT_READY',
          detail: NOT_READY,
          headers: { 'Retry-After': '5' },
        })
      throw error
    }
  }
}

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
const listOf = (v: unknown): string[] | undefined => {
  const s = text(v)
  return s === undefined ? undefined : s.length === 0 ? [] : s.split(',').map((x) => x.trim())
}
/** A value as a key may hold it: text, and also the number it spells (keys keep the event's JSON type). */
const keyValues = (raw: string): unknown[] =>
  raw === 'null'
    ? [null]
    : /^-?\d+(\.\d+)?$/.test(raw)
      ? [raw, Number(raw)]
      : [raw === 'true' ? true : raw === 'false' ? false : raw]

function parseInteger(value: unknown, name: string, fallback: number, max: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0 || n > max)
    throw new ProblemError({
      status: 400,
      code: 'VALIDATION_FAILED',
      detail: 'the request query is not valid',
      errors: [{ path: name, message: `must be an integer from 0 to ${max}` }],
    })
  return n
}

interface TableRequest {
  readonly query: ReportQuery
  readonly limit: number
  readonly offset: number
  readonly format: ReportFormat
}

/** ?period=month&from=…&groupBy=pointId&columns=a,b&f.pointId=p1,p2&sort=-a&limit&offset&format=csv|xlsx|pdf */
function tableRequest(req: Request, routeFormat: ReportFormat | null): TableRequest {
  const q = req.query as Record<string, unknown>
  const filters: Record<string, unknown[]> = {}
  for (const [name, value] of Object.entries(q))
    if (name.startsWith('f.') && typeof value === 'string')
      filters[name.slice(2)] = value.split(',').flatMap((v) => keyValues(v.trim()))
  const raw: Record<string, unknown> = {
    period: text(q.period),
    from: text(q.from),
    to: text(q.to),
    groupBy: listOf(q.groupBy),
    columns: listOf(q.columns),
    filters: Object.keys(filters).length > 0 ? filters : undefined,
    sort: listOf(q.sort)?.map((s) => (s.startsWith('-') ? { column: s.slice(1), desc: true } : { column: s })),
  }
  for (const key of Object.keys(raw)) if (raw[key] === undefined) delete raw[key]
  const format = formatOf(req, routeFormat)
  const max = format === 'json' ? MAX_LIMIT : format === 'pdf' ? MAX_PDF_ROWS : MAX_FILE_ROWS
  return {
    query: decodeInput(ReportQuery, raw, 'query'),
    limit: parseInteger(q.limit, 'limit', format === 'json' ? DEFAULT_LIMIT : max, max),
    offset: parseInteger(q.offset, 'offset', 0, Number.MAX_SAFE_INTEGER),
    format,
  }
}

function readingRoutes(kit: ApiKit, reports: ReportService, files: ReportFiles | null): ApiRouter {
  const tableProblems = {
    400: 'a query parameter is malformed',
    404: 'no such report',
    422: 'the query does not fit the report (unknown key or measure, a period it cannot roll up to)',
    503: NOT_READY,
  }
  const tableHandler = (routeFormat: ReportFormat | null) =>
    readRoute<Request<{ report: string }>>(async (req, res) => {
      const r = tableRequest(req, routeFormat)
      const table = orProblem(
        await reports.table(principalOf(req), req.params.report, r.query, { limit: r.limit, offset: r.offset }),
      )
      await sendTable(req, res, table, r.format, req.params.report, files)
    })
  const variantHandler = (routeFormat: ReportFormat | null) =>
    readRoute<Request<{ variantId: string }>>(async (req, res) => {
      const r = tableRequest(req, routeFormat)
      const { query, ...table } = orProblem(
        await reports.variantTable(principalOf(req), req.params.variantId, r.query, {
          limit: r.limit,
          offset: r.offset,
        }),
      )
      // The PDF says what was run: the variant's saved query with this request's overrides.
      const asked = describeQuery(query, { id: table.variantId, title: table.variantTitle })
      await sendTable(req, res, table, r.format, req.params.variantId, files, asked)
    })
  return kit
    .router('/reports', 'reports')
    .get(
      '/',
      {
        summary: 'The reports you may read: their keys (which is a time bucket) and measures',
        description:
          'Head office: every report. A point’s own account and manager: the reports with a point key, which show them their point only.',
        access: [...READERS],
        response: { status: 200, description: 'reports', schema: ReportListSchema },
        problems: { 503: NOT_READY },
      },
      readRoute(async (req, res) => {
        res.json({ items: orProblem(await reports.reports(principalOf(req))) })
      }),
    )
    .get(
      '/variants',
      {
        summary: 'Built-in variants of the reports you may read, and your own saved variants',
        access: [...READERS],
        response: { status: 200, description: 'variants', schema: VariantListSchema },
      },
      readRoute(async (req, res) => {
        res.json({ items: orProblem(await reports.variants(principalOf(req))) })
      }),
    )
    .post(
      '/variants',
      {
        summary: 'Save a variant of a report as your own (filters, grouping, period, columns)',
        description:
          'Saving under an existing variantId of yours replaces it; without variantId a new id is given (from the Idempotency-Key when sent). The query is checked against the report and your scope first.',
        access: [...READERS],
        body: VariantBody,
        idempotent: true,
        response: { status: 201, description: 'the saved variant', schema: VariantListSchema },
        problems: { 404: 'no such report', 409: 'too many variants', 422: 'the query does not fit the report' },
      },
      readRoute(async (req, res) => {
        const saved = orProblem(await reports.saveVariant(principalOf(req), req.body, kit.requestMeta(req)))
        res.status(201).json(saved)
      }),
    )
    .delete(
      '/variants/:variantId',
      {
        summary: 'Delete one of your saved variants',
        access: [...READERS],
        response: { status: 204, description: 'deleted' },
        problems: { 404: 'no such variant of yours' },
      },
      async (req, res) => {
        orProblem(await reports.deleteVariant(principalOf(req), req.params.variantId, kit.requestMeta(req)))
        res.status(204).end()
      },
    )
    .get(
      '/variants/:variantId/rows',
      {
        summary: 'Run a variant (built-in or yours): its rows as JSON (format=csv|xlsx|pdf, or Accept, for a file)',
        description: `Query parameters override the variant’s own for this run. ${QUERY_HELP}`,
        access: [...READERS],
        response: { status: 200, description: 'the rows', schema: TableSchema },
        problems: tableProblems,
      },
      variantHandler(null),
    )
    .get(
      '/variants/:variantId/rows.csv',
      {
        summary: 'Run a variant and download its rows as CSV (text/csv, UTF-8 with BOM)',
        access: [...READERS],
        response: {
          status: 200,
          description: 'a header line of column names, one line per row',
          contentType: 'text/csv',
        },
        problems: tableProblems,
      },
      variantHandler('csv'),
    )
    .get(
      '/variants/:variantId/rows.xlsx',
      {
        summary: 'Run a variant and download its rows as XLSX (one worksheet, header row of column names)',
        access: [...READERS],
        response: { status: 200, description: 'one worksheet named after the report', contentType: XLSX_TYPE },
        problems: tableProblems,
      },
      variantHandler('xlsx'),
    )
    .get(
      '/variants/:variantId/rows.pdf',
      {
        summary: 'Run a variant and download its rows as PDF (a chart of one measure, then the table)',
        description: PDF_HELP,
        access: [...READERS],
        response: { status: 200, description: 'a chart, then the rows', contentType: 'application/pdf' },
        problems: tableProblems,
      },
      variantHandler('pdf'),
    )
    .get(
      '/:report/rows',
      {
        summary: 'A report’s rows as JSON (format=csv|xlsx|pdf, or Accept, for a file)',
        description: QUERY_HELP,
        access: [...READERS],
        response: { status: 200, description: 'the rows', schema: TableSchema },
        problems: tableProblems,
      },
      tableHandler(null),
    )
    .get(
      '/:report/rows.csv',
      {
        summary: 'Download a report’s rows as CSV (text/csv, UTF-8 with BOM)',
        description: QUERY_HELP,
        access: [...READERS],
        response: {
          status: 200,
          description: 'a header line of column names, one line per row',
          contentType: 'text/csv',
        },
        problems: tableProblems,
      },
      tableHandler('csv'),
    )
    .get(
      '/:report/rows.xlsx',
      {
        summary: 'Download a report’s rows as XLSX (one worksheet, header row of column names)',
        description: QUERY_HELP,
        access: [...READERS],
        response: { status: 200, description: 'one worksheet named after the report', contentType: XLSX_TYPE },
        problems: tableProblems,
      },
      tableHandler('xlsx'),
    )
    .get(
      '/:report/rows.pdf',
      {
        summary:
          'Download a report’s rows as PDF (a chart of one measure, then the table over as many pages as needed)',
        description: `${QUERY_HELP} ${PDF_HELP}`,
        access: [...READERS],
        response: { status: 200, description: 'a chart, then the rows', contentType: 'application/pdf' },
        problems: tableProblems,
      },
      tableHandler('pdf'),
    )
}

function analystRoutes(kit: ApiKit, reports: ReportService): ApiRouter {
  return kit
    .router('/reports', 'report definitions and projections')
    .get(
      '/definitions',
      {
        summary: 'Report definitions: built-in and registered',
        access: [...ANALYSTS],
        response: { status: 200, description: 'definitions', schema: DefinitionListSchema },
      },
      readRoute(async (req, res) => {
        res.json({ items: orProblem(await reports.definitions(principalOf(req))) })
      }),
    )
    .post(
      '/definitions',
      {
        summary: 'Register a report definition, or change one (a new version, rebuilt blue/green)',
        description:
          'Body: { format: "yaml" | "json", source: "<the definition’s text>" }. The definition is checked against the ' +
          'event catalogue; every problem is answered with its line. Registering builds the report from the whole log ' +
          '(progress: GET /reports/projections/report-<name>) and keeps it live; a changed definition gets the next ' +
          'version and is rebuilt while the previous version keeps answering. The same definition again changes nothing.',
        access: [...ANALYSTS],
        body: DefinitionBody,
        idempotent: true,
        response: { status: 201, description: 'registered or changed', schema: RegisteredSchema },
        otherResponses: [
          { status: 200, description: 'the same definition was already registered', schema: RegisteredSchema },
        ],
        problems: {
          409: 'a built-in or reserved name, or a version already taken',
          422: 'the definition is invalid: errors lists each problem with its line',
        },
      },
      async (req, res) => {
        const done = orProblem(await reports.registerDefinition(principalOf(req), req.body, kit.requestMeta(req)))
        res.status(done.changed ? 201 : 200).json(done)
      },
    )
    .post(
      '/definitions/check',
      {
        summary: 'Check a report definition without registering it',
        access: [...ANALYSTS],
        body: DefinitionBody,
        response: { status: 200, description: 'the definition is valid', schema: { type: 'object' } },
        problems: { 422: 'the definition is invalid: errors lists each problem with its line' },
      },
      (req, res) => {
        res.json({ valid: true, ...orProblem(reports.checkDefinition(principalOf(req), req.body)) })
      },
    )
    .get(
      '/definitions/:name',
      {
        summary: 'A registered definition: its text, its current version, and who changed it when',
        access: [...ANALYSTS],
        response: { status: 200, description: 'the definition', schema: DefinitionSchema },
        problems: { 404: 'no such definition' },
      },
      async (req, res) => {
        res.json(orProblem(await reports.definition(principalOf(req), req.params.name)))
      },
    )
    .post(
      '/definitions/:name/retire',
      {
        summary: 'Retire a registered definition: its report stops being updated and listed',
        access: [...ANALYSTS],
        body: RetireBody,
        response: { status: 200, description: 'retired', schema: { type: 'object' } },
        problems: { 404: 'no such definition', 409: 'a built-in report' },
      },
      async (req, res) => {
        res.json(
          orProblem(
            await reports.retireDefinition(
              principalOf(req),
              req.params.name,
              req.body.reason ?? null,
              kit.requestMeta(req),
            ),
          ),
        )
      },
    )
    .get(
      '/projections',
      {
        summary: 'Every projection: state, checkpoint, lag, events/s, last rebuild',
        description: 'The application’s read models, the reports (built-in and registered) and custom projections.',
        access: [...ANALYSTS],
        response: { status: 200, description: 'projections', schema: ProjectionListSchema },
      },
      async (req, res) => {
        res.json({ items: orProblem(await reports.projections(principalOf(req))) })
      },
    )
    .get(
      '/projections/:name',
      {
        summary: 'One projection’s status, with the progress of a rebuild under way',
        access: [...ANALYSTS],
        response: { status: 200, description: 'the projection', schema: ProjectionSchema },
        problems: { 404: 'no such projection' },
      },
      async (req, res) => {
        res.json(orProblem(await reports.projection(principalOf(req), req.params.name)))
      },
    )
    .post(
      '/projections/:name/rebuild',
      {
        summary: 'Rebuild a projection blue/green from the whole log',
        description:
          'Answers once the rebuild has started; the current build keeps answering until the new one has caught up. ' +
          'Follow it with GET /reports/projections/{name}.',
        access: [...ANALYSTS],
        response: { status: 202, description: 'rebuild started', schema: { type: 'object' } },
        problems: { 404: 'no such projection', 409: 'a rebuild of it is already running' },
      },
      async (req, res) => {
        const started = orProblem(await reports.rebuild(principalOf(req), req.params.name))
        res.status(202).json({ ...started, status: `/reports/projections/${encodeURIComponent(started.projection)}` })
      },
    )
}

/** Register it after the modules whose paths it does not share; /reports is its own. */
export function reportsModule(reports: ReportService, files: ReportFiles | null = null): ApiModule {
  // Analysts' literal paths (/definitions, /projections) before /:report/rows.
  return (kit) => [analystRoutes(kit, reports), readingRoutes(kit, reports, files)]
}
