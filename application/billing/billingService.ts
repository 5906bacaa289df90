// Billing: pricing and invoicing one order under the contract that applies to it, the monthly
// billing run per contract, and the invoices for accounting (list, CSV/XML export).
//
// - One order (`orderbilling-<orderId>`): the contract is the one covering the order's vehicle on
//   the work date (coverage read model, caught up first), rebuilt as of that date from its stream;
//   prices come from the network catalogue (the labour rate from configuration). Billed once.
// - The monthly run (`billing-<contractId>`): every contract in force in the month, each one
//   command; a month already billed is skipped by the decider, so running a month twice changes
//   nothing. Usage is the month's deferred minutes from billed orders (billing read model).
import { type Either, isLeft, left, right } from 'fp-ts/lib/Either.js'
import { actorOf, type Principal } from '../../domain/access/principal.js'
import type { Invoice, InvoiceBuyer, InvoiceLine, InvoiceTotals } from '../../domain/billing/invoice.js'
import { billingStream, monthlyBillingDecider } from '../../domain/billing/monthlyBillingDecider.js'
import { orderBillingDecider, orderBillingStream } from '../../domain/billing/orderBillingDecider.js'
import {
  type CataloguePriceList,
  priceOrder,
  type UsageMinutes,
  type WorkDone,
} from '../../domain/billing/orderPricing.js'
import { contractStream } from '../../domain/contract/contractDecider.js'
import { type ContractOnDate, contractFrom, termsOn } from '../../domain/contract/contractTimeline.js'
import type { ContractEvent } from '../../domain/contract/events.js'
import {
  type CatalogueState,
  catalogueGoodsItems,
  catalogueServicesAsAdded,
} from '../../domain/service-network/catalogueDecider.js'
import { SYSTEM_ACTOR } from '../../domain/shared/actor.js'
import { type DomainError, domainError } from '../../domain/shared/decider.js'
import { addDays, isLocalDate, type LocalDate } from '../../domain/shared/localTime.js'
import { firstDayOf, isYearMonth, lastDayOf, type YearMonth } from '../../domain/shared/yearMonth.js'
import { handleCommand, loadState } from '../commands/handleCommand.js'
import { CONTRACTS, type ContractDoc, type CoverageDoc } from '../contracts/contractViews.js'
import { type ReadModelSync, readModelBehind } from '../contracts/readModelSync.js'
import type { CustomerReader } from '../customers/customerReader.js'
import { branchDenied, type FleetBranchScope } from '../customers/fleetBranchScope.js'
import type { RequestMeta } from '../customers/requestMeta.js'
import type { DocumentRenderer } from '../documents/documentLayout.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import type { Filter } from '../ports/documentStore.js'
import type { EventStore } from '../ports/eventStore.js'
import type { ReadModelReader } from '../queries/readModelReader.js'
import type { Page, Paging } from '../queries/viewer.js'
import { BILLING, type InvoiceDoc, type UsageDoc } from './billingViews.js'
import { type InvoiceLocale, type InvoiceParty, invoiceLayout } from './invoiceLayout.js'
import { allocateInvoiceNumber, monthlyInvoiceNumber } from './invoiceNumbering.js'

/** The labour rate and its VAT: not in the catalogue, so it comes from configuration. */
export interface LabourRate {
  readonly ratePerHourMinor: number
  readonly vatRatePercent: number
}

export const DEFAULT_LABOUR_RATE: LabourRate = { ratePerHourMinor: 18_000, vatRatePercent: 23 }

/** An order's work as the caller states it (the work-order context will send the same). */
export type OrderWork = Omit<WorkDone, 'orderId'> & { readonly buyer?: InvoiceBuyer }

export interface OrderPricingView {
  readonly orderId: string
  readonly contract: {
    readonly contractId: string
    readonly contractNumber: string
    readonly termsEffectiveFrom: LocalDate
  } | null
  readonly currency: string
  readonly lines: ReadonlyArray<InvoiceLine>
  readonly deferredUsage: ReadonlyArray<UsageMinutes>
  readonly totals: InvoiceTotals
}

export interface OrderBillingView extends OrderPricingView {
  readonly invoice: Invoice | null
  /** False when the order had been billed before: nothing new was recorded. */
  readonly newlyBilled: boolean
}

export interface BillingRunReport {
  readonly month: YearMonth
  /** Contracts in force (by their dates) at some day of the month. */
  readonly contracts: number
  /** Contracts billed by this run (with or without an invoice). */
  readonly billed: number
  readonly invoices: ReadonlyArray<{
    readonly contractId: string
    readonly invoiceNumber: string
    readonly grossMinor: number
    readonly currency: string
  }>
  /** Contracts whose month had been billed before: left as they were. */
  readonly alreadyBilled: number
  readonly failures: ReadonlyArray<{ readonly contractId: string; readonly code: string; readonly message: string }>
}

export interface InvoiceQuery {
  /** Issue dates, inclusive (UTC dates of issuedAt). */
  readonly from?: LocalDate
  readonly to?: LocalDate
  readonly fleetId?: string
  readonly customerId?: string
  readonly contractId?: string
  readonly kind?: 'monthly' | 'order'
}

export interface BillingServiceDeps {
  readonly store: EventStore
  readonly catalogue: EventCatalogue
  readonly readModels: ReadModelReader
  readonly sync: ReadModelSync
  /** The network's catalogue (services and goods with prices and VAT). */
  readonly networkCatalogue: () => Promise<CatalogueState>
  readonly labour?: LabourRate
  /** How many contracts the monthly run bills at once (appends group-commit together). */
  readonly runConcurrency?: number
  /** Draws invoice PDFs (infrastructure/pdf); without it PDFs answer PDF_NOT_AVAILABLE. */
  readonly renderer?: DocumentRenderer
  /** Buyers' names, tax ids and addresses for the PDF. */
  readonly customers?: CustomerReader
  /** The seller printed on invoices. */
  readonly seller?: InvoiceParty
  /**
   * Branch-restricted fleet managers see only invoices of their branches' vehicles (per-order
   * invoices); the fleet's monthly contract invoices are the company's and head office's.
   */
  readonly branches?: FleetBranchScope
}

export const DEFAULT_SELLER: InvoiceParty = { name: 'Tyre Service Network', taxId: null, address: null }

const STAFF = ['head_office', 'service_point', 'service_point_manager', 'service_point_employee']
const roleDenied = (message: string): DomainError => domainError('forbidden', 'ROLE_NOT_ALLOWED', message)

export class BillingService {
  constructor(private readonly deps: BillingServiceDeps) {}

  /** The order's lines and totals as they would be invoiced; nothing is written. */
  async priceOrder(by: Principal, orderId: string, work: OrderWork): Promise<Either<DomainError, OrderPricingView>> {
    if (!STAFF.includes(by.role)) return left(roleDenied('only staff price orders'))
    const prepared = await this.prepare(orderId, work)
    if (isLeft(prepared)) return prepared
    const { done, contract, catalogue } = prepared.right
    const priced = priceOrder(done, contract, catalogue)
    if (isLeft(priced)) return priced
    return right({ orderId, contract: contractRef(contract, priced.right.contractId), ...priced.right })
  }

  /** Bills the order once: its invoice (when there is anything to charge) and its deferred usage. */
  async billOrder(
    by: Principal,
    orderId: string,
    work: OrderWork,
    meta: RequestMeta,
  ): Promise<Either<DomainError, OrderBillingView>> {
    if (!STAFF.includes(by.role)) return left(roleDenied('only staff bill orders'))
    const prepared = await this.prepare(orderId, work)
    if (isLeft(prepared)) return prepared
    const { done, contract, catalogue } = prepared.right
    const priced = priceOrder(done, contract, catalogue)
    if (isLeft(priced)) return priced
    const stream = orderBillingStream(orderId)
    const current = await loadState(this.deps.store, this.deps.catalogue, orderBillingDecider, stream)
    const actor = actorOf(by)
    const invoiceId = `inv-o-${orderId}`
    // Allocate a number only for an invoice that will be issued now.
    const invoiceNumber =
      !current.state.billed && priced.right.totals.grossMinor > 0
        ? await allocateInvoiceNumber(this.deps.store, done.workDate.slice(0, 7), invoiceId, { ...meta, actor })
        : '-'
    const buyer: InvoiceBuyer =
      contract && priced.right.contractId !== null
        ? {
            customerId: contract.holder.kind === 'customer' ? contract.holder.customerId : null,
            fleetId: contract.holder.kind === 'fleet' ? contract.holder.fleetId : null,
          }
        : (work.buyer ?? { customerId: null, fleetId: null })
    const outcome = await handleCommand({
      store: this.deps.store,
      catalogue: this.deps.catalogue,
      decider: orderBillingDecider,
      streamId: stream,
      command: {
        kind: 'BillWorkOrder',
        orderId,
        work: done,
        contract,
        catalogue,
        buyer,
        invoiceId,
        invoiceNumber,
        now: meta.now,
      },
      context: { ...meta, actor },
    })
    if (isLeft(outcome)) return outcome
    const billed = outcome.right.events[0]
    const invoice = billed?.data.invoice ?? (await this.invoiceOfOrder(orderId))
    return right({
      orderId,
      contract: contractRef(contract, priced.right.contractId),
      ...priced.right,
      invoice,
      newlyBilled: billed !== undefined,
    })
  }

  /** Bills every contract in force in `month` (or the ones named), each once. */
  async runMonth(
    by: Principal,
    month: YearMonth,
    options: { readonly contractIds?: ReadonlyArray<string> },
    meta: RequestMeta,
  ): Promise<Either<DomainError, BillingRunReport>> {
    if (by.role !== 'head_office') return left(roleDenied('only head office runs the monthly billing'))
    if (!isYearMonth(month))
      return left(
        domainError('invalid', 'BILLING_RUN_INVALID', 'the billing run is invalid', [
          { path: 'month', message: 'must be a month YYYY-MM' },
        ]),
      )
    for (const projection of [CONTRACTS.projection, BILLING.projection])
      if (!(await this.deps.sync.caughtUp(projection))) return left(readModelBehind(projection))
    const contracts = await this.deps.readModels.collection<ContractDoc>(CONTRACTS.projection, CONTRACTS.contracts)
    const filter: Filter = {
      validFrom: { $lte: lastDayOf(month) },
      $or: [{ validTo: null }, { validTo: { $gte: firstDayOf(month) } }],
    }
    if (options.contractIds) filter.contractId = { $in: [...options.contractIds] }
    const inForce = await contracts.find(filter, { sort: { _id: 1 }, projection: { contractId: 1, contractNumber: 1 } })
    const usageDocs = await (await this.deps.readModels.collection<UsageDoc>(BILLING.projection, BILLING.usage)).find({
      month,
    })
    const usageOf = new Map(usageDocs.map((u) => [u.contractId, u]))
    const report = {
      billed: 0,
      alreadyBilled: 0,
      invoices: [] as Array<BillingRunReport['invoices'][number]>,
      failures: [] as Array<BillingRunReport['failures'][number]>,
    }
    const concurrency = this.deps.runConcurrency ?? 16
    for (let i = 0; i < inForce.length; i += concurrency)
      await Promise.all(
        inForce.slice(i, i + concurrency).map(async (doc) => {
          const outcome = await this.billContractMonth(
            doc.contractId,
            doc.contractNumber,
            month,
            usageOf.get(doc.contractId),
            meta,
          )
          if (outcome.kind === 'already') report.alreadyBilled++
          else if (outcome.kind === 'failed') report.failures.push({ contractId: doc.contractId, ...outcome.error })
          else {
            report.billed++
            if (outcome.invoice)
              report.invoices.push({
                contractId: doc.contractId,
                invoiceNumber: outcome.invoice.invoiceNumber,
                grossMinor: outcome.invoice.totals.grossMinor,
                currency: outcome.invoice.currency,
              })
          }
        }),
      )
    report.invoices.sort((a, b) => a.contractId.localeCompare(b.contractId))
    report.failures.sort((a, b) => a.contractId.localeCompare(b.contractId))
    return right({ month, contracts: inForce.length, ...report })
  }

  async invoices(by: Principal, query: InvoiceQuery, paging: Paging): Promise<Either<DomainError, Page<InvoiceDoc>>> {
    const filter = this.invoiceFilter(by, query)
    if (isLeft(filter)) return filter
    const restricted = this.deps.branches ? await this.deps.branches.restrictionOf(by) : null
    if (restricted) filter.right['lines.equipmentId'] = { $in: restricted.equipmentIds() }
    const invoices = await this.deps.readModels.collection<InvoiceDoc>(BILLING.projection, BILLING.invoices)
    const total = await invoices.count(filter.right)
    const items = await invoices.find(filter.right, {
      sort: { issuedAt: 1, _id: 1 },
      skip: paging.offset,
      limit: paging.limit,
    })
    return right({ items, total, limit: paging.limit, offset: paging.offset })
  }

  async invoice(by: Principal, invoiceId: string): Promise<Either<DomainError, InvoiceDoc>> {
    const invoices = await this.deps.readModels.collection<InvoiceDoc>(BILLING.projection, BILLING.invoices)
    const doc = await invoices.findOne({ _id: invoiceId })
    const notFound = domainError('not_found', 'INVOICE_NOT_FOUND', `no invoice ${invoiceId}`)
    if (!doc) return left(notFound)
    if (by.role === 'head_office') return right(doc)
    if (by.tenant.scope === 'fleet' && doc.fleetId === by.tenant.fleetId) {
      const restricted = this.deps.branches ? await this.deps.branches.restrictionOf(by) : null
      if (!restricted) return right(doc)
      // Only invoices of his branches' vehicles: every vehicle line his, and at least one.
      const vehicles = doc.lines.map((l) => l.equipmentId).filter((id): id is string => id !== null)
      return vehicles.length > 0 && vehicles.every((id) => restricted.allows(id))
        ? right(doc)
        : left(branchDenied('the invoice'))
    }
    if (by.tenant.scope === 'customer' && doc.customerId === by.tenant.customerId) return right(doc)
    return left(
      by.tenant.scope === 'fleet' || by.tenant.scope === 'customer'
        ? domainError('forbidden', 'TENANT_ACCESS_DENIED', 'the invoice belongs to another fleet or customer')
        : roleDenied('invoices are for head office and their buyers'),
    )
  }

  /** The invoice as a PDF, for head office and its buyer (Polish or English). */
  async invoicePdf(
    by: Principal,
    invoiceId: string,
    locale: InvoiceLocale,
  ): Promise<Either<DomainError, { bytes: Uint8Array; filename: string }>> {
    const found = await this.invoice(by, invoiceId)
    if (isLeft(found)) return found
    const renderer = this.deps.renderer
    if (!renderer) return left(domainError('conflict', 'PDF_NOT_AVAILABLE', 'this installation renders no PDFs'))
    const invoice = found.right
    const contract = invoice.contractId ? contractFrom(await this.contractEvents(invoice.contractId)) : null
    const bytes = await renderer.render(
      invoiceLayout(
        invoice,
        { seller: this.deps.seller ?? DEFAULT_SELLER, buyer: await this.buyerOf(invoice) },
        { contractNumber: contract?.contractNumber || null },
        locale,
      ),
    )
    return right({ bytes, filename: `invoice-${invoice.invoiceNumber.replace(/[^A-Za-z0-9-]+/g, '-')}.pdf` })
  }

  /** The buyer as printed: the customer's (or the fleet's company's) name, tax id and billing address. */
  private async buyerOf(invoice: InvoiceDoc): Promise<InvoiceParty> {
    const reader = this.deps.customers
    const fleet = invoice.fleetId && reader ? await reader.fleet(invoice.fleetId) : null
    const customerId = invoice.customerId ?? (fleet?.status === 'active' ? fleet.customerId : null)
    const customer = customerId && reader ? await reader.customer(customerId) : null
    if (!customer || customer.status === 'none' || customer.party === null)
      return { name: fleet?.name || customerId || invoice.fleetId || '—', taxId: null, address: null }
    const party = customer.party
    const billing =
      Object.values(customer.addresses).find((a) => a.label === 'billing')?.address ?? fleet?.headOffice?.address
    return {
      name: party.kind === 'company' ? party.companyName : `${party.firstName} ${party.lastName}`,
      taxId:
        party.kind === 'company'
          ? `${party.taxId.country === 'PL' ? '' : party.taxId.country}${party.taxId.value}`
          : null,
      address: billing ? `${billing.street}, ${billing.postalCode} ${billing.city}` : null,
    }
  }

  /** Every invoice issued in [from, to] (UTC dates), oldest first: what accounting exports. */
  async invoicesForExport(by: Principal, from: LocalDate, to: LocalDate): Promise<Either<DomainError, InvoiceDoc[]>> {
    if (by.role !== 'head_office') return left(roleDenied('only head office exports invoices'))
    if (!isLocalDate(from) || !isLocalDate(to) || to < from)
      return left(
        domainError('invalid', 'EXPORT_INVALID', 'the period is invalid', [
          { path: 'to', message: 'from and to are dates YYYY-MM-DD, to not before from' },
        ]),
      )
    const invoices = await this.deps.readModels.collection<InvoiceDoc>(BILLING.projection, BILLING.invoices)
    return right(
      await invoices.find({ issuedAt: { $gte: from, $lt: addDays(to, 1) } }, { sort: { issuedAt: 1, _id: 1 } }),
    )
  }

  private invoiceFilter(by: Principal, query: InvoiceQuery): Either<DomainError, Filter> {
    const filter: Filter = {}
    if (query.kind) filter.kind = query.kind
    if (query.contractId) filter.contractId = query.contractId
    if (query.from || query.to)
      filter.issuedAt = {
        ...(query.from ? { $gte: query.from } : {}),
        ...(query.to ? { $lt: addDays(query.to, 1) } : {}),
      }
    const denied = domainError('forbidden', 'TENANT_ACCESS_DENIED', 'the invoices belong to another fleet or customer')
    if (by.role === 'head_office') {
      if (query.fleetId) filter.fleetId = query.fleetId
      if (query.customerId) filter.customerId = query.customerId
    } else if (by.tenant.scope === 'fleet') {
      if ((query.fleetId !== undefined && query.fleetId !== by.tenant.fleetId) || query.customerId !== undefined)
        return left(denied)
      filter.fleetId = by.tenant.fleetId
    } else if (by.tenant.scope === 'customer') {
      if ((query.customerId !== undefined && query.customerId !== by.tenant.customerId) || query.fleetId !== undefined)
        return left(denied)
      filter.customerId = by.tenant.customerId
    } else return left(roleDenied('invoices are for head office and their buyers'))
    return right(filter)
  }

  private async billContractMonth(
    contractId: string,
    contractNumber: string,
    month: YearMonth,
    usageDoc: UsageDoc | undefined,
    meta: RequestMeta,
  ): Promise<
    | { kind: 'already' }
    | { kind: 'failed'; error: { code: string; message: string } }
    | { kind: 'billed'; invoice: Invoice | null }
  > {
    // No separate "already billed?" read: the decider answers a billed month with no events, on the
    // very state the append is checked against (one fold of the billing stream, not two).
    const stream = billingStream(contractId)
    const contract = contractFrom(await this.contractEvents(contractId))
    const usage: UsageMinutes[] = Object.entries(usageDoc?.minutes ?? {}).map(([serviceCode, minutes]) => ({
      serviceCode,
      minutes,
    }))
    const outcome = await handleCommand({
      store: this.deps.store,
      catalogue: this.deps.catalogue,
      decider: monthlyBillingDecider,
      streamId: stream,
      command: {
        kind: 'RunMonthlyBilling',
        contractId,
        month,
        contract,
        usage,
        invoiceId: `inv-m-${contractId}-${month}`,
        invoiceNumber: monthlyInvoiceNumber(contractNumber, month),
        now: meta.now,
      },
      // The run acts as the system on head office's request. A run repeated later finds the month
      // billed (no events); a retried request (same Idempotency-Key) gets its first answer again.
      context: { ...meta, actor: SYSTEM_ACTOR },
    })
    if (isLeft(outcome)) return { kind: 'failed', error: { code: outcome.left.code, message: outcome.left.message } }
    const event = outcome.right.events[0]
    if (!event) return { kind: 'already' }
    return { kind: 'billed', invoice: event.data.invoice }
  }

  private async contractEvents(contractId: string): Promise<ContractEvent[]> {
    const out: ContractEvent[] = []
    for await (const recorded of this.deps.store.readStream(contractStream(contractId)))
      out.push(this.deps.catalogue.decode(recorded) as ContractEvent)
    return out
  }

  private async invoiceOfOrder(orderId: string): Promise<Invoice | null> {
    for await (const recorded of this.deps.store.readStream(orderBillingStream(orderId))) {
      const event = this.deps.catalogue.decode(recorded)
      if (event.type === 'WorkOrderBilled') return (event.data as { invoice: Invoice | null }).invoice
    }
    return null
  }

  /** The work as the domain takes it, the contract in force on the work date, and the price list. */
  private async prepare(
    orderId: string,
    work: OrderWork,
  ): Promise<Either<DomainError, { done: WorkDone; contract: ContractOnDate | null; catalogue: CataloguePriceList }>> {
    const { buyer: _buyer, ...rest } = work
    const done: WorkDone = { ...rest, orderId }
    if (!isLocalDate(done.workDate))
      return left(
        domainError('invalid', 'ORDER_PRICING_INVALID', 'the work cannot be priced', [
          { path: 'workDate', message: 'must be a date YYYY-MM-DD' },
        ]),
      )
    const catalogue = cataloguePriceList(await this.deps.networkCatalogue(), this.deps.labour ?? DEFAULT_LABOUR_RATE)
    if (done.equipmentId === null) return right({ done, contract: null, catalogue })
    if (!(await this.deps.sync.caughtUp(CONTRACTS.projection))) return left(readModelBehind(CONTRACTS.projection))
    const coverage = await this.deps.readModels.collection<CoverageDoc>(CONTRACTS.projection, CONTRACTS.coverage)
    const day = done.workDate
    const codes = new Set([
      ...done.services.map((s) => s.code),
      ...done.labour.flatMap((l) => (l.serviceCode ? [l.serviceCode] : [])),
    ])
    // A vehicle may be covered by several contracts for different services: take the one covering
    // most of the order's services that day.
    let best: { contractId: string; score: number } | null = null
    for (const doc of await coverage.find({ equipmentId: done.equipmentId }, { sort: { contractId: 1 } })) {
      const period = doc.periods.find((p) => p.from <= day && (p.to === null || day <= p.to))
      if (!period) continue
      const score = period.serviceCodes.filter((c) => codes.has(c)).length
      if (best === null || score > best.score) best = { contractId: doc.contractId, score }
    }
    if (best === null) return right({ done, contract: null, catalogue })
    const contract = termsOn(contractFrom(await this.contractEvents(best.contractId)), day)
    return right({ done, contract, catalogue })
  }
}

function contractRef(contract: ContractOnDate | null, appliedId: string | null): OrderPricingView['contract'] {
  return contract && appliedId !== null
    ? {
        contractId: contract.contractId,
        contractNumber: contract.contractNumber,
        termsEffectiveFrom: contract.termsEffectiveFrom,
      }
    : null
}

/** The catalogue's current prices as the pricing takes them (retired items are still priced: work done with them is real). */
export function cataloguePriceList(state: CatalogueState, labour: LabourRate): CataloguePriceList {
  const currencies = new Set<string>()
  const services: Record<string, { priceMinor: number; vatRatePercent: number }> = {}
  for (const [code, item] of catalogueServicesAsAdded(state)) {
    services[code] = { priceMinor: item.definition.price.amountMinor, vatRatePercent: item.definition.vatRatePercent }
    currencies.add(item.definition.price.currency)
  }
  const goods: Record<string, { priceMinor: number; vatRatePercent: number }> = {}
  for (const [sku, item] of catalogueGoodsItems(state)) {
    goods[sku] = { priceMinor: item.definition.price.amountMinor, vatRatePercent: item.definition.vatRatePercent }
    currencies.add(item.definition.price.currency)
  }
  return { currency: [...currencies][0] ?? 'PLN', labour, services, goods }
}
