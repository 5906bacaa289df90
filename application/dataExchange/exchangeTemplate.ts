// One declaration per import/export template: its columns (header, other accepted headers, io-ts
// cell type, what it means), how a row becomes commands on import and how read models become rows
// on export (templates/*.ts). This file holds what every template shares: matching a file's
// headers to the columns, decoding every row with the cell types, and writing rows back as text.
//
// Headers are matched by name, ignoring case, accents, spaces and underscores ("Nr VIN" = nr_vin);
// unknown columns are refused rather than ignored, as are missing required ones
// (domain/shared/fileColumns.ts, shared with the fleet vehicle import). Every problem is collected: an import
// answers with all of them, row by row, and writes nothing.
import type { Principal } from '../../domain/access/principal.js'
import type { VehicleImportFile } from '../../domain/customer/vehicleImport.js'
import { type DomainError, domainError } from '../../domain/shared/decider.js'
import { matchColumns } from '../../domain/shared/fileColumns.js'
import type { RequestMeta } from '../customers/requestMeta.js'
import type { ImportReport } from '../customers/vehicleImportService.js'
import { type AnyCellType, readCell, writeCell } from './cells.js'

export const MAX_TEMPLATE_ROWS = 10_000

export const TEMPLATE_NAMES = ['customers', 'vehicles', 'prices', 'goods', 'stock-minimums'] as const
export type TemplateName = (typeof TEMPLATE_NAMES)[number]

export interface TemplateColumn {
  /** The header an export writes, and the XML element of the value. */
  readonly name: string
  /** Other headers an import accepts for it (Polish names, older spellings). */
  readonly aliases?: ReadonlyArray<string>
  readonly type: AnyCellType
  readonly required: boolean
  readonly description: string
  readonly example: string
  /** Written by exports for people to read; an import does not change it. */
  readonly exportOnly?: boolean
}

/** A file read into header cells and rows (CSV, XLSX or XML: api/dataExchange/tableFiles.ts). */
export interface TableFile extends VehicleImportFile {
  /** What a row number counts: file rows (CSV, XLSX; the header is row 1) or XML records (from 1). */
  readonly rowNoun?: 'row' | 'record'
}

export type RowValues = Readonly<Record<string, unknown>>

export interface DecodedRow {
  /** The file's row (or XML record) number. */
  readonly row: number
  readonly values: RowValues
  /** Header as written in the file for each column name, to name it in problems. */
  readonly headerOf: (column: string) => string
}

export interface RowProblem {
  readonly row: number
  readonly column: string
  readonly message: string
}

export interface TemplateScope {
  /** The vehicles template: whose vehicles. */
  readonly fleetId?: string
  /** The stock-minimums template: which point's stock. */
  readonly pointId?: string
}

export interface ImportSummary {
  readonly template: TemplateName
  readonly fileName: string
  /** Records created or changed. */
  readonly imported: number
  /** Rows equal to what is recorded already: nothing appended for them. */
  readonly unchanged: number
  /** The ids of what was created or changed (customer ids, equipment ids, service codes, SKUs). */
  readonly ids: ReadonlyArray<string>
  readonly blankRows: ReadonlyArray<number>
}

/** A refusal; for a file with problems, `report` lists them row by row. */
export type ImportRefusal = DomainError & { readonly report?: ImportReport }

export interface ExchangeTemplate<Deps> {
  readonly name: TemplateName
  readonly title: string
  /** The XML element of one row (the root element is the template's name). */
  readonly record: string
  readonly columns: ReadonlyArray<TemplateColumn>
  /** Null when `by` may export with this scope, or why not. */
  mayExport(by: Principal, scope: TemplateScope): DomainError | null
  mayImport(by: Principal, scope: TemplateScope): DomainError | null
  /** Rows as values, in the export's order (a stable sort, so the same data gives the same file). */
  exportRows(deps: Deps, by: Principal, scope: TemplateScope): Promise<ReadonlyArray<RowValues> | DomainError>
  /**
   * Checks every decoded row against what is recorded and appends all of them, or nothing: with
   * `problems` (the cells that did not decode, to which it adds its own) not empty, it refuses.
   */
  importRows(
    deps: Deps,
    by: Principal,
    scope: TemplateScope,
    file: TableFile,
    rows: ReadonlyArray<DecodedRow>,
    problems: RowProblem[],
    meta: RequestMeta,
  ): Promise<
    | { ok: true; summary: Omit<ImportSummary, 'template' | 'fileName' | 'blankRows'> }
    | { ok: false; refusal: ImportRefusal }
  >
}

export function refusal(
  code: string,
  fileName: string,
  fileProblems: ReadonlyArray<string>,
  problems: ReadonlyArray<RowProblem>,
  rowNoun = 'row',
): ImportRefusal {
  const byRow = new Map<number, Array<{ column: string; message: string }>>()
  for (const p of problems) byRow.set(p.row, [...(byRow.get(p.row) ?? []), { column: p.column, message: p.message }])
  const report: ImportReport = {
    fileProblems,
    rows: [...byRow.entries()].sort((a, b) => a[0] - b[0]).map(([row, ps]) => ({ row, problems: ps })),
  }
  const fields = [
    ...fileProblems.map((message) => ({ path: 'file', message })),
    ...report.rows.flatMap((r) =>
      r.problems.map((p) => ({ path: `${rowNoun} ${r.row}${p.column ? ` "${p.column}"` : ''}`, message: p.message })),
    ),
  ]
  return {
    ...domainError(
      'invalid',
      code,
      fileProblems.length > 0
        ? `${fileName} cannot be imported: ${fileProblems.join('; ')}`
        : `${report.rows.length} ${rowNoun}(s) of ${fileName} have problems; nothing was imported: correct them and send the whole file again`,
      fields.slice(0, 1000),
    ),
    report,
  }
}

/** Matches the file's headers to the template's columns: column name → header as written, or the file's problems. */
export function mapHeaders(
  columns: ReadonlyArray<TemplateColumn>,
  headers: ReadonlyArray<string>,
): { byColumn: Map<string, string>; problems: string[] } {
  const matched = matchColumns(
    columns.map((c) => ({ key: c.name, names: [c.name, ...(c.aliases ?? [])], required: c.required && !c.exportOnly })),
    headers,
  )
  return { byColumn: matched.columns, problems: matched.problems }
}

export type Decoded =
  | {
      readonly ok: true
      /** The rows whose every cell decoded. */
      readonly rows: ReadonlyArray<DecodedRow>
      /** The cells that did not: the templates add their own checks of the other rows to these. */
      readonly problems: ReadonlyArray<RowProblem>
      readonly blankRows: ReadonlyArray<number>
    }
  | { readonly ok: false; readonly fileProblems: ReadonlyArray<string> }

/**
 * Every row decoded with the columns' cell types; rows with a bad cell are left out of `rows` and
 * their problems listed. A file whose columns do not fit, or without rows, is a file problem.
 */
export function decodeRows(columns: ReadonlyArray<TemplateColumn>, file: TableFile): Decoded {
  const mapped = mapHeaders(columns, file.headers)
  const fileProblems = [...mapped.problems]
  if (file.rows.length > MAX_TEMPLATE_ROWS)
    fileProblems.push(`the file has ${file.rows.length} rows; at most ${MAX_TEMPLATE_ROWS} per import`)
  if (fileProblems.length > 0) return { ok: false, fileProblems }
  const first = file.firstDataRow ?? 2
  const headerOf = (column: string) => mapped.byColumn.get(column) ?? column
  const rows: DecodedRow[] = []
  const blankRows: number[] = []
  const problems: RowProblem[] = []
  file.rows.forEach((record, i) => {
    const row = first + i
    if (Object.values(record).every((v) => (v ?? '').trim() === '')) {
      blankRows.push(row)
      return
    }
    const values: Record<string, unknown> = {}
    let good = true
    for (const column of columns) {
      if (column.exportOnly) continue
      const header = mapped.byColumn.get(column.name)
      const cell = header === undefined ? '' : (record[header] ?? '')
      const read = readCell(column.type, cell)
      if (read.ok) values[column.name] = read.value
      else {
        good = false
        problems.push({ row, column: header ?? column.name, message: read.message })
      }
    }
    if (good) rows.push({ row, values, headerOf })
  })
  if (rows.length === 0 && problems.length === 0) return { ok: false, fileProblems: ['the file holds no rows'] }
  return { ok: true, rows, problems, blankRows }
}

/**
 * The rows that repeat a key an earlier row has (the same customer, service or SKU twice): one
 * problem each, under `column`, naming the earlier row.
 */
export function repeatedKeys(
  rows: ReadonlyArray<{ readonly row: DecodedRow; readonly key: string }>,
  column: string,
  what: string,
): RowProblem[] {
  const first = new Map<string, number>()
  const problems: RowProblem[] = []
  for (const { row, key } of rows) {
    const earlier = first.get(key)
    if (earlier === undefined) first.set(key, row.row)
    else problems.push({ row: row.row, column: row.headerOf(column), message: `the same ${what} as row ${earlier}` })
  }
  return problems
}

/** Rows as the export writes them: the header line of column names, then each row's cells as text. */
export function encodeRows(columns: ReadonlyArray<TemplateColumn>, rows: ReadonlyArray<RowValues>): string[][] {
  return [
    columns.map((c) => c.name),
    ...rows.map((row) => columns.map((c) => (row[c.name] === undefined ? '' : writeCell(c.type, row[c.name])))),
  ]
}

export const roleDenied = (message: string): DomainError => domainError('forbidden', 'ROLE_NOT_ALLOWED', message)
