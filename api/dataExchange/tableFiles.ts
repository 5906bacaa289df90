// Files ⇄ tables of text cells for the import/export templates and the fleet vehicle import:
// CSV, XLSX and XML. Reading gives header cells and one record per row keyed by the header as
// written (what the templates' column matching and the vehicle import validation take); writing
// takes the header line and the rows of an export. Reading a file is the HTTP boundary's job, like
// decoding JSON: the application never sees bytes. (The CLI uses the same functions.)
//
// CSV: UTF-8 (with or without BOM), or Windows-1250 when the bytes are not UTF-8 (what Polish
// Excel writes); the delimiter is the one of , ; or tab that the header line uses most. Written as
// UTF-8 with a BOM, comma-separated, CRLF, fields quoted when needed; a cell that a spreadsheet
// would take for a formula (= + - @ first, not a number) is written with a leading apostrophe.
//
// XLSX: the first worksheet, each cell as Excel displays it (a year typed as a number reads
// "2021"). Written with every cell as text, so codes such as 0012 and numbers keep their spelling.
//
// XML: <{template}><{record}><{column}>value</{column}>…</{record}>…</{template}>, UTF-8. A column's
// element is its name or any of the names a CSV header may have (Polish aliases), matched the same
// way, ignoring case, accents and underscores (<nr_rejestracyjny>, <Imię>); a name with spaces is
// written with underscores. Strict: an element the template does not have, text outside a column, a
// column given twice (under any of its names) or nested elements are refused with the line they are
// on. A column left out of a record is empty.
import { PassThrough } from 'node:stream'
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { SaxesParser } from 'saxes'
import { TEMPLATES } from '../../application/dataExchange/dataExchangeService.js'
import type { TableFile, TemplateName } from '../../application/dataExchange/exchangeTemplate.js'
import { normaliseHeader } from '../../domain/shared/fileColumns.js'

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
export type FileFormat = 'csv' | 'xlsx' | 'xml'
export const FILE_FORMATS: ReadonlyArray<FileFormat> = ['csv', 'xlsx', 'xml']
export const FILE_CONTENT_TYPES: Readonly<Record<FileFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: XLSX_TYPE,
  xml: 'application/xml; charset=utf-8',
}

/** The file as a whole cannot be read: the message says why (and where, for XML). */
export class UnreadableFile extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UnreadableFile'
  }
}

/**
 * Text a spreadsheet would run as a formula, after any apostrophes: written with one more
 * apostrophe in front, which reading takes off again (so "'@x" survives as itself).
 */
const FORMULA = /^'*[=+\-@\t\r]/
const GUARDED = /^'+[=+\-@\t\r]/

function decodeText(bytes: Uint8Array): string {
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

function fromCells(fileName: string, table: ReadonlyArray<ReadonlyArray<string>>): TableFile {
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
  return { fileName, headers, rows, firstDataRow: 2, rowNoun: 'row' }
}

export function readCsv(fileName: string, bytes: Uint8Array): TableFile {
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
    throw new UnreadableFile(`not a readable CSV file (${error instanceof Error ? error.message : String(error)})`)
  }
  // An apostrophe the export put before formula-like text is the export's, not the value's.
  return fromCells(
    fileName,
    table.map((cells) => cells.map((c) => (GUARDED.test(c) ? c.slice(1) : c))),
  )
}

export async function readXlsx(fileName: string, bytes: Uint8Array): Promise<TableFile> {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
  } catch {
    throw new UnreadableFile('not a readable XLSX workbook')
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) throw new UnreadableFile('the workbook has no worksheet')
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

export interface XmlShape {
  /** The root element: the template's name. */
  readonly root: string
  /** One row's element. */
  readonly record: string
  /** The columns' element names, in the template's order. */
  readonly columns: ReadonlyArray<string>
  /** Other element names accepted for a column (column name → its aliases), matched as headers are. */
  readonly aliases?: Readonly<Record<string, ReadonlyArray<string>>>
}

/** An XML file of records; rows are numbered by record (the first record is 1). */
export function readXml(fileName: string, bytes: Uint8Array, shape: XmlShape): TableFile {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '')
  } catch {
    throw new UnreadableFile('an XML file must be UTF-8')
  }
  const parser = new SaxesParser({ xmlns: false, position: true })
  const rows: Array<Record<string, string>> = []
  const problems: string[] = []
  const stack: string[] = []
  let record: Record<string, string> | null = null
  let column: string | null = null
  let value = ''
  const where = () => `line ${parser.line}`
  const known = shape.columns.join(', ')
  const columnOf = new Map<string, string>()
  for (const c of shape.columns)
    for (const name of [c, ...(shape.aliases?.[c] ?? [])]) columnOf.set(normaliseHeader(name), c)
  parser.on('opentag', (tag) => {
    const depth = stack.length
    stack.push(tag.name)
    if (depth === 0) {
      if (tag.name !== shape.root)
        problems.push(`${where()}: the root element must be <${shape.root}>, not <${tag.name}>`)
    } else if (depth === 1) {
      if (tag.name !== shape.record)
        problems.push(
          `${where()}: unknown element <${tag.name}> in <${shape.root}>; only <${shape.record}> records belong there`,
        )
      record = {}
      rows.push(record)
    } else if (depth === 2) {
      column = columnOf.get(normaliseHeader(tag.name)) ?? null
      if (column === null)
        problems.push(`${where()}: unknown element <${tag.name}> in record ${rows.length}; the columns are ${known}`)
      else if (record && column in record)
        problems.push(
          `${where()}: <${tag.name}> twice in record ${rows.length}${tag.name === column ? '' : ` (it is ${column})`}`,
        )
      value = ''
    } else problems.push(`${where()}: <${tag.name}> inside <${stack[depth - 1]}>: a column holds text only`)
  })
  parser.on('text', (t) => {
    if (stack.length === 3) value += t
    else if (t.trim() !== '') problems.push(`${where()}: text "${t.trim().slice(0, 40)}" outside a column`)
  })
  parser.on('cdata', (t) => {
    if (stack.length === 3) value += t
    else problems.push(`${where()}: CDATA outside a column`)
  })
  parser.on('closetag', () => {
    if (stack.length === 3 && record && column) record[column] = value
    stack.pop()
  })
  try {
    parser.write(text).close()
  } catch (error) {
    throw new UnreadableFile(`not well-formed XML: ${error instanceof Error ? error.message : String(error)}`)
  }
  if (problems.length > 0) throw new UnreadableFile(problems.slice(0, 20).join('; '))
  const filled = rows.map((r) => Object.fromEntries(shape.columns.map((c) => [c, r[c] ?? ''])))
  return { fileName, headers: [...shape.columns], rows: filled, firstDataRow: 1, rowNoun: 'record' }
}

// ── writing ──────────────────────────────────────────────────────────────────────────────────

function csvField(value: string): string {
  const text = FORMULA.test(value) && !/^-?\d+([.,]\d+)?$/.test(value) ? `'${value}` : value
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function writeCsv(cells: ReadonlyArray<ReadonlyArray<string>>): Uint8Array {
  return new TextEncoder().encode(`\uFEFF${cells.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`)
}

/** Streamed, row by row (an export of every customer may be large): only the zipped bytes are kept. */
export async function writeXlsx(sheetName: string, cells: ReadonlyArray<ReadonlyArray<string>>): Promise<Uint8Array> {
  const chunks: Buffer[] = []
  const sink = new PassThrough()
  sink.on('data', (chunk: Buffer) => chunks.push(chunk))
  const finished = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve)
    sink.on('error', reject)
  })
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false })
  workbook.creator = 'tyre-service-network'
  workbook.created = new Date(0)
  workbook.modified = new Date(0)
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] })
  const header = cells[0] ?? []
  sheet.columns = header.map((_h, i) => ({
    key: String(i),
    width: Math.min(40, Math.max(10, ...cells.slice(0, 1000).map((r) => (r[i] ?? '').length + 2))),
    style: { numFmt: '@' },
  }))
  for (const [i, row] of cells.entries()) {
    const added = sheet.addRow([...row])
    if (i === 0) added.font = { bold: true }
    added.commit()
  }
  sheet.commit()
  await workbook.commit()
  await finished
  return new Uint8Array(Buffer.concat(chunks))
}

function xmlText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

export function writeXml(
  shape: Pick<XmlShape, 'root' | 'record'>,
  cells: ReadonlyArray<ReadonlyArray<string>>,
): Uint8Array {
  const header = cells[0] ?? []
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<${shape.root}>`]
  for (const row of cells.slice(1)) {
    lines.push(`  <${shape.record}>`)
    header.forEach((name, i) => {
      const value = row[i] ?? ''
      lines.push(value === '' ? `    <${name}/>` : `    <${name}>${xmlText(value)}</${name}>`)
    })
    lines.push(`  </${shape.record}>`)
  }
  lines.push(`</${shape.root}>`, '')
  return new TextEncoder().encode(lines.join('\n'))
}

// ── a template's file ─────────────────────────────────────────────────────────────────────────

/** The XML shape of a template: its name as the root, its record element, its columns. */
export function xmlShapeOf(template: TemplateName): XmlShape {
  const t = TEMPLATES[template]
  return {
    root: template,
    record: t.record,
    columns: t.columns.map((c) => c.name),
    aliases: Object.fromEntries(t.columns.map((c) => [c.name, c.aliases ?? []])),
  }
}

/** A template's file in the format given (the API by content type, the CLI by extension). */
export function readTemplateFile(
  template: TemplateName,
  format: FileFormat,
  fileName: string,
  bytes: Uint8Array,
): Promise<TableFile> {
  if (format === 'csv') return Promise.resolve(readCsv(fileName, bytes))
  if (format === 'xlsx') return readXlsx(fileName, bytes)
  return Promise.resolve(readXml(fileName, bytes, xmlShapeOf(template)))
}

/** An export's cells as a file of the format given. */
export function writeTemplateFile(
  template: TemplateName,
  format: FileFormat,
  cells: ReadonlyArray<ReadonlyArray<string>>,
): Promise<Uint8Array> {
  if (format === 'csv') return Promise.resolve(writeCsv(cells))
  if (format === 'xlsx') return writeXlsx(template, cells)
  return Promise.resolve(writeXml(xmlShapeOf(template), cells))
}
