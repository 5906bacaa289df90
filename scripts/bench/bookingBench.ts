// Benchmark of booking (npm run bench:booking), on the embedded SQLite stores in a temp dir, with the
// application exactly as `npm start` composes it:
//   1. slot search at a point with 8 bays and 3 months of bookings at 80% utilisation, through the
//      booking service (point, staff schedule, catalogue and up to 29 day schedules read from the
//      event store, abandoned-reservation checks included): median and p99;
//   2. nearest points among 1,000 points, through the nearest-points service reading the
//      servicePoints read model (rebuilt by the projection engine): median;
//   3. bookings per second sustained through the HTTP API (real server on 127.0.0.1, concurrent
//      keep-alive clients, each booking a different slot, synchronous=FULL event store).
// Prints readable lines and, as the LAST line, one JSON object with the figures.
// BENCH_SCALE=0.2 runs a fifth of the searches and bookings (a quick smoke run); BENCH_PROJECTIONS=1
// runs the projection runners in the same process during the API part, as `npm start` does.
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { Agent, request } from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { isLeft } from 'fp-ts/lib/Either.js'
import { startServer } from '../../api/server.js'
import type { NewBooking } from '../../application/booking/bookingService.js'
import { ManualClock } from '../../application/leases/clock.js'
import type { RequestMeta } from '../../application/serviceNetwork/servicePointService.js'
import type { Principal } from '../../domain/access/principal.js'
import type { Reservation } from '../../domain/booking/dayCapacity.js'
import { searchSlots } from '../../domain/booking/slotSearch.js'
import type { BayFeature } from '../../domain/service-network/capabilities.js'
import type { Bay } from '../../domain/service-network/events.js'
import type { WeeklyHours } from '../../domain/service-network/openingHours.js'
import type { DomainError } from '../../domain/shared/decider.js'
import { addDays, type LocalDate, localToInstant, weekdayOf } from '../../domain/shared/localTime.js'
import { composePlatform, type Platform } from '../../infrastructure/composition.js'
import { loadConfig } from '../../infrastructure/config.js'
import { JoseTokenService } from '../../infrastructure/security/joseTokenService.js'
import { rebuildProjection } from '../../projections/rebuild.js'
import { servicePointsProjection } from '../../projections/serviceNetwork/servicePointsProjection.js'
import { seededRandom } from '../demo/random.js'

const SCALE = Number(process.env.BENCH_SCALE ?? 1)
const SEARCHES = Math.max(50, Math.round(2_000 * SCALE))
const NEAREST_QUERIES = Math.max(50, Math.round(1_000 * SCALE))
const API_BOOKINGS = Math.max(200, Math.round(6_000 * SCALE))
const API_CLIENTS = 32
const API_POINTS = 20
const TZ = 'Europe/Warsaw'
const SECRET = 'booking-benchmark-secret-long-enough-for-hs256'

const HQ = { id: 'bench-hq', role: 'head_office', tenant: { scope: 'network' } } as Principal
const random = seededRandom(7)
const line = (s: string) => console.log(s)

function must<T>(what: string, result: { _tag: 'Left'; left: DomainError } | { _tag: 'Right'; right: T }): T {
  if (isLeft(result)) throw new Error(`${what}: ${result.left.code} ${result.left.message}`)
  return result.right
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number
}
const ms = (n: number) => Math.round(n * 1000) / 1000

async function inParallel<T>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await fn(items[next++] as T)
    }),
  )
}

const range = (from: string, to: string) => [{ from, to }]
const bay = (i: number, features: BayFeature[]): Bay => ({
  bayId: `bay-${i}`,
  name: `Stanowisko ${i}`,
  capabilities: { features, rimMaxInches: 22 },
})

async function addCatalogue(platform: Platform, meta: () => RequestMeta): Promise<void> {
  must(
    'catalogue',
    await platform.network.catalogue.change(
      HQ,
      {
        kind: 'AddService',
        service: {
          code: 'TYRE_CHANGE',
          names: { pl: 'Wymiana opon', en: 'Tyre change' },
          baseMinutes: 60,
          durationRules: [],
          price: { amountMinor: 12_000, currency: 'PLN' },
          vatRatePercent: 23,
          requiredFeatures: [],
          requiredSkill: 'tyre_fitting',
        },
      },
      meta(),
    ),
  )
}

async function addPoint(
  platform: Platform,
  pointId: string,
  weeklyHours: WeeklyHours,
  bays: Bay[],
  staff: number,
  dates: readonly LocalDate[],
  meta: () => RequestMeta,
  geo = { lat: 52.2297, lon: 21.0122 },
): Promise<void> {
  must(
    pointId,
    await platform.network.points.create(
      HQ,
      {
        pointId,
        name: `Bench ${pointId}`,
        address: { street: 'ul. Testowa 1', postalCode: '00-001', city: 'Warszawa', country: 'PL' },
        geo,
        contacts: { phone: null, email: null },
        timeZone: TZ,
        weeklyHours,
        bays,
        managerId: null,
      },
      meta(),
    ),
  )
  if (staff === 0) return
  const members = Array.from({ length: staff }, (_, i) => `s${i + 1}`)
  must(
    `staff of ${pointId}`,
    await platform.network.staff.change(
      HQ,
      pointId,
      [
        ...members.map((staffId) => ({
          kind: 'RegisterStaffMember' as const,
          staffId,
          name: staffId,
          skills: ['tyre_fitting' as const, 'balancing' as const],
        })),
        ...dates.flatMap((date) => {
          const hours = weeklyHours[weekdayOf(date)]
          const from = hours[0]?.from
          const to = hours.at(-1)?.to
          return from && to
            ? members.map((staffId) => ({
                kind: 'PlanShift' as const,
                shiftId: `${staffId}-${date}`,
                staffId,
                date,
                hours: { from, to },
              }))
            : []
        }),
      ],
      meta(),
    ),
  )
}

// ── 1. slot search ───────────────────────────────────────────────────────────────────────────

async function slotSearchBench(platform: Platform) {
  const firstDay = addDays(new Date().toISOString().slice(0, 10), 2)
  const dates = Array.from({ length: 92 }, (_, i) => addDays(firstDay, i))
  const setupNow = new Date().toISOString()
  const meta = (): RequestMeta => ({ correlationId: 'setup', causationId: null, now: setupNow })
  const weekday = range('08:00', '18:00')
  const hours: WeeklyHours = {
    mon: weekday,
    tue: weekday,
    wed: weekday,
    thu: weekday,
    fri: weekday,
    sat: range('08:00', '14:00'),
    sun: [],
  }
  const bays = Array.from({ length: 8 }, (_, i) =>
    bay(i + 1, i < 2 ? ['passenger', 'suv', 'balancing', 'run_flat', 'tpms'] : ['passenger', 'suv', 'balancing']),
  )
  await addPoint(platform, 'bench-8', hours, bays, 10, dates, meta)

  // 80% of every bay-hour of every open day is booked (one-hour visits on the hour).
  const wanted: Array<{ date: LocalDate; bayId: string; minute: number }> = []
  for (const date of dates) {
    const day = hours[weekdayOf(date)]
    const open = day[0]
    if (!open) continue
    const [from, to] = [Number(open.from.slice(0, 2)), Number(open.to.slice(0, 2))]
    for (const b of bays)
      for (let h = from; h < to; h++) if (random.chance(0.8)) wanted.push({ date, bayId: b.bayId, minute: h * 60 })
  }
  const started = performance.now()
  const byDate = new Map<LocalDate, typeof wanted>()
  for (const w of wanted) byDate.set(w.date, [...(byDate.get(w.date) ?? []), w])
  let made = 0
  await inParallel([...byDate.values()], 16, async (day) => {
    for (const w of day) {
      const booked = await platform.network.bookings.create(
        HQ,
        {
          pointId: 'bench-8',
          services: ['TYRE_CHANGE'],
          start: new Date(localToInstant(TZ, w.date, w.minute)).toISOString(),
          vehicle: { plate: 'WA 12345', vehicleClass: 'passenger' },
          customer: { name: 'Bench', phone: '+48 600 000 000' },
          bayId: w.bayId,
        },
        meta(),
      )
      if (!isLeft(booked)) made++
    }
  })
  const openBayHours = dates.reduce((sum, d) => {
    const open = hours[weekdayOf(d)][0]
    return sum + (open ? (Number(open.to.slice(0, 2)) - Number(open.from.slice(0, 2))) * bays.length : 0)
  }, 0)
  line(
    `slot search setup: 8 bays, ${dates.length} days, ${made} bookings (${((100 * made) / openBayHours).toFixed(1)}% of bay time) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  )

  // Searches as customers make them: a date in the three months, a wanted time (often taken: 80%).
  const searchNow = new Date().toISOString()
  const input = () => {
    const date = random.pick(dates)
    const h = random.int(8, 17)
    return {
      pointId: 'bench-8',
      date,
      services: ['TYRE_CHANGE'],
      vehicleClass: 'passenger' as const,
      time: `${String(h).padStart(2, '0')}:${random.pick(['00', '15', '30', '45'])}`,
    }
  }
  const searchMeta = (): RequestMeta => ({ correlationId: randomUUID(), causationId: null, now: searchNow })
  const cold = performance.now()
  must('first search', await platform.network.bookings.searchSlots(input(), searchMeta()))
  const coldMs = performance.now() - cold
  // Warm-up: the first read of each day checks its reservations against their bookings once.
  for (const date of dates)
    must('warm-up', await platform.network.bookings.searchSlots({ ...input(), date }, searchMeta()))
  const times: number[] = []
  let taken = 0
  for (let i = 0; i < SEARCHES; i++) {
    const q = input()
    const t = performance.now()
    const answer = must('search', await platform.network.bookings.searchSlots(q, searchMeta()))
    times.push(performance.now() - t)
    if (answer.desired && !answer.desired.free) taken++
  }
  times.sort((a, b) => a - b)
  const median = percentile(times, 50)
  const p99 = percentile(times, 99)
  line(
    `slot search (service, ${SEARCHES} searches, ${((100 * taken) / SEARCHES).toFixed(0)}% wanted times taken → alternatives): ` +
      `median ${ms(median)} ms, p95 ${ms(percentile(times, 95))} ms, p99 ${ms(p99)} ms, max ${ms(times.at(-1) ?? 0)} ms; first search cold ${ms(coldMs)} ms`,
  )

  // For reference: the pure domain search on the same data (everything already in memory).
  const point = await platform.network.reader.point('bench-8')
  const staff = await platform.network.reader.staff('bench-8')
  const reservations = new Map<LocalDate, Reservation[]>()
  for await (const e of platform.stores.eventStore.readAll())
    if (e.type === 'SlotReserved' && e.streamId.startsWith('schedule-bench-8-')) {
      const r = e.data as Reservation & { date: string }
      reservations.set(r.date, [...(reservations.get(r.date) ?? []), r])
    }
  const domainTimes: number[] = []
  for (let i = 0; i < SEARCHES; i++) {
    const q = input()
    const t = performance.now()
    searchSlots({
      point,
      staff,
      reservationsOn: (d) => reservations.get(d) ?? [],
      date: q.date,
      durationMinutes: 60,
      requirement: { features: ['passenger'], rimInches: null },
      skills: ['tyre_fitting'],
      now: searchNow,
      desiredStart: new Date(
        localToInstant(TZ, q.date, Number(q.time.slice(0, 2)) * 60 + Number(q.time.slice(3))),
      ).toISOString(),
    })
    domainTimes.push(performance.now() - t)
  }
  domainTimes.sort((a, b) => a - b)
  line(
    `slot search (domain only, data in memory): median ${ms(percentile(domainTimes, 50))} ms, p99 ${ms(percentile(domainTimes, 99))} ms`,
  )
  return { median, p99 }
}

// ── 2. nearest points ────────────────────────────────────────────────────────────────────────

async function nearestBench(platform: Platform) {
  const meta = (): RequestMeta => ({ correlationId: 'setup', causationId: null, now: new Date().toISOString() })
  const features: BayFeature[][] = [
    ['passenger', 'suv', 'balancing'],
    ['passenger', 'suv', 'balancing', 'run_flat', 'tpms'],
    ['passenger', 'van', 'balancing', 'wheel_alignment'],
    ['truck', 'van', 'balancing'],
  ]
  const started = performance.now()
  const ids = Array.from({ length: 1_000 }, (_, i) => `near-${String(i).padStart(4, '0')}`)
  const week: WeeklyHours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }
  await inParallel(ids, 32, async (pointId) => {
    const geo = { lat: 49.1 + random.next() * 5.7, lon: 14.2 + random.next() * 9.9 } // Poland's bounding box
    const bays = [bay(1, random.pick(features)), bay(2, random.pick(features))]
    await addPoint(platform, pointId, week, bays, 0, [], meta, geo)
  })
  await rebuildProjection({
    projection: servicePointsProjection,
    events: platform.stores.eventStore,
    documents: platform.stores.documentStore,
    clock: new ManualClock(Date.now()),
    retireDelayMs: 0,
  })
  line(
    `nearest points setup: 1,000 points created and projected in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  )
  const query = () =>
    random.chance(0.5)
      ? { lat: 49.1 + random.next() * 5.7, lon: 14.2 + random.next() * 9.9, limit: 10 }
      : {
          plate: random.pick(['KR 12345', 'WA 1234X', 'DW 12345', 'GD 12345', 'PO 5XY12']),
          features: ['run_flat' as const],
          maxDistanceKm: 150,
        }
  const cold = performance.now()
  const first = must('nearest', await platform.network.nearest.search(query()))
  const coldMs = performance.now() - cold
  if (first.points.length === 0) throw new Error('nearest points found nothing: the read model is empty')
  const times: number[] = []
  for (let i = 0; i < NEAREST_QUERIES; i++) {
    const q = query()
    const t = performance.now()
    must('nearest', await platform.network.nearest.search(q))
    times.push(performance.now() - t)
  }
  times.sort((a, b) => a - b)
  const median = percentile(times, 50)
  line(
    `nearest points among 1,000 (service over the servicePoints read model, ${NEAREST_QUERIES} queries by position or plate with capability filter): ` +
      `median ${ms(median)} ms, p99 ${ms(percentile(times, 99))} ms; first query (loads the list) ${ms(coldMs)} ms`,
  )
  return { median }
}

// ── 3. bookings per second through the API ───────────────────────────────────────────────────

async function apiBench(platform: Platform) {
  const today = new Date().toISOString().slice(0, 10)
  const dates = Array.from({ length: 60 }, (_, i) => addDays(today, i + 2))
  const meta = (): RequestMeta => ({ correlationId: 'setup', causationId: null, now: new Date().toISOString() })
  const open = range('06:00', '22:00')
  const hours: WeeklyHours = { mon: open, tue: open, wed: open, thu: open, fri: open, sat: open, sun: open }
  const points = Array.from({ length: API_POINTS }, (_, i) => `api-${String(i + 1).padStart(2, '0')}`)
  for (const pointId of points)
    await addPoint(
      platform,
      pointId,
      hours,
      Array.from({ length: 8 }, (_, i) => bay(i + 1, ['passenger', 'balancing'])),
      8,
      dates,
      meta,
    )

  // Every request a different slot; consecutive requests on different points and days, as many
  // customers booking at once would be (requests for one day of one point queue on its stream).
  const slots: Array<{ pointId: string; date: LocalDate; time: string }> = []
  for (let k = 0; slots.length < API_BOOKINGS; k++) {
    const pointId = points[k % points.length] as string
    const date = dates[Math.floor(k / points.length) % dates.length] as LocalDate
    const round = Math.floor(k / (points.length * dates.length))
    const minute = 6 * 60 + (round % 64) * 15
    const bayRound = Math.floor(round / 64)
    if (bayRound >= 8) break
    slots.push({
      pointId,
      date,
      time: `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`,
    })
  }

  const server = await startServer(platform.app, 0, async () => {}, { host: '127.0.0.1' })
  const tokens = new JoseTokenService({ secret: SECRET, ttlSeconds: 3600 })
  const bearers = await Promise.all(
    Array.from({ length: API_CLIENTS }, async (_, i) => {
      const customer = {
        id: `bench-${i}`,
        role: 'customer',
        tenant: { scope: 'customer', customerId: `c-${i}` },
      } as Principal
      return `Bearer ${(await tokens.issue(customer, new Date())).token}`
    }),
  )
  const agent = new Agent({ keepAlive: true, maxSockets: API_CLIENTS })
  const post = (authorization: string, body: NewBooking) =>
    new Promise<number>((resolve, reject) => {
      const payload = JSON.stringify(body)
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/bookings',
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), authorization },
        },
        (res) => {
          res.resume()
          res.on('end', () => resolve(res.statusCode ?? 0))
        },
      )
      req.on('error', reject)
      req.end(payload)
    })

  const statuses = new Map<number, number>()
  let next = 0
  const started = performance.now()
  await Promise.all(
    bearers.map(async (authorization) => {
      while (next < slots.length) {
        const slot = slots[next++] as (typeof slots)[number]
        const status = await post(authorization, {
          pointId: slot.pointId,
          services: ['TYRE_CHANGE'],
          date: slot.date,
          time: slot.time,
          vehicle: { plate: 'WA 12345', vehicleClass: 'passenger' },
        })
        statuses.set(status, (statuses.get(status) ?? 0) + 1)
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  agent.destroy()
  await server.close()
  const created = statuses.get(201) ?? 0
  const perSec = created / seconds
  line(
    `bookings through the API (${API_CLIENTS} keep-alive clients, ${slots.length} different slots on ${points.length} points, SQLite synchronous=FULL): ` +
      `${created} created in ${seconds.toFixed(1)} s = ${Math.round(perSec)} bookings/s; answers ${JSON.stringify(Object.fromEntries(statuses))}` +
      (process.env.BENCH_PROJECTIONS === '1' ? ' (projection runners busy in the same process)' : ''),
  )
  return { perSec }
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'booking-bench-'))
  line(
    `booking benchmark (scale ${SCALE}) in ${dataDir}; Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'})`,
  )
  const config = loadConfig({ DATA_DIR: dataDir, TOKEN_SECRET: SECRET, LOG_REQUESTS: '0' })
  const platform = await composePlatform(config, { runProjections: false })
  try {
    await addCatalogue(platform, () => ({ correlationId: 'setup', causationId: null, now: new Date().toISOString() }))
    const search = await slotSearchBench(platform)
    const nearest = await nearestBench(platform)
    // BENCH_PROJECTIONS=1: the read models are projected meanwhile, in the same process, as npm start does.
    if (process.env.BENCH_PROJECTIONS === '1') platform.projections.start()
    const api = await apiBench(platform)
    const figures = {
      slotSearchMedianMs: ms(search.median),
      slotSearchP99Ms: ms(search.p99),
      nearestPointsMs: ms(nearest.median),
      bookingsPerSec: Math.round(api.perSec),
    }
    const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED')
    line(
      `targets: slot search median < 5 ms ${verdict(figures.slotSearchMedianMs < 5)}, p99 < 25 ms ${verdict(figures.slotSearchP99Ms < 25)}, ` +
        `nearest < 10 ms ${verdict(figures.nearestPointsMs < 10)}, ≥ 300 bookings/s ${verdict(figures.bookingsPerSec >= 300)}`,
    )
    console.log(JSON.stringify(figures))
  } finally {
    await platform.close()
    await rm(dataDir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error))
  process.exitCode = 1
})
