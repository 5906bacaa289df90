// 50 clients race for the last free slot of a day through the real HTTP server on the embedded
// SQLite stores: exactly one gets it, the others a 409 with the nearest free alternatives, and the
// day's capacity stream records exactly one reservation of that slot.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isRight } from 'fp-ts/lib/Either.js'
import { type ServerHandle, startServer } from '../../../api/server.js'
import type { Principal } from '../../../domain/access/principal.js'
import { addDays, type LocalDate, weekdayOf } from '../../../domain/shared/localTime.js'
import { composePlatform, type Platform } from '../../../infrastructure/composition.js'
import { loadConfig } from '../../../infrastructure/config.js'
import { JoseTokenService } from '../../../infrastructure/security/joseTokenService.js'
import { GOODS, pointInput, SERVICES } from './support/networkFixture.js'

const SECRET = 'concurrency-test-secret-long-enough-for-hs256'
const CLIENTS = 50

describe('50 concurrent bookings of the last free slot (HTTP, SQLite)', function () {
  this.timeout(60_000)
  let dataDir: string
  let platform: Platform
  let server: ServerHandle
  let date: LocalDate

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'booking-race-'))
    const config = loadConfig({
      DATA_DIR: dataDir,
      TOKEN_SECRET: SECRET,
      SQLITE_SYNCHRONOUS: 'NORMAL',
      LOG_REQUESTS: '0',
    })
    platform = await composePlatform(config, { runProjections: false })
    server = await startServer(platform.app, 0, () => platform.close())
    // A working day a few days ahead (Mon–Sat), so alternatives exist on both sides.
    date = addDays(new Date().toISOString().slice(0, 10), 3)
    if (weekdayOf(date) === 'sun') date = addDays(date, 1)

    const boss: Principal = { id: 'hq', role: 'head_office', tenant: { scope: 'network' } } as Principal
    const meta = () => ({ correlationId: 'setup', causationId: null, now: new Date().toISOString() })
    const ok = (r: { _tag: string }) => assert.ok(isRight(r as never), JSON.stringify(r))
    const { network } = platform
    for (const service of SERVICES) ok(await network.catalogue.change(boss, { kind: 'AddService', service }, meta()))
    for (const goods of GOODS) ok(await network.catalogue.change(boss, { kind: 'AddGoods', goods }, meta()))
    const open = [{ from: '08:00', to: '10:00' }]
    ok(
      await network.points.create(
        boss,
        {
          ...pointInput('race', 'Łódź', 51.7592, 19.456, null),
          weeklyHours: { mon: open, tue: open, wed: open, thu: open, fri: open, sat: open, sun: [] },
          bays: [{ bayId: 'bay-1', name: 'Jedyne', capabilities: { features: ['passenger'], rimMaxInches: null } }],
        },
        meta(),
      ),
    )
    const shifts = Array.from({ length: 14 }, (_, i) => addDays(date, i - 7)).map((d) => ({
      kind: 'PlanShift' as const,
      shiftId: `ola-${d}`,
      staffId: 'ola',
      date: d,
      hours: { from: '08:00', to: '10:00' },
    }))
    ok(
      await network.staff.change(
        boss,
        'race',
        [{ kind: 'RegisterStaffMember', staffId: 'ola', name: 'Ola', skills: ['tyre_fitting'] }, ...shifts],
        meta(),
      ),
    )
    // 08:00 is booked already: 09:00 is the day's last free slot.
    const first = await network.bookings.create(
      boss,
      {
        pointId: 'race',
        services: ['TYRE_CHANGE'],
        date,
        time: '08:00',
        vehicle: { plate: 'EL 12345', vehicleClass: 'passenger' },
        customer: { name: 'Pierwszy', phone: '+48 600 000 000' },
      },
      meta(),
    )
    ok(first)
  })

  after(async () => {
    await server?.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('exactly one 201; 49 × 409 with alternatives; one reservation in the schedule stream', async () => {
    const tokens = new JoseTokenService({ secret: SECRET, ttlSeconds: 600 })
    const bearers = await Promise.all(
      Array.from({ length: CLIENTS }, async (_, i) => {
        const customer: Principal = {
          id: `account-${i}`,
          role: 'customer',
          tenant: { scope: 'customer', customerId: `customer-${i}` },
        } as Principal
        return `Bearer ${(await tokens.issue(customer, new Date())).token}`
      }),
    )
    const answers = await Promise.all(
      bearers.map(async (authorization, i) => {
        const res = await fetch(`${server.url}/bookings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization },
          body: JSON.stringify({
            pointId: 'race',
            services: ['TYRE_CHANGE'],
            date,
            time: '09:00',
            vehicle: { plate: `EL ${String(10000 + i)}`, vehicleClass: 'passenger' },
          }),
        })
        return { status: res.status, body: (await res.json()) as Record<string, unknown> }
      }),
    )
    const won = answers.filter((a) => a.status === 201)
    const lost = answers.filter((a) => a.status === 409)
    assert.equal(won.length, 1, JSON.stringify(answers.filter((a) => a.status !== 409)))
    assert.equal(lost.length, CLIENTS - 1, JSON.stringify(answers.filter((a) => a.status !== 201 && a.status !== 409)))
    for (const { body } of lost) {
      assert.ok(['SLOT_TAKEN', 'CONFLICT_RETRIES_EXHAUSTED'].includes(String(body.code)), JSON.stringify(body))
      const alternatives = body.alternatives as { before: Array<{ date: string }>; after: Array<{ date: string }> }
      assert.equal(alternatives.before.length, 3, JSON.stringify(body))
      assert.equal(alternatives.after.length, 3, JSON.stringify(body))
      assert.ok(alternatives.after.every((s) => s.date > date))
    }

    const reservations: Array<{ start: string; bookingId: string }> = []
    for await (const e of platform.stores.eventStore.readStream(`schedule-race-${date}`))
      if (e.type === 'SlotReserved') reservations.push(e.data as { start: string; bookingId: string })
    const winner = won[0]?.body as { bookingId: string; localTime: string; slot: { start: string } }
    assert.equal(winner.localTime, '09:00')
    const atNine = reservations.filter((r) => r.start === winner.slot.start)
    assert.equal(reservations.length, 2, 'the 08:00 booking and the winner')
    assert.equal(atNine.length, 1)
    assert.equal(atNine[0]?.bookingId, winner.bookingId)
  })
})
