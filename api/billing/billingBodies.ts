// Request bodies and queries of the billing routes.
import * as t from 'io-ts'
import { EntityId } from '../../domain/access/fields.js'
import { InvoiceBuyer } from '../../domain/billing/invoice.js'
import { LocalDateField } from '../calendar/calendarBodies.js'
import { MonthField, PagingQuery } from '../customers/queryFields.js'

export const OrderWorkBody = t.exact(
  t.intersection([
    t.type({
      workDate: t.string,
      equipmentId: t.union([EntityId, t.null]),
      services: t.array(t.exact(t.type({ code: t.string, quantity: t.number }))),
      labour: t.array(t.exact(t.type({ serviceCode: t.union([t.string, t.null]), minutes: t.number }))),
      parts: t.array(t.exact(t.type({ sku: t.string, quantity: t.number }))),
    }),
    t.partial({ buyer: InvoiceBuyer }),
  ]),
)
export const BillingRunBody = t.exact(
  t.intersection([t.type({ month: MonthField }), t.partial({ contractIds: t.array(EntityId) })]),
)
export const InvoiceListQuery = t.exact(
  t.partial({
    from: LocalDateField,
    to: LocalDateField,
    fleetId: EntityId,
    customerId: EntityId,
    contractId: EntityId,
    kind: t.keyof({ monthly: null, order: null }),
    ...PagingQuery,
  }),
)
export const ExportQuery = t.exact(t.type({ from: LocalDateField, to: LocalDateField }))

export const PdfQuery = t.exact(t.partial({ locale: t.keyof({ pl: null, en: null }) }))
