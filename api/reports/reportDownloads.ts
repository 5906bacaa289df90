// Sending a report's rows in the format asked for: JSON (the table), CSV, XLSX or PDF. The format
// comes from the route (…/rows.csv, rows.xlsx, rows.pdf), else from ?format=, else from the Accept
// header (text/csv, the XLSX type or application/pdf named without JSON), else JSON. Files are
// sent as attachments named `<report or variant>-<period>.<ext>`.
import type { Request, Response } from 'express'
import { tableToCsv } from '../../application/reports/csv.js'
import {
  type ChartKind,
  CONTENT_TYPES,
  REPORT_FORMATS,
  ReportChartError,
  type ReportFiles,
  type ReportFormat,
  reportFileName,
} from '../../application/reports/reportOutputs.js'
import type { ReportTable } from '../../application/reports/reportTable.js'
import { ProblemError } from '../problem.js'

/** A download is one file: it may hold many more rows than a JSON page. */
export const MAX_FILE_ROWS = 200_000
/** A PDF is read by people: beyond this many rows, download CSV or XLSX. */
export const MAX_PDF_ROWS = 5_000

const badQuery = (path: string, message: string) =>
  new ProblemError({
    status: 400,
    code: 'VALIDATION_FAILED',
    detail: 'the request query is not valid',
    errors: [{ path, message }],
  })

/** The format of a rows request (see the file's comment for the order). */
export function formatOf(req: Request, routeFormat: ReportFormat | null): ReportFormat {
  if (routeFormat) return routeFormat
  const asked = req.query.format
  if (asked !== undefined) {
    if (typeof asked !== 'string' || !(REPORT_FORMATS as readonly string[]).includes(asked))
      throw badQuery('format', `must be one of ${REPORT_FORMATS.join(', ')}`)
    return asked as ReportFormat
  }
  const accept = req.get('accept') ?? ''
  if (accept === '' || /application\/json|\*\/\*/.test(accept)) return 'json'
  for (const format of ['csv', 'xlsx', 'pdf'] as const)
    if (accept.includes((CONTENT_TYPES[format].split(';')[0] as string).trim())) return format
  return 'json'
}

export interface PdfRequest {
  readonly chart?: ChartKind
  readonly measure?: string
  readonly locale?: 'pl' | 'en'
}

/** ?chart=bar|line|none&measure=<name>&locale=pl|en for a PDF. */
export function pdfRequest(req: Request): PdfRequest {
  const q = req.query as Record<string, unknown>
  const out: { chart?: ChartKind; measure?: string; locale?: 'pl' | 'en' } = {}
  if (q.chart !== undefined) {
    if (q.chart !== 'bar' && q.chart !== 'line' && q.chart !== 'none')
      throw badQuery('chart', 'must be one of bar, line, none')
    out.chart = q.chart
  }
  if (q.locale !== undefined) {
    if (q.locale !== 'pl' && q.locale !== 'en') throw badQuery('locale', 'must be one of pl, en')
    out.locale = q.locale
  }
  if (typeof q.measure === 'string') out.measure = q.measure
  return out
}

function askedText(req: Request): string {
  const q = req.query as Record<string, unknown>
  const parts: string[] = []
  for (const name of ['period', 'from', 'to', 'groupBy', 'columns'])
    if (typeof q[name] === 'string') parts.push(`${name} = ${q[name]}`)
  for (const [name, value] of Object.entries(q))
    if (name.startsWith('f.') && typeof value === 'string') parts.push(`${name.slice(2)} = ${value}`)
  return parts.join(' · ')
}

export async function sendTable(
  req: Request,
  res: Response,
  table: ReportTable,
  format: ReportFormat,
  name: string,
  files: ReportFiles | null,
  /** What was run, printed in a PDF; by default the request's own query parameters. */
  asked?: string,
): Promise<void> {
  if (format === 'json') {
    res.json(table)
    return
  }
  let body: string | Uint8Array
  if (format === 'csv') body = tableToCsv(table)
  else {
    if (!files)
      throw new ProblemError({
        status: 406,
        code: 'FORMAT_NOT_AVAILABLE',
        detail: `${format} output is not configured in this process`,
      })
    if (format === 'xlsx') body = await files.xlsx(table)
    else {
      const pdf = pdfRequest(req)
      try {
        body = await files.pdf(table, {
          ...pdf,
          asked: asked ?? askedText(req),
          generatedAt: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
        })
      } catch (error) {
        if (error instanceof ReportChartError)
          throw new ProblemError({
            status: 422,
            code: 'INVALID_REPORT_QUERY',
            detail: error.message,
            errors: [{ path: 'measure', message: error.message }],
          })
        throw error
      }
    }
  }
  res.setHeader('Content-Type', CONTENT_TYPES[format])
  res.setHeader('Content-Disposition', `attachment; filename="${reportFileName(name, table, format)}"`)
  res.send(typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength))
}
