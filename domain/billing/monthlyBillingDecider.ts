// The monthly billing run of one contract (stream `billing-<contractId>`): one decision per month.
// Running a month again changes nothing (no events), whatever the command carries: what was billed
// stays billed, and late usage is a matter for a corrective invoice, not a second run.
// A month is billed only once it is over in the contract's time zone.
import { type Either, isLeft, left, right } from 'fp-ts/lib/Either.js'
import { type Decider, type DomainError, domainError } from '../shared/decider.js'
import { localToInstant, parseInstant } from '../shared/localTime.js'
import { nonBlank, validId } from '../shared/validation.js'
import { addMonthsToMonth, firstDayOf, isYearMonth, type YearMonth } from '../shared/yearMonth.js'
import type { MonthlyBillingCommand } from './commands.js'
import type { MonthlyBillingEvent } from './events.js'
import type { Invoice } from './invoice.js'
import { billMonth } from './monthlyBilling.js'

export const billingStream = (contractId: string): string => `billing-${contractId}`

export interface MonthlyBillingState {
  readonly billedMonths: ReadonlyMap<
    YearMonth,
    { readonly invoiceId: string | null; readonly invoiceNumber: string | null }
  >
}

export const initialMonthlyBillingState: MonthlyBillingState = { billedMonths: new Map() }

export const isMonthBilled = (state: MonthlyBillingState, month: YearMonth): boolean => state.billedMonths.has(month)

type Decision = Either<DomainError, ReadonlyArray<MonthlyBillingEvent>>

function decide(command: MonthlyBillingCommand, state: MonthlyBillingState): Decision {
  const { contractId, month, contract, now } = command
  const nowMs = parseInstant(now)
  const problems = [
    ...(nowMs === null ? [{ path: 'now', message: 'must be a UTC ISO-8601 instant' }] : []),
    ...(isYearMonth(month) ? [] : [{ path: 'month', message: 'must be a month YYYY-MM' }]),
  ]
  if (problems.length > 0 || nowMs === null)
    return left(domainError('invalid', 'BILLING_RUN_INVALID', 'the billing run is invalid', problems))
  if (state.billedMonths.has(month)) return right([])
  if (contract.status === 'none' || contract.contractId !== contractId)
    return left(domainError('not_found', 'CONTRACT_NOT_FOUND', `contract ${contractId} was not passed to the run`))
  const monthEnd = localToInstant(contract.timeZone, firstDayOf(addMonthsToMonth(month, 1)), 0)
  if (nowMs < monthEnd)
    return left(domainError('conflict', 'MONTH_NOT_OVER', `${month} is not over yet in ${contract.timeZone}`))
  const charges = billMonth(contract, month, command.usage)
  if (isLeft(charges)) return charges
  const { period, usage, lines, totals } = charges.right
  let invoice: Invoice | null = null
  if (period !== null && totals.grossMinor > 0) {
    const invoiceProblems = [
      ...validId(command.invoiceId, 'invoiceId'),
      ...nonBlank(command.invoiceNumber, 'invoiceNumber', 40),
    ]
    if (invoiceProblems.length > 0)
      return left(domainError('invalid', 'BILLING_RUN_INVALID', 'the invoice id or number is invalid', invoiceProblems))
    const holder = contract.holder
    invoice = {
      invoiceId: command.invoiceId,
      invoiceNumber: command.invoiceNumber.trim(),
      issuedAt: now,
      currency: contract.currency,
      buyer: {
        customerId: holder?.kind === 'customer' ? holder.customerId : null,
        fleetId: holder?.kind === 'fleet' ? holder.fleetId : null,
      },
      contractId,
      orderId: null,
      period,
      lines: [...lines],
      totals,
    }
  }
  return right([
    { type: 'ContractMonthBilled', data: { contractId, month, period, usage: [...usage], invoice, at: now } },
  ])
}

function evolve(state: MonthlyBillingState, event: MonthlyBillingEvent): MonthlyBillingState {
  const { month, invoice } = event.data
  return {
    billedMonths: new Map([
      ...state.billedMonths,
      [month, { invoiceId: invoice?.invoiceId ?? null, invoiceNumber: invoice?.invoiceNumber ?? null }],
    ]),
  }
}

export const monthlyBillingDecider: Decider<MonthlyBillingCommand, MonthlyBillingState, MonthlyBillingEvent> = {
  initialState: initialMonthlyBillingState,
  decide,
  evolve,
}
