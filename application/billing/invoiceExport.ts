// Invoices for the accounting system, as CSV (one row per invoice and VAT rate: what a ledger
// posts) and as XML (whole invoices with their lines). Amounts are written as decimals with the
// currency's two minor digits ("1234.50"), never as floats: they are formatted from the integer
// minor units. Dates are the invoice's issue instant (UTC) and its period (local dates).
import type { InvoiceLine } from '../../domain/billing/invoice.js'
import type { InvoiceDoc } from './billingViews.js'

/** 123450 → "1234.50"; -5 → "-0.05". */
export function decimal(minor: number): string {
  const sign = minor < 0 ? '-' : ''
  const abs = Math.abs(minor)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

const CSV_COLUMNS = [
  'invoice_number',
  'invoice_id',
  'kind',
  'issued_at',
  'period_from',
  'period_to',
  'buyer_customer_id',
  'buyer_fleet_id',
  'contract_id',
  'order_id',
  'currency',
  'vat_rate_percent',
  'net',
  'vat',
  'gross',
] as const

function csvCell(value: string): string {
  // Quote what a spreadsheet would misread; a leading =, +, - or @ is neutralised (formula injection).
  const safe = /^[=+\-@]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value
  return /[",\r\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

export function invoicesCsv(invoices: ReadonlyArray<InvoiceDoc>): string {
  const rows: string[] = [CSV_COLUMNS.join(',')]
  for (const inv of invoices)
    for (const rate of inv.totals.byVatRate)
      rows.push(
        [
          inv.invoiceNumber,
          inv.invoiceId,
          inv.kind,
          inv.issuedAt,
          inv.period.from,
          inv.period.to,
          inv.buyer.customerId ?? '',
          inv.buyer.fleetId ?? '',
          inv.contractId ?? '',
          inv.orderId ?? '',
          inv.currency,
          String(rate.vatRatePercent),
          decimal(rate.netMinor),
          decimal(rate.vatMinor),
          decimal(rate.grossMinor),
        ]
          .map(csvCell)
          .join(','),
      )
  return `${rows.join('\r\n')}\r\n`
}

function xmlText(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

const element = (name: string, value: string | number | null): string =>
  value === null ? `<${name}/>` : `<${name}>${xmlText(String(value))}</${name}>`

function lineXml(line: InvoiceLine, n: number): string {
  return [
    `      <line no="${n}">`,
    `        ${element('kind', line.kind)}${element('basis', line.basis)}${element('code', line.code)}`,
    `        ${element('equipmentId', line.equipmentId)}${element('tier', line.tier)}`,
    `        ${element('quantity', line.quantity)}${element('unit', line.unit)}${element('unitPrice', decimal(line.unitPriceMinor))}`,
    `        ${element('amount', decimal(line.amountMinor))}${element('discount', decimal(line.discountMinor))}`,
    `        ${element('net', decimal(line.netMinor))}${element('vatRatePercent', line.vatRatePercent)}${element('vat', decimal(line.vatMinor))}${element('gross', decimal(line.grossMinor))}`,
    '      </line>',
  ].join('\n')
}

export function invoicesXml(invoices: ReadonlyArray<InvoiceDoc>, period: { from: string; to: string }): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<invoices from="${xmlText(period.from)}" to="${xmlText(period.to)}" count="${invoices.length}">`,
  ]
  for (const inv of invoices) {
    out.push(
      `  <invoice id="${xmlText(inv.invoiceId)}" number="${xmlText(inv.invoiceNumber)}" kind="${inv.kind}" currency="${xmlText(inv.currency)}">`,
      `    ${element('issuedAt', inv.issuedAt)}`,
      `    <period from="${xmlText(inv.period.from)}" to="${xmlText(inv.period.to)}"/>`,
      `    <buyer>${element('customerId', inv.buyer.customerId)}${element('fleetId', inv.buyer.fleetId)}</buyer>`,
      `    ${element('contractId', inv.contractId)}${element('orderId', inv.orderId)}`,
      '    <lines>',
      ...inv.lines.map((l, i) => lineXml(l, i + 1)),
      '    </lines>',
      `    <totals net="${decimal(inv.totals.netMinor)}" vat="${decimal(inv.totals.vatMinor)}" gross="${decimal(inv.totals.grossMinor)}">`,
      ...inv.totals.byVatRate.map(
        (r) =>
          `      <rate percent="${r.vatRatePercent}" net="${decimal(r.netMinor)}" vat="${decimal(r.vatMinor)}" gross="${decimal(r.grossMinor)}"/>`,
      ),
      '    </totals>',
      '  </invoice>',
    )
  }
  out.push('</invoices>')
  return `${out.join('\n')}\n`
}
