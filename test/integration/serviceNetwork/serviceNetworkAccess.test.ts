// Each role trying what it must not do to points, the catalogue and staff schedules: refused, nothing appended.
import assert from 'node:assert/strict'
import request from 'supertest'
import type { Cast } from '../api/support/testApi.js'
import { type NetworkFixture, networkFixture, pointInput } from '../booking/support/networkFixture.js'

describe('who may change the service network', () => {
  let api: NetworkFixture
  before(async () => {
    api = await networkFixture()
  })

  const send = (who: Cast | null, method: 'post' | 'put' | 'delete' | 'get', path: string, body?: object) => {
    const r = request(api.app)[method](path)
    if (who) r.set('Authorization', api.bearer(who))
    return body ? r.send(body) : r
  }
  async function denied(
    who: Cast | null,
    method: 'post' | 'put' | 'delete' | 'get',
    path: string,
    body: object | undefined,
    status: number,
    code: string,
  ) {
    const before = await api.eventCount()
    const res = await send(who, method, path, body)
    assert.equal(res.status, status, `${who} ${method} ${path}: ${JSON.stringify(res.body)}`)
    assert.equal(res.body.code, code, `${who} ${method} ${path}`)
    assert.equal(await api.eventCount(), before, `${who} ${method} ${path} appended nothing`)
  }
  const { pointId: _id, managerId: _m, ...newPoint } = pointInput('x', 'Gdańsk', 54.35, 18.65, null)
  const details = {
    name: 'Opony Wrocław Centrum',
    address: newPoint.address,
    geo: newPoint.geo,
    contacts: newPoint.contacts,
  }
  const bay = { bayId: 'bay-9', name: 'Nowe', capabilities: { features: ['passenger'], rimMaxInches: 18 } }
  const service = {
    code: 'NITROGEN',
    names: { pl: 'Azot', en: 'Nitrogen' },
    baseMinutes: 15,
    durationRules: [],
    price: { amountMinor: 2000, currency: 'PLN' },
    vatRatePercent: 23,
    requiredFeatures: [],
    requiredSkill: null,
  }
  const shifts = { shifts: [{ staffId: 'anna', date: '2026-12-28', hours: { from: '08:00', to: '12:00' } }] }

  it('only head office creates points, re-zones, assigns managers and closes points', async () => {
    await denied(null, 'post', '/points', newPoint, 401, 'AUTHENTICATION_REQUIRED')
    for (const who of ['manager_p1', 'employee_p1', 'point_p1', 'fleet_manager_f1', 'customer'] as const) {
      await denied(who, 'post', '/points', newPoint, 403, 'ROLE_NOT_ALLOWED')
      await denied(who, 'put', '/points/p1/time-zone', { timeZone: 'Europe/Vilnius' }, 403, 'ROLE_NOT_ALLOWED')
      await denied(who, 'put', '/points/p1/manager', { managerId: 'someone' }, 403, 'ROLE_NOT_ALLOWED')
      await denied(who, 'post', '/points/p1/deactivate', { reason: 'closed' }, 403, 'ROLE_NOT_ALLOWED')
    }
  })

  it('a manager edits his own point only; employees, point accounts, fleets and customers edit no point', async () => {
    for (const [path, method, body] of [
      ['/points/p1', 'put', details],
      ['/points/p1/bays', 'post', bay],
      ['/points/p1/opening-hours/exceptions/2026-12-24', 'put', { hours: [] }],
      ['/points/p1/bays/bay-1', 'delete', undefined],
    ] as const) {
      await denied('manager_p2', method, path, body, 403, 'TENANT_ACCESS_DENIED')
      for (const who of ['employee_p1', 'point_p1', 'fleet_manager_f1', 'customer'] as const)
        await denied(who, method, path, body, 403, 'ROLE_NOT_ALLOWED')
    }
    const own = await send('manager_p1', 'put', '/points/p1', details)
    assert.equal(own.status, 200, JSON.stringify(own.body))
    assert.equal(own.body.name, 'Opony Wrocław Centrum')
  })

  it('a manager the point no longer names as its manager may not edit it any more', async () => {
    assert.equal((await send('head_office', 'delete', '/points/p2/manager')).status, 200)
    await denied('manager_p2', 'post', '/points/p2/bays', bay, 403, 'SERVICE_POINT_FORBIDDEN')
  })

  it('only head office changes the catalogue', async () => {
    for (const who of ['manager_p1', 'employee_p1', 'point_p1', 'fleet_manager_f1', 'customer'] as const) {
      await denied(who, 'post', '/catalogue/services', service, 403, 'ROLE_NOT_ALLOWED')
      await denied(
        who,
        'put',
        '/catalogue/services/TYRE_CHANGE',
        { ...service, code: undefined },
        403,
        'ROLE_NOT_ALLOWED',
      )
      await denied(who, 'post', '/catalogue/goods/VALVE-TR413/retire', undefined, 403, 'ROLE_NOT_ALLOWED')
    }
    await denied(null, 'post', '/catalogue/services', service, 401, 'AUTHENTICATION_REQUIRED')
    assert.equal((await send('head_office', 'post', '/catalogue/services', service)).status, 201)
  })

  it('staff schedules: the point’s manager and head office plan them; the point’s people read them; nobody else', async () => {
    for (const who of ['employee_p1', 'point_p1', 'fleet_manager_f1', 'customer'] as const)
      await denied(who, 'post', '/points/p1/shifts', shifts, 403, 'ROLE_NOT_ALLOWED')
    await denied('manager_p2', 'post', '/points/p1/shifts', shifts, 403, 'TENANT_ACCESS_DENIED')
    await denied('manager_p2', 'post', '/points/p1/staff', { name: 'Ktoś', skills: [] }, 403, 'TENANT_ACCESS_DENIED')
    await denied('employee_p2', 'get', '/points/p1/staff', undefined, 403, 'TENANT_ACCESS_DENIED')
    await denied('customer', 'get', '/points/p1/staff', undefined, 403, 'ROLE_NOT_ALLOWED')
    assert.equal((await send('employee_p1', 'get', '/points/p1/staff')).status, 200)
    const planned = await send('manager_p1', 'post', '/points/p1/shifts', shifts)
    assert.equal(planned.status, 201, JSON.stringify(planned.body))
  })
})
