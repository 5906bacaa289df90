// A small network for the read-route tests: p1 (Wrocław, 3 bays) and p2 (Łódź, 1 bay) open, p3
// closed; a catalogue with a retired service; bookings of customer c1, fleets f1 and f2 and others,
// one cancelled and one moved from Monday to Wednesday. Written through the deciders.
import { calendarProjection } from '../../../../projections/calendar/calendarProjection.js'
import { catalogueProjection } from '../../../../projections/serviceNetwork/catalogueProjection.js'
import { servicePointsProjection } from '../../../../projections/serviceNetwork/servicePointsProjection.js'
import { vehicleVisitsProjection } from '../../../../projections/serviceNetwork/vehicleVisitsProjection.js'
import {
  PLN,
  runFlat,
  seasonalChange,
  sensor,
  valve,
} from '../../../unit/projections/serviceNetwork/support/catalogueItems.js'
import { HQ, must, NETWORK, NetworkLog } from '../../../unit/projections/serviceNetwork/support/networkLog.js'

export const READ_PROJECTIONS = [
  servicePointsProjection,
  catalogueProjection,
  vehicleVisitsProjection,
  calendarProjection,
]

export const MONDAY = '2026-03-02'
export const TUESDAY = '2026-03-03'

export async function network(): Promise<NetworkLog> {
  const log = new NetworkLog()
  await log.openPoint({ pointId: 'p1', name: 'Wrocław Krzyki', city: 'Wrocław', lat: 51.08, lon: 17.01 }, MONDAY, 7)
  await log.openPoint(
    {
      pointId: 'p2',
      name: 'Łódź Bałuty',
      city: 'Łódź',
      lat: 51.8,
      lon: 19.45,
      bays: [{ bayId: 'b1', name: 'Jedyne', capabilities: { features: ['passenger', 'run_flat'], rimMaxInches: 18 } }],
    },
    MONDAY,
    7,
  )
  await log.openPoint({ pointId: 'p3', name: 'Wrocław Stare', city: 'Wrocław', lat: 51.11, lon: 17.03 }, MONDAY, 0)
  must(await log.point('p3', { kind: 'DeactivateServicePoint', actor: HQ, reason: 'moved' }))
  for (const command of [
    { kind: 'AddService' as const, networkId: NETWORK, service: seasonalChange },
    { kind: 'AddService' as const, networkId: NETWORK, service: runFlat },
    { kind: 'RetireService' as const, networkId: NETWORK, code: runFlat.code },
    { kind: 'AddGoods' as const, networkId: NETWORK, goods: valve },
    { kind: 'AddGoods' as const, networkId: NETWORK, goods: { ...sensor, price: PLN(150) } },
  ])
    must(await log.catalogue(command))
  const customer = { id: 'c1', role: 'customer' as const }
  must(await log.book({ bookingId: 'c1-mon', pointId: 'p1', date: MONDAY, time: '09:00', customerId: 'c1' }, customer))
  must(await log.book({ bookingId: 'c1-tue', pointId: 'p1', date: TUESDAY, time: '10:00', customerId: 'c1' }, customer))
  must(await log.book({ bookingId: 'c1-p2', pointId: 'p2', date: TUESDAY, time: '08:00', customerId: 'c1' }, customer))
  must(await log.book({ bookingId: 'f1-mon', pointId: 'p1', date: MONDAY, time: '09:00', fleetId: 'f1', minutes: 90 }))
  must(await log.book({ bookingId: 'f2-mon', pointId: 'p1', date: MONDAY, time: '13:00', fleetId: 'f2', minutes: 30 }))
  must(await log.book({ bookingId: 'c2-p2', pointId: 'p2', date: TUESDAY, time: '10:00', customerId: 'c2' }))
  must(await log.book({ bookingId: 'gone', pointId: 'p1', date: MONDAY, time: '15:00', customerId: 'c2' }))
  must(await log.cancel('gone'))
  // moved from Monday to Wednesday: it must leave Monday's calendar and minutes
  must(await log.book({ bookingId: 'moved', pointId: 'p1', date: MONDAY, time: '16:00', customerId: 'c2' }))
  must(await log.reschedule('moved', '2026-03-04', '08:00'))
  return log
}
