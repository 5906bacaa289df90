// Contracts over HTTP: signing, the overlap check against other contracts' coverage (read model),
// invalid tiers, amendments and the terms as of a date, renewal, termination, due services, and
// who may see and change them.
import assert from 'node:assert/strict'
import { type BusinessFixture, businessFixture, vehicleBody } from '../customers/support/businessFixture.js'
import { fixedPrice, terms, tiered } from './support/terms.js'

describe('contracts over HTTP', () => {
  let f: BusinessFixture
  const v: string[] = []
  before(async () => {
    f = await businessFixture()
    for (let i = 1; i <= 3; i++) {
      const res = await f
        .call('fleet_f1')
        .post('/fleets/f1/vehicles', vehicleBody(i, { branchId: i === 3 ? 'krk' : 'waw' }))
      assert.equal(res.status, 201, JSON.stringify(res.body))
      v.push(res.body.vehicle.equipmentId)
    }
  })
  after(() => f.close())

  const sign = (body: Record<string, unknown>) =>
    f.call('head_office').post('/contracts', {
      holder: { kind: 'fleet', fleetId: 'f1' },
      currency: 'PLN',
      timeZone: 'Europe/Warsaw',
      validFrom: '2026-12-01',
      validTo: '2027-11-30',
      ...body,
    })

  async function refused(body: Record<string, unknown>, status: number, code: string) {
    const before = await f.eventCount()
    const res = await sign(body)
    assert.equal(res.status, status, JSON.stringify(res.body))
    assert.match(res.headers['content-type'] ?? '', /^application\/problem\+json/)
    assert.equal(res.body.code, code)
    assert.equal(await f.eventCount(), before, 'nothing written')
    return res.body
  }

  it('head office signs a contract for the fleet’s vehicles', async () => {
    const res = await sign({
      contractId: 'k1',
      contractNumber: 'UM/2026/0001',
      terms: terms([v[0] as string, v[1] as string], { TYRE_CHANGE: fixedPrice(9_000), BALANCING: tiered(600, 2400) }),
    })
    assert.equal(res.status, 201, JSON.stringify(res.body))
    assert.equal(res.body.periods.length, 1)
    assert.equal(res.body.status, 'active')
  })

  it('an overlapping contract (same vehicle, service and days) is refused naming each pair; nothing written', async () => {
    const body = await refused(
      {
        contractId: 'k2',
        validFrom: '2027-06-01',
        validTo: null,
        terms: terms([v[1] as string, v[2] as string], { TYRE_CHANGE: fixedPrice(8_000) }),
      },
      409,
      'CONTRACT_COVERAGE_OVERLAPS',
    )
    assert.deepEqual(body.errors, [
      {
        path: 'terms.coverage',
        message: `${v[1]} / TYRE_CHANGE is already covered by contract k1 from 2027-06-01 to 2027-11-30`,
      },
    ])
  })

  it('another service, or the days after, do not overlap', async () => {
    let res = await sign({
      contractId: 'k3',
      terms: terms([v[1] as string, v[2] as string], { FULL_RESTORATION: fixedPrice(50_000) }),
    })
    assert.equal(res.status, 201, JSON.stringify(res.body))
    res = await sign({
      contractId: 'k4',
      validFrom: '2027-12-01',
      validTo: null,
      terms: terms([v[1] as string], { TYRE_CHANGE: fixedPrice(8_500) }),
    })
    assert.equal(res.status, 201, JSON.stringify(res.body))
  })

  it('a renewal into a later contract’s days is refused as an overlap too', async () => {
    const before = await f.eventCount()
    const res = await f.call('head_office').post('/contracts/k1/renewal', { validTo: '2028-11-30', terms: null })
    assert.equal(res.status, 409, JSON.stringify(res.body))
    assert.equal(res.body.code, 'CONTRACT_COVERAGE_OVERLAPS')
    assert.equal(await f.eventCount(), before)
  })

  it('a price tier with its limit below the free hours is invalid, named by field; nothing written', async () => {
    const body = await refused(
      { contractId: 'k5', terms: terms([v[2] as string], { RUN_FLAT: tiered(600, 300) }) },
      422,
      'CONTRACT_INVALID',
    )
    assert.deepEqual(body.errors, [
      {
        path: 'terms.priceList[0].term.limitMinutes',
        message: 'the tier limit (300 min) must not be below the free minutes (600 min)',
      },
    ])
  })

  it('a fleet’s contract covers only the fleet’s vehicles in service', async () => {
    const body = await refused(
      { contractId: 'k6', terms: terms(['someone-elses-car'], { RUN_FLAT: fixedPrice(1) }) },
      422,
      'CONTRACT_INVALID',
    )
    assert.match(body.errors[0].message, /not a vehicle in service of fleet f1/)
  })

  it('amendments take effect from the 1st of a month; the terms as of any date, and as known at a moment', async () => {
    await f.advanceClock(60)
    const res = await f.call('head_office').post('/contracts/k1/amendments', {
      amendmentId: 'a1',
      effectiveFrom: '2027-03-01',
      reason: 'new price of tyre changes',
      terms: terms([v[0] as string, v[1] as string], { TYRE_CHANGE: fixedPrice(9_900), BALANCING: tiered(600, 2400) }),
    })
    assert.equal(res.status, 201, JSON.stringify(res.body))
    assert.equal(res.body.periods.length, 2)
    const feb = await f.call('fleet_manager_f1').get('/contracts/k1?asOf=2027-02-28')
    assert.equal(feb.body.asOf.terms.priceList[0].term.pricePerServiceMinor, 9_000)
    const march = await f.call('fleet_manager_f1').get('/contracts/k1?asOf=2027-03-01')
    assert.equal(march.body.asOf.terms.priceList[0].term.pricePerServiceMinor, 9_900)
    const known = await f.call('head_office').get('/contracts/k1?asOf=2027-03-01&knownAt=2026-11-26T08:00:30.000Z')
    assert.equal(known.body.asOf.terms.priceList[0].term.pricePerServiceMinor, 9_000, 'the amendment was not known yet')
    const outside = await f.call('head_office').get('/contracts/k1?asOf=2025-01-01')
    assert.equal(outside.body.asOf, null)
    const bad = await f.call('head_office').post('/contracts/k1/amendments', {
      effectiveFrom: '2027-03-15',
      reason: 'x',
      terms: terms([v[0] as string], { TYRE_CHANGE: fixedPrice(1) }),
    })
    assert.equal(bad.status, 422)
    assert.match(bad.body.errors[0].message, /1st of a month/)
  })

  it('termination ends the contract; a terminated contract changes no more', async () => {
    let res = await f
      .call('head_office')
      .post('/contracts/k3/termination', { lastDay: '2027-01-31', reason: 'fleet sold' })
    assert.equal(res.status, 200, JSON.stringify(res.body))
    assert.equal(res.body.validTo, '2027-01-31')
    res = await f.call('head_office').post('/contracts/k3/renewal', { validTo: '2028-01-31', terms: null })
    assert.equal(res.status, 409)
    assert.equal(res.body.code, 'CONTRACT_TERMINATED')
  })

  it('due services of the schedule', async () => {
    const res = await sign({
      contractId: 'k7',
      terms: terms(
        [v[2] as string],
        { INSPECTION: fixedPrice(20_000) },
        {
          schedule: [
            {
              scheduleId: 's1',
              serviceCode: 'INSPECTION',
              equipmentIds: null,
              rule: { kind: 'every_months', months: 6, firstDue: '2027-01-15' },
            },
          ],
        },
      ),
    })
    assert.equal(res.status, 201, JSON.stringify(res.body))
    const due = await f.call('fleet_f1').get('/contracts/k7/due-services?from=2027-01-01&to=2027-12-31')
    assert.deepEqual(
      due.body.map((d: { dueDate: string }) => d.dueDate),
      ['2027-01-15', '2027-07-15'],
    )
  })

  it('holders and head office see contracts; nobody else; only head office changes them', async () => {
    await f.settle()
    const mine = await f.call('fleet_manager_f1').get('/contracts')
    assert.equal(mine.status, 200)
    assert.deepEqual(mine.body.items.map((c: { contractId: string }) => c.contractId).sort(), ['k1', 'k3', 'k4', 'k7'])
    assert.equal((await f.call('customer').get('/contracts/k1')).status, 403)
    assert.equal((await f.call('employee_p1').get('/contracts/k1')).status, 403)
    assert.equal((await f.call('customer').get('/contracts?fleetId=f1')).status, 403)
    const bySelf = await f.call('fleet_f1').post('/contracts/k1/termination', { lastDay: '2027-05-31', reason: 'x' })
    assert.equal(bySelf.status, 403)
    assert.equal(bySelf.body.code, 'ROLE_NOT_ALLOWED')
    assert.equal((await f.call('head_office').get('/contracts/nope')).status, 404)
  })
})
