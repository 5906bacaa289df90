// Numbers of ad-hoc (per order) invoices: one continuous series per month, `FV/YYYY/MM/000123`,
// kept as a counter stream `invoicenumbers-<YYYY-MM>` of InvoiceNumberAllocated events. The next
// number is the last one + 1, appended with the expected revision of what was read, so two
// allocations racing for one number cannot both win (the loser reads again and takes the next).
//
// Monthly invoices need no allocation: each contract bills a month once, so `<contract number>/
// <YYYY-MM>` is unique, and a retried run gives the same number.
//
// A number is allocated only when an order will have an invoice and is not billed yet; a crash
// between allocating and billing (or two requests billing one order at once) leaves a gap in the
// series, visible as an allocation without an invoice.
import { randomUUID } from 'node:crypto'
import * as t from 'io-ts'
import type { YearMonth } from '../../domain/shared/yearMonth.js'
import type { CommandContext } from '../commands/commandContext.js'
import type { EventDefinition } from '../eventLog/eventCatalogue.js'
import { type EventStore, WrongExpectedRevision } from '../ports/eventStore.js'

export const InvoiceNumberAllocated = t.type({
  month: t.string,
  sequence: t.number,
  invoiceNumber: t.string,
  invoiceId: t.string,
  at: t.string,
})
export type InvoiceNumberAllocated = t.TypeOf<typeof InvoiceNumberAllocated>

export const invoiceNumberEventDefinitions: EventDefinition[] = [
  { type: 'InvoiceNumberAllocated', schemaVersion: 1, codec: InvoiceNumberAllocated },
]

export const invoiceNumberStream = (month: YearMonth): string => `invoicenumbers-${month}`

export const orderInvoiceNumber = (month: YearMonth, sequence: number): string =>
  `FV/${month.slice(0, 4)}/${month.slice(5, 7)}/${String(sequence).padStart(6, '0')}`

export const monthlyInvoiceNumber = (contractNumber: string, month: YearMonth): string => `${contractNumber}/${month}`

/** The next number of the month's series for `invoiceId`. */
export async function allocateInvoiceNumber(
  store: EventStore,
  month: YearMonth,
  invoiceId: string,
  context: CommandContext,
): Promise<string> {
  const stream = invoiceNumberStream(month)
  for (let attempt = 0; attempt < 20; attempt++) {
    let last: { revision: number; sequence: number } | null = null
    for await (const e of store.readStream(stream, { direction: 'backwards', maxCount: 1 }))
      last = { revision: e.revision, sequence: (e.data as InvoiceNumberAllocated).sequence }
    const sequence = (last?.sequence ?? 0) + 1
    const invoiceNumber = orderInvoiceNumber(month, sequence)
    const data: InvoiceNumberAllocated = { month, sequence, invoiceNumber, invoiceId, at: context.now }
    try {
      await store.appendToStream(
        stream,
        [
          {
            type: 'InvoiceNumberAllocated',
            data,
            metadata: {
              // A fresh id: a retried allocation must take the next number, not replay this one.
              eventId: randomUUID(),
              correlationId: context.correlationId,
              causationId: context.causationId,
              actor: context.actor,
              occurredAt: context.now,
              schemaVersion: 1,
            },
          },
        ],
        { expectedRevision: last === null ? 'no_stream' : last.revision },
      )
      return invoiceNumber
    } catch (error) {
      if (!(error instanceof WrongExpectedRevision)) throw error
    }
  }
  throw new Error(`${stream}: could not allocate an invoice number (too many concurrent allocations)`)
}
