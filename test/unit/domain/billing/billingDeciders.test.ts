import assert from 'node:assert/strict'
import type { MonthlyBillingCommand, OrderBillingCommand } from '../../../../domain/billing/commands.js'
import type { MonthlyBillingEvent } from '../../../../domain/billing/events.js'
import { monthlyBillingDecider } from '../../../../domain/billing/monthlyBillingDecider.js'
import { orderBillingDecider } from '../../../../domain/billing/orderBillingDecider.js'
import { contractAsOf, contractFrom } from '../../../../domain/contract/contractTimeline.js'
import type { ContractEvent } from '../../../../domain/contract/events.js'
import { officeActor, signed, terms } from '../contract/fixtures.js'
import { scenario } from '../givenWhenThen.js'
import { catalogue, work } from './fixtures.js'

const monthly = scenario(monthlyBillingDecider)
const orders = scenario(orderBillingDecider)

const run: MonthlyBillingCommand = {
  kind: 'RunMonthlyBilling',
  contractId: 'ctr-1',
  month: '2026-03',
  contract: contractFrom([signed]),
  usage: [
    { serviceCode: 'REPAIR', minutes: 1_000 },
    { serviceCode: 'SUPPORT', minutes: 95 },
    { serviceCode: 'REPAIR', minutes: 500 },
  ],
  invoiceId: 'inv-1',
  invoiceNumber: 'FV/2026/04/0001',
  // March ends at midnight Warsaw time: 2026-03-31T22:00Z (UTC+2 since 29 March).
  now: '2026-03-31T22:00:00.000Z',
}

const billed = (command: MonthlyBillingCommand) => {
  const events = monthly.given([]).when(command).events()
  assert.equal(events.length, 1)
  return (events[0] as MonthlyBillingEvent).data
}

describe('monthly billing run', () => {
  it('bills the monthly fee and the month’s usage through the tiers, with VAT per line', () => {
    const data = billed(run)
    assert.deepEqual(data.usage, [
      { serviceCode: 'REPAIR', minutes: 1_500 },
      { serviceCode: 'SUPPORT', minutes: 95 },
    ])
    assert.deepEqual(data.period, { from: '2026-03-01', to: '2026-03-31' })
    const invoice = data.invoice
    assert.ok(invoice)
    assert.deepEqual(invoice.buyer, { customerId: null, fleetId: 'fleet-1' })
    assert.deepEqual(
      invoice.lines.map((l) => [l.code, l.tier, l.quantity, l.netMinor, l.vatMinor]),
      [
        ['INSPECTION', null, 1, 30_000, 6_900],
        ['REPAIR', 'free', 600, 0, 0],
        // 900 min at 120.00/h = 1 800.00
        ['REPAIR', 'standard', 900, 180_000, 41_400],
        // 95 min at 90.00/h = 142.50; VAT 23 % = 32.775 → 32.78
        ['SUPPORT', 'standard', 95, 14_250, 3_278],
      ],
    )
    assert.deepEqual(
      [invoice.totals.netMinor, invoice.totals.vatMinor, invoice.totals.grossMinor],
      [224_250, 51_578, 275_828],
    )
  })

  it('is idempotent per month: the second run for the same month changes nothing, even with other usage', () => {
    const first = monthly.given([]).when(run).events()
    monthly
      .given(first)
      .when({ ...run, usage: [{ serviceCode: 'REPAIR', minutes: 9_999 }], invoiceId: 'inv-2', invoiceNumber: 'FV/2' })
      .then([])
    const april = monthly
      .given(first)
      .when({ ...run, month: '2026-04', now: '2026-05-01T00:00:00.000Z' })
      .events()
    assert.equal(april.length, 1)
  })

  it('refuses a month that is not over in the contract’s time zone', () => {
    monthly
      .given([])
      .when({ ...run, now: '2026-03-31T21:59:59.999Z' })
      .thenError('MONTH_NOT_OVER', 'conflict')
  })

  it('prorates the monthly fee by days in a partial first month, rounding half up', () => {
    const lateStart = { ...signed, data: { ...signed.data, validFrom: '2026-01-20' } } as ContractEvent
    const data = billed({
      ...run,
      month: '2026-01',
      contract: contractFrom([lateStart]),
      usage: [],
      now: '2026-02-01T00:00:00.000Z',
    })
    // 12 of 31 days: 30 000 · 12 / 31 = 11 612.9 → 11 613
    assert.deepEqual(
      data.invoice?.lines.map((l) => [l.code, l.proration, l.netMinor]),
      [['INSPECTION', { days: 12, daysInMonth: 31 }, 11_613]],
    )
  })

  it('prices a month under the terms in force on its first day (an amendment from 1 March)', () => {
    const amended: ContractEvent = {
      type: 'ContractAmended',
      data: {
        contractId: 'ctr-1',
        amendmentId: 'am-1',
        effectiveFrom: '2026-03-01',
        terms: {
          ...terms,
          priceList: terms.priceList.map((l) =>
            l.term.kind === 'tiered_hours' ? { ...l, term: { ...l.term, freeMinutes: 1_200 } } : l,
          ),
        },
        reason: 'more free hours',
        amendedBy: officeActor,
        at: '2026-02-10T10:00:00.000Z',
      },
    }
    const march = billed({
      ...run,
      contract: contractFrom([signed, amended]),
      usage: [{ serviceCode: 'REPAIR', minutes: 1_500 }],
    })
    // 1 200 free, 300 min at 120.00/h = 600.00
    assert.deepEqual(
      march.invoice?.lines.filter((l) => l.code === 'REPAIR').map((l) => [l.tier, l.netMinor]),
      [
        ['free', 0],
        ['standard', 60_000],
      ],
    )
  })

  it('refuses usage of services that are not billed by the hour', () => {
    const error = monthly
      .given([])
      .when({ ...run, usage: [{ serviceCode: 'TYRE-CHANGE', minutes: 60 }] })
      .thenError('BILLING_USAGE_INVALID', 'invalid')
    assert.equal(error.fields?.[0]?.path, 'usage[0].serviceCode')
  })

  it('records a month with nothing to charge without an invoice (outside validity, or only free hours)', () => {
    const outside = billed({ ...run, month: '2027-02', usage: [], now: '2027-03-05T00:00:00.000Z' })
    assert.deepEqual([outside.period, outside.invoice], [null, null])
    const onlyRepair = {
      ...signed,
      data: {
        ...signed.data,
        terms: {
          ...terms,
          coverage: { ...terms.coverage, serviceCodes: ['REPAIR'] },
          priceList: terms.priceList.filter((l) => l.serviceCode === 'REPAIR'),
          schedule: [],
        },
      },
    } as ContractEvent
    const free = billed({
      ...run,
      contract: contractFrom([onlyRepair]),
      usage: [{ serviceCode: 'REPAIR', minutes: 100 }],
    })
    assert.equal(free.invoice, null)
    assert.deepEqual(free.usage, [{ serviceCode: 'REPAIR', minutes: 100 }])
  })
})

describe('billing a work order', () => {
  const bill: OrderBillingCommand = {
    kind: 'BillWorkOrder',
    orderId: 'wo-1',
    work,
    contract: contractAsOf([signed], work.workDate),
    catalogue,
    buyer: { customerId: null, fleetId: 'fleet-1' },
    invoiceId: 'inv-o1',
    invoiceNumber: 'FV/2026/03/0007',
    now: '2026-03-10T15:00:00.000Z',
  }

  it('issues the order’s invoice and records the minutes deferred to the monthly run; billed once', () => {
    const events = orders.given([]).when(bill).events()
    const data = events[0]?.data
    assert.ok(data)
    assert.equal(data.contractId, 'ctr-1')
    assert.deepEqual(data.deferredUsage, [{ serviceCode: 'REPAIR', minutes: 90 }])
    assert.equal(data.invoice?.invoiceNumber, 'FV/2026/03/0007')
    assert.equal(data.invoice?.totals.grossMinor, 37_332)
    assert.deepEqual(data.invoice?.period, { from: '2026-03-10', to: '2026-03-10' })
    orders.given(events).when(bill).then([])
  })

  it('work entirely covered by the contract gets no invoice, only its deferred usage', () => {
    const covered = {
      ...work,
      services: [{ code: 'REPAIR', quantity: 1 }],
      labour: [{ serviceCode: 'REPAIR', minutes: 45 }],
      parts: [],
    }
    const events = orders
      .given([])
      .when({ ...bill, work: covered })
      .events()
    assert.equal(events[0]?.data.invoice, null)
    assert.deepEqual(events[0]?.data.deferredUsage, [{ serviceCode: 'REPAIR', minutes: 45 }])
  })

  it('refuses work of another order or without an invoice number when there is something to charge', () => {
    orders
      .given([])
      .when({ ...bill, work: { ...work, orderId: 'wo-2' } })
      .thenError('ORDER_BILLING_INVALID', 'invalid')
    orders
      .given([])
      .when({ ...bill, invoiceNumber: ' ' })
      .thenError('ORDER_BILLING_INVALID')
  })
})
