// Import/export templates over HTTP (application/dataExchange): customers, a fleet's vehicles, the
// service price list and goods, as CSV, XLSX or XML. The same template declaration reads an import
// and writes an export, so an exported file imports as it is.
//
//   GET  /data-exchange/templates                       the templates and their columns
//   GET  /data-exchange/{template}/export?format=&fleetId=   the records as a file
//   GET  /data-exchange/{template}/blank?format=        an empty file with the header (XML: the root)
//   POST /data-exchange/{template}/import?fleetId=&fileName=  the file as the body: all rows or none
//
// Who: customers — head office; vehicles — head office, the fleet's company account and managers
// (their fleet, ?fleetId=); prices and goods — head office imports, head office and a point's own
// account and manager export (the catalogue and its prices are the network's, not a point's);
// stock-minimums — head office and the point's own account and manager (their point, ?pointId=).

import type { Request } from 'express'
import { isLeft } from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import type { DataExchangeService } from '../../application/dataExchange/dataExchangeService.js'
import { templateOf } from '../../application/dataExchange/dataExchangeService.js'
import {
  type TableFile,
  TEMPLATE_NAMES,
  type TemplateName,
  type TemplateScope,
} from '../../application/dataExchange/exchangeTemplate.js'
import type { ApiKit, ApiModule } from '../apiKit.js'
import { ImportProblem, rawUpload } from '../fleets/vehicleImportUpload.js'
import { orProblem, ProblemError, problemFromDomainError } from '../problem.js'
import { principalOf } from '../requestContext.js'
import type { ApiRouter } from '../routing/apiRouter.js'
import {
  FILE_CONTENT_TYPES,
  type FileFormat,
  readTemplateFile,
  UnreadableFile,
  writeTemplateFile,
  XLSX_TYPE,
} from './tableFiles.js'

const ACCESS = ['head_office', 'service_point', 'service_point_manager', 'fleet_client', 'fleet_manager'] as const

const Format = t.keyof({ csv: null, xlsx: null, xml: null })
const ExportQuery = t.partial({ format: Format, fleetId: t.string, pointId: t.string })
const ImportQuery = t.partial({ fleetId: t.string, pointId: t.string, fileName: t.string })

const FORMAT_HELP =
  'format=csv (UTF-8 with BOM, comma-separated), xlsx (first worksheet, cells as text) or xml ' +
  '(<{template}><{record}><{column}>…</{column}></{record}></{template}>); csv by default. ' +
  'Column mapping: GET /data-exchange/templates and docs/data-exchange.md.'

function scopeOf(query: { fleetId?: string; pointId?: string }): TemplateScope {
  return { ...(query.fleetId ? { fleetId: query.fleetId } : {}), ...(query.pointId ? { pointId: query.pointId } : {}) }
}

function templateName(req: Request): string {
  return String((req.params as Record<string, string>).template)
}

function sendFile(res: import('express').Response, format: FileFormat, fileName: string, bytes: Uint8Array) {
  res.setHeader('Content-Type', FILE_CONTENT_TYPES[format])
  res.setHeader('Content-Disposition', `attachment; filename="${fileName}.${format}"`)
  res.send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
}

/** A refused import: the report row by row, in the vehicle import's problem shape. */
function importProblem(code: string, message: string): ProblemError {
  return new ImportProblem(
    new ProblemError({
      status: 422,
      code,
      detail: `the file cannot be imported: ${message}`,
      errors: [{ path: 'file', message }],
    }),
    { fileProblems: [message], rows: [] },
  )
}

/** The uploaded body as a table, by its content type (or, for octet-stream, its file name). */
async function readUpload(req: Request, name: string, fileName: string | undefined): Promise<TableFile> {
  const type = (req.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  if (!Buffer.isBuffer(req.body) || req.body.length === 0)
    throw new ProblemError({
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      detail: `send the file itself as the body: text/csv, ${XLSX_TYPE} or application/xml`,
    })
  const ext = /\.(csv|xlsx|xml)$/i.exec(fileName ?? '')?.[1]?.toLowerCase()
  const format: FileFormat | null =
    type === XLSX_TYPE
      ? 'xlsx'
      : type === 'application/xml' || type === 'text/xml'
        ? 'xml'
        : type === 'text/csv' || type === 'application/csv' || type === 'text/plain'
          ? 'csv'
          : type === 'application/octet-stream'
            ? ((ext as FileFormat | undefined) ?? 'csv')
            : null
  if (!format)
    throw new ProblemError({
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      detail: `send the file as text/csv, ${XLSX_TYPE} or application/xml (got ${type || 'no content type'})`,
    })
  const named = fileName ?? `${name}.${format}`
  try {
    return await readTemplateFile(name as TemplateName, format, named, req.body)
  } catch (error) {
    if (error instanceof UnreadableFile) throw importProblem('TEMPLATE_IMPORT_INVALID', error.message)
    throw error
  }
}

function routes(kit: ApiKit, service: DataExchangeService): ApiRouter {
  const templateProblems = { 404: 'no such template (customers, vehicles, prices, goods) or no such fleet' }
  return kit
    .router('/data-exchange', 'import and export templates')
    .get(
      '/templates',
      {
        summary: 'The import/export templates: their columns, the headers an import also accepts, cell types',
        access: [...ACCESS],
        response: { status: 200, description: 'templates', schema: { type: 'object' } },
      },
      (_req, res) => {
        res.json({ items: service.templates() })
      },
    )
    .get(
      '/:template/export',
      {
        summary: 'Export the template’s records as CSV, XLSX or XML (the file imports back as it is)',
        description: `template: ${TEMPLATE_NAMES.join(', ')}. ${FORMAT_HELP} The vehicles template needs fleetId, stock-minimums pointId.`,
        access: [...ACCESS],
        query: ExportQuery,
        response: {
          status: 200,
          description: 'the file: text/csv, the XLSX type or application/xml as asked',
          contentType: 'text/csv',
        },
        problems: { ...templateProblems, 422: 'fleetId (vehicles) or pointId (stock-minimums) missing' },
      },
      async (req, res, query) => {
        const name = templateName(req)
        const format = query.format ?? 'csv'
        const table = orProblem(await service.export(principalOf(req), name, scopeOf(query)))
        const owner = query.fleetId ?? query.pointId
        const fileName = owner ? `${name}-${owner.replace(/[^A-Za-z0-9_-]+/g, '_')}` : name
        sendFile(res, format, fileName, await writeTemplateFile(table.template, format, table.cells))
      },
    )
    .get(
      '/:template/blank',
      {
        summary: 'An empty file of the template: the header line (XML: the root element) to fill in',
        description: FORMAT_HELP,
        access: [...ACCESS],
        query: t.partial({ format: Format }),
        response: {
          status: 200,
          description: 'the file: text/csv, the XLSX type or application/xml as asked',
          contentType: 'text/csv',
        },
        problems: templateProblems,
      },
      async (req, res, query) => {
        const name = templateName(req)
        const template = orProblem(templateOf(name))
        const format = query.format ?? 'csv'
        sendFile(
          res,
          format,
          `${name}-template`,
          await writeTemplateFile(template.name, format, [template.columns.map((c) => c.name)]),
        )
      },
    )
    .post(
      '/:template/import',
      {
        summary: 'Import a CSV, XLSX or XML file of the template: all rows or none',
        description:
          'The body is the file itself (up to 10 MB): text/csv (UTF-8 or Windows-1250; , ; or tab), ' +
          `${XLSX_TYPE} (first sheet) or application/xml; ?fileName= names it (application/octet-stream: the ` +
          'extension decides). Columns by header, case, accents, spaces and underscores ignored, the Polish ' +
          'headers too; unknown or missing columns, unknown XML elements, and any bad row refuse the whole file ' +
          '(422 TEMPLATE_IMPORT_INVALID, or VEHICLE_IMPORT_INVALID for vehicles) with `fileProblems` and ' +
          '`rows: [{ row, problems: [{ column, message }] }]` (file rows, header = row 1; XML: record numbers); ' +
          'nothing is written. The vehicles template needs fleetId, stock-minimums pointId.',
        access: [...ACCESS],
        guards: [rawUpload],
        query: ImportQuery,
        idempotent: true,
        response: {
          status: 201,
          description: 'template, fileName, imported, unchanged, ids, blankRows',
          schema: { type: 'object' },
        },
        problems: {
          ...templateProblems,
          409: 'a record of the file was written meanwhile by someone else (nothing of the file was written)',
          413: 'the file is larger than 10 MB',
          415: 'not CSV, XLSX or XML',
          422: 'the file has problems: every one, row by row',
        },
      },
      async (req, res, query) => {
        const name = templateName(req)
        if (!(TEMPLATE_NAMES as readonly string[]).includes(name))
          throw new ProblemError({ status: 404, code: 'TEMPLATE_NOT_FOUND', detail: `no template ${name}` })
        const file = await readUpload(req, name, query.fileName)
        const done = await service.import(principalOf(req), name, scopeOf(query), file, kit.requestMeta(req))
        if (isLeft(done) && done.left.report)
          throw new ImportProblem(problemFromDomainError(done.left), done.left.report)
        res.status(201).json(orProblem(done))
      },
    )
}

export function dataExchangeModule(service: DataExchangeService): ApiModule {
  return (kit) => [routes(kit, service)]
}
