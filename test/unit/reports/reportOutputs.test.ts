// The report PDF and XLSX writers on a table of their own: Polish names survive the PDF (DejaVu
// embedded, text extracted by pdftotext), a long table flows over pages with its header repeated,
// the chart adds up one measure per x value (other keys summed), and the XLSX reads back as written.
import assert from 'node:assert/strict'
import ExcelJS from 'exceljs'
import { chartSeries, reportFileName, reportPdfLayout } from '../../../application/reports/reportOutputs.js'
import type { ReportTable } from '../../../application/reports/reportTable.js'
import { PdfLibRenderer } from '../../../infrastructure/pdf/pdfLibRenderer.js'
import { ReportFileWriter, sheetName } from '../../../infrastructure/reportOutputs/reportFileWriter.js'
import { pdfPageCount, pdfText } from '../pdf/pdfTools.js'

const CITIES = ['Łódź', 'Wrocław', 'Gdańsk', 'Kraków', 'Poznań']

function table(days: number): ReportTable {
  const rows = []
  for (let d = 1; d <= days; d++)
    for (const city of CITIES)
      rows.push({ city, day: `2026-03-${String(((d - 1) % 28) + 1).padStart(2, '0')}#${d}`, visits: d, hours: d / 4 })
  return {
    report: 'visitsByCity',
    title: 'Wizyty według miasta — zażółć gęślą jaźń',
    version: 2,
    period: 'day',
    columns: [
      { name: 'city', kind: 'key' },
      { name: 'day', kind: 'key', bucket: 'day' },
      { name: 'visits', kind: 'measure', op: 'count' },
      { name: 'hours', kind: 'measure', op: 'sum' },
    ],
    rows,
    total: rows.length,
    limit: 200_000,
    offset: 0,
  }
}

describe('report outputs (writers)', function () {
  this.timeout(30_000)

  it('the chart adds up the measure per time bucket across the other keys, a line by default', () => {
    const series = chartSeries(table(3), { measure: 'hours' })
    assert.ok(series)
    assert.equal(series.chart, 'line')
    assert.deepEqual(series.labels, ['2026-03-01#1', '2026-03-02#2', '2026-03-03#3'])
    assert.deepEqual(series.values, [1.25, 2.5, 3.75])
    assert.equal(chartSeries(table(3), { chart: 'none' }), null)
    assert.throws(() => chartSeries(table(1), { measure: 'revenue' }), /no measure revenue/)
    const noBucket = { ...table(2), columns: table(2).columns.filter((c) => c.name !== 'day') }
    const bars = chartSeries(noBucket, {})
    assert.equal(bars?.chart, 'bar')
    assert.deepEqual(bars?.labels, CITIES)
    assert.deepEqual(bars?.values, [3, 3, 3, 3, 3])
  })

  it('a PDF of 300 rows: several pages, the header on each, Polish letters extractable', async () => {
    const pdf = await new ReportFileWriter(new PdfLibRenderer()).pdf(table(60), { generatedAt: '2026-11-26 08:00' })
    const pages = await pdfPageCount(pdf)
    assert.ok(pages >= 4, `pages: ${pages}`)
    const text = await pdfText(pdf)
    assert.match(text, /Wizyty według miasta — zażółć gęślą jaźń/)
    for (const city of CITIES) assert.ok(text.includes(city), city)
    assert.equal(text.match(/city\s+day\s+visits\s+hours/g)?.length, pages) // the table header on every page
    assert.match(text, /visits \/ day/)
    assert.match(text, new RegExp(`strona ${pages} z ${pages}`))
    assert.match(text, /300 wierszy/)
    assert.match(text, /Łódź\s+2026-03-04#60\s+60\s+15/)
    // The layout is data: the chart block carries every x value once.
    const layout = reportPdfLayout(table(60), { generatedAt: 'x' })
    const chart = layout.blocks.find((b) => b.kind === 'chart')
    assert.equal(chart?.kind === 'chart' ? chart.labels.length : 0, 60)
  })

  it('the XLSX reads back with exceljs as the rows were, Polish text and decimals intact', async () => {
    const t = table(2)
    const bytes = await new ReportFileWriter(new PdfLibRenderer()).xlsx(t)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
    const sheet = workbook.getWorksheet('visitsByCity')
    assert.ok(sheet)
    assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), ['city', 'day', 'visits', 'hours'])
    assert.equal(sheet.rowCount, 1 + t.rows.length)
    t.rows.forEach((row, i) => {
      assert.deepEqual((sheet.getRow(i + 2).values as unknown[]).slice(1), [row.city, row.day, row.visits, row.hours])
    })
    assert.equal(workbook.title, t.title)
    assert.equal(sheetName('a/very:long[report]name*that?goes-on-and-on'), 'a_very_long_report_name_that_go')
    assert.equal(reportFileName('my report', { period: 'month' }, 'xlsx'), 'my_report-month.xlsx')
  })
})
