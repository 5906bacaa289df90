import assert from 'node:assert/strict'
import {
  CALENDAR,
  type CalendarDayView,
  type CalendarEntryView,
} from '../../../../application/queries/calendarViews.js'
import { calendarProjection } from '../../../../projections/calendar/calendarProjection.js'
import { bookingState, must, NetworkLog } from '../serviceNetwork/support/networkLog.js'
import { project } from '../serviceNetwork/support/project.js'

async function calendar(log: NetworkLog) {
  const { readModels } = await project(log.events, [calendarProjection])
  return {
    entries: await readModels.collection<CalendarEntryView>(CALENDAR.projection, CALENDAR.entries),
    days: await readModels.collection<CalendarDayView>(CALENDAR.projection, CALENDAR.days),
  }
}

async function wroclaw(): Promise<NetworkLog> {
  const log = new NetworkLog()
  await log.openPoint({ pointId: 'wro-1', name: 'Wrocław', city: 'Wrocław', lat: 51.1, lon: 17.03 })
  return log
}

const counts = (d: CalendarDayView | null) =>
  d && { bookedMinutes: d.bookedMinutes, bookings: d.bookings, cancelled: d.cancelled, noShows: d.noShows }

describe('calendar projection', () => {
  it('places a booking on its point, bay and local day with UTC and local times', async () => {
    const log = await wroclaw()
    const slot = must(
      await log.book(
        { bookingId: 'b1', pointId: 'wro-1', date: '2026-03-03', time: '09:00', minutes: 45, customerId: 'c1' },
        { id: 'c1', role: 'customer' },
      ),
    )
    const { entries, days } = await calendar(log)
    const entry = await entries.findOne({ _id: 'b1' })
    assert.ok(entry)
    assert.deepEqual(
      {
        pointId: entry.pointId,
        date: entry.date,
        bayId: entry.bayId,
        staffId: entry.staffId,
        start: entry.start,
        end: entry.end,
        localStart: entry.localStart,
        localEnd: entry.localEnd,
        minutes: entry.minutes,
        status: entry.status,
        customerId: entry.customerId,
        fleetId: entry.fleetId,
        plate: entry.plate,
        services: entry.services,
        channel: entry.channel,
        bookedBy: entry.bookedBy,
      },
      {
        pointId: 'wro-1',
        date: '2026-03-03',
        bayId: slot.bayId,
        staffId: slot.staffId,
        start: '2026-03-03T08:00:00.000Z', // Warsaw is UTC+1 in March before the switch
        end: '2026-03-03T08:45:00.000Z',
        localStart: '09:00',
        localEnd: '09:45',
        minutes: 45,
        status: 'confirmed',
        customerId: 'c1',
        fleetId: null,
        plate: 'DW1AB23',
        services: [{ code: 'TYRE-CHANGE', minutes: 45 }],
        channel: 'customer_online',
        bookedBy: 'c1',
      },
    )
    assert.deepEqual(counts(await days.findOne({ _id: 'wro-1:2026-03-03' })), {
      bookedMinutes: 45,
      bookings: 1,
      cancelled: 0,
      noShows: 0,
    })
  })

  it('moves the entry and its minutes when a booking is rescheduled to another day, and within a day', async () => {
    const log = await wroclaw()
    must(await log.book({ bookingId: 'b1', pointId: 'wro-1', date: '2026-03-03', time: '09:00' }))
    must(await log.book({ bookingId: 'b2', pointId: 'wro-1', date: '2026-03-03', time: '11:00', minutes: 30 }))
    must(await log.reschedule('b1', '2026-03-05', '14:00'))
    const moved = await calendar(log)
    const b1 = await moved.entries.findOne({ _id: 'b1' })
    assert.equal(b1?.date, '2026-03-05')
    assert.equal(b1?.localStart, '14:00')
    assert.equal(b1?.start, '2026-03-05T13:00:00.000Z')
    assert.equal(b1?.rescheduleCount, 1)
    assert.equal(b1?.status, 'confirmed', 'rescheduling keeps the status')
    assert.deepEqual(counts(await moved.days.findOne({ _id: 'wro-1:2026-03-03' })), {
      bookedMinutes: 30,
      bookings: 1,
      cancelled: 0,
      noShows: 0,
    })
    assert.deepEqual(counts(await moved.days.findOne({ _id: 'wro-1:2026-03-05' })), {
      bookedMinutes: 60,
      bookings: 1,
      cancelled: 0,
      noShows: 0,
    })
    assert.deepEqual(
      (await moved.entries.find({ pointId: 'wro-1', date: '2026-03-03' })).map((e) => e._id),
      ['b2'],
    )

    // back, and then later the same day: the day schedule releases and reserves in one decision
    must(await log.reschedule('b1', '2026-03-03', '15:00'))
    must(await log.reschedule('b1', '2026-03-03', '16:30'))
    const back = await calendar(log)
    const again = await back.entries.findOne({ _id: 'b1' })
    assert.equal(again?.date, '2026-03-03')
    assert.equal(again?.localStart, '16:30')
    assert.equal(again?.localEnd, '17:30')
    assert.equal(again?.bayId, bookingState(log, 'b1').slot?.bayId)
    assert.equal(again?.rescheduleCount, 3)
    assert.deepEqual(counts(await back.days.findOne({ _id: 'wro-1:2026-03-03' })), {
      bookedMinutes: 90,
      bookings: 2,
      cancelled: 0,
      noShows: 0,
    })
    assert.deepEqual(counts(await back.days.findOne({ _id: 'wro-1:2026-03-05' })), {
      bookedMinutes: 0,
      bookings: 0,
      cancelled: 0,
      noShows: 0,
    })
  })

  it('keeps status current through cancel, check-in, completion and no-show; only held visits count', async () => {
    const log = await wroclaw()
    for (const [bookingId, time] of [
      ['cancelled', '08:00'],
      ['done', '09:00'],
      ['arrived', '10:00'],
      ['missing', '11:00'],
      ['waiting', '13:00'],
    ] as const)
      must(await log.book({ bookingId, pointId: 'wro-1', date: '2026-03-04', time, confirm: bookingId !== 'waiting' }))
    must(await log.cancel('cancelled'))
    must(await log.checkIn('done'))
    must(await log.complete('done'))
    must(await log.checkIn('arrived'))
    must(await log.noShow('missing'))

    const { entries, days } = await calendar(log)
    const status = Object.fromEntries((await entries.find({ pointId: 'wro-1' })).map((e) => [e._id, e.status]))
    assert.deepEqual(status, {
      cancelled: 'cancelled',
      done: 'completed',
      arrived: 'checked_in',
      missing: 'no_show',
      waiting: 'requested',
    })
    const done = await entries.findOne({ _id: 'done' })
    assert.equal(done?.checkedInAt, '2026-03-04T08:00:00.000Z')
    assert.equal(done?.completedAt, '2026-03-04T09:00:00.000Z')
    assert.equal((await entries.findOne({ _id: 'cancelled' }))?.cancelReason, 'changed plans')
    assert.deepEqual(counts(await days.findOne({ _id: 'wro-1:2026-03-04' })), {
      bookedMinutes: 180, // done, arrived, waiting
      bookings: 3,
      cancelled: 1,
      noShows: 1,
    })
  })

  it('answers a customer’s and a fleet’s bookings across points in time order', async () => {
    const log = await wroclaw()
    await log.openPoint({ pointId: 'waw-1', name: 'Warszawa', city: 'Warszawa', lat: 52.2, lon: 21.0 })
    must(await log.book({ bookingId: 'b1', pointId: 'waw-1', date: '2026-03-06', time: '09:00', customerId: 'c1' }))
    must(await log.book({ bookingId: 'b2', pointId: 'wro-1', date: '2026-03-03', time: '09:00', customerId: 'c1' }))
    must(await log.book({ bookingId: 'b3', pointId: 'wro-1', date: '2026-03-03', time: '09:00', fleetId: 'f1' }))
    must(await log.book({ bookingId: 'b4', pointId: 'waw-1', date: '2026-03-02', time: '13:00', fleetId: 'f1' }))
    must(await log.book({ bookingId: 'b5', pointId: 'waw-1', date: '2026-03-02', time: '13:00', customerId: 'c2' }))
    const { entries } = await calendar(log)
    const ids = (docs: CalendarEntryView[]) => docs.map((d) => d._id)
    assert.deepEqual(ids(await entries.find({ customerId: 'c1' }, { sort: { start: 1 } })), ['b2', 'b1'])
    assert.deepEqual(ids(await entries.find({ fleetId: 'f1' }, { sort: { start: 1 } })), ['b4', 'b3'])
  })
})
