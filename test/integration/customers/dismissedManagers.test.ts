// A dismissed fleet manager (FleetManagerDismissed; DELETE /fleets/{id}/managers/{managerId} by the
// fleet's company account or head office) loses his access to the fleet: every route answers 403
// FLEET_MANAGER_DISMISSED with nothing written, and the services called directly treat him as
// restricted to no branch. A fleet_manager account never appointed keeps the fleet-wide access
// every fleet account has; appointed again, the dismissed manager gets his access back.
import assert from 'node:assert/strict'
import { isLeft } from 'fp-ts/lib/Either.js'
import { fleetStream } from '../../../domain/customer/fleetDecider.js'
import { type BusinessFixture, businessFixture, vehicleBody } from './support/businessFixture.js'

describe('dismissed fleet managers', function () {
  this.timeout(30_000)
  let f: BusinessFixture
  let car = ''
  const manager = () => f.call('fleet_manager_f1')
  const managerId = () => f.principal('fleet_manager_f1').id

  const appoint = async () => {
    const res = await f.call('fleet_f1').post('/fleets/f1/managers', {
      managerId: managerId(),
      name: 'Marta Zając',
      contacts: { email: 'marta@acme.example' },
      branchIds: null,
    })
    assert.equal(res.status, 201, JSON.stringify(res.body))
  }

  async function refusedEverywhere() {
    const before = await f.eventCount()
    for (const [what, res] of [
      ['GET /fleets/f1', await manager().get('/fleets/f1')],
      ['GET /fleets/f1/vehicles', await manager().get('/fleets/f1/vehicles')],
      ['GET ' + `/fleets/f1/dashboard`, await manager().get(`/fleets/f1/dashboard`)],
      ['GET /tickets', await manager().get('/tickets')],
      ['GET /contracts', await manager().get('/contracts')],
      ['POST /fleets/f1/vehicles', await manager().post('/fleets/f1/vehicles', vehicleBody(9, { branchId: 'waw' }))],
      [
        `POST /fleets/f1/vehicles/${car}/branch`,
        await manager().post(`/fleets/f1/vehicles/${car}/branch`, { branchId: 'krk' }),
      ],
      [
        'POST /tickets',
        await manager().post('/tickets', {
          subject: 'Noise',
          description: 'Humming.',
          equipmentId: car,
          pointId: 'p1',
        }),
      ],
    ] as const) {
      assert.equal(res.status, 403, `${what}: ${JSON.stringify(res.body)}`)
      assert.equal(res.body.code, 'FLEET_MANAGER_DISMISSED')
    }
    assert.equal(await f.eventCount(), before, 'nothing written')
  }

  before(async () => {
    f = await businessFixture()
    const res = await f.call('fleet_f1').post('/fleets/f1/vehicles', vehicleBody(1, { branchId: 'waw' }))
    assert.equal(res.status, 201, JSON.stringify(res.body))
    car = res.body.vehicle.equipmentId
  })
  after(() => f.close())

  it('never appointed, a fleet_manager account sees the fleet', async () => {
    assert.equal((await manager().get('/fleets/f1/vehicles')).body.total, 1)
  })

  it('dismissed by the company account: every route refuses him, nothing written; others are unaffected', async () => {
    await appoint()
    assert.equal((await manager().get('/fleets/f1/vehicles')).status, 200)
    const dismissed = await f.call('fleet_f1').delete(`/fleets/f1/managers/${managerId()}`)
    assert.equal(dismissed.status, 200, JSON.stringify(dismissed.body))
    assert.equal(dismissed.body.managers.length, 0)
    await refusedEverywhere()
    // The services, called without the API's admission check, give him no branch.
    const by = f.principal('fleet_manager_f1')
    const list = await f.platform.fleets.vehicles(by, 'f1', {}, { limit: 10, offset: 0 })
    assert.ok(!isLeft(list) && list.right.total === 0, JSON.stringify(list))
    const moved = await f.platform.fleets.changeVehicles(
      by,
      'f1',
      { kind: 'AssignVehicleToBranch', equipmentId: car, branchId: 'krk' },
      f.at,
    )
    assert.ok(isLeft(moved) && moved.left.code === 'BRANCH_ACCESS_DENIED', JSON.stringify(moved))
    // The company account and head office still work.
    assert.equal((await f.call('fleet_f1').get('/fleets/f1/vehicles')).body.total, 1)
    assert.equal((await f.call('head_office').get('/fleets/f1/vehicles')).body.total, 1)
    // Dismissing him again: he does not manage the fleet.
    const again = await f.call('fleet_f1').delete(`/fleets/f1/managers/${managerId()}`)
    assert.equal(again.status, 404, JSON.stringify(again.body))
    assert.equal(again.body.code, 'FLEET_MANAGER_NOT_FOUND')
  })

  it('appointed again he has his access back; dismissed by head office he loses it again', async () => {
    await appoint()
    assert.equal((await manager().get('/fleets/f1/vehicles')).body.total, 1)
    assert.equal((await manager().get('/fleets/f1')).status, 200)
    const dismissed = await f.call('head_office').delete(`/fleets/f1/managers/${managerId()}`)
    assert.equal(dismissed.status, 200, JSON.stringify(dismissed.body))
    await refusedEverywhere()
    const types = (await f.events()).filter((e) => e.streamId === fleetStream('f1')).map((e) => e.type)
    assert.deepEqual(
      types.filter((t) => t.startsWith('FleetManager')),
      ['FleetManagerAppointed', 'FleetManagerDismissed', 'FleetManagerAppointed', 'FleetManagerDismissed'],
    )
  })

  it('a fleet manager may not dismiss (the company account’s and head office’s)', async () => {
    await appoint()
    const before = await f.eventCount()
    const res = await manager().delete(`/fleets/f1/managers/${managerId()}`)
    assert.equal(res.status, 403, JSON.stringify(res.body))
    assert.equal(await f.eventCount(), before)
  })
})
