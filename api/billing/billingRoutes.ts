// Billing over HTTP: pricing and invoicing an order under the applicable contract (staff), the
// monthly billing run (head office; a month already billed is left as it is), invoices for their
// buyers and head office, and the accounting export as CSV or XML.
import type { BillingService } from '../../application/billing/billingService.js'
import { invoicesCsv, invoicesXml } from '../../application/billing/invoiceExport.js'
import type { ApiKit } from '../apiKit.js'
import { objectSchema, PAGING_HELP, pageSchema, pagingOf } from '../customers/queryFields.js'
import { orProblem } from '../problem.js'
import { principalOf } from '../requestContext.js'
import type { ApiRouter } from '../routing/apiRouter.js'
import { BillingRunBody, ExportQuery, InvoiceListQuery, OrderWorkBody, PdfQuery } from './billingBodies.js'

const STAFF = ['head_office', 'service_point', 'service_point_manager', 'service_point_employee'] as const
const BUYERS = ['head_office', 'fleet_client', 'fleet_manager', 'customer'] as const
const PRICED = objectSchema(
  'contract applied (or null), currency, lines (basis, tier, net, VAT per line), deferredUsage, totals per VAT rate',
)
const WORK_HELP =
  'Body: workDate (the local date the work was done: it picks the contract’s terms and the billing month), equipmentId, services ' +
  '[{ code, quantity }], labour [{ serviceCode (the service it belongs to, or null), minutes }], parts [{ sku, quantity }], and ' +
  'buyer when no contract applies. The contract is the one covering the vehicle that day.'

export function billingRoutes(kit: ApiKit, billing: BillingService): ApiRouter {
  return kit
    .router('/billing', 'billing')
    .post(
      '/orders/:orderId/price',
      {
        summary: 'Price an order’s work under the applicable contract (nothing is recorded)',
        description: WORK_HELP,
        access: STAFF,
        body: OrderWorkBody,
        response: { status: 200, description: 'the priced order', schema: PRICED },
        problems: {
          409: 'READ_MODEL_BEHIND (retry)',
          422: 'unknown service or part, quantities (ORDER_PRICING_INVALID)',
        },
      },
      async (req, res) => {
        res.json(orProblem(await billing.priceOrder(principalOf(req), req.params.orderId, req.body)))
      },
    )
    .post(
      '/orders/:orderId/invoice',
      {
        summary: 'Bill an order once: its invoice (when anything is charged) and the usage deferred to the monthly run',
        description: `${WORK_HELP} Billing an order again changes nothing and answers with its invoice.`,
        access: STAFF,
        body: OrderWorkBody,
        idempotent: true,
        response: {
          status: 201,
          description: 'the billed order with its invoice (null: nothing to charge)',
          schema: PRICED,
        },
        problems: { 409: 'READ_MODEL_BEHIND (retry)', 422: 'ORDER_PRICING_INVALID, ORDER_BILLING_INVALID' },
      },
      async (req, res) => {
        res
          .status(201)
          .json(
            orProblem(await billing.billOrder(principalOf(req), req.params.orderId, req.body, kit.requestMeta(req))),
          )
      },
    )
    .post(
      '/runs',
      {
        summary: 'Run the monthly billing for a month that is over',
        description:
          'Every contract in force in the month (or the contractIds named) is billed once: monthly fees (prorated by days) and the ' +
          'month’s usage of hourly and tiered services, the tiers applied exactly. A contract whose month was billed before is ' +
          'counted as alreadyBilled and left as it was: running a month twice changes nothing. Monthly invoice numbers are ' +
          '<contract number>/<YYYY-MM>.',
        access: ['head_office'],
        body: BillingRunBody,
        idempotent: true,
        response: {
          status: 200,
          description: 'the run’s report',
          schema: objectSchema('month, contracts, billed, invoices, alreadyBilled, failures (e.g. MONTH_NOT_OVER)'),
        },
        problems: { 409: 'READ_MODEL_BEHIND (retry)', 422: 'not a month' },
      },
      async (req, res) => {
        res.json(
          orProblem(
            await billing.runMonth(
              principalOf(req),
              req.body.month,
              req.body.contractIds ? { contractIds: req.body.contractIds } : {},
              kit.requestMeta(req),
            ),
          ),
        )
      },
    )
    .get(
      '/invoices/export.csv',
      {
        summary: 'Invoices issued between two dates, for accounting: CSV, one row per invoice and VAT rate',
        query: ExportQuery,
        description:
          'Query: from, to (issue dates, inclusive, UTC). Amounts as decimals (1234.50). text/csv; charset=utf-8.',
        access: ['head_office'],
        response: { status: 200, description: 'text/csv' },
        problems: { 422: 'invalid period' },
      },
      async (req, res, q) => {
        const invoices = orProblem(await billing.invoicesForExport(principalOf(req), q.from, q.to))
        res.type('text/csv; charset=utf-8').attachment(`invoices-${q.from}-${q.to}.csv`).send(invoicesCsv(invoices))
      },
    )
    .get(
      '/invoices/export.xml',
      {
        summary: 'Invoices issued between two dates, for accounting: XML with lines and totals per VAT rate',
        query: ExportQuery,
        description: 'Query: from, to (issue dates, inclusive, UTC). application/xml.',
        access: ['head_office'],
        response: { status: 200, description: 'application/xml' },
        problems: { 422: 'invalid period' },
      },
      async (req, res, q) => {
        const invoices = orProblem(await billing.invoicesForExport(principalOf(req), q.from, q.to))
        res
          .type('application/xml; charset=utf-8')
          .attachment(`invoices-${q.from}-${q.to}.xml`)
          .send(invoicesXml(invoices, q))
      },
    )
    .get(
      '/invoices',
      {
        summary: 'Invoices',
        query: InvoiceListQuery,
        description: `Head office all; a fleet’s people and a customer their own. Query: from, to (issue dates), fleetId, customerId, contractId, kind (monthly, order), ${PAGING_HELP}.`,
        access: BUYERS,
        response: {
          status: 200,
          description: 'invoices, oldest first',
          schema: pageSchema('the invoice with its lines and totals'),
        },
      },
      async (req, res, q) => {
        const { limit: _l, offset: _o, ...filters } = q
        res.json(orProblem(await billing.invoices(principalOf(req), filters, pagingOf(q))))
      },
    )
    .get(
      '/invoices/:invoiceId/pdf',
      {
        summary: 'One invoice as a PDF',
        query: PdfQuery,
        description: 'Query: locale (pl, default; en). Its buyer and head office.',
        access: BUYERS,
        response: { status: 200, description: 'application/pdf' },
        problems: { 404: 'no such invoice', 409: 'this installation renders no PDFs (PDF_NOT_AVAILABLE)' },
      },
      async (req, res, q) => {
        const pdf = orProblem(await billing.invoicePdf(principalOf(req), req.params.invoiceId, q.locale ?? 'pl'))
        res.type('application/pdf').attachment(pdf.filename).send(Buffer.from(pdf.bytes))
      },
    )
    .get(
      '/invoices/:invoiceId',
      {
        summary: 'One invoice',
        access: BUYERS,
        response: {
          status: 200,
          description: 'the invoice',
          schema: objectSchema('the invoice with its lines and totals'),
        },
        problems: { 404: 'no such invoice' },
      },
      async (req, res) => {
        res.json(orProblem(await billing.invoice(principalOf(req), req.params.invoiceId)))
      },
    )
}
