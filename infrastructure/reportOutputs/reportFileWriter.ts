// Report rows as XLSX (exceljs) and PDF (the pdf-lib renderer of infrastructure/pdf, DejaVu Sans
// embedded). The XLSX has one worksheet named after the report: a bold, frozen header row of the
// column names, then one row per result row with numbers as numbers and text as text (exceljs
// writes strings as strings, never as formulas, so user input cannot run in a spreadsheet). The
// workbook's title is the report's title; its dates are fixed so the same rows give the same file.
import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'
import type { DocumentRenderer } from '../../application/documents/documentLayout.js'
import { type PdfOptions, type ReportFiles, reportPdfLayout } from '../../application/reports/reportOutputs.js'
import type { ReportTable } from '../../application/reports/reportTable.js'

const EPOCH = new Date(0)

/** Excel refuses sheet names over 31 characters or with : \ / ? * [ ]. */
export function sheetName(report: string): string {
  return report.replace(/[:\\/?*[\]]/g, '_').slice(0, 31) || 'report'
}

export class ReportFileWriter implements ReportFiles {
  constructor(private readonly renderer: DocumentRenderer) {}

  /**
   * Written through exceljs's streaming writer, each row committed as it is added: a workbook of
   * 200,000 rows built in memory took about a gigabyte; streamed, only the zipped bytes are kept.
   */
  async xlsx(table: ReportTable): Promise<Uint8Array> {
    const chunks: Buffer[] = []
    const sink = new PassThrough()
    sink.on('data', (chunk: Buffer) => chunks.push(chunk))
    const finished = new Promise<void>((resolve, reject) => {
      sink.on('end', resolve)
      sink.on('error', reject)
    })
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false })
    workbook.creator = 'tyre-service-network'
    workbook.title = table.title || table.report
    workbook.created = EPOCH
    workbook.modified = EPOCH
    const sheet = workbook.addWorksheet(sheetName(table.report), { views: [{ state: 'frozen', ySplit: 1 }] })
    sheet.columns = table.columns.map((c) => ({
      header: c.name,
      key: c.name,
      width: Math.min(40, Math.max(10, c.name.length + 2)),
    }))
    sheet.getRow(1).font = { bold: true }
    sheet.getRow(1).commit()
    for (const row of table.rows) sheet.addRow(table.columns.map((c) => row[c.name] ?? null)).commit()
    sheet.commit()
    await workbook.commit()
    await finished
    return new Uint8Array(Buffer.concat(chunks))
  }

  pdf(table: ReportTable, options: PdfOptions): Promise<Uint8Array> {
    return this.renderer.render(reportPdfLayout(table, options))
  }
}
