import assert from 'node:assert/strict'
import { isLeft, isRight } from 'fp-ts/lib/Either.js'
import {
  type CatalogueState,
  catalogueDecider,
  catalogueGoods,
  catalogueGoodsItems,
  catalogueService,
  catalogueServices,
  catalogueServicesAsAdded,
} from '../../../../domain/service-network/catalogueDecider.js'
import type { CatalogueEvent, GoodsDefinition, ServiceDefinition } from '../../../../domain/service-network/events.js'
import { planVisit, serviceMinutes } from '../../../../domain/service-network/serviceDuration.js'
import { scenario } from '../givenWhenThen.js'

const { given } = scenario(catalogueDecider)
const networkId = 'oponex'

const tyreChange: ServiceDefinition = {
  code: 'TYRE-CHANGE',
  names: { pl: 'Wymiana opon', en: 'Tyre change' },
  baseMinutes: 40,
  durationRules: [
    { vehicleClass: 'suv', wheels: null, minutes: 50 },
    { vehicleClass: 'van', wheels: null, minutes: 60 },
    { vehicleClass: 'van', wheels: 6, minutes: 80 },
    { vehicleClass: null, wheels: 2, minutes: 25 },
  ],
  price: { amountMinor: 14_000, currency: 'PLN' },
  vatRatePercent: 23,
  requiredFeatures: [],
  requiredSkill: 'tyre_fitting',
}
const balancing: ServiceDefinition = {
  code: 'BALANCING',
  names: { pl: 'Wyważanie kół', en: 'Wheel balancing', ro: 'Echilibrare roți' },
  baseMinutes: 20,
  durationRules: [],
  price: { amountMinor: 8_000, currency: 'PLN' },
  vatRatePercent: 23,
  requiredFeatures: ['balancing'],
  requiredSkill: 'balancing',
}
const tpms: ServiceDefinition = {
  code: 'TPMS-SERVICE',
  names: { pl: 'Serwis czujników TPMS', en: 'TPMS sensor service' },
  baseMinutes: 15,
  durationRules: [],
  price: { amountMinor: 5_000, currency: 'PLN' },
  vatRatePercent: 23,
  requiredFeatures: ['tpms'],
  requiredSkill: 'tpms',
}
const valve: GoodsDefinition = {
  sku: 'VALVE-TR414',
  kind: 'valve',
  names: { pl: 'Zawór TR414', en: 'TR414 valve' },
  price: { amountMinor: 500, currency: 'PLN' },
  vatRatePercent: 23,
}
const added = (service: ServiceDefinition): CatalogueEvent => ({
  type: 'CatalogueServiceAdded',
  data: { networkId, service },
})

describe('service catalogue', () => {
  it('adds services and goods; codes and SKUs are unique forever', () => {
    given([])
      .when({ kind: 'AddService', networkId, service: tyreChange })
      .then([added(tyreChange)])
    given([added(tyreChange)])
      .when({ kind: 'AddService', networkId, service: { ...tyreChange, baseMinutes: 45 } })
      .thenError('SERVICE_CODE_TAKEN', 'conflict')
    const goodsAdded: CatalogueEvent = { type: 'CatalogueGoodsAdded', data: { networkId, goods: valve } }
    given([]).when({ kind: 'AddGoods', networkId, goods: valve }).then([goodsAdded])
    given([goodsAdded])
      .when({ kind: 'AddGoods', networkId, goods: { ...valve, kind: 'other' } })
      .thenError('SKU_TAKEN')
  })

  it('refuses invalid items with field paths: names per locale, whole minutes, integer money, VAT', () => {
    const error = given([])
      .when({
        kind: 'AddService',
        networkId,
        service: {
          ...tyreChange,
          code: 'x',
          names: { pl: 'Wymiana' },
          baseMinutes: 0,
          price: { amountMinor: 12.5, currency: 'zł' },
          vatRatePercent: 123,
          durationRules: [{ vehicleClass: null, wheels: null, minutes: 10 }],
        },
      })
      .thenError('CATALOGUE_ITEM_INVALID', 'invalid')
    const paths = (error.fields ?? []).map((f) => f.path)
    for (const p of [
      'service.code',
      'service.names.en',
      'service.baseMinutes',
      'service.price.amountMinor',
      'service.price.currency',
      'service.vatRatePercent',
      'service.durationRules[0]',
    ])
      assert.ok(paths.includes(p), `${p} in ${paths.join(', ')}`)
  })

  it('changes and retires; a retired item cannot be changed; retiring twice changes nothing', () => {
    const retired: CatalogueEvent = { type: 'CatalogueServiceRetired', data: { networkId, code: 'TYRE-CHANGE' } }
    given([added(tyreChange)])
      .when({ kind: 'ChangeService', networkId, service: { ...tyreChange, baseMinutes: 45 } })
      .then([{ type: 'CatalogueServiceChanged', data: { networkId, service: { ...tyreChange, baseMinutes: 45 } } }])
    given([added(tyreChange)])
      .when({ kind: 'RetireService', networkId, code: 'TYRE-CHANGE' })
      .then([retired])
    given([added(tyreChange), retired])
      .when({ kind: 'RetireService', networkId, code: 'TYRE-CHANGE' })
      .then([])
    given([added(tyreChange), retired])
      .when({ kind: 'ChangeService', networkId, service: tyreChange })
      .thenError('SERVICE_RETIRED', 'conflict')
    given([]).when({ kind: 'RetireGoods', networkId, sku: 'NOPE' }).thenError('GOODS_NOT_FOUND', 'not_found')
    given([added(tyreChange)])
      .when({ kind: 'AddService', networkId: 'other-network', service: balancing })
      .thenError('CATALOGUE_NETWORK_MISMATCH')
  })
})

describe('visit duration', () => {
  const catalogue = [tyreChange, balancing, tpms].reduce(
    (s, service) => catalogueDecider.evolve(s, added(service)),
    catalogueDecider.initialState,
  )

  it('the most specific duration rule wins: class + wheels, then class, then wheels, then base', () => {
    assert.equal(serviceMinutes(tyreChange, 'van', 6), 80)
    assert.equal(serviceMinutes(tyreChange, 'van', 4), 60)
    assert.equal(serviceMinutes(tyreChange, 'passenger', 2), 25)
    assert.equal(serviceMinutes(tyreChange, 'passenger', 4), 40)
    assert.equal(serviceMinutes(tyreChange, 'suv', 2), 50)
  })

  it('sums the services and unions what the bay and staff need (vehicle class included)', () => {
    const plan = planVisit(catalogue, {
      serviceCodes: ['TYRE-CHANGE', 'BALANCING', 'TPMS-SERVICE'],
      vehicleClass: 'suv',
      wheels: 4,
      rimInches: 20,
    })
    assert.ok(isRight(plan))
    assert.equal(plan.right.durationMinutes, 50 + 20 + 15)
    assert.deepEqual(plan.right.requirement, { features: ['balancing', 'suv', 'tpms'], rimInches: 20 })
    assert.deepEqual(plan.right.skills, ['balancing', 'tpms', 'tyre_fitting'])
  })

  it('refuses unknown, retired and repeated services, and a visit longer than the point is ever open', () => {
    const retiredCatalogue = catalogueDecider.evolve(catalogue, {
      type: 'CatalogueServiceRetired',
      data: { networkId, code: 'TPMS-SERVICE' },
    })
    const bad = planVisit(retiredCatalogue, {
      serviceCodes: ['NOPE', 'TPMS-SERVICE', 'BALANCING', 'BALANCING'],
      vehicleClass: 'passenger',
      wheels: 4,
      rimInches: null,
    })
    assert.ok(isLeft(bad))
    assert.equal(bad.left.code, 'VISIT_INVALID')
    assert.deepEqual(
      (bad.left.fields ?? []).map((f) => f.path),
      ['services[0]', 'services[1]', 'services[3]'],
    )
    const none = planVisit(catalogue, { serviceCodes: [], vehicleClass: 'passenger', wheels: 4, rimInches: null })
    assert.ok(isLeft(none))
    const tooLong = planVisit(
      catalogue,
      { serviceCodes: ['TYRE-CHANGE', 'BALANCING'], vehicleClass: 'van', wheels: 6, rimInches: null },
      90,
    )
    assert.ok(isLeft(tooLong))
    assert.equal(tooLong.left.code, 'IMPOSSIBLE_DURATION')
  })
})

describe('catalogue state (bucketed, folded without copying every item)', () => {
  const goodsAdded = (i: number, priceMinor = 100 + i): CatalogueEvent => ({
    type: 'CatalogueGoodsAdded',
    data: { networkId, goods: { ...valve, sku: `SKU-${i}`, price: { amountMinor: priceMinor, currency: 'PLN' } } },
  })

  it('every state of the fold stays what it was (a state as of an earlier event is unchanged by later ones)', () => {
    const states = [catalogueDecider.initialState]
    const events: CatalogueEvent[] = [
      added(tyreChange),
      ...Array.from({ length: 300 }, (_, i) => goodsAdded(i)),
      added(balancing),
      { type: 'CatalogueGoodsChanged', data: { networkId, goods: { ...valve, sku: 'SKU-7', kind: 'other' } } },
      { type: 'CatalogueGoodsRetired', data: { networkId, sku: 'SKU-8' } },
      { type: 'CatalogueServiceRetired', data: { networkId, code: 'TYRE-CHANGE' } },
    ]
    for (const e of events) states.push(catalogueDecider.evolve(states[states.length - 1] ?? states[0]!, e))
    const last = states[states.length - 1]!
    assert.equal(last.goods.size, 300)
    assert.equal(catalogueGoods(last, 'SKU-7')?.definition.kind, 'other')
    assert.equal(catalogueGoods(last, 'SKU-8')?.retired, true)
    assert.equal(catalogueService(last, 'TYRE-CHANGE')?.retired, true)
    // The state right after SKU-8 was added: nothing later shows through.
    const asOf = states[1 + 1 + 8]!
    assert.equal(asOf.goods.size, 9)
    assert.equal(catalogueGoods(asOf, 'SKU-7')?.definition.kind, 'valve')
    assert.equal(catalogueGoods(asOf, 'SKU-8')?.retired, false)
    assert.equal(catalogueGoods(asOf, 'SKU-9'), undefined)
    assert.equal(catalogueService(asOf, 'TYRE-CHANGE')?.retired, false)
    assert.equal(catalogueService(asOf, 'BALANCING'), undefined)
    assert.deepEqual(
      catalogueGoodsItems(asOf).map(([sku]) => sku),
      ['SKU-0', 'SKU-1', 'SKU-2', 'SKU-3', 'SKU-4', 'SKU-5', 'SKU-6', 'SKU-7', 'SKU-8'],
    )
  })

  it('lists services by code, and as added (a change or retirement keeps their place)', () => {
    const state = [
      added(tyreChange),
      added(balancing),
      added(tpms),
      { type: 'CatalogueServiceChanged', data: { networkId, service: { ...tyreChange, baseMinutes: 45 } } },
      { type: 'CatalogueServiceRetired', data: { networkId, code: 'BALANCING' } },
    ].reduce<CatalogueState>((s, e) => catalogueDecider.evolve(s, e as CatalogueEvent), catalogueDecider.initialState)
    assert.deepEqual(
      catalogueServices(state).map(([code]) => code),
      ['BALANCING', 'TPMS-SERVICE', 'TYRE-CHANGE'],
    )
    assert.deepEqual(
      catalogueServicesAsAdded(state).map(([code, item]) => [code, item.retired, item.definition.baseMinutes]),
      [
        ['TYRE-CHANGE', false, 45],
        ['BALANCING', true, 20],
        ['TPMS-SERVICE', false, 15],
      ],
    )
  })
})
