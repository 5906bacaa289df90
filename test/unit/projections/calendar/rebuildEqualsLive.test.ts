// Property: for generated histories of a service network (points edited, catalogue changed,
// bookings made, moved across days, cancelled, checked in, completed, missed), every read model
// of this context built live (runners following the log while it is written, in random batch
// sizes) equals its rebuild from the log, and both agree with the deciders' own states.
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { ManualClock } from '../../../../application/leases/clock.js'
import type { CalendarDayView, CalendarEntryView } from '../../../../application/queries/calendarViews.js'
import type { ServicePointView } from '../../../../application/queries/servicePointView.js'
import type { VehicleVisitView } from '../../../../application/queries/vehicleVisitView.js'
import type { Bay } from '../../../../domain/service-network/events.js'
import { addDays } from '../../../../domain/shared/localTime.js'
import { MemoryDocumentStore } from '../../../../infrastructure/documents/memory/memoryDocumentStore.js'
import { calendarProjection } from '../../../../projections/calendar/calendarProjection.js'
import { rebuildProjection } from '../../../../projections/rebuild.js'
import { catalogueProjection } from '../../../../projections/serviceNetwork/catalogueProjection.js'
import { servicePointsProjection } from '../../../../projections/serviceNetwork/servicePointsProjection.js'
import { vehicleVisitsProjection } from '../../../../projections/serviceNetwork/vehicleVisitsProjection.js'
import { dumpReadModel } from '../../projections/support/readModelDump.js'
import { PLN, runFlat, seasonalChange, sensor, valve } from '../serviceNetwork/support/catalogueItems.js'
import { bookingState, HQ, NETWORK, NetworkLog } from '../serviceNetwork/support/networkLog.js'
import { projectLiveWhileWriting } from '../support/projectLiveWhileWriting.js'

/** Few booking ids, so later steps often find the booking an earlier step made. */
const BOOKINGS = 5
const PROJECTIONS = [servicePointsProjection, catalogueProjection, vehicleVisitsProjection, calendarProjection]
const POINTS = ['wro-1', 'waw-1'] as const
const MONDAY = '2026-03-02'
const EXTRA_BAY: Bay = { bayId: 'bay-x', name: 'Extra', capabilities: { features: ['passenger'], rimMaxInches: 18 } }

type Op =
  | {
      kind: 'book'
      id: number
      point: number
      day: number
      slot: number
      minutes: number
      who: 'c1' | 'c2' | 'f1' | 'walk-in'
      plate: string
      confirm: boolean
    }
  | { kind: 'reschedule'; id: number; day: number; slot: number }
  | { kind: 'cancel' | 'checkIn' | 'complete' | 'noShow' | 'confirm'; id: number }
  | { kind: 'rename'; point: number; name: string }
  | { kind: 'closeDay' | 'reopenDay'; point: number; day: number }
  | { kind: 'addBay' | 'removeBay' | 'deactivate' | 'reactivate'; point: number }
  | { kind: 'manager'; point: number; managerId: string | null }
  | { kind: 'catalogue'; action: 'add' | 'change' | 'retire'; item: number }

const id = fc.integer({ min: 0, max: BOOKINGS - 1 })
const point = fc.integer({ min: 0, max: 1 })
const day = fc.integer({ min: 0, max: 6 })
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('book' as const),
      id,
      point,
      day,
      slot: fc.integer({ min: 0, max: 18 }),
      minutes: fc.constantFrom(30, 45, 60, 90),
      who: fc.constantFrom('c1' as const, 'c2' as const, 'f1' as const, 'walk-in' as const),
      plate: fc.constantFrom('DW 1AB23', 'WA 12345', 'KR 9XY12'),
      confirm: fc.boolean(),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('reschedule' as const),
      id,
      day,
      slot: fc.integer({ min: 0, max: 18 }),
    }),
  },
  {
    weight: 7,
    arbitrary: fc.record({
      kind: fc.constantFrom(
        'cancel' as const,
        'checkIn' as const,
        'complete' as const,
        'noShow' as const,
        'confirm' as const,
      ),
      id,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('rename' as const),
      point,
      name: fc.constantFrom('Łódź Górna', 'Kraków', 'Nowy'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('closeDay' as const, 'reopenDay' as const), point, day }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constantFrom('addBay' as const, 'removeBay' as const, 'deactivate' as const, 'reactivate' as const),
      point,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('manager' as const),
      point,
      managerId: fc.constantFrom('mgr-1', 'mgr-2', null),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('catalogue' as const),
      action: fc.constantFrom('add' as const, 'change' as const, 'retire' as const),
      item: fc.integer({ min: 0, max: 3 }),
    }),
  },
)

/** Runs one generated step through the deciders; refusals are part of life and simply skipped. */
async function perform(log: NetworkLog, step: Op): Promise<void> {
  const pointOf = (n: number) => POINTS[n] as string
  const time = (slot: number) => {
    const minutes = 8 * 60 + slot * 30
    return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
  }
  const bookingId = (n: number) => `bk-${n}`
  switch (step.kind) {
    case 'book':
      await log.book(
        {
          bookingId: bookingId(step.id),
          pointId: pointOf(step.point),
          date: addDays(MONDAY, step.day),
          time: time(step.slot),
          minutes: step.minutes,
          customerId: step.who === 'c1' || step.who === 'c2' ? step.who : null,
          fleetId: step.who === 'f1' ? 'f1' : null,
          plate: step.plate,
          confirm: step.confirm,
        },
        step.who === 'f1' ? { id: 'fm-1', role: 'fleet_manager' } : HQ,
      )
      return
    case 'reschedule':
      await log.reschedule(bookingId(step.id), addDays(MONDAY, step.day), time(step.slot))
      return
    case 'cancel':
      await log.cancel(bookingId(step.id))
      return
    case 'checkIn':
      await log.checkIn(bookingId(step.id))
      return
    case 'complete':
      await log.complete(bookingId(step.id))
      return
    case 'noShow':
      await log.noShow(bookingId(step.id))
      return
    case 'confirm':
      await log.booking({ kind: 'ConfirmBooking', bookingId: bookingId(step.id) })
      return
    case 'rename': {
      const p = log.pointState(pointOf(step.point))
      await log.point(pointOf(step.point), {
        kind: 'ChangeServicePointDetails',
        actor: HQ,
        name: step.name,
        address: p.address,
        geo: p.geo,
        contacts: p.contacts,
      })
      return
    }
    case 'closeDay':
      await log.point(pointOf(step.point), {
        kind: 'SetOpeningHoursException',
        actor: HQ,
        date: addDays(MONDAY, step.day),
        hours: [],
        note: 'closed',
      })
      return
    case 'reopenDay':
      await log.point(pointOf(step.point), {
        kind: 'RemoveOpeningHoursException',
        actor: HQ,
        date: addDays(MONDAY, step.day),
      })
      return
    case 'addBay':
      await log.point(pointOf(step.point), { kind: 'AddBay', actor: HQ, bay: EXTRA_BAY })
      return
    case 'removeBay':
      await log.point(pointOf(step.point), { kind: 'RemoveBay', actor: HQ, bayId: EXTRA_BAY.bayId })
      return
    case 'deactivate':
      await log.point(pointOf(step.point), { kind: 'DeactivateServicePoint', actor: HQ, reason: 'inventory' })
      return
    case 'reactivate':
      await log.point(pointOf(step.point), { kind: 'ReactivateServicePoint', actor: HQ })
      return
    case 'manager':
      await log.point(
        pointOf(step.point),
        step.managerId === null
          ? { kind: 'UnassignManager', actor: HQ }
          : { kind: 'AssignManager', actor: HQ, managerId: step.managerId },
      )
      return
    case 'catalogue': {
      const services = [seasonalChange, runFlat]
      const goods = [valve, sensor]
      const service = services[step.item % 2]
      const item = goods[step.item % 2]
      if (!service || !item) return
      if (step.item < 2) {
        if (step.action === 'add') await log.catalogue({ kind: 'AddService', networkId: NETWORK, service })
        else if (step.action === 'change')
          await log.catalogue({ kind: 'ChangeService', networkId: NETWORK, service: { ...service, price: PLN(99) } })
        else await log.catalogue({ kind: 'RetireService', networkId: NETWORK, code: service.code })
      } else if (step.action === 'add') await log.catalogue({ kind: 'AddGoods', networkId: NETWORK, goods: item })
      else if (step.action === 'change')
        await log.catalogue({ kind: 'ChangeGoods', networkId: NETWORK, goods: { ...item, price: PLN(7) } })
      else await log.catalogue({ kind: 'RetireGoods', networkId: NETWORK, sku: item.sku })
      return
    }
  }
}

/** The read models must say what the deciders' states say. */
function assertAgreesWithDeciders(log: NetworkLog, dumps: Array<Record<string, unknown[]>>): void {
  const [points, , visits, calendar] = dumps as [
    { points: ServicePointView[] },
    unknown,
    { vehicles: VehicleVisitView[] },
    { entries: CalendarEntryView[]; days: CalendarDayView[] },
  ]
  for (const p of points.points) {
    const state = log.pointState(p._id)
    assert.equal(p.name, state.name)
    assert.equal(p.active, state.status === 'active')
    assert.deepEqual(p.managerIds, state.managerId === null ? [] : [state.managerId])
    assert.deepEqual(
      p.bays.map((b) => b.bayId),
      state.bays.map((b) => b.bayId),
    )
    assert.deepEqual(
      p.exceptions.map((e) => e.date),
      Object.keys(state.exceptions).sort(),
    )
  }
  const minutesByDay = new Map<string, number>()
  const visitsByPlate = new Map<string, number>()
  for (let n = 0; n < BOOKINGS; n++) {
    const state = bookingState(log, `bk-${n}`)
    const entry = calendar.entries.find((e) => e._id === `bk-${n}`)
    if (state.status === 'none') {
      assert.equal(entry, undefined)
      continue
    }
    assert.ok(entry, `bk-${n} is on the calendar`)
    assert.equal(entry.status, state.status)
    assert.deepEqual({ bayId: entry.bayId, staffId: entry.staffId, start: entry.start, end: entry.end }, state.slot)
    assert.equal(entry.rescheduleCount, state.rescheduleCount)
    if (['requested', 'confirmed', 'checked_in', 'completed'].includes(state.status)) {
      const key = `${entry.pointId}:${entry.date}`
      minutesByDay.set(key, (minutesByDay.get(key) ?? 0) + state.durationMinutes)
    }
    if (state.status === 'checked_in' || state.status === 'completed')
      visitsByPlate.set(entry.plate, (visitsByPlate.get(entry.plate) ?? 0) + 1)
  }
  for (const d of calendar.days) assert.equal(d.bookedMinutes, minutesByDay.get(d._id) ?? 0, d._id)
  for (const [key, minutes] of minutesByDay)
    assert.ok(
      calendar.days.some((d) => d._id === key && d.bookedMinutes === minutes),
      key,
    )
  assert.deepEqual(
    Object.fromEntries(visits.vehicles.map((v) => [v._id, v.visitCount])),
    Object.fromEntries([...visitsByPlate].sort()),
  )
}

describe('property: this context’s read models rebuild exactly as they were built live', () => {
  it('servicePoints, catalogue, vehicleVisits and calendar over generated network histories', async function () {
    this.timeout(60_000)
    const seen = { entries: 0, moved: 0, visits: 0, statuses: new Set<string>() }
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(op, { minLength: 2, maxLength: 12 }), { minLength: 2, maxLength: 6 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 50 }),
        async (chunks, batchSize, pageSize) => {
          const log = new NetworkLog()
          await log.openPoint({ pointId: 'wro-1', name: 'Wrocław', city: 'Wrocław', lat: 51.1, lon: 17.03 }, MONDAY, 7)
          await log.openPoint({ pointId: 'waw-1', name: 'Warszawa', city: 'Warszawa', lat: 52.2, lon: 21.0 }, MONDAY, 7)
          const documents = new MemoryDocumentStore()
          const clock = new ManualClock()
          await projectLiveWhileWriting({
            projections: PROJECTIONS,
            events: log.events,
            documents,
            clock,
            batchSize,
            chunks,
            perform: (step) => perform(log, step),
          })
          const live = await Promise.all(PROJECTIONS.map((p) => dumpReadModel(documents, p)))
          assertAgreesWithDeciders(log, live)

          for (const projection of PROJECTIONS)
            await rebuildProjection({ projection, events: log.events, documents, clock, pageSize, retireDelayMs: 0 })
          const rebuilt = await Promise.all(PROJECTIONS.map((p) => dumpReadModel(documents, p)))
          assert.deepEqual(rebuilt, live)
          const entries = (live[3] as { entries: CalendarEntryView[] }).entries
          seen.entries += entries.length
          seen.moved += entries.filter((e) => e.rescheduleCount > 0).length
          seen.statuses = new Set([...seen.statuses, ...entries.map((e) => e.status)])
          seen.visits += (live[2] as { vehicles: unknown[] }).vehicles.length
        },
      ),
      { numRuns: 50 },
    )
    // The generator must reach the interesting cases, or the property proves little.
    assert.ok(seen.entries > 50, `bookings on calendars: ${seen.entries}`)
    assert.ok(seen.moved > 5, `rescheduled bookings: ${seen.moved}`)
    assert.ok(seen.visits > 3, `cars with visits: ${seen.visits}`)
    for (const status of ['requested', 'confirmed', 'cancelled', 'checked_in', 'completed', 'no_show'])
      assert.ok(seen.statuses.has(status), `some booking ends ${status}`)
  })
})
