// Read-model names and documents of billing: every invoice issued (lists, exports, PDFs) and the
// usage of hourly/tiered contract services per contract and month (what the monthly run bills).
import type { Invoice } from '../../domain/billing/invoice.js'
import type { YearMonth } from '../../domain/shared/yearMonth.js'
import type { Document } from '../ports/documentStore.js'

export const BILLING = { projection: 'billing', invoices: 'invoices', usage: 'usage' } as const

export interface InvoiceDoc extends Document, Invoice {
  _id: string
  kind: 'monthly' | 'order'
  /** The month the invoice is for: the billed month, or the order's work month. */
  month: YearMonth
  fleetId: string | null
  customerId: string | null
}

export interface UsageDoc extends Document {
  /** `<contractId>|<YYYY-MM>` */
  _id: string
  contractId: string
  month: YearMonth
  /** Minutes per service code, summed over the month's billed orders. */
  minutes: Record<string, number>
  orders: string[]
}

export const usageId = (contractId: string, month: YearMonth): string => `${contractId}|${month}`
