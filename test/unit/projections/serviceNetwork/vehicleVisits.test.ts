import assert from 'node:assert/strict'
import { VEHICLE_VISITS, type VehicleVisitView } from '../../../../application/queries/vehicleVisitView.js'
import { vehicleVisitsProjection } from '../../../../projections/serviceNetwork/vehicleVisitsProjection.js'
import { must, NetworkLog } from './support/networkLog.js'
import { project } from './support/project.js'

describe('vehicleVisits projection', () => {
  it('counts check-ins per normalised plate and remembers the last visited point', async () => {
    const log = new NetworkLog()
    await log.openPoint({ pointId: 'wro-1', name: 'Wrocław', city: 'Wrocław', lat: 51.1, lon: 17.03 })
    await log.openPoint({ pointId: 'waw-1', name: 'Warszawa', city: 'Warszawa', lat: 52.2, lon: 21.0 })
    // The same car, its plate typed three ways: bookings normalise it.
    must(await log.book({ bookingId: 'b1', pointId: 'wro-1', date: '2026-03-03', time: '09:00', plate: 'dw 1ab23' }))
    must(await log.book({ bookingId: 'b2', pointId: 'waw-1', date: '2026-03-05', time: '10:00', plate: 'DW1AB23' }))
    must(await log.book({ bookingId: 'b3', pointId: 'wro-1', date: '2026-03-06', time: '10:00', plate: 'DW 1AB23' }))
    must(await log.book({ bookingId: 'b4', pointId: 'wro-1', date: '2026-03-04', time: '10:00', plate: 'WA 12345' }))
    must(await log.checkIn('b1'))
    must(await log.complete('b1'))
    must(await log.checkIn('b2'))
    must(await log.cancel('b3')) // cancelled: no visit
    must(await log.noShow('b4')) // no-show: no visit

    const { readModels } = await project(log.events, [vehicleVisitsProjection])
    const vehicles = await readModels.collection<VehicleVisitView>(VEHICLE_VISITS.projection, VEHICLE_VISITS.vehicles)
    assert.deepEqual(await vehicles.findOne({ _id: 'DW1AB23' }), {
      _id: 'DW1AB23',
      plate: 'DW1AB23',
      plateCountry: 'PL',
      vehicleClass: 'passenger',
      visitCount: 2,
      lastPointId: 'waw-1',
      lastVisitAt: '2026-03-05T09:00:00.000Z',
      lastBookingId: 'b2',
    })
    assert.equal(await vehicles.findOne({ _id: 'WA12345' }), null)
    assert.equal(await vehicles.count({}), 1)
  })
})
