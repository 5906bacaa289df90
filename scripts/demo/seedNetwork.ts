// Builds the demo network through the same application services the API calls (no direct writes):
// a head office, 12 points with hours, seasons, holidays and bays, the catalogue, staff with shifts,
// customers with cars, a fleet, and six weeks of bookings (four past, two ahead).
//
// Six weeks, not three months: the first `npm start` of a new installation waits for this seed, and
// at the same density (about 110 bookings a day over the 12 points) four weeks of history still fill
// every calendar, report and "last visit", while the seed and the read models' first catch-up take
// half as long (docs/performance.md, "Demo seed"). Wider windows: pastDays/futureDays.
//
// The past is simulated: every command carries the time it would have been issued at (a booking a
// few days before its visit, the check-in at the visit, the completion after it), and commands run
// in that order, day by day, so the log reads like the network's real history. The 12 points' days
// run side by side (their streams never meet), which lets the event store commit them in groups.
// Everything random comes from one seeded generator and every command has a deterministic id, so a
// run on the same date builds the same network.
import { isLeft } from 'fp-ts/lib/Either.js'
import type { AccountService } from '../../application/access/accountService.js'
import type { Password } from '../../application/access/password.js'
import type { BookingPlatform } from '../../application/booking/bookingPlatform.js'
import type { BookingError, NewBooking } from '../../application/booking/bookingService.js'
import type { BookingView } from '../../application/booking/bookingView.js'
import type { RequestMeta } from '../../application/serviceNetwork/servicePointService.js'
import type { DisplayName, Email, EntityId } from '../../domain/access/fields.js'
import type { Principal } from '../../domain/access/principal.js'
import type { BayFeature, StaffSkill, VehicleClass } from '../../domain/service-network/capabilities.js'
import type { Bay } from '../../domain/service-network/events.js'
import {
  type DateException,
  type OpeningRules,
  openingRangesOn,
  type SeasonalHours,
  type TimeRange,
  type WeeklyHours,
} from '../../domain/service-network/openingHours.js'
import { validatePlate } from '../../domain/service-network/plateRegions.js'
import type { DomainError } from '../../domain/shared/decider.js'
import { addDays, formatLocalTime, type LocalDate, localToInstant, MINUTE } from '../../domain/shared/localTime.js'
import {
  ascii,
  DEMO_CITIES,
  DEMO_FLEET,
  DEMO_GOODS,
  DEMO_PASSWORD,
  DEMO_SERVICES,
  type DemoCity,
  FIRST_NAMES,
  HOLIDAYS,
  LAST_NAMES,
  surnameFor,
} from './demoData.js'
import { type Random, seededRandom } from './random.js'

export interface DemoOptions {
  /** The present moment: bookings before it are history, after it the future. */
  readonly now: Date
  readonly customers?: number
  /** Bookings per bay and open day, on average (1.3 ≈ 25–40% of bay time). */
  readonly bookingsPerBayDay?: number
  readonly pastDays?: number
  readonly futureDays?: number
  readonly seed?: number
  readonly log?: (line: string) => void
}

export interface DemoDeps {
  readonly network: BookingPlatform
  /** Registers the demo accounts (may hash at a lower cost: see scripts/seedDemo.ts). */
  readonly accounts: AccountService
}

export interface DemoLogin {
  readonly who: string
  readonly email: string
}

export interface DemoSummary {
  readonly logins: readonly DemoLogin[]
  readonly password: string
  readonly points: number
  readonly customers: number
  readonly bookings: Readonly<
    Record<'made' | 'refused' | 'completed' | 'noShow' | 'cancelled' | 'rescheduled' | 'upcoming', number>
  >
  /** What the repair seed (seedRepairs.ts) builds on: every demo car with its owner, and who acts at each point. */
  readonly cars: ReadonlyArray<DemoCar>
  readonly actors: {
    readonly headOffice: Principal
    readonly employees: Readonly<Record<string, Principal>>
    readonly managers: Readonly<Record<string, Principal>>
    /** Staff ids of each point's staff schedule (`<pointId>-s<n>`). */
    readonly staff: Readonly<Record<string, ReadonlyArray<string>>>
  }
}

export interface DemoCar extends Car {
  readonly owner:
    | { readonly kind: 'customer'; readonly customerId: string }
    | { readonly kind: 'fleet'; readonly fleetId: string }
  readonly ownerName: string
  readonly phone: string | null
  /** The point nearest its owner (the fleet's cars: where they were first seen). */
  readonly homePointId: string
}

export class DemoAlreadySeeded extends Error {
  constructor() {
    super('the demo network exists already')
    this.name = 'DemoAlreadySeeded'
  }
}

const DAY_MS = 86_400_000
const TZ = 'Europe/Warsaw'

interface Car {
  readonly plate: string
  readonly vehicleClass: VehicleClass
  readonly rimInches: number
}

interface Customer {
  readonly principal: Principal
  readonly name: string
  readonly phone: string
  readonly email: string
  readonly home: DemoCity
  readonly cars: readonly Car[]
}

interface PointPeople {
  readonly manager: Principal
  readonly employee: Principal
}

interface Action {
  readonly at: number
  readonly pointId: string
  readonly run: () => Promise<void>
}

/** Min-heap of actions by time; ties keep insertion order (seq), so runs are reproducible. */
class Timeline {
  private readonly heap: Array<{ action: Action; seq: number }> = []
  private seq = 0
  get size(): number {
    return this.heap.length
  }
  push(action: Action): void {
    const h = this.heap
    h.push({ action, seq: this.seq++ })
    let i = h.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!this.less(i, parent)) break
      ;[h[i], h[parent]] = [h[parent] as (typeof h)[number], h[i] as (typeof h)[number]]
      i = parent
    }
  }
  peek(): Action | undefined {
    return this.heap[0]?.action
  }
  pop(): Action | undefined {
    const h = this.heap
    const top = h[0]
    const last = h.pop()
    if (h.length > 0 && last) {
      h[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < h.length && this.less(l, m)) m = l
        if (r < h.length && this.less(r, m)) m = r
        if (m === i) break
        ;[h[i], h[m]] = [h[m] as (typeof h)[number], h[i] as (typeof h)[number]]
        i = m
      }
    }
    return top?.action
  }
  private less(a: number, b: number): boolean {
    const x = this.heap[a] as { action: Action; seq: number }
    const y = this.heap[b] as { action: Action; seq: number }
    return x.action.at < y.action.at || (x.action.at === y.action.at && x.seq < y.seq)
  }
}

const range = (from: string, to: string): TimeRange[] => [{ from, to }]

const BAY_KINDS: ReadonlyArray<{ name: string; features: BayFeature[]; rim: number | null }> = [
  {
    name: 'Stanowisko premium',
    features: ['passenger', 'suv', 'balancing', 'run_flat', 'tpms', 'nitrogen_inflation', 'tyre_repair'],
    rim: 22,
  },
  { name: 'Stanowisko osobowe', features: ['passenger', 'suv', 'balancing', 'tyre_repair', 'tyre_storage'], rim: 19 },
  { name: 'Stanowisko osobowe', features: ['passenger', 'suv', 'balancing', 'tyre_storage'], rim: 19 },
  { name: 'Stanowisko dostawcze', features: ['passenger', 'van', 'balancing', 'tyre_repair', 'tpms'], rim: 17 },
  { name: 'Geometria', features: ['passenger', 'suv', 'van', 'wheel_alignment', 'rim_repair'], rim: 21 },
  { name: 'Stanowisko osobowe', features: ['passenger', 'suv', 'balancing', 'tyre_repair', 'tpms'], rim: 20 },
  {
    name: 'Stanowisko premium',
    features: ['passenger', 'suv', 'balancing', 'run_flat', 'tpms', 'tyre_storage'],
    rim: 22,
  },
]
const TRUCK_BAY = {
  name: 'Stanowisko ciężarowe',
  features: ['truck', 'van', 'balancing', 'tyre_repair'] as BayFeature[],
  rim: 24,
}

const STAFF_SKILLS: ReadonlyArray<StaffSkill[]> = [
  ['tyre_fitting', 'balancing', 'tyre_repair', 'tyre_storage', 'tpms'],
  ['tyre_fitting', 'balancing', 'tpms', 'run_flat', 'tyre_repair'],
  ['tyre_fitting', 'balancing', 'wheel_alignment', 'tyre_repair'],
  ['tyre_fitting', 'balancing', 'tyre_storage'],
  ['tyre_fitting', 'balancing', 'tpms', 'run_flat'],
  ['tyre_fitting', 'balancing', 'tyre_repair', 'tyre_storage'],
  ['tyre_fitting', 'balancing', 'wheel_alignment', 'run_flat'],
  ['tyre_fitting', 'balancing', 'tyre_storage', 'tpms'],
]

function baysOf(city: DemoCity): Bay[] {
  const kinds = city.trucks ? [...BAY_KINDS.slice(0, city.bays - 1), TRUCK_BAY] : BAY_KINDS.slice(0, city.bays)
  return kinds.map((k, i) => ({
    bayId: `bay-${i + 1}`,
    name: `${k.name} ${i + 1}`,
    capabilities: { features: k.features, rimMaxInches: k.rim },
  }))
}

const WEEKLY: WeeklyHours = {
  mon: range('08:00', '18:00'),
  tue: range('08:00', '18:00'),
  wed: range('08:00', '18:00'),
  thu: range('08:00', '18:00'),
  fri: range('08:00', '18:00'),
  sat: range('08:00', '14:00'),
  sun: [],
}
/** Extended hours in the tyre-change rushes (first snow, first warm days). */
const RUSH: WeeklyHours = {
  mon: range('07:00', '20:00'),
  tue: range('07:00', '20:00'),
  wed: range('07:00', '20:00'),
  thu: range('07:00', '20:00'),
  fri: range('07:00', '20:00'),
  sat: range('08:00', '16:00'),
  sun: [],
}

function seasonsAround(from: LocalDate, to: LocalDate): SeasonalHours[] {
  const years = new Set([Number(from.slice(0, 4)) - 1, Number(from.slice(0, 4)), Number(to.slice(0, 4))])
  const seasons: SeasonalHours[] = []
  for (const y of [...years].sort()) {
    seasons.push({
      seasonId: `spring-rush-${y}`,
      from: `${y}-03-20`,
      to: `${y}-04-30`,
      weekly: RUSH,
      note: 'wiosenna wymiana opon',
    })
    seasons.push({
      seasonId: `winter-rush-${y}`,
      from: `${y}-10-15`,
      to: `${y}-12-15`,
      weekly: RUSH,
      note: 'zimowa wymiana opon',
    })
  }
  return seasons.filter((s) => s.to >= from && s.from <= to)
}

const localDateOf = (ms: number): LocalDate =>
  new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms)

export async function seedDemo(deps: DemoDeps, options: DemoOptions): Promise<DemoSummary> {
  const { network, accounts } = deps
  const log = options.log ?? (() => {})
  const random: Random = seededRandom(options.seed ?? 2026)
  const nowMs = options.now.getTime()
  const pastDays = options.pastDays ?? 28
  const futureDays = options.futureDays ?? 14
  const customerCount = options.customers ?? 200
  const perBayDay = options.bookingsPerBayDay ?? 1.3
  const today = localDateOf(nowMs)
  const firstDay = addDays(today, -pastDays)
  const lastDay = addDays(today, futureDays)
  // The network opens two days before its first visit.
  const t0 = localToInstant(TZ, addDays(firstDay, -2), 7 * 60)
  let commandNo = 0
  const meta = (at: number, name?: string): RequestMeta => ({
    correlationId: `demo-${name ?? ++commandNo}`,
    causationId: null,
    now: new Date(at).toISOString(),
    commandId: `demo|${name ?? commandNo}`,
  })
  const must = <T>(what: string, result: { _tag: 'Left'; left: DomainError } | { _tag: 'Right'; right: T }): T => {
    if (isLeft(result)) throw new Error(`demo seed: ${what}: ${result.left.code} ${result.left.message}`)
    return result.right
  }

  // ── people ──
  const register = async (
    email: string,
    displayName: string,
    role: Principal['role'],
    tenant: { pointId?: string; fleetId?: string; customerId?: string },
    by: Principal | null,
  ) => {
    const input = {
      email: email as Email,
      password: DEMO_PASSWORD as Password,
      displayName: displayName as DisplayName,
      role,
      ...(tenant as { pointId?: EntityId; fleetId?: EntityId; customerId?: EntityId }),
    }
    const made = by
      ? await accounts.createAccount(by, input, meta(t0))
      : await accounts.createHeadOfficeAsOperator(input, meta(t0))
    const view = must(`account ${email}`, made)
    return { id: view.accountId as EntityId, role: view.role, tenant: view.tenant } as Principal
  }
  // Seeding twice would only replay the same commands (their ids are deterministic): say so instead.
  if (!isLeft(await network.points.get(DEMO_CITIES[0]?.pointId ?? ''))) throw new DemoAlreadySeeded()
  const hq = await register('centrala@opony-demo.pl', 'Centrala Opony Demo', 'head_office', {}, null)
  const logins: DemoLogin[] = [{ who: 'head office', email: 'centrala@opony-demo.pl' }]
  log('accounts: head office, point managers and staff, a fleet, customers…')

  // Accounts are registered a few at a time: hashing a password is the slow part and runs in Node's thread pool.
  const inChunks = async <T, R>(items: readonly T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> => {
    const out: R[] = []
    for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(fn))))
    return out
  }
  // Every registration starts in a fixed order (ids are handed out as they start), a few at a time.
  const pointLogins = await inChunks(
    DEMO_CITIES.flatMap((c) => [
      {
        c,
        email: `kierownik.${c.slug}@opony-demo.pl`,
        name: `Kierownik ${c.city}`,
        role: 'service_point_manager' as const,
      },
      { c, email: `serwis.${c.slug}@opony-demo.pl`, name: `Serwis ${c.city}`, role: 'service_point_employee' as const },
    ]),
    8,
    async (a) => ({
      pointId: a.c.pointId,
      role: a.role,
      principal: await register(a.email, a.name, a.role, { pointId: a.c.pointId }, hq),
    }),
  )
  const people = new Map<string, PointPeople>()
  for (const c of DEMO_CITIES) {
    const of = (role: string) =>
      pointLogins.find((l) => l.pointId === c.pointId && l.role === role)?.principal as Principal
    people.set(c.pointId, { manager: of('service_point_manager'), employee: of('service_point_employee') })
  }
  logins.push(
    { who: 'manager of Warszawa (each city: kierownik.<city>@…)', email: 'kierownik.warszawa@opony-demo.pl' },
    { who: 'staff of Warszawa (each city: serwis.<city>@…)', email: 'serwis.warszawa@opony-demo.pl' },
  )
  const fleetManager = await register(
    'flota@kurier-express.pl',
    'Flota Kurier Express',
    'fleet_manager',
    { fleetId: DEMO_FLEET.fleetId },
    hq,
  )
  logins.push({ who: `fleet manager (${DEMO_FLEET.name})`, email: 'flota@kurier-express.pl' })

  const plateFor = (city: DemoCity): string => {
    for (;;) {
      const prefix = random.pick(city.plates)
      const digits = () => String(random.int(0, 9))
      const letter = () =>
        random.pick([
          'A',
          'C',
          'E',
          'F',
          'G',
          'H',
          'J',
          'K',
          'L',
          'M',
          'N',
          'P',
          'R',
          'S',
          'T',
          'U',
          'V',
          'W',
          'X',
          'Y',
        ])
      const rest =
        prefix.length === 3
          ? `${random.int(1, 9)}${digits()}${digits()}${random.chance(0.5) ? letter() : digits()}`
          : `${random.int(1, 9)}${digits()}${digits()}${digits()}${random.chance(0.4) ? letter() : digits()}`
      const plate = `${prefix} ${rest}`
      if (!isLeft(validatePlate(plate))) return plate
    }
  }
  const carFor = (home: DemoCity): Car => {
    const vehicleClass = random.weighted<VehicleClass>([
      ['passenger', 68],
      ['suv', 24],
      ['van', 8],
    ])
    const rimInches =
      vehicleClass === 'passenger'
        ? random.int(15, 18)
        : vehicleClass === 'suv'
          ? random.int(17, 20)
          : random.int(15, 16)
    return { plate: plateFor(home), vehicleClass, rimInches }
  }
  const cityWeights = DEMO_CITIES.map((c) => [c, c.bays] as const)
  const customerSeeds = Array.from({ length: customerCount }, (_, i) => {
    const first = random.pick(FIRST_NAMES)
    const last = surnameFor(first, random.pick(LAST_NAMES))
    const home = random.weighted(cityWeights)
    const cars = random.chance(0.15) ? [carFor(home), carFor(home)] : [carFor(home)]
    const n = String(i + 1).padStart(3, '0')
    return {
      customerId: `cust-${n}`,
      name: `${first} ${last}`,
      email: `${ascii(first)}.${ascii(last)}.${n}@example.pl`,
      phone: `+48 ${random.int(500, 799)} ${random.int(100, 999)} ${random.int(100, 999)}`,
      home,
      cars,
    }
  })
  const customers: Customer[] = await inChunks(customerSeeds, 8, async (c) => ({
    ...c,
    principal: await register(c.email, c.name, 'customer', { customerId: c.customerId }, hq),
  }))
  const firstCustomer = customers[0]
  if (firstCustomer)
    logins.push({
      who: `customer (${firstCustomer.name}; customers 001–${String(customerCount).padStart(3, '0')})`,
      email: firstCustomer.email,
    })
  const fleetHomes: DemoCity[] = []
  const fleetCars: Car[] = Array.from({ length: 25 }, () => {
    const home = random.pick(DEMO_CITIES)
    fleetHomes.push(home)
    return { plate: plateFor(home), vehicleClass: random.chance(0.7) ? 'van' : 'passenger', rimInches: 16 }
  })

  const staffIds: Record<string, string[]> = {}
  // ── catalogue and points ──
  log('catalogue, service points, opening hours, bays, staff and shifts…')
  for (const service of DEMO_SERVICES)
    must(service.code, await network.catalogue.change(hq, { kind: 'AddService', service }, meta(t0)))
  for (const goods of DEMO_GOODS)
    must(goods.sku, await network.catalogue.change(hq, { kind: 'AddGoods', goods }, meta(t0)))

  const rules = new Map<string, OpeningRules>()
  const shiftsUntil = addDays(lastDay, 14)
  await Promise.all(
    DEMO_CITIES.map(async (city, cityIndex) => {
      // Each point draws from its own generator: the points are built side by side, in no fixed order.
      const random = seededRandom((options.seed ?? 2026) * 1000 + cityIndex + 1)
      const p = people.get(city.pointId) as PointPeople
      const bays = baysOf(city)
      must(
        city.pointId,
        await network.points.create(
          hq,
          {
            pointId: city.pointId,
            name: `Opony Demo ${city.city}`,
            address: { street: city.street, postalCode: city.postalCode, city: city.city, country: 'PL' },
            geo: { lat: city.lat, lon: city.lon },
            contacts: { phone: city.phone, email: `${city.slug}@opony-demo.pl` },
            timeZone: TZ,
            weeklyHours: WEEKLY,
            bays,
            managerId: p.manager.id,
          },
          meta(t0, `point|${city.pointId}`),
        ),
      )
      const seasons = seasonsAround(addDays(firstDay, -2), shiftsUntil)
      const exceptions: Record<string, DateException> = {}
      for (const s of seasons)
        must(
          s.seasonId,
          await network.points.change(
            p.manager,
            city.pointId,
            {
              kind: 'SetSeasonalOpeningHours',
              seasonId: s.seasonId,
              from: s.from,
              to: s.to,
              weeklyHours: s.weekly,
              note: s.note,
            },
            meta(t0, `season|${city.pointId}|${s.seasonId}`),
          ),
        )
      for (const [date, note] of Object.entries(HOLIDAYS))
        if (date >= addDays(firstDay, -2) && date <= shiftsUntil) {
          must(
            date,
            await network.points.change(
              p.manager,
              city.pointId,
              { kind: 'SetOpeningHoursException', date, hours: [], note },
              meta(t0, `holiday|${city.pointId}|${date}`),
            ),
          )
          exceptions[date] = { date, hours: [], note }
        }
      const pointRules: OpeningRules = { weeklyHours: WEEKLY, seasons, exceptions }
      rules.set(city.pointId, pointRules)

      // Staff: as many as bays; early and late shifts on long days, everyone on short ones.
      const staffCount = Math.max(4, bays.length)
      const staff = Array.from({ length: staffCount }, (_, i) => {
        const skills = [...(STAFF_SKILLS[i % STAFF_SKILLS.length] as StaffSkill[])]
        if (city.trucks && i === staffCount - 1) skills.push('truck_tyres')
        const first = random.pick(FIRST_NAMES)
        return {
          staffId: `${city.pointId}-s${i + 1}`,
          name: `${first} ${surnameFor(first, random.pick(LAST_NAMES))}`,
          skills,
        }
      })
      staffIds[city.pointId] = staff.map((s) => s.staffId)
      const changes: Parameters<typeof network.staff.change>[2][number][] = staff.map((s) => ({
        kind: 'RegisterStaffMember',
        staffId: s.staffId,
        name: s.name,
        skills: s.skills,
      }))
      for (let date = addDays(firstDay, -2); date <= shiftsUntil; date = addDays(date, 1)) {
        const ranges = openingRangesOn(pointRules, date)
        const open = ranges[0]?.from
        const close = ranges.at(-1)?.to
        if (open === undefined || close === undefined) continue
        const long = close - open > 9 * 60
        staff.forEach((s, i) => {
          const early = (i + Number(date.slice(8, 10))) % 2 === 0
          const from = long && !early ? close - 8 * 60 : open
          const to = long && early ? open + 8 * 60 : close
          changes.push({
            kind: 'PlanShift',
            shiftId: `${s.staffId}-${date}`,
            staffId: s.staffId,
            date,
            hours: { from: formatLocalTime(from), to: formatLocalTime(to) },
          })
        })
      }
      // A week of vacation for one of them, somewhere in the window.
      const away = staff[random.int(0, staff.length - 1)] as (typeof staff)[number]
      const awayFrom = addDays(firstDay, random.int(5, pastDays + futureDays - 10))
      changes.push({
        kind: 'RecordAbsence',
        absenceId: `${away.staffId}-urlop`,
        staffId: away.staffId,
        from: `${awayFrom}T00:00`,
        to: `${addDays(awayFrom, 7)}T00:00`,
        reason: 'vacation',
      })
      must(
        `staff of ${city.pointId}`,
        await network.staff.change(p.manager, city.pointId, changes, meta(t0, `staff|${city.pointId}`)),
      )
    }),
  )

  // ── bookings ──
  const timeline = new Timeline()
  const counts = { made: 0, refused: 0, completed: 0, noShow: 0, cancelled: 0, rescheduled: 0, upcoming: 0 }
  const visitFor = (car: Car): { services: string[]; goods: NonNullable<NewBooking['goods']> } => {
    const kind = random.weighted<string>([
      ['seasonal', 46],
      ['fitting', 20],
      ['runflat', car.vehicleClass === 'van' ? 0 : 4],
      ['puncture', 10],
      ['alignment', 8],
      ['tpms', 5],
      ['nitrogen', 3],
      ['rim', 2],
    ])
    switch (kind) {
      case 'seasonal':
        return {
          services: [
            'SEASONAL_CHANGE',
            ...(random.chance(0.5) ? ['BALANCING'] : []),
            ...(random.chance(0.3) ? ['TYRE_HOTEL'] : []),
          ],
          goods: random.chance(0.1) ? [{ sku: 'VALVE-TR413', quantity: 4 }] : [],
        }
      case 'fitting': {
        const tyre =
          car.vehicleClass === 'van'
            ? 'TYRE-CONTI-VANWINTER-215-65R16C'
            : car.vehicleClass === 'suv'
              ? 'TYRE-BRIDGESTONE-LM005-235-55R18'
              : random.pick([
                  'TYRE-DEBICA-FRIGO2-205-55R16',
                  'TYRE-MICHELIN-ALPIN6-205-55R16',
                  'TYRE-CONTI-TS870-225-45R17',
                ])
        return {
          services: ['TYRE_FITTING', 'BALANCING', ...(random.chance(0.1) ? ['TPMS_SERVICE'] : [])],
          goods: random.chance(0.35)
            ? [
                { sku: tyre, quantity: 4 },
                { sku: 'VALVE-TR413', quantity: 4 },
              ]
            : [],
        }
      }
      case 'runflat':
        return { services: ['RUN_FLAT_FITTING', 'BALANCING'], goods: [] }
      case 'puncture':
        return { services: ['PUNCTURE_REPAIR'], goods: [] }
      case 'alignment':
        return { services: ['WHEEL_ALIGNMENT'], goods: [] }
      case 'tpms':
        return { services: ['TPMS_SERVICE'], goods: [{ sku: 'TPMS-SCHRADER-EZ-33500', quantity: random.int(1, 4) }] }
      case 'nitrogen':
        return { services: ['SEASONAL_CHANGE', 'NITROGEN'], goods: [] }
      default:
        return { services: ['RIM_REPAIR', 'BALANCING'], goods: [] }
    }
  }

  const customersOf = new Map<DemoCity, Customer[]>()
  for (const c of customers) customersOf.set(c.home, [...(customersOf.get(c.home) ?? []), c])
  let bookingNo = 0
  for (let date = firstDay; date <= lastDay; date = addDays(date, 1)) {
    const rush = openingRangesOn(rules.get(DEMO_CITIES[0]?.pointId ?? '') as OpeningRules, date).some(
      (r) => r.to - r.from > 11 * 60,
    )
    for (const city of DEMO_CITIES) {
      const ranges = openingRangesOn(rules.get(city.pointId) as OpeningRules, date)
      if (ranges.length === 0) continue
      const hours = ranges.reduce((sum, r) => sum + r.to - r.from, 0) / 60
      const wanted = Math.round(city.bays * perBayDay * (hours / 10) * (rush ? 1.5 : 1) * (0.8 + random.next() * 0.4))
      for (let k = 0; k < wanted; k++) {
        const n = ++bookingNo
        const fleet = random.chance(0.12)
        const locals = customersOf.get(city) ?? []
        const customer = locals.length > 0 && random.chance(0.85) ? random.pick(locals) : random.pick(customers)
        const car = fleet ? random.pick(fleetCars) : random.pick(customer.cars)
        const channel = fleet ? 'fleet' : random.chance(0.22) ? 'phone' : 'online'
        const r = random.pick(ranges)
        const startMinute = r.from + 15 * random.int(0, Math.max(0, Math.floor((r.to - r.from - 60) / 15)))
        const start = localToInstant(TZ, date, startMinute)
        const ahead = random.weighted<number>([
          [2 * 3600_000, 10],
          [DAY_MS, 30],
          [3 * DAY_MS, 30],
          [7 * DAY_MS, 20],
          [14 * DAY_MS, 10],
        ])
        let madeAt = Math.max(t0 + 3600_000, start - random.int(Math.floor(ahead / 2), ahead))
        if (madeAt > nowMs) madeAt = nowMs - random.int(60_000, 3 * DAY_MS)
        if (madeAt >= start) continue
        const visit = visitFor(car)
        const p = people.get(city.pointId) as PointPeople
        const by = channel === 'fleet' ? fleetManager : channel === 'phone' ? p.employee : customer.principal
        const request: NewBooking = {
          pointId: city.pointId,
          services: visit.services,
          goods: visit.goods,
          start: new Date(start).toISOString(),
          vehicle: { plate: car.plate, vehicleClass: car.vehicleClass, rimInches: car.rimInches },
          ...(channel === 'phone'
            ? {
                customer: {
                  customerId:
                    customer.principal.tenant.scope === 'customer' ? customer.principal.tenant.customerId : undefined,
                  name: customer.name,
                  phone: customer.phone,
                },
              }
            : channel === 'online'
              ? { customer: { name: customer.name, phone: customer.phone, email: customer.email } }
              : { customer: { name: `Kierowca ${random.pick(FIRST_NAMES)}` } }),
        }
        const fate = seededRandom(random.int(1, 2 ** 31))
        timeline.push({
          at: madeAt,
          pointId: city.pointId,
          run: () => makeBooking(n, by, request, madeAt, fate, p),
        })
      }
    }
  }

  /** `random`: the booking's own generator (bookings of different points run side by side). */
  async function makeBooking(
    n: number,
    by: Principal,
    request: NewBooking,
    madeAt: number,
    random: Random,
    p: PointPeople,
  ): Promise<void> {
    let made = await network.bookings.create(by, request, meta(madeAt, `booking|${n}`))
    // Taken: the customer takes the nearest alternative offered, as people do.
    if (isLeft(made) && (made.left as BookingError).alternatives) {
      const alt = (made.left as BookingError).alternatives
      const next = alt?.sameTimeElsewhere ?? alt?.after[0] ?? alt?.before.at(-1)
      if (next)
        made = await network.bookings.create(by, { ...request, start: next.start }, meta(madeAt, `booking|${n}|again`))
    }
    if (isLeft(made)) {
      counts.refused++
      return
    }
    counts.made++
    scheduleFate(n, made.right, madeAt, random, by, p)
  }

  function scheduleFate(
    n: number,
    booking: BookingView,
    madeAt: number,
    random: Random,
    owner: Principal,
    p: PointPeople,
  ): void {
    const fate = random.next()
    const slot = booking.slot
    if (!slot) return
    const start = Date.parse(slot.start)
    const end = Date.parse(slot.end)
    const step = (
      at: number,
      name: string,
      run: (meta: RequestMeta) => Promise<{ _tag: string }>,
      count?: keyof typeof counts,
    ) =>
      timeline.push({
        at,
        pointId: booking.pointId,
        run: async () => {
          const outcome = await run(meta(at, `booking|${n}|${name}`))
          if (outcome._tag === 'Right' && count) counts[count]++
        },
      })
    if (fate < 0.05) {
      const at = madeAt + Math.floor((Math.min(start, nowMs) - madeAt) * 0.6)
      if (at < nowMs)
        step(
          at,
          'cancel',
          (m) =>
            network.bookings.cancel(
              owner,
              booking.bookingId,
              random.pick(['zmiana planów', 'samochód w serwisie', 'wyjazd']),
              m,
            ),
          'cancelled',
        )
      return
    }
    if (fate < 0.08 && start > nowMs) {
      const at = madeAt + Math.floor((nowMs - madeAt) * 0.5)
      const moved = new Date(start + DAY_MS).toISOString()
      step(
        at,
        'reschedule',
        (m) =>
          network.bookings.reschedule(
            owner,
            booking.bookingId,
            { start: moved, reason: 'klient prosi o inny dzień' },
            m,
          ),
        'rescheduled',
      )
      return
    }
    if (start > nowMs) {
      counts.upcoming++
      return
    }
    if (fate < 0.14) {
      const at = start + 30 * MINUTE
      if (at < nowMs) step(at, 'no-show', (m) => network.bookings.noShow(p.employee, booking.bookingId, m), 'noShow')
      return
    }
    const arrived = start - random.int(0, 15) * MINUTE
    step(Math.max(arrived, madeAt + MINUTE), 'check-in', (m) =>
      network.bookings.checkIn(p.employee, booking.bookingId, m),
    )
    const done = end + random.int(0, 20) * MINUTE
    if (done < nowMs)
      step(done, 'complete', (m) => network.bookings.complete(p.employee, booking.bookingId, m), 'completed')
  }

  log(`bookings: ${timeline.size} to make over ${pastDays + futureDays + 1} days…`)
  // Day by day; within a day each point's actions in time order, the points side by side.
  let days = 0
  while (timeline.size > 0) {
    const first = timeline.peek() as Action
    const dayEnd = Math.floor(first.at / DAY_MS) * DAY_MS + DAY_MS
    const byPoint = new Map<string, Action[]>()
    while (timeline.size > 0 && (timeline.peek() as Action).at < dayEnd) {
      const a = timeline.pop() as Action
      const list = byPoint.get(a.pointId) ?? []
      list.push(a)
      byPoint.set(a.pointId, list)
    }
    await Promise.all(
      [...byPoint.values()].map(async (actions) => {
        for (const a of actions) await a.run()
      }),
    )
    if (++days % 15 === 0) log(`  … ${new Date(dayEnd).toISOString().slice(0, 10)}: ${counts.made} bookings so far`)
  }
  return {
    logins,
    password: DEMO_PASSWORD,
    points: DEMO_CITIES.length,
    customers: customers.length,
    bookings: counts,
    cars: [
      ...customers.flatMap((c) =>
        c.cars.map((car) => ({
          ...car,
          owner: {
            kind: 'customer' as const,
            customerId: c.principal.tenant.scope === 'customer' ? c.principal.tenant.customerId : '',
          },
          ownerName: c.name,
          phone: c.phone,
          homePointId: c.home.pointId,
        })),
      ),
      ...fleetCars.map((car, i) => ({
        ...car,
        owner: { kind: 'fleet' as const, fleetId: DEMO_FLEET.fleetId },
        ownerName: DEMO_FLEET.name,
        phone: null,
        homePointId: (fleetHomes[i] as DemoCity).pointId,
      })),
    ],
    actors: {
      headOffice: hq,
      employees: Object.fromEntries([...people].map(([pointId, p]) => [pointId, p.employee])),
      managers: Object.fromEntries([...people].map(([pointId, p]) => [pointId, p.manager])),
      staff: staffIds,
    },
  }
}
