// An invoice as a printable document (DocumentLayout, drawn by infrastructure/pdf): seller and
// buyer, the lines with their basis (package, contract usage tier, catalogue…), quantity, unit
// price, net, VAT rate, VAT and gross per line, the summary per VAT rate and the totals, all from
// the invoice as it was issued (the event's copy), in Polish or English.
import type { Invoice, InvoiceLine } from '../../domain/billing/invoice.js'
import { money } from '../documents/documentFormat.js'
import { A4, type DocumentLayout } from '../documents/documentLayout.js'

export type InvoiceLocale = 'pl' | 'en'

export interface InvoiceParty {
  readonly name: string
  readonly taxId: string | null
  readonly address: string | null
}

const TEXTS = {
  pl: {
    title: 'Faktura VAT',
    number: 'nr',
    issued: 'data wystawienia',
    seller: 'Sprzedawca',
    buyer: 'Nabywca',
    taxId: 'NIP',
    contract: 'Umowa',
    order: 'Zlecenie',
    period: 'Okres',
    lines: ['Lp.', 'Pozycja', 'Ilość', 'Cena jedn. netto', 'Netto', 'VAT %', 'VAT', 'Brutto'],
    summary: ['Stawka VAT', 'Netto', 'VAT', 'Brutto'],
    total: 'Razem do zapłaty',
    totals: 'Razem',
    pages: 'strona {page} z {pages}',
    unit: { piece: 'szt.', minute: 'min', month: 'mies.' },
    basis: {
      catalogue: 'cennik',
      contract_discount: 'cennik z rabatem umownym',
      contract_package: 'pakiet umowny',
      contract_included: 'w abonamencie',
      contract_usage: 'rozliczenie godzinowe',
      contract_fee: 'abonament',
      included_in_service: 'w cenie usługi',
    },
    tier: { free: 'godziny wolne', standard: 'stawka podstawowa', above_limit: 'ponad limit' },
    days: 'dni',
  },
  en: {
    title: 'VAT invoice',
    number: 'no.',
    issued: 'issued',
    seller: 'Seller',
    buyer: 'Buyer',
    taxId: 'Tax id',
    contract: 'Contract',
    order: 'Order',
    period: 'Period',
    lines: ['No.', 'Item', 'Qty', 'Unit net price', 'Net', 'VAT %', 'VAT', 'Gross'],
    summary: ['VAT rate', 'Net', 'VAT', 'Gross'],
    total: 'Total due',
    totals: 'Total',
    pages: 'page {page} of {pages}',
    unit: { piece: 'pcs', minute: 'min', month: 'month' },
    basis: {
      catalogue: 'price list',
      contract_discount: 'price list less the contract discount',
      contract_package: 'contract package',
      contract_included: 'included in the fee',
      contract_usage: 'hourly usage',
      contract_fee: 'monthly fee',
      included_in_service: 'included in the service',
    },
    tier: { free: 'free hours', standard: 'standard rate', above_limit: 'above the limit' },
    days: 'days',
  },
} as const

function lineText(line: InvoiceLine, t: (typeof TEXTS)[InvoiceLocale]): string {
  const parts = [line.code, t.basis[line.basis]]
  if (line.tier) parts.push(t.tier[line.tier])
  if (line.proration) parts.push(`${line.proration.days}/${line.proration.daysInMonth} ${t.days}`)
  if (line.equipmentId) parts.push(line.equipmentId)
  return parts.join(' · ')
}

export function invoiceLayout(
  invoice: Invoice,
  parties: { readonly seller: InvoiceParty; readonly buyer: InvoiceParty },
  refs: { readonly contractNumber: string | null },
  locale: InvoiceLocale,
): DocumentLayout {
  const t = TEXTS[locale]
  const amount = (minor: number) => money(minor, invoice.currency, locale)
  const party = (p: InvoiceParty) =>
    [p.name, p.address, p.taxId ? `${t.taxId} ${p.taxId}` : null].filter(Boolean).join(', ')
  const rows: Array<readonly [string, string]> = [
    [t.seller, party(parties.seller)],
    [t.buyer, party(parties.buyer)],
    [
      t.period,
      invoice.period.from === invoice.period.to ? invoice.period.from : `${invoice.period.from} – ${invoice.period.to}`,
    ],
  ]
  if (refs.contractNumber) rows.push([t.contract, refs.contractNumber])
  if (invoice.orderId) rows.push([t.order, invoice.orderId])
  return {
    format: A4,
    title: `${t.title} ${t.number} ${invoice.invoiceNumber}`,
    subtitle: `${t.issued} ${invoice.issuedAt.slice(0, 10)}`,
    header: parties.seller.name,
    footer: null,
    logo: null,
    locale,
    pageNumbering: t.pages,
    blocks: [
      { kind: 'fields', rows },
      { kind: 'spacer', mm: 4 },
      {
        kind: 'table',
        small: true,
        columns: [
          { title: t.lines[0], width: 4 },
          { title: t.lines[1], width: 30 },
          { title: t.lines[2], width: 8, align: 'right' },
          { title: t.lines[3], width: 11, align: 'right' },
          { title: t.lines[4], width: 11, align: 'right' },
          { title: t.lines[5], width: 6, align: 'right' },
          { title: t.lines[6], width: 10, align: 'right' },
          { title: t.lines[7], width: 11, align: 'right' },
        ],
        rows: invoice.lines.map((line, i) => [
          String(i + 1),
          lineText(line, t),
          `${line.quantity} ${t.unit[line.unit]}`,
          amount(line.unitPriceMinor),
          amount(line.netMinor),
          `${line.vatRatePercent}%`,
          amount(line.vatMinor),
          amount(line.grossMinor),
        ]),
      },
      { kind: 'spacer', mm: 4 },
      {
        kind: 'table',
        columns: [
          { title: t.summary[0], width: 10 },
          { title: t.summary[1], width: 10, align: 'right' },
          { title: t.summary[2], width: 10, align: 'right' },
          { title: t.summary[3], width: 10, align: 'right' },
        ],
        rows: [
          ...invoice.totals.byVatRate.map((r) => [
            `${r.vatRatePercent}%`,
            amount(r.netMinor),
            amount(r.vatMinor),
            amount(r.grossMinor),
          ]),
          [
            t.totals,
            amount(invoice.totals.netMinor),
            amount(invoice.totals.vatMinor),
            amount(invoice.totals.grossMinor),
          ],
        ],
      },
      { kind: 'spacer', mm: 4 },
      { kind: 'fields', rows: [[t.total, amount(invoice.totals.grossMinor)]] },
    ],
  }
}
