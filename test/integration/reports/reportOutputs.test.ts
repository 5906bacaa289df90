// Report rows as files over HTTP: XLSX (parsed back with exceljs) and PDF (text extracted with
// pdftotext), by route suffix, ?format= and the Accept header, with their content types and file
// names; a point's manager gets his point's rows only; bad format/chart/measure parameters are
// refused; a process without the writers answers 406 instead of a broken file.
import assert from 'node:assert/strict'
import ExcelJS from 'exceljs'
import request from 'supertest'
import { PdfLibRenderer } from '../../../infrastructure/pdf/pdfLibRenderer.js'
import { ReportFileWriter } from '../../../infrastructure/reportOutputs/reportFileWriter.js'
import { pdfText } from '../../unit/pdf/pdfTools.js'
import type { Cast } from '../api/support/testApi.js'
import { type ReportsFixture, reportsFixture } from './support/reportsFixture.js'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
let f: ReportsFixture

/** The response body as bytes, whatever its type. */
function download(path: string, who: Cast, accept?: string) {
  let r = request(f.api.app).get(path).set('Authorization', f.api.bearer(who))
  if (accept) r = r.set('Accept', accept)
  return r.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = []
    res.on('data', (c: Buffer) => chunks.push(c))
    res.on('end', () => done(null, Buffer.concat(chunks)))
  })
}

async function sheetRows(bytes: Buffer): Promise<{ name: string; rows: unknown[][] }> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
  const sheet = workbook.worksheets[0]
  assert.ok(sheet)
  const rows: unknown[][] = []
  sheet.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1))
  })
  return { name: sheet.name, rows }
}

describe('report outputs: XLSX and PDF downloads', function () {
  this.timeout(30_000)
  afterEach(async () => {
    await f?.close()
  })

  it('XLSX by route, ?format= and Accept: the same rows as the JSON, numbers as numbers', async () => {
    f = await reportsFixture(new ReportFileWriter(new PdfLibRenderer()))
    const json = await request(f.api.app)
      .get('/reports/bookings/rows?period=month&columns=bookings,noShows')
      .set('Authorization', f.api.bearer('head_office'))
    const expected = [
      ['pointId', 'month', 'bookings', 'noShows'],
      ...json.body.rows.map((r: Record<string, unknown>) => [r.pointId, r.month, r.bookings, r.noShows]),
    ]
    assert.deepEqual(expected.slice(1), [
      ['p1', '2026-03', 2, 0],
      ['p2', '2026-03', 1, 1],
    ])
    for (const [path, accept] of [
      ['/reports/bookings/rows.xlsx?period=month&columns=bookings,noShows', undefined],
      ['/reports/bookings/rows?period=month&columns=bookings,noShows&format=xlsx', undefined],
      ['/reports/bookings/rows?period=month&columns=bookings,noShows', XLSX],
    ] as const) {
      const res = await download(path, 'head_office', accept)
      assert.equal(res.status, 200, path)
      assert.equal(res.headers['content-type'], XLSX)
      assert.equal(res.headers['content-disposition'], 'attachment; filename="bookings-month.xlsx"')
      const sheet = await sheetRows(res.body)
      assert.equal(sheet.name, 'bookings')
      assert.deepEqual(sheet.rows, expected, path)
    }
  })

  it('a point manager’s XLSX holds his point’s rows only; other roles and bad parameters are refused', async () => {
    f = await reportsFixture(new ReportFileWriter(new PdfLibRenderer()))
    const own = await download('/reports/bookings/rows.xlsx?period=month&columns=bookings', 'manager_p1')
    assert.equal(own.status, 200)
    assert.deepEqual((await sheetRows(own.body)).rows, [
      ['pointId', 'month', 'bookings'],
      ['p1', '2026-03', 2],
    ])
    assert.equal((await download('/reports/bookings/rows.xlsx?f.pointId=p2', 'manager_p1')).status, 403)
    assert.equal((await download('/reports/bookings/rows.pdf', 'customer')).status, 403)
    assert.equal((await download('/reports/bookings/rows.xlsx', 'employee_p1')).status, 403)
    const badFormat = await request(f.api.app)
      .get('/reports/bookings/rows?format=docx')
      .set('Authorization', f.api.bearer('head_office'))
    assert.equal(badFormat.status, 400)
    assert.equal(badFormat.body.errors[0].path, 'format')
    const badChart = await request(f.api.app)
      .get('/reports/bookings/rows.pdf?chart=pie')
      .set('Authorization', f.api.bearer('head_office'))
    assert.equal(badChart.status, 400)
    const badMeasure = await request(f.api.app)
      .get('/reports/bookings/rows.pdf?measure=revenue')
      .set('Authorization', f.api.bearer('head_office'))
    assert.equal(badMeasure.status, 422)
    assert.match(badMeasure.body.detail, /no measure revenue/)
    assert.equal(
      (
        await request(f.api.app)
          .get('/reports/bookings/rows.pdf?limit=5001')
          .set('Authorization', f.api.bearer('head_office'))
      ).status,
      400,
    )
  })

  it('PDF: the title, what was asked, a chart of the chosen measure and every row, extractable as text', async () => {
    f = await reportsFixture(new ReportFileWriter(new PdfLibRenderer()))
    const res = await download(
      '/reports/bookings/rows.pdf?period=day&columns=bookings,cancellations&measure=cancellations&locale=en',
      'head_office',
    )
    assert.equal(res.status, 200)
    assert.equal(res.headers['content-type'], 'application/pdf')
    assert.equal(res.headers['content-disposition'], 'attachment; filename="bookings-day.pdf"')
    assert.equal(res.body.subarray(0, 5).toString(), '%PDF-')
    const text = await pdfText(res.body)
    assert.match(text, /bookings v\d+ · period: day/)
    assert.match(text, /period = day · columns = bookings,cancellations/)
    assert.match(text, /cancellations \/ day/) // the chart's title: the measure asked for over the day
    assert.match(text, /pointId\s+day\s+bookings\s+cancellations/)
    assert.match(text, /p1\s+2026-03-01\s+2\s+1/)
    assert.match(text, /p2\s+2026-03-01\s+1\s+0/)
    assert.match(text, /page 1 of 1/)
    // A variant downloads the same way, under its own name.
    const variant = await download('/reports/variants/noShows/rows.pdf', 'head_office')
    assert.equal(variant.status, 200)
    assert.match(variant.headers['content-disposition'] ?? '', /filename="noShows/)
    // Its PDF says what was run: the variant's saved query (not the request's empty one)…
    const saved = await pdfText(variant.body)
    assert.match(saved, /variant noShows \(No-shows per point\) · period = month · columns = bookings,noShows/)
    assert.match(saved, /pointId\s+month\s+bookings\s+noShows/)
    // …and with the request's overrides on top of it.
    const overridden = await pdfText(
      (await download('/reports/variants/noShows/rows.pdf?period=total&f.pointId=p1', 'head_office')).body,
    )
    assert.match(
      overridden,
      /variant noShows \(No-shows per point\) · period = total · columns = bookings,noShows · pointId = p1/,
    )
  })

  it('the downloads are in /openapi.json under their media types', async () => {
    f = await reportsFixture(new ReportFileWriter(new PdfLibRenderer()))
    const doc = await request(f.api.app).get('/openapi.json')
    const ok = (path: string) => doc.body.paths[path].get.responses['200'].content
    assert.ok(ok('/reports/{report}/rows.xlsx')[XLSX])
    assert.ok(ok('/reports/{report}/rows.pdf')['application/pdf'])
    assert.ok(ok('/reports/variants/{variantId}/rows.pdf')['application/pdf'])
    assert.ok(ok('/reports/{report}/rows.csv')['text/csv'])
  })

  it('without the file writers, XLSX and PDF answer 406 (CSV and JSON still work)', async () => {
    f = await reportsFixture()
    const xlsx = await request(f.api.app)
      .get('/reports/bookings/rows.xlsx')
      .set('Authorization', f.api.bearer('head_office'))
    assert.equal(xlsx.status, 406)
    assert.equal(xlsx.body.code, 'FORMAT_NOT_AVAILABLE')
    const csv = await request(f.api.app)
      .get('/reports/bookings/rows.csv')
      .set('Authorization', f.api.bearer('head_office'))
    assert.equal(csv.status, 200)
  })
})
