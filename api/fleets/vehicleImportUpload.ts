// Reading an uploaded vehicle list: the request body as sent (CSV or XLSX, up to 10 MB), turned
// into header cells and row records keyed by the header as written, which is all the domain's
// import validation needs. Decoding a file is the HTTP boundary's job, like decoding JSON:
// the application never sees bytes.
//
// CSV: UTF-8 (with or without BOM), or Windows-1250 when the bytes are not UTF-8 (what Polish
// Excel writes); the delimiter is the one of , ; or tab that the header line uses most. XLSX: the
// first worksheet, each cell as Excel displays it (a year typed as a number reads "2021").
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import type { Request } from 'express'
import express from 'express'
import type { ImportReport } from '../../application/customers/vehicleImportService.js'
import type { VehicleImportFile } from '../../domain/customer/vehicleImport.js'
import { type ProblemBody, ProblemError } from '../problem.js'

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
export const UPLOAD_TYPES = ['text/csv', 'application/csv', 'text/plain', XLSX, 'application/octet-stream'] as const

/** Route guard: the raw body as a Buffer (the app's JSON parser leaves other types alone). */
export const rawUpload = express.raw({ type: () => true, limit: MAX_UPLOAD_BYTES })

/** A refused import: problem+json with the report row by row (RFC 9457 extension members). */
export class ImportProblem extends ProblemError {
  constructor(
    base: ProblemError,
    readonly report: ImportReport,
  ) {
    super({
      status: base.status,
      code: base.code,
      detail: base.message,
      ...(base.errors ? { errors: base.errors } : {}),
    })
  }

  override body(instance: string): ProblemBody & ImportReport {
    return { ...super.body(instance), fileProblems: this.report.fileProblems, rows: this.report.rows }
  }
}

/** 422 with the reason the file as a whole cannot be read, in the import report's shape. */
export const unreadable = (message: string): ProblemError =>
  new ImportProblem(
    new ProblemError({
      status: 422,
      code: 'VEHICLE_IMPORT_INVALID',
      detail: `the file cannot be imported: ${message}`,
      errors: [{ path: 'file', message }],
    }),
    { fileProblems: [message], rows: [] },
  )

function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    return new TextDecoder('windows-1250').decode(bytes)
  }
}

function delimiterOf(text: string): string {
  const header = text.split(/\r?\n/, 1)[0] ?? ''
  const counts = [',', ';', '\t'].map((d) => [d, header.split(d).length - 1] as const)
  return counts.sort((a, b) => b[1] - a[1])[0]?.[0] ?? ','
}

function fromCells(fileName: string, table: ReadonlyArray<ReadonlyArray<string>>): VehicleImportFile {
  const headers = (table[0] ?? []).map((h) => h.trim())
  const rows = table.slice(1).map((cells) => {
    const record: Record<string, string> = {}
    headers.forEach((h, i) => {
      if (h !== '') record[h] = cells[i] ?? ''
    })
    return record
  })
  // Spreadsheets and editors leave empty lines at the end: they are not rows of the list.
  while (rows.length > 0 && Object.values(rows.at(-1) ?? {}).every((v) => v.trim() === '')) rows.pop()
  return { fileName, headers, rows, firstDataRow: 2 }
}

function parseCsv(fileName: string, bytes: Buffer): VehicleImportFile {
  const text = decodeText(bytes).replace(/^\uFEFF/, '')
  let table: string[][]
  try {
    table = parse(text, {
      delimiter: delimiterOf(text),
      relax_column_count: true,
      skip_empty_lines: false,
      trim: false,
    })
  } catch (error) {
    throw unreadable(`not a readable CSV file (${error instanceof Error ? error.message : String(error)})`)
  }
  return fromCells(fileName, table)
}

async function parseXlsx(fileName: string, bytes: Buffer): Promise<VehicleImportFile> {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
  } catch {
    throw unreadable('not a readable XLSX workbook')
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) throw unreadable('the workbook has no worksheet')
  const width = sheet.columnCount
  const table: string[][] = []
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r)
    const cells: string[] = []
    for (let c = 1; c <= width; c++) cells.push(row.getCell(c).text ?? '')
    table.push(cells)
  }
  return fromCells(fileName, table)
}

function fileNameOf(req: Request, fallback: string): string {
  const fromQuery = typeof req.query.fileName === 'string' ? req.query.fileName : null
  const disposition = /filename="?([^";]+)"?/i.exec(req.get('content-disposition') ?? '')?.[1] ?? null
  return (fromQuery ?? disposition ?? fallback).slice(0, 255)
}

/** The uploaded file as the import validation takes it, or a problem naming what is wrong. */
export async function readVehicleUpload(req: Request): Promise<VehicleImportFile> {
  const type = (req.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  if (!Buffer.isBuffer(req.body) || req.body.length === 0)
    throw new ProblemError({
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      detail: `send the file itself as the body, as text/csv or ${XLSX}`,
    })
  const isXlsxName = /\.xlsx$/i.test(fileNameOf(req, ''))
  if (type === XLSX || (type === 'application/octet-stream' && isXlsxName))
    return parseXlsx(fileNameOf(req, 'vehicles.xlsx'), req.body)
  if (type === 'text/csv' || type === 'application/csv' || type === 'text/plain' || type === 'application/octet-stream')
    return parseCsv(fileNameOf(req, 'vehicles.csv'), req.body)
  throw new ProblemError({
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    detail: `send the vehicle list as text/csv or ${XLSX} (got ${type || 'no content type'})`,
  })
}
