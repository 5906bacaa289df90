import assert from 'node:assert/strict'
import { contractFrom } from '../../../../domain/contract/contractTimeline.js'
import type { ContractEvent } from '../../../../domain/contract/events.js'
import {
  contractDueItems,
  DEFAULT_DUE_SERVICE_RULES,
  equipmentCoveredByContract,
  equipmentDueItems,
} from '../../../../domain/due-service/dueItems.js'
import { type EquipmentState, equipmentDecider } from '../../../../domain/equipment/equipmentDecider.js'
import type { EquipmentEvent } from '../../../../domain/equipment/events.js'
import { terms } from '../../../integration/contracts/support/terms.js'
import { carRegistered } from '../equipment/fixtures.js'

const fold = (events: EquipmentEvent[]): EquipmentState =>
  events.reduce(equipmentDecider.evolve, equipmentDecider.initialState)
const id = 'eq-car-1'
const asOf = '2026-11-26T08:00:00.000Z'

const dates = (next: string | null, warranty: string | null, insurance: string | null): EquipmentEvent => ({
  type: 'EquipmentServiceDatesSet',
  data: { equipmentId: id, nextInspectionOn: next, warrantyEndsOn: warranty, insuranceEndsOn: insurance },
})

const mount = (position: 'FL' | 'FR', depthMm: number, at: string, km: number): EquipmentEvent => ({
  type: 'TyreMounted',
  data: {
    equipmentId: id,
    tyre: {
      tyreId: `t-${position}`,
      brand: 'Dębica',
      model: null,
      size: '205/55 R16 91V',
      dot: null,
      season: 'winter',
    },
    position,
    treadDepthMm: depthMm,
    mileageKm: km,
    at,
  },
})

const measured = (readings: Array<['FL' | 'FR', number]>, at: string, km: number): EquipmentEvent => ({
  type: 'TreadDepthsMeasured',
  data: {
    equipmentId: id,
    readings: readings.map(([position, depthMm]) => ({ tyreId: `t-${position}`, position, depthMm })),
    mileageKm: km,
    workOrderId: null,
    at,
  },
})

describe('due items of an equipment', () => {
  it('lists inspection (even overdue), warranty and insurance only while ahead, with the services a visit books', () => {
    const state = fold([carRegistered, dates('2026-10-01', '2026-12-20', '2025-01-01')])
    const items = equipmentDueItems(state, asOf)
    assert.deepEqual(
      items.map((i) => [i.kind, i.ref, i.dueDate, i.serviceCodes]),
      [
        ['inspection', 'inspection', '2026-10-01', ['INSPECTION']],
        ['warranty_end', 'warranty', '2026-12-20', ['INSPECTION']],
      ],
    )
    const later = fold([carRegistered, dates(null, '2026-12-20', '2027-03-01')])
    assert.deepEqual(
      equipmentDueItems(later, asOf).map((i) => [i.kind, i.serviceCodes]),
      [
        ['warranty_end', ['INSPECTION']],
        ['insurance_end', null],
      ],
    )
  })

  it('predicts the tyre replacement from the tread trend; a new reading moves it; a scrapped car has nothing due', () => {
    // 8 mm at 10,000 km, 6 mm at 20,000 km: 0.2 mm per 1,000 km, ~1,000 km a month.
    const history = [
      carRegistered,
      mount('FL', 8, '2026-01-05T10:00:00.000Z', 10_000),
      mount('FR', 8, '2026-01-05T10:00:00.000Z', 10_000),
      measured(
        [
          ['FL', 6],
          ['FR', 6.5],
        ],
        '2026-10-05T10:00:00.000Z',
        20_000,
      ),
    ]
    const first = equipmentDueItems(fold(history), asOf).find((i) => i.kind === 'tyre_replacement')
    assert.ok(first, 'a tyre replacement is due')
    assert.deepEqual(first.serviceCodes, ['TYRE_CHANGE'])
    assert.equal(first.tyres[0]?.position, 'FL')
    assert.equal(first.tyres[0]?.reason, 'recommended_minimum')
    // Faster wear measured: the date comes earlier.
    const faster = equipmentDueItems(
      fold([
        ...history,
        measured(
          [
            ['FL', 4.3],
            ['FR', 5],
          ],
          '2026-11-20T10:00:00.000Z',
          23_000,
        ),
      ]),
      asOf,
    ).find((i) => i.kind === 'tyre_replacement')
    assert.ok(faster && faster.dueDate < first.dueDate, `${faster?.dueDate} before ${first.dueDate}`)
    // A stricter recommended minimum (a fleet's contract) brings it earlier still.
    const strict = equipmentDueItems(fold(history), asOf, {
      ...DEFAULT_DUE_SERVICE_RULES,
      treadLimits: { legalMinimumMm: 1.6, recommendedMinimumMm: { summer: 3, winter: 5, all_season: 5 } },
    }).find((i) => i.kind === 'tyre_replacement')
    assert.ok(strict && strict.dueDate < first.dueDate)
    const scrapped: EquipmentEvent = {
      type: 'EquipmentStatusChanged',
      data: { equipmentId: id, from: 'at_customer', to: 'scrapped', workOrderId: null, reason: 'crash', at: asOf },
    }
    assert.deepEqual(equipmentDueItems(fold([...history, scrapped]), asOf), [])
  })

  it('gathers open recommendations into one item due after the follow-up days; resolving all removes it', () => {
    const recommendation = (n: number, raisedAt: string) => ({
      recommendationId: `wo-1:${n}`,
      workOrderId: 'wo-1',
      lineId: String(n),
      kind: 'labour' as const,
      description: `line ${n}`,
      sku: null,
      quantity: null,
      unitPrice: null,
      minutes: 30,
      hourlyRate: { amountMinor: 20_000, currency: 'PLN' },
      quotedNet: { amountMinor: 10_000, currency: 'PLN' },
      vatRatePercent: 23,
      defectCode: null,
      raisedAt,
    })
    const recorded: EquipmentEvent = {
      type: 'EquipmentRecommendationsRecorded',
      data: {
        equipmentId: id,
        recommendations: [recommendation(1, '2026-11-10T10:00:00.000Z'), recommendation(2, '2026-11-10T10:00:00.000Z')],
      },
    }
    const item = equipmentDueItems(fold([carRegistered, recorded]), asOf).find((i) => i.kind === 'recommendations')
    assert.equal(item?.dueDate, '2026-12-10')
    assert.deepEqual(
      item?.recommendations.map((r) => r.description),
      ['line 1', 'line 2'],
    )
    const resolve = (n: number): EquipmentEvent => ({
      type: 'EquipmentRecommendationResolved',
      data: { equipmentId: id, recommendationId: `wo-1:${n}`, resolution: 'done', workOrderId: 'wo-2', at: asOf },
    })
    assert.equal(
      equipmentDueItems(fold([carRegistered, recorded, resolve(1), resolve(2)]), asOf).some(
        (i) => i.kind === 'recommendations',
      ),
      false,
    )
  })
})

describe('due items from a contract schedule', () => {
  const signed: ContractEvent = {
    type: 'ContractSigned',
    data: {
      contractId: 'k1',
      contractNumber: 'K/1',
      holder: { kind: 'fleet', fleetId: 'f1' },
      currency: 'PLN',
      timeZone: 'Europe/Warsaw',
      validFrom: '2026-01-01',
      validTo: null,
      terms: terms(
        ['eq-car-1', 'eq-car-2'],
        {
          INSPECTION: { kind: 'fixed_price', pricePerServiceMinor: 10_000 },
          TYRE_CHANGE: { kind: 'fixed_price', pricePerServiceMinor: 10_000 },
        },
        {
          schedule: [
            {
              scheduleId: 'insp',
              serviceCode: 'INSPECTION',
              equipmentIds: ['eq-car-1'],
              rule: { kind: 'every_months', months: 6, firstDue: '2026-03-15' },
            },
            {
              scheduleId: 'season',
              serviceCode: 'TYRE_CHANGE',
              equipmentIds: null,
              rule: {
                kind: 'seasonal',
                spring: { from: '03-15', to: '04-30' },
                autumn: { from: '10-01', to: '11-30' },
              },
            },
          ],
        },
      ),
      signedBy: { id: 'hq', role: 'head_office' },
      at: '2026-01-01T08:00:00.000Z',
    },
  }

  it('keeps the next two occurrences of each schedule, from today on', () => {
    const contract = contractFrom([signed])
    const items = contractDueItems(contract, 'eq-car-1', asOf)
    assert.deepEqual(
      items.map((i) => [i.ref, i.dueDate, i.serviceCodes?.[0], i.contract?.season ?? null]),
      [
        ['k1.insp', '2027-03-15', 'INSPECTION', null],
        ['k1.season', '2027-03-15', 'TYRE_CHANGE', 'spring'],
        ['k1.insp', '2027-09-15', 'INSPECTION', null],
        ['k1.season', '2027-10-01', 'TYRE_CHANGE', 'autumn'],
      ],
    )
    assert.deepEqual(
      contractDueItems(contract, 'eq-car-2', asOf).map((i) => i.ref),
      ['k1.season', 'k1.season'],
    )
    assert.deepEqual(equipmentCoveredByContract(contract), ['eq-car-1', 'eq-car-2'])
  })
})
