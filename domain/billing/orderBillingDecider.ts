// Billing one work order (stream `orderbilling-<orderId>`): prices the work (orderPricing.ts),
// issues its invoice when there is anything to charge, and records the minutes the contract's
// monthly run will bill. An order is billed once; billing it again changes nothing.
import { type Either, isLeft, left, right } from 'fp-ts/lib/Either.js'
import { type Decider, type DomainError, domainError } from '../shared/decider.js'
import { isLocalDate, parseInstant } from '../shared/localTime.js'
import { type FieldProblem, nonBlank, validId } from '../shared/validation.js'
import type { OrderBillingCommand } from './commands.js'
import type { OrderBillingEvent } from './events.js'
import type { Invoice } from './invoice.js'
import { priceOrder } from './orderPricing.js'

export const orderBillingStream = (orderId: string): string => `orderbilling-${orderId}`

export interface OrderBillingState {
  readonly billed: boolean
  readonly invoiceId: string | null
}

export const initialOrderBillingState: OrderBillingState = { billed: false, invoiceId: null }

type Decision = Either<DomainError, ReadonlyArray<OrderBillingEvent>>

function decide(command: OrderBillingCommand, state: OrderBillingState): Decision {
  if (state.billed) return right([])
  const { orderId, work, now } = command
  const problems: FieldProblem[] = [...validId(orderId, 'orderId')]
  if (parseInstant(now) === null) problems.push({ path: 'now', message: 'must be a UTC ISO-8601 instant' })
  if (work.orderId !== orderId) problems.push({ path: 'work.orderId', message: `must be ${orderId}` })
  if (!isLocalDate(work.workDate)) problems.push({ path: 'work.workDate', message: 'must be a date YYYY-MM-DD' })
  if (problems.length > 0)
    return left(domainError('invalid', 'ORDER_BILLING_INVALID', 'the order cannot be billed', problems))
  const priced = priceOrder(work, command.contract, command.catalogue)
  if (isLeft(priced)) return priced
  const { contractId, currency, lines, deferredUsage, totals } = priced.right
  let invoice: Invoice | null = null
  if (totals.grossMinor > 0) {
    const invoiceProblems = [
      ...validId(command.invoiceId, 'invoiceId'),
      ...nonBlank(command.invoiceNumber, 'invoiceNumber', 40),
    ]
    if (invoiceProblems.length > 0)
      return left(
        domainError('invalid', 'ORDER_BILLING_INVALID', 'the invoice id or number is invalid', invoiceProblems),
      )
    invoice = {
      invoiceId: command.invoiceId,
      invoiceNumber: command.invoiceNumber.trim(),
      issuedAt: now,
      currency,
      buyer: command.buyer,
      contractId,
      orderId,
      period: { from: work.workDate, to: work.workDate },
      lines: [...lines],
      totals,
    }
  }
  return right([
    {
      type: 'WorkOrderBilled',
      data: { orderId, contractId, workDate: work.workDate, deferredUsage: [...deferredUsage], invoice, at: now },
    },
  ])
}

function evolve(_state: OrderBillingState, event: OrderBillingEvent): OrderBillingState {
  return { billed: true, invoiceId: event.data.invoice?.invoiceId ?? null }
}

export const orderBillingDecider: Decider<OrderBillingCommand, OrderBillingState, OrderBillingEvent> = {
  initialState: initialOrderBillingState,
  decide,
  evolve,
}
