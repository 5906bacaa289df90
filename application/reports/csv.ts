// CSV for spreadsheet users (RFC 4180): comma-separated, CRLF line ends, fields quoted when they
// hold a comma, quote or line break. A UTF-8 byte-order mark goes first so Excel reads Polish
// letters right. Text that a spreadsheet would run as a formula (= + - @ at the start) is
// prefixed with an apostrophe: report values come from user input (reasons, names).
import type { Cell, ReportTable } from './reportTable.js'

const FORMULA = /^[=+\-@\t\r]/

function field(value: Cell | undefined): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  const text = FORMULA.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function tableToCsv(table: Pick<ReportTable, 'columns' | 'rows'>): string {
  const names = table.columns.map((c) => c.name)
  const lines = [names.map(field).join(',')]
  for (const row of table.rows) lines.push(names.map((n) => field(row[n])).join(','))
  return `\uFEFF${lines.join('\r\n')}\r\n`
}
