// Reading an uploaded vehicle list: the request body as sent (CSV or XLSX, up to 10 MB), turned
// into header cells and row records keyed by the header as written, which is all the domain's
// import validation needs. The files are read by the import/export templates' readers
// (api/dataExchange/tableFiles.ts: encodings, delimiters, the first XLSX sheet as displayed); the
// same list is the `vehicles` template of /data-exchange, which also exports it and reads XML.
import type { Request } from 'express'
import express from 'express'
import type { ImportReport } from '../../application/customers/vehicleImportService.js'
import type { VehicleImportFile } from '../../domain/customer/vehicleImport.js'
import { readCsv, readXlsx, UnreadableFile } from '../dataExchange/tableFiles.js'
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

/** A file that cannot be read answers in the vehicle import's shape (422 VEHICLE_IMPORT_INVALID). */
async function asVehicleFile(read: () => Promise<VehicleImportFile>): Promise<VehicleImportFile> {
  try {
    return await read()
  } catch (error) {
    if (error instanceof UnreadableFile) throw unreadable(error.message)
    throw error
  }
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
    return asVehicleFile(() => readXlsx(fileNameOf(req, 'vehicles.xlsx'), req.body))
  if (type === 'text/csv' || type === 'application/csv' || type === 'text/plain' || type === 'application/octet-stream')
    return asVehicleFile(async () => readCsv(fileNameOf(req, 'vehicles.csv'), req.body))
  throw new ProblemError({
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    detail: `send the vehicle list as text/csv or ${XLSX} (got ${type || 'no content type'})`,
  })
}
