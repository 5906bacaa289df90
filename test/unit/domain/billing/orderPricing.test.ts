import assert from 'node:assert/strict'
import { isLeft, isRight } from 'fp-ts/lib/Either.js'
import { invoiceLine } from '../../../../domain/billing/invoice.js'
import { priceOrder } from '../../../../domain/billing/orderPricing.js'
import { contractAsOf } from '../../../../domain/contract/contractTimeline.js'
import { signed } from '../contract/fixtures.js'
import { catalogue, work } from './fixtures.js'

const contract = contractAsOf([signed], '2026-03-10')

describe('pricing an order’s work', () => {
  it('under the contract: package price, included fee services, usage deferred to the month, discounts on catalogue prices', () => {
    const priced = priceOrder(work, contract, catalogue)
    assert.ok(isRight(priced))
    const { lines, totals, deferredUsage, contractId } = priced.right
    assert.equal(contractId, 'ctr-1')
    assert.deepEqual(
      lines.map((l) => [l.kind, l.code, l.basis, l.amountMinor, l.discountMinor, l.netMinor, l.vatMinor, l.grossMinor]),
      [
        ['service', 'TYRE-CHANGE', 'contract_package', 20_000, 0, 20_000, 4_600, 24_600],
        ['service', 'INSPECTION', 'contract_included', 0, 0, 0, 0, 0],
        ['service', 'REPAIR', 'contract_usage', 0, 0, 0, 0, 0],
        // not covered: catalogue 50.00 less the contract's 10 % services discount, VAT 8 %: 45.00 + 3.60
        ['service', 'WASH', 'catalogue', 5_000, 500, 4_500, 360, 4_860],
        ['labour', 'REPAIR', 'contract_usage', 0, 0, 0, 0, 0],
        ['labour', 'TYRE-CHANGE', 'included_in_service', 0, 0, 0, 0, 0],
        // 20 min at 150.00/h = 50.00, less 10 % = 45.00, VAT 23 % = 10.35
        ['labour', 'LABOUR', 'catalogue', 5_000, 500, 4_500, 1_035, 5_535],
        // 4 × 5.00 = 20.00, less 5 % parts discount = 19.00, VAT 23 % = 4.37
        ['part', 'VALVE', 'catalogue', 2_000, 100, 1_900, 437, 2_337],
      ],
    )
    assert.deepEqual(deferredUsage, [{ serviceCode: 'REPAIR', minutes: 90 }])
    assert.deepEqual(totals, {
      netMinor: 30_900,
      vatMinor: 6_432,
      grossMinor: 37_332,
      byVatRate: [
        { vatRatePercent: 23, netMinor: 26_400, vatMinor: 6_072, grossMinor: 32_472 },
        { vatRatePercent: 8, netMinor: 4_500, vatMinor: 360, grossMinor: 4_860 },
      ],
    })
  })

  it('a vehicle the contract does not cover, or no contract: catalogue prices without discounts', () => {
    for (const c of [contract, null]) {
      const priced = priceOrder({ ...work, equipmentId: 'eq-9' }, c, catalogue)
      assert.ok(isRight(priced))
      assert.equal(priced.right.contractId, null)
      assert.deepEqual(priced.right.deferredUsage, [])
      const tyres = priced.right.lines[0]
      assert.deepEqual([tyres?.basis, tyres?.netMinor], ['catalogue', 25_000])
      assert.ok(priced.right.lines.every((l) => l.discountMinor === 0))
    }
  })

  it('a per-service catalogue discount term prices the catalogue price less its own percentage', () => {
    const c = contract
    assert.ok(c)
    const discounted = {
      ...c,
      terms: {
        ...c.terms,
        priceList: c.terms.priceList.map((l) =>
          l.serviceCode === 'TYRE-CHANGE'
            ? { ...l, term: { kind: 'catalogue_discount' as const, discountBasisPoints: 2_000 } }
            : l,
        ),
      },
    }
    const priced = priceOrder(
      { ...work, services: [{ code: 'TYRE-CHANGE', quantity: 2 }], labour: [], parts: [] },
      discounted,
      catalogue,
    )
    assert.ok(isRight(priced))
    // 2 × 250.00 = 500.00, less 20 % = 400.00
    assert.deepEqual(
      priced.right.lines.map((l) => [l.basis, l.amountMinor, l.discountMinor, l.netMinor]),
      [['contract_discount', 50_000, 10_000, 40_000]],
    )
  })

  it('refuses what the catalogue does not know, and bad quantities, naming each', () => {
    const priced = priceOrder(
      {
        ...work,
        services: [{ code: 'POLISH', quantity: 1 }],
        labour: [{ serviceCode: null, minutes: 0 }],
        parts: [{ sku: 'NUT', quantity: 1 }],
      },
      null,
      catalogue,
    )
    assert.ok(isLeft(priced))
    assert.equal(priced.left.code, 'ORDER_PRICING_INVALID')
    assert.deepEqual(
      priced.left.fields?.map((f) => f.path),
      ['work.services[0].code', 'work.labour[0].minutes', 'work.parts[0].sku'],
    )
  })

  it('VAT per line, rounded half up to the grosz', () => {
    const vatOf = (net: number, rate: number) =>
      invoiceLine({
        kind: 'part',
        basis: 'catalogue',
        code: 'X',
        equipmentId: null,
        quantity: 1,
        unit: 'piece',
        unitPriceMinor: net,
        amountMinor: net,
        discountBasisPoints: 0,
        vatRatePercent: rate,
      }).vatMinor
    assert.equal(vatOf(2, 23), 0) // 0.46 gr → 0
    assert.equal(vatOf(3, 23), 1) // 0.69 gr → 1
    assert.equal(vatOf(50, 23), 12) // 11.5 gr → half up → 12
    assert.equal(vatOf(1_999, 8), 160) // 159.92 gr → 160
    assert.equal(vatOf(12_345, 0), 0)
  })
})
