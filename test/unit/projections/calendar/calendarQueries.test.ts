import assert from 'node:assert/strict'
import { isLeft, isRight } from 'fp-ts/lib/Either.js'
import { isoWeekOf, weekStart } from '../../../../application/queries/calendarWeeks.js'
import { readQueries } from '../../../../application/queries/readQueries.js'
import type { Viewer } from '../../../../application/queries/viewer.js'
import type { EntityId } from '../../../../domain/access/fields.js'
import { calendarProjection } from '../../../../projections/calendar/calendarProjection.js'
import { servicePointsProjection } from '../../../../projections/serviceNetwork/servicePointsProjection.js'
import { HQ, must, NetworkLog } from '../serviceNetwork/support/networkLog.js'
import { project } from '../serviceNetwork/support/project.js'

const id = (s: string) => s as EntityId
const headOffice: Viewer = { id: id('hq'), role: 'head_office', tenant: { scope: 'network' } }
const customer = (customerId: string): Viewer => ({
  id: id(`u-${customerId}`),
  role: 'customer',
  tenant: { scope: 'customer', customerId: id(customerId) },
})

async function queriesOver(log: NetworkLog) {
  const { readModels } = await project(log.events, [servicePointsProjection, calendarProjection])
  return readQueries(readModels)
}

function right<T>(value: { _tag: 'Left'; left: { code: string } } | { _tag: 'Right'; right: T }): T {
  if (value._tag === 'Left') throw new Error(value.left.code)
  return value.right
}

describe('ISO weeks', () => {
  it('finds the Monday of a week by number or by any of its dates, and names a date’s week', () => {
    assert.equal(weekStart('2026-W01'), '2025-12-29')
    assert.equal(weekStart('2026-W53'), '2026-12-28') // 2026 starts on a Thursday: 53 weeks
    assert.equal(weekStart('2027-W53'), null)
    assert.equal(weekStart('2026-W00'), null)
    assert.equal(weekStart('2026-03-08'), '2026-03-02') // a Sunday belongs to the week before
    assert.equal(weekStart('2026-02-30'), null)
    assert.equal(isoWeekOf('2026-01-01'), '2026-W01')
    assert.equal(isoWeekOf('2027-01-01'), '2026-W53')
    assert.equal(isoWeekOf('2025-12-29'), '2026-W01')
  })
})

describe('calendar queries', () => {
  it('counts real open minutes on daylight-saving days (the skipped hour is not open, the repeated one twice)', async () => {
    const log = new NetworkLog()
    await log.openPoint({ pointId: 'wro-1', name: 'Wrocław', city: 'Wrocław', lat: 51.1, lon: 17.03 }, '2026-03-02', 0)
    for (const date of ['2026-03-29', '2026-10-25'])
      must(
        await log.point('wro-1', {
          kind: 'SetOpeningHoursException',
          actor: HQ,
          date,
          hours: [{ from: '01:00', to: '04:00' }],
          note: 'night shift',
        }),
      )
    const { calendar } = await queriesOver(log)
    const spring = right(await calendar.utilisation(headOffice, 'wro-1', '2026-03-29', '2026-03-29'))
    assert.equal(spring.days[0]?.openBayMinutes, 2 * 60 * 3)
    const autumn = right(await calendar.utilisation(headOffice, 'wro-1', '2026-10-25', '2026-10-25'))
    assert.equal(autumn.days[0]?.openBayMinutes, 4 * 60 * 3)
  })

  it('lays entries on the point’s own zone, and keeps visits on bays removed since in `unassigned`', async () => {
    const log = new NetworkLog()
    await log.openPoint(
      { pointId: 'lis-1', name: 'Lisboa', city: 'Lisboa', lat: 38.72, lon: -9.14, timeZone: 'Europe/Lisbon' },
      '2026-03-02',
      3,
    )
    const slot = must(
      await log.book({ bookingId: 'b1', pointId: 'lis-1', date: '2026-03-03', time: '09:00', bayId: 'bay-3' }),
    )
    must(await log.point('lis-1', { kind: 'RemoveBay', actor: HQ, bayId: 'bay-3' }))
    const { calendar } = await queriesOver(log)
    const day = right(await calendar.pointDay(headOffice, 'lis-1', '2026-03-03'))
    assert.equal(slot.start, '2026-03-03T09:00:00.000Z') // Lisbon is on UTC in winter
    assert.deepEqual(
      day.bays.map((b) => b.bayId),
      ['bay-1', 'bay-2'],
    )
    assert.deepEqual(
      day.unassigned.map((e) => [e.bookingId, e.bayId, e.localStart]),
      [['b1', 'bay-3', '09:00']],
    )
    assert.equal(day.load.openBayMinutes, 570 * 2)
  })

  it('checks role and tenant itself, whatever route calls it', async () => {
    const log = new NetworkLog()
    await log.openPoint({ pointId: 'wro-1', name: 'Wrocław', city: 'Wrocław', lat: 51.1, lon: 17.03 }, '2026-03-02', 3)
    must(await log.book({ bookingId: 'b1', pointId: 'wro-1', date: '2026-03-03', time: '09:00', customerId: 'c1' }))
    const { calendar, points } = await queriesOver(log)
    const refusal = async (answer: Promise<{ _tag: string }>) => {
      const a = (await answer) as { _tag: 'Left'; left: { code: string } } | { _tag: 'Right' }
      return a._tag === 'Left' ? a.left.code : 'allowed'
    }
    assert.equal(await refusal(calendar.pointDay(customer('c1'), 'wro-1', '2026-03-03')), 'ROLE_NOT_ALLOWED')
    assert.equal(
      await refusal(calendar.customerBookings(customer('c2'), 'c1', {}, { limit: 10, offset: 0 })),
      'TENANT_ACCESS_DENIED',
    )
    assert.equal(
      await refusal(
        calendar.pointDay(
          { id: id('e'), role: 'service_point_employee', tenant: { scope: 'point', pointId: id('other') } },
          'wro-1',
          '2026-03-03',
        ),
      ),
      'TENANT_ACCESS_DENIED',
    )
    assert.equal(
      await refusal(
        calendar.utilisation(
          { id: id('e'), role: 'service_point_employee', tenant: { scope: 'point', pointId: id('wro-1') } },
          'wro-1',
          '2026-03-03',
          '2026-03-03',
        ),
      ),
      'ROLE_NOT_ALLOWED',
    )
    assert.equal(await refusal(points.searchForStaff(customer('c1'), {}, { limit: 10, offset: 0 })), 'ROLE_NOT_ALLOWED')
    const own = await calendar.customerBookings(customer('c1'), 'c1', {}, { limit: 10, offset: 0 })
    assert.ok(isRight(own) && own.right.total === 1)
    assert.ok(isLeft(await calendar.pointDay(headOffice, 'wro-1', '2026-3-3')))
  })
})
