// The business platform (businessFixture: catalogue, point p1, customers acme and c1, fleet f1 with
// branches waw and krk) with the import/export templates mounted at /data-exchange.
import assert from 'node:assert/strict'
import ExcelJS from 'exceljs'
import request from 'supertest'
import { dataExchangeModule } from '../../../../api/dataExchange/dataExchangeRoutes.js'
import { DataExchangeService } from '../../../../application/dataExchange/dataExchangeService.js'
import type { Cast } from '../../api/support/testApi.js'
import { type BusinessFixture, businessFixture } from '../../customers/support/businessFixture.js'

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
export const TYPES = { csv: 'text/csv', xlsx: XLSX, xml: 'application/xml' } as const
export type Format = keyof typeof TYPES

export async function exchangeFixture(): Promise<BusinessFixture> {
  return businessFixture({
    modules: ({ network, platform, readModels, store, catalogue, repair }) => [
      dataExchangeModule(
        new DataExchangeService({
          store,
          catalogue,
          customers: platform.customers,
          customerReader: platform.reader,
          readModels,
          vehicleImports: platform.imports,
          network: network.reader,
          stock: repair.stock,
        }),
      ),
    ],
  })
}

/** GET with the body as bytes whatever its type. */
export function download(f: BusinessFixture, path: string, who: Cast = 'head_office') {
  return request(f.app)
    .get(path)
    .set('Authorization', f.bearer(who))
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => done(null, Buffer.concat(chunks)))
    })
}

export function upload(
  f: BusinessFixture,
  path: string,
  body: Buffer | string,
  type: string,
  who: Cast = 'head_office',
) {
  return request(f.app)
    .post(path)
    .set('Authorization', f.bearer(who))
    .set('Content-Type', type)
    .send(Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'))
}

/** The first worksheet's cells as text, row by row. */
export async function xlsxCells(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
  const sheet = workbook.worksheets[0]
  assert.ok(sheet)
  const rows: string[][] = []
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r)
    const cells: string[] = []
    for (let c = 1; c <= sheet.columnCount; c++) cells.push(row.getCell(c).text)
    rows.push(cells)
  }
  return rows
}

export async function xlsxOf(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Arkusz1')
  for (const row of rows) sheet.addRow(row)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
