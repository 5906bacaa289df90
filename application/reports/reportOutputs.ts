// A report's rows as files people download or receive by e-mail: CSV (csv.ts), XLSX and PDF. The
// XLSX and PDF writers are adapters (infrastructure/reportOutputs/): the API and the mailing
// worker get them through this port. What the PDF says is decided here, as a DocumentLayout: the
// title, what was asked (period, range, filters), a chart of one measure over the time or group
// column, and the rows as a table that flows over as many pages as it needs.
import { A4, type Block, type DocumentLayout } from '../documents/documentLayout.js'
import type { ReportQuery } from './reportQuery.js'
import type { Cell, ReportColumn, ReportTable } from './reportTable.js'

export type ReportFormat = 'json' | 'csv' | 'xlsx' | 'pdf'
export const REPORT_FORMATS: ReadonlyArray<ReportFormat> = ['json', 'csv', 'xlsx', 'pdf']

export const CONTENT_TYPES: Readonly<Record<ReportFormat, string>> = {
  json: 'application/json',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
}

export type ChartKind = 'bar' | 'line' | 'none'

export interface PdfOptions {
  /** The measure drawn; the first measure of the table when not given. */
  readonly measure?: string
  /** bar or line; by default a line over a time bucket, bars over anything else. */
  readonly chart?: ChartKind
  /** What was asked, printed under the title (e.g. "from 2026-03-01 to 2026-03-31, pointId = p1"). */
  readonly asked?: string
  /** When the file was made (ISO instant), printed in the subtitle. */
  readonly generatedAt: string
  readonly locale?: 'pl' | 'en'
}

/** The XLSX and PDF writers (infrastructure/reportOutputs/reportFileWriter.ts). */
export interface ReportFiles {
  xlsx(table: ReportTable): Promise<Uint8Array>
  pdf(table: ReportTable, options: PdfOptions): Promise<Uint8Array>
}

/**
 * What a query asks, as printed under a PDF's title: `period = month · from = … · columns = a,b ·
 * pointId = p1,p2 · sort = -bookings`; a variant's run is named first (`variant noShows (No-shows
 * per point)`) and shows its saved query with the request's overrides, i.e. what was actually run.
 */
export function describeQuery(query: ReportQuery, variant?: { readonly id: string; readonly title: string }): string {
  const parts: string[] = variant ? [`variant ${variant.id} (${variant.title})`] : []
  if (query.period) parts.push(`period = ${query.period}`)
  if (query.from) parts.push(`from = ${query.from}`)
  if (query.to) parts.push(`to = ${query.to}`)
  if (query.groupBy) parts.push(`groupBy = ${query.groupBy.join(',')}`)
  if (query.columns) parts.push(`columns = ${query.columns.join(',')}`)
  for (const [key, values] of Object.entries(query.filters ?? {}))
    parts.push(`${key} = ${values.map((v) => String(v)).join(',')}`)
  if (query.sort && query.sort.length > 0)
    parts.push(`sort = ${query.sort.map((x) => `${x.desc ? '-' : ''}${x.column}`).join(',')}`)
  return parts.join(' · ')
}

/** `<name>-<period>.<ext>`: the file name a download is saved under. */
export function reportFileName(name: string, table: Pick<ReportTable, 'period'>, format: ReportFormat): string {
  const period = table.period && table.period !== 'total' ? `-${table.period}` : ''
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '_') || 'report'
  return `${safe}${period}.${format}`
}

/** A cell as printed: numbers with at most two decimals, nothing for null. */
export function cellText(value: Cell | undefined): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(2)
  return String(value)
}

export class ReportChartError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ReportChartError'
  }
}

/** The chart's x column: the time bucket key if the table has one, else its first key. */
function xColumn(columns: ReadonlyArray<ReportColumn>): ReportColumn | null {
  return columns.find((c) => c.kind === 'key' && c.bucket) ?? columns.find((c) => c.kind === 'key') ?? null
}

export interface ChartSeries {
  readonly chart: 'bar' | 'line'
  readonly title: string
  readonly labels: string[]
  readonly values: number[]
}

/**
 * One measure over the x column: rows that share an x value (other keys kept) are added up, in the
 * order the x values first appear. Null when the table has no key or no measure to draw.
 */
export function chartSeries(table: ReportTable, options: Pick<PdfOptions, 'measure' | 'chart'>): ChartSeries | null {
  if (options.chart === 'none') return null
  const measures = table.columns.filter((c) => c.kind === 'measure')
  const measure = options.measure ? measures.find((m) => m.name === options.measure) : measures[0]
  if (options.measure && !measure)
    throw new ReportChartError(
      `no measure ${options.measure} in this result; measures are ${measures.map((m) => m.name).join(', ')}`,
    )
  const x = xColumn(table.columns)
  if (!measure || !x) return null
  const sums = new Map<string, number>()
  for (const row of table.rows) {
    const label = cellText(row[x.name])
    const v = row[measure.name]
    sums.set(label, (sums.get(label) ?? 0) + (typeof v === 'number' && Number.isFinite(v) ? v : 0))
  }
  const chart = options.chart ?? (x.bucket ? 'line' : 'bar')
  return {
    chart,
    title: `${measure.name} / ${x.name}`,
    labels: [...sums.keys()],
    values: [...sums.values()],
  }
}

const TEXTS = {
  pl: { rows: 'wierszy', of: 'z', page: 'strona {page} z {pages}', generated: 'wygenerowano', period: 'okres' },
  en: { rows: 'rows', of: 'of', page: 'page {page} of {pages}', generated: 'generated', period: 'period' },
} as const

export function reportPdfLayout(table: ReportTable, options: PdfOptions): DocumentLayout {
  const texts = TEXTS[options.locale ?? 'pl']
  const series = chartSeries(table, options)
  const blocks: Block[] = []
  if (options.asked) blocks.push({ kind: 'paragraph', text: options.asked, small: true })
  if (series && series.values.length > 0) blocks.push({ kind: 'chart', heightMm: 55, ...series })
  const shown = table.rows.length
  blocks.push({
    kind: 'paragraph',
    text:
      shown < table.total
        ? `${shown} ${texts.of} ${table.total} ${texts.rows} (offset ${table.offset})`
        : `${table.total} ${texts.rows}`,
    small: true,
  })
  blocks.push({
    kind: 'table',
    small: table.columns.length > 6,
    columns: table.columns.map((c) => ({
      title: c.name,
      width: c.kind === 'key' ? 2 : 1,
      ...(c.kind === 'measure' ? { align: 'right' as const } : {}),
    })),
    rows: table.rows.map((row) => table.columns.map((c) => cellText(row[c.name]))),
  })
  const period = table.period ? `${texts.period}: ${table.period} · ` : ''
  return {
    format: table.columns.length > 6 ? { ...A4, widthMm: 297, heightMm: 210 } : A4,
    title: table.title || table.report,
    subtitle: `${table.report} v${table.version} · ${period}${texts.generated} ${options.generatedAt}`,
    header: null,
    footer: null,
    logo: null,
    blocks,
    pageNumbering: texts.page,
    locale: options.locale ?? 'pl',
  }
}
