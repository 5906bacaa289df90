import assert from 'node:assert/strict'
import request from 'supertest'
import { type NetworkFixture, networkFixture, pointInput } from '../booking/support/networkFixture.js'

describe('service points, catalogue and staff schedules over HTTP', () => {
  let api: NetworkFixture
  beforeEach(async () => {
    api = await networkFixture()
  })
  const as = (who: Parameters<NetworkFixture['bearer']>[0]) => ({
    post: (path: string, body?: object) => request(api.app).post(path).set('Authorization', api.bearer(who)).send(body),
    put: (path: string, body?: object) => request(api.app).put(path).set('Authorization', api.bearer(who)).send(body),
    delete: (path: string) => request(api.app).delete(path).set('Authorization', api.bearer(who)),
    get: (path: string) => request(api.app).get(path).set('Authorization', api.bearer(who)),
  })
  const slots = (pointId: string, date: string, services = 'TYRE_CHANGE') =>
    request(api.app).get(`/points/${pointId}/slots`).query({ date, services, vehicleClass: 'passenger' })

  it('head office creates a point; a second one with the same id and invalid data are refused', async () => {
    const { managerId: _m, ...body } = pointInput('gda-1', 'Gdańsk', 54.352, 18.6466, null)
    const created = await as('head_office').post('/points', {
      ...body,
      address: { ...body.address, postalCode: '80-001' },
    })
    assert.equal(created.status, 201, JSON.stringify(created.body))
    assert.equal(created.headers.location, '/points/gda-1')
    assert.deepEqual(created.body.capabilities, {
      features: ['balancing', 'passenger', 'run_flat', 'suv', 'tpms'],
      rimMaxInches: 22,
    })
    assert.equal(created.body.active, true)
    const again = await as('head_office').post('/points', body)
    assert.equal(again.status, 409)
    assert.equal(again.body.code, 'SERVICE_POINT_ALREADY_EXISTS')
    const bad = await as('head_office').post('/points', {
      ...body,
      pointId: 'gda-2',
      timeZone: 'Mars/Olympus',
      address: { ...body.address, postalCode: '80001' },
    })
    assert.equal(bad.status, 422)
    assert.deepEqual(bad.body.errors.map((e: { path: string }) => e.path).sort(), ['address.postalCode', 'timeZone'])
    // Without a pointId the Idempotency-Key names it: a retry answers the same point.
    const { pointId: _given, ...unnamed } = body
    const first = await as('head_office').post('/points', unnamed).set('Idempotency-Key', 'new-point-1')
    const retry = await as('head_office').post('/points', unnamed).set('Idempotency-Key', 'new-point-1')
    assert.equal(first.status, 201)
    assert.equal(retry.body.pointId, first.body.pointId)
  })

  it('opening hours, holidays and seasons decide which slots are offered', async () => {
    const manager = as('manager_p1')
    assert.equal(
      (await manager.put('/points/p1/opening-hours/exceptions/2026-12-17', { hours: [], note: 'Wigilia' })).status,
      200,
    )
    assert.deepEqual((await slots('p1', '2026-12-17')).body.slots, [])
    assert.equal((await manager.delete('/points/p1/opening-hours/exceptions/2026-12-17')).status, 200)
    assert.ok((await slots('p1', '2026-12-17')).body.slots.length > 0)
    const longSaturdays = {
      from: '2026-11-28',
      to: '2026-12-05',
      weeklyHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [{ from: '09:00', to: '17:00' }], sun: [] },
      note: 'winter rush',
    }
    const season = await manager.put('/points/p1/seasons/winter-rush', longSaturdays)
    assert.equal(season.status, 200, JSON.stringify(season.body))
    // Open until 17:00 now, but nobody is on shift after 13:00: a slot needs staff too.
    assert.equal((await slots('p1', '2026-11-28')).body.slots.at(-1).localTime, '12:00')
    const extra = { shifts: [{ staffId: 'bartek', date: '2026-11-28', hours: { from: '13:00', to: '17:00' } }] }
    assert.equal((await manager.post('/points/p1/shifts', extra)).status, 201)
    assert.equal((await slots('p1', '2026-11-28')).body.slots.at(-1).localTime, '16:00')
    const weekly = await manager.put('/points/p1/opening-hours', {
      weeklyHours: { ...longSaturdays.weeklyHours, fri: [{ from: '10:00', to: '12:00' }], sat: [] },
    })
    assert.equal(weekly.status, 200)
    assert.deepEqual(
      (await slots('p1', '2026-11-27')).body.slots.map((s: { localTime: string }) => s.localTime),
      ['10:00', '10:15', '10:30', '10:45', '11:00'],
    )
  })

  it('bays: added, changed and removed by the point’s manager; a run-flat visit needs a run-flat bay', async () => {
    const manager = as('manager_p1')
    assert.equal((await manager.delete('/points/p1/bays/bay-2')).status, 200)
    const noRunFlat = await slots('p1', '2026-11-27', 'RUN_FLAT')
    assert.deepEqual(noRunFlat.body.slots, [])
    const added = await manager.post('/points/p1/bays', {
      bayId: 'bay-3',
      name: 'Run-flat',
      capabilities: { features: ['passenger', 'run_flat'], rimMaxInches: null },
    })
    assert.equal(added.status, 200, JSON.stringify(added.body))
    assert.equal((await slots('p1', '2026-11-27', 'RUN_FLAT')).body.slots[0].bayId, 'bay-3')
    const changed = await manager.put('/points/p1/bays/bay-3', {
      name: 'Stanowisko 3',
      capabilities: { features: ['passenger'], rimMaxInches: 20 },
    })
    assert.equal(changed.body.bays.find((b: { bayId: string }) => b.bayId === 'bay-3').name, 'Stanowisko 3')
    assert.equal(
      (await manager.put('/points/p1/bays/bay-7', { name: 'x', capabilities: { features: [], rimMaxInches: null } }))
        .body.code,
      'BAY_NOT_FOUND',
    )
  })

  it('a closed point takes no bookings until reopened', async () => {
    assert.equal((await as('head_office').post('/points/p1/deactivate', { reason: 'renovation' })).status, 200)
    const closed = await slots('p1', '2026-11-27')
    assert.equal(closed.status, 409)
    assert.equal(closed.body.code, 'SERVICE_POINT_INACTIVE')
    assert.equal((await as('head_office').post('/points/p1/reactivate')).status, 200)
    assert.equal((await slots('p1', '2026-11-27')).status, 200)
  })

  it('staff: a member registered with skills, shifts planned in bulk, an absence that removes slots', async () => {
    const manager = as('manager_p1')
    const registered = await manager.post('/points/p1/staff', {
      staffId: 'celina',
      name: 'Celina',
      skills: ['tyre_fitting', 'run_flat'],
    })
    assert.equal(registered.status, 201, JSON.stringify(registered.body))
    const planned = await manager.post('/points/p1/shifts', {
      shifts: [
        { staffId: 'celina', date: '2026-12-28', hours: { from: '08:00', to: '12:00' } },
        { staffId: 'celina', date: '2026-12-29', hours: { from: '12:00', to: '16:00' } },
      ],
    })
    assert.equal(planned.status, 201, JSON.stringify(planned.body))
    assert.equal(planned.body.applied, 2)
    assert.deepEqual(
      planned.body.schedule.shifts.map((s: { date: string; hours: { from: string } }) => `${s.date} ${s.hours.from}`),
      ['2026-12-28 08:00', '2026-12-29 12:00'],
    )
    // Overlapping shifts of one person: the whole batch is refused.
    const clash = await manager.post('/points/p1/shifts', {
      shifts: [
        { staffId: 'celina', date: '2026-12-30', hours: { from: '08:00', to: '12:00' } },
        { staffId: 'celina', date: '2026-12-28', hours: { from: '10:00', to: '14:00' } },
      ],
    })
    assert.equal(clash.status, 409)
    assert.equal(clash.body.code, 'SHIFT_OVERLAPS')
    // Only anna and celina can fit run-flats; with both absent on a day, no run-flat slots.
    const before = (await slots('p1', '2026-11-30', 'RUN_FLAT')).body.slots.length
    assert.ok(before > 0)
    const absent = await manager.post('/points/p1/absences', {
      staffId: 'anna',
      from: '2026-11-30T00:00',
      to: '2026-12-01T00:00',
      reason: 'sick',
    })
    assert.equal(absent.status, 201, JSON.stringify(absent.body))
    assert.deepEqual((await slots('p1', '2026-11-30', 'RUN_FLAT')).body.slots, [])
    const staff = await as('employee_p1').get('/points/p1/staff?from=2026-11-30&to=2026-11-30')
    assert.deepEqual(
      staff.body.members.map((m: { staffId: string }) => m.staffId),
      ['anna', 'bartek', 'celina'],
    )
    assert.equal(staff.body.absences.length, 1)
  })

  it('catalogue: head office adds, changes and retires services and goods; durations follow', async () => {
    const hq = as('head_office')
    const changed = await hq.put('/catalogue/services/TYRE_CHANGE', {
      names: { pl: 'Wymiana opon', en: 'Tyre change' },
      baseMinutes: 45,
      durationRules: [{ vehicleClass: 'suv', wheels: null, minutes: 60 }],
      price: { amountMinor: 15_000, currency: 'PLN' },
      vatRatePercent: 23,
      requiredFeatures: [],
      requiredSkill: 'tyre_fitting',
    })
    assert.equal(changed.status, 200, JSON.stringify(changed.body))
    assert.equal(changed.body.baseMinutes, 45)
    assert.equal((await slots('p1', '2026-11-27')).body.durationMinutes, 45)
    const retired = await hq.post('/catalogue/services/RUN_FLAT/retire')
    assert.equal(retired.body.retired, true)
    assert.equal((await slots('p1', '2026-11-27', 'RUN_FLAT')).body.code, 'VISIT_INVALID')
    const goods = await hq.post('/catalogue/goods', {
      sku: 'TPMS-SENSOR-433',
      kind: 'tpms_sensor',
      names: { pl: 'Czujnik TPMS', en: 'TPMS sensor' },
      price: { amountMinor: 18_900, currency: 'PLN' },
      vatRatePercent: 23,
    })
    assert.equal(goods.status, 201, JSON.stringify(goods.body))
    const invalid = await hq.post('/catalogue/services', {
      ...changed.body,
      code: 'bad code',
      retired: undefined,
      baseMinutes: 0,
    })
    assert.equal(invalid.status, 422)
    assert.deepEqual(invalid.body.errors.map((e: { path: string }) => e.path).sort(), [
      'service.baseMinutes',
      'service.code',
    ])
  })
})
