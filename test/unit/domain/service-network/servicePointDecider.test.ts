import assert from 'node:assert/strict'
import type { ServicePointCommand } from '../../../../domain/service-network/commands.js'
import type { ServicePointEvent } from '../../../../domain/service-network/events.js'
import { pointCapabilities, servicePointDecider } from '../../../../domain/service-network/servicePointDecider.js'
import type { Actor } from '../../../../domain/shared/actor.js'
import { bays, weeklyHours } from '../fixtures.js'
import { scenario } from '../givenWhenThen.js'

const headOffice: Actor = { id: 'ho-1', role: 'head_office' }
const manager: Actor = { id: 'mgr-7', role: 'service_point_manager' }
const otherManager: Actor = { id: 'mgr-8', role: 'service_point_manager' }
const { given } = scenario(servicePointDecider)

const create: ServicePointCommand = {
  kind: 'CreateServicePoint',
  actor: headOffice,
  pointId: 'wro-1',
  networkId: 'oponex',
  name: 'Oponex Wrocław Krzyki',
  address: { street: 'ul. Powstańców Śląskich 95', postalCode: '53-332', city: 'Wrocław', country: 'PL' },
  geo: { lat: 51.0866, lon: 17.0127 },
  contacts: { phone: '+48 71 123 45 67', email: 'krzyki@oponex.pl' },
  timeZone: 'Europe/Warsaw',
  weeklyHours,
  bays,
  managerId: 'mgr-7',
}
const created: ServicePointEvent = {
  type: 'ServicePointCreated',
  data: {
    pointId: 'wro-1',
    networkId: 'oponex',
    name: 'Oponex Wrocław Krzyki',
    address:
      create.kind === 'CreateServicePoint' ? create.address : { street: '', postalCode: '', city: '', country: '' },
    geo: { lat: 51.0866, lon: 17.0127 },
    contacts: { phone: '+48 71 123 45 67', email: 'krzyki@oponex.pl' },
    timeZone: 'Europe/Warsaw',
    weeklyHours,
    bays,
    managerId: 'mgr-7',
  },
}

describe('service point', () => {
  it('given nothing, when head office creates a point, then ServicePointCreated', () => {
    given([]).when(create).then([created])
  })

  it('refuses invalid data with every failing field path', () => {
    const error = given([])
      .when({
        ...create,
        name: ' ',
        geo: { lat: 91, lon: 17 },
        timeZone: 'Europe/Wroclaw',
        address: { ...create.address, postalCode: '53332' },
        weeklyHours: {
          ...weeklyHours,
          mon: [{ from: '18:00', to: '08:00' }],
          tue: [
            { from: '08:00', to: '12:00' },
            { from: '11:00', to: '15:00' },
          ],
        },
        bays: [bays[0]!, { ...bays[0]!, capabilities: { features: ['passenger'], rimMaxInches: 40 } }],
      } as ServicePointCommand)
      .thenError('SERVICE_POINT_INVALID', 'invalid')
    const paths = (error.fields ?? []).map((f) => f.path)
    for (const p of [
      'name',
      'geo.lat',
      'timeZone',
      'address.postalCode',
      'weeklyHours.mon[0]',
      'weeklyHours.tue',
      'bays[1].capabilities.rimMaxInches',
      'bays',
    ])
      assert.ok(paths.includes(p), `${p} in ${paths.join(', ')}`)
  })

  it('only head office creates points; a point cannot be created twice', () => {
    given([])
      .when({ ...create, actor: manager })
      .thenError('SERVICE_POINT_FORBIDDEN', 'forbidden')
    given([created]).when(create).thenError('SERVICE_POINT_ALREADY_EXISTS', 'conflict')
  })

  it('commands on a point that does not exist are not_found', () => {
    given([])
      .when({ kind: 'RemoveBay', actor: headOffice, bayId: 'bay-1' })
      .thenError('SERVICE_POINT_NOT_FOUND', 'not_found')
  })

  it('its own manager edits hours and bays; another manager and the manager on head-office matters are refused', () => {
    const lunchless = { ...weeklyHours, sat: [] }
    given([created])
      .when({ kind: 'SetWeeklyOpeningHours', actor: manager, weeklyHours: lunchless })
      .then([{ type: 'WeeklyOpeningHoursSet', data: { pointId: 'wro-1', weeklyHours: lunchless } }])
    given([created])
      .when({ kind: 'SetWeeklyOpeningHours', actor: otherManager, weeklyHours: lunchless })
      .thenError('SERVICE_POINT_FORBIDDEN', 'forbidden')
    given([created])
      .when({ kind: 'DeactivateServicePoint', actor: manager, reason: 'x' })
      .thenError('SERVICE_POINT_FORBIDDEN')
    given([created])
      .when({ kind: 'ChangeTimeZone', actor: manager, timeZone: 'UTC' })
      .thenError('SERVICE_POINT_FORBIDDEN')
  })

  it('date exceptions (closed day, special hours) and seasonal hours; seasons must not overlap', () => {
    const state = given([created])
      .when({
        kind: 'SetOpeningHoursException',
        actor: headOffice,
        date: '2026-11-11',
        hours: [],
        note: 'Święto Niepodległości',
      })
      .then([
        {
          type: 'OpeningHoursExceptionSet',
          data: { pointId: 'wro-1', exception: { date: '2026-11-11', hours: [], note: 'Święto Niepodległości' } },
        },
      ])
    assert.deepEqual(state.exceptions['2026-11-11']?.hours, [])
    const rush = { ...weeklyHours, sat: [{ from: '08:00', to: '20:00' }] }
    const seasonSet: ServicePointEvent = {
      type: 'SeasonalOpeningHoursSet',
      data: {
        pointId: 'wro-1',
        season: { seasonId: 'autumn-2026', from: '2026-10-15', to: '2026-11-30', weekly: rush, note: null },
      },
    }
    given([created])
      .when({
        kind: 'SetSeasonalOpeningHours',
        actor: manager,
        seasonId: 'autumn-2026',
        from: '2026-10-15',
        to: '2026-11-30',
        weeklyHours: rush,
        note: null,
      })
      .then([seasonSet])
    given([created, seasonSet])
      .when({
        kind: 'SetSeasonalOpeningHours',
        actor: headOffice,
        seasonId: 'winter',
        from: '2026-11-20',
        to: '2026-12-24',
        weeklyHours: rush,
        note: null,
      })
      .thenError('SEASONS_OVERLAP', 'conflict')
    given([created])
      .when({
        kind: 'SetSeasonalOpeningHours',
        actor: headOffice,
        seasonId: 's',
        from: '2026-12-01',
        to: '2026-11-01',
        weeklyHours: rush,
        note: null,
      })
      .thenError('SERVICE_POINT_INVALID', 'invalid')
    given([created]).when({ kind: 'RemoveOpeningHoursException', actor: headOffice, date: '2026-11-11' }).then([])
  })

  it('bays: add, change, remove; capabilities of the point are the union of its bays', () => {
    const bay4 = {
      bayId: 'bay-4',
      name: 'Geometria',
      capabilities: { features: ['passenger' as const, 'wheel_alignment' as const], rimMaxInches: 21 },
    }
    const state = given([created])
      .when({ kind: 'AddBay', actor: manager, bay: bay4 })
      .then([{ type: 'BayAdded', data: { pointId: 'wro-1', bay: bay4 } }])
    const caps = pointCapabilities(state)
    assert.ok(
      caps.features.includes('wheel_alignment') &&
        caps.features.includes('truck') &&
        caps.features.includes('run_flat'),
    )
    assert.equal(caps.rimMaxInches, 24)
    given([created])
      .when({ kind: 'AddBay', actor: manager, bay: { ...bays[0]!, name: 'x' } })
      .thenError('BAY_ALREADY_EXISTS', 'conflict')
    given([created]).when({ kind: 'ChangeBay', actor: manager, bay: bay4 }).thenError('BAY_NOT_FOUND', 'not_found')
    given([created])
      .when({ kind: 'RemoveBay', actor: manager, bayId: 'bay-3' })
      .then([{ type: 'BayRemoved', data: { pointId: 'wro-1', bayId: 'bay-3' } }])
  })

  it('details, time zone, manager, deactivation', () => {
    given([created])
      .when({ kind: 'ChangeTimeZone', actor: headOffice, timeZone: 'Europe/Bucharest' })
      .then([{ type: 'ServicePointTimeZoneChanged', data: { pointId: 'wro-1', timeZone: 'Europe/Bucharest' } }])
    given([created])
      .when({ kind: 'ChangeTimeZone', actor: headOffice, timeZone: 'Mars/Olympus' })
      .thenError('SERVICE_POINT_INVALID')
    given([created])
      .when({
        kind: 'ChangeServicePointDetails',
        actor: manager,
        ...created.data,
        contacts: { phone: null, email: 'bad' },
      })
      .thenError('SERVICE_POINT_INVALID')
    given([created])
      .when({ kind: 'AssignManager', actor: headOffice, managerId: 'mgr-9' })
      .then([{ type: 'ServicePointManagerAssigned', data: { pointId: 'wro-1', managerId: 'mgr-9' } }])
    const deactivated: ServicePointEvent = {
      type: 'ServicePointDeactivated',
      data: { pointId: 'wro-1', reason: 'lease ended' },
    }
    const state = given([created])
      .when({ kind: 'DeactivateServicePoint', actor: headOffice, reason: 'lease ended' })
      .then([deactivated])
    assert.equal(state.status, 'inactive')
    given([created, deactivated])
      .when({ kind: 'DeactivateServicePoint', actor: headOffice, reason: 'again' })
      .thenError('SERVICE_POINT_ALREADY_INACTIVE', 'conflict')
    given([created, deactivated])
      .when({ kind: 'ReactivateServicePoint', actor: headOffice })
      .then([{ type: 'ServicePointReactivated', data: { pointId: 'wro-1' } }])
  })
})
