import assert from 'node:assert/strict'
import { prefixRange } from '../../../../application/queries/searchText.js'
import {
  openingRulesOf,
  pointSatisfies,
  SERVICE_POINTS,
  type ServicePointView,
} from '../../../../application/queries/servicePointView.js'
import { openingRangesOn } from '../../../../domain/service-network/openingHours.js'
import { servicePointsProjection } from '../../../../projections/serviceNetwork/servicePointsProjection.js'
import { HQ, must, NetworkLog } from './support/networkLog.js'
import { project } from './support/project.js'

async function points(log: NetworkLog) {
  const { readModels } = await project(log.events, [servicePointsProjection])
  return readModels.collection<ServicePointView>(SERVICE_POINTS.projection, SERVICE_POINTS.points)
}

describe('servicePoints projection', () => {
  it('projects a created point with capabilities derived from its bays and folded search keys', async () => {
    const log = new NetworkLog()
    await log.openPoint({
      pointId: 'lodz-1',
      name: 'Opony Łódź Bałuty',
      city: 'Łódź',
      lat: 51.79,
      lon: 19.45,
      managerId: 'mgr-1',
    })
    const point = await (await points(log)).findOne({ _id: 'lodz-1' })
    assert.ok(point)
    assert.equal(point.name, 'Opony Łódź Bałuty')
    assert.deepEqual(point.search, { name: 'opony lodz baluty', city: 'lodz' })
    assert.deepEqual(point.geo, { lat: 51.79, lon: 19.45 })
    assert.equal(point.timeZone, 'Europe/Warsaw')
    assert.equal(point.bayCount, 3)
    assert.deepEqual(point.capabilities, {
      features: ['balancing', 'passenger', 'run_flat', 'suv', 'tpms', 'truck', 'van'],
      rimMaxInches: 24,
    })
    assert.deepEqual(point.bays[1], {
      bayId: 'bay-2',
      name: 'Stanowisko 2',
      features: ['passenger', 'suv', 'run_flat', 'tpms', 'balancing'],
      rimMaxInches: 22,
    })
    assert.deepEqual(point.managerIds, ['mgr-1'])
    assert.equal(point.active, true)
    assert.equal(point.revision, 0)
  })

  it('follows details, hours, exceptions, seasons, bays, manager and activation changes', async () => {
    const log = new NetworkLog()
    await log.openPoint({ pointId: 'wro-1', name: 'Wrocław Centrum', city: 'Wrocław', lat: 51.1, lon: 17.03 })
    const p = (command: Parameters<NetworkLog['point']>[1]) => log.point('wro-1', command).then(must)
    await p({
      kind: 'ChangeServicePointDetails',
      actor: HQ,
      name: 'Wrocław Krzyki',
      address: { street: 'ul. Powstańców 5', postalCode: '53-333', city: 'Wrocław', country: 'PL' },
      geo: { lat: 51.08, lon: 17.01 },
      contacts: { phone: null, email: 'krzyki@network.example' },
    })
    await p({ kind: 'SetOpeningHoursException', actor: HQ, date: '2026-12-25', hours: [], note: 'Christmas' })
    await p({ kind: 'SetOpeningHoursException', actor: HQ, date: '2026-11-11', hours: [], note: 'Independence Day' })
    await p({
      kind: 'SetOpeningHoursException',
      actor: HQ,
      date: '2026-12-24',
      hours: [{ from: '08:00', to: '12:00' }],
      note: null,
    })
    await p({ kind: 'RemoveOpeningHoursException', actor: HQ, date: '2026-12-25' })
    await p({
      kind: 'SetSeasonalOpeningHours',
      actor: HQ,
      seasonId: 'autumn-rush',
      from: '2026-10-15',
      to: '2026-11-30',
      weeklyHours: { mon: [{ from: '07:00', to: '21:00' }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      note: 'winter tyres',
    })
    await p({ kind: 'RemoveBay', actor: HQ, bayId: 'bay-3' })
    await p({
      kind: 'ChangeBay',
      actor: HQ,
      bay: { bayId: 'bay-1', name: 'Szybka', capabilities: { features: ['passenger'], rimMaxInches: null } },
    })
    await p({
      kind: 'AddBay',
      actor: HQ,
      bay: { bayId: 'bay-9', name: 'Nowe', capabilities: { features: ['wheel_alignment'], rimMaxInches: 20 } },
    })
    await p({ kind: 'AssignManager', actor: HQ, managerId: 'mgr-7' })
    await p({ kind: 'DeactivateServicePoint', actor: HQ, reason: 'renovation' })

    const point = await (await points(log)).findOne({ _id: 'wro-1' })
    assert.ok(point)
    assert.equal(point.name, 'Wrocław Krzyki')
    assert.deepEqual(point.search, { name: 'wroclaw krzyki', city: 'wroclaw' })
    assert.deepEqual(point.contacts, { phone: null, email: 'krzyki@network.example' })
    assert.deepEqual(
      point.exceptions.map((e) => e.date),
      ['2026-11-11', '2026-12-24'],
    )
    assert.deepEqual(
      point.seasons.map((s) => s.seasonId),
      ['autumn-rush'],
    )
    assert.deepEqual(
      point.bays.map((b) => b.bayId),
      ['bay-1', 'bay-2', 'bay-9'],
    )
    // bay-1 now has no rim limit, so the point takes any rim
    assert.deepEqual(point.capabilities, {
      features: ['balancing', 'passenger', 'run_flat', 'suv', 'tpms', 'wheel_alignment'],
      rimMaxInches: null,
    })
    assert.deepEqual(point.managerIds, ['mgr-7'])
    assert.equal(point.active, false)
    assert.equal(point.deactivationReason, 'renovation')
    // the hours as projected answer the domain's opening questions
    const rules = openingRulesOf(point)
    assert.deepEqual(openingRangesOn(rules, '2026-11-11'), [])
    assert.deepEqual(openingRangesOn(rules, '2026-11-16'), [{ from: 420, to: 1260 }])
    assert.deepEqual(openingRangesOn(rules, '2026-12-24'), [{ from: 480, to: 720 }])
    // one bay must do the whole visit: run-flat (bay-2, 22") with alignment (bay-9 only) is not possible
    assert.equal(pointSatisfies(point, { features: ['run_flat'], rimInches: 22 }), true)
    assert.equal(pointSatisfies(point, { features: ['run_flat', 'wheel_alignment'], rimInches: null }), false)

    await p({ kind: 'ReactivateServicePoint', actor: HQ })
    await p({ kind: 'UnassignManager', actor: HQ })
    const again = await (await points(log)).findOne({ _id: 'wro-1' })
    assert.equal(again?.active, true)
    assert.equal(again?.deactivationReason, null)
    assert.deepEqual(again?.managerIds, [])
  })

  it('answers listing and search filters: active, city/name prefix, capability', async () => {
    const log = new NetworkLog()
    await log.openPoint(
      { pointId: 'waw-1', name: 'Warszawa Mokotów', city: 'Warszawa', lat: 52.19, lon: 21.0 },
      '2026-03-02',
      0,
    )
    await log.openPoint(
      { pointId: 'waw-2', name: 'Warszawa Wola', city: 'Warszawa', lat: 52.23, lon: 20.97 },
      '2026-03-02',
      0,
    )
    await log.openPoint(
      {
        pointId: 'wro-1',
        name: 'Wrocław Centrum',
        city: 'Wrocław',
        lat: 51.1,
        lon: 17.03,
        bays: [{ bayId: 'b1', name: 'B1', capabilities: { features: ['passenger'], rimMaxInches: 18 } }],
      },
      '2026-03-02',
      0,
    )
    must(await log.point('waw-2', { kind: 'DeactivateServicePoint', actor: HQ, reason: 'closed' }))
    const col = await points(log)
    const ids = (docs: ServicePointView[]) => docs.map((d) => d._id)
    assert.deepEqual(ids(await col.find({ active: true }, { sort: { 'search.name': 1 } })), ['waw-1', 'wro-1'])
    assert.deepEqual(ids(await col.find({ 'search.city': prefixRange('Wars') }, { sort: { 'search.name': 1 } })), [
      'waw-1',
      'waw-2',
    ])
    assert.deepEqual(ids(await col.find({ 'search.city': prefixRange('wroc') })), ['wro-1'])
    assert.deepEqual(ids(await col.find({ active: true, 'capabilities.features': 'run_flat' })), ['waw-1'])
  })

  it('declares indexes on what the queries filter and sort by', () => {
    const keys = (servicePointsProjection.indexes?.points ?? []).map((i) => Object.keys(i.keys).join(','))
    assert.ok(keys.includes('active,search.name'))
    assert.ok(keys.includes('active,search.city,search.name'))
    assert.ok(keys.includes('capabilities.features'))
  })
})
