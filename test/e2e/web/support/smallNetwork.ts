// A small network for the browser tests, built through the application services (the demo network
// takes minutes): one point with two bays and ONE mechanic (so a time can be taken only once and a
// second customer racing for it is refused), two services and one product, accounts for head office,
// the point's employee, a fleet manager and a customer, and visits of two fleets.
//
// The point's time zone is chosen so that it is about noon there now (Etc/GMT±N): "today" at the
// point then has free afternoon slots whenever the tests run, and check-in (allowed on the visit's
// day only) can be tested on a visit booked today.
import { isLeft } from 'fp-ts/lib/Either.js'
import type { Password } from '../../../../application/access/password.js'
import type { DisplayName, Email, EntityId } from '../../../../domain/access/fields.js'
import type { Principal } from '../../../../domain/access/principal.js'
import type { DomainError } from '../../../../domain/shared/decider.js'
import type { Platform } from '../../../../infrastructure/composition.js'

export const PASSWORD = 'haslo-testowe-123'
const ALL_DAY = [{ from: '06:00', to: '22:00' }]
const WEEK = { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY }

export interface SmallNetwork {
  readonly pointId: string
  readonly pointName: string
  readonly timeZone: string
  /** The point's local date today and tomorrow. */
  readonly today: string
  readonly tomorrow: string
  readonly logins: Readonly<Record<'headOffice' | 'staff' | 'fleetManager' | 'customer', string>>
  readonly fleetId: string
  readonly fleetPlates: readonly string[]
  readonly otherFleetPlate: string
}

/** The Etc zone where it is about noon now ('Etc/GMT-2' is UTC+2: the sign is POSIX's, reversed). */
export function noonZone(now: Date): string {
  const offset = 12 - now.getUTCHours()
  if (offset === 0) return 'Etc/UTC'
  return offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`
}

export const localDate = (timeZone: string, at: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at)

export async function seedSmallNetwork(platform: Platform, now = new Date()): Promise<SmallNetwork> {
  const { accounts } = platform.access
  const { points, staff, catalogue, bookings } = platform.network
  let n = 0
  const meta = () => ({ correlationId: `web-e2e-${++n}`, causationId: null, now: new Date().toISOString() })
  const must = <T>(what: string, r: { _tag: 'Left'; left: DomainError } | { _tag: 'Right'; right: T }): T => {
    if (isLeft(r)) throw new Error(`seed: ${what}: ${r.left.code} ${r.left.message}`)
    return r.right
  }
  const principalOf = (v: { accountId: string; role: Principal['role']; tenant: Principal['tenant'] }) =>
    ({ id: v.accountId, role: v.role, tenant: v.tenant }) as Principal
  const person = (email: string, name: string) => ({
    email: email as Email,
    password: PASSWORD as Password,
    displayName: name as DisplayName,
  })

  const hq = principalOf(
    must('head office', await accounts.createHeadOfficeAsOperator(person('centrala@test.pl', 'Centrala'), meta())),
  )
  const pointId = 'test-wola'
  const timeZone = noonZone(now)
  const today = localDate(timeZone, now)
  const tomorrow = localDate(timeZone, new Date(now.getTime() + 86_400_000))
  const dayAfter = localDate(timeZone, new Date(now.getTime() + 2 * 86_400_000))

  for (const service of [
    {
      code: 'SEASONAL_CHANGE',
      names: { pl: 'Sezonowa wymiana kół', en: 'Seasonal wheel change' },
      baseMinutes: 30,
      durationRules: [{ vehicleClass: 'suv' as const, wheels: null, minutes: 40 }],
      price: { amountMinor: 12000, currency: 'PLN' },
      vatRatePercent: 23,
      requiredFeatures: [],
      requiredSkill: 'tyre_fitting' as const,
    },
    {
      code: 'BALANCING',
      names: { pl: 'Wyważanie kół', en: 'Wheel balancing' },
      baseMinutes: 20,
      durationRules: [],
      price: { amountMinor: 6000, currency: 'PLN' },
      vatRatePercent: 23,
      requiredFeatures: ['balancing' as const],
      requiredSkill: 'balancing' as const,
    },
  ])
    must(service.code, await catalogue.change(hq, { kind: 'AddService', service }, meta()))
  must(
    'goods',
    await catalogue.change(
      hq,
      {
        kind: 'AddGoods',
        goods: {
          sku: 'VALVE-TR413',
          kind: 'valve',
          names: { pl: 'Zawór TR413', en: 'Valve TR413' },
          price: { amountMinor: 1500, currency: 'PLN' },
          vatRatePercent: 23,
        },
      },
      meta(),
    ),
  )

  const employee = principalOf(
    must(
      'employee',
      await accounts.createAccount(
        hq,
        { ...person('serwis@test.pl', 'Serwis Wola'), role: 'service_point_employee', pointId: pointId as EntityId },
        meta(),
      ),
    ),
  )
  must(
    'fleet manager',
    await accounts.createAccount(
      hq,
      { ...person('flota@test.pl', 'Flota Kurier'), role: 'fleet_manager', fleetId: 'fleet-kurier' as EntityId },
      meta(),
    ),
  )
  must('customer', await accounts.registerCustomer(person('anna@test.pl', 'Anna Nowak'), meta()))

  must(
    'point',
    await points.create(
      hq,
      {
        pointId,
        name: 'Opony Test Wola',
        address: { street: 'ul. Wolska 1', postalCode: '01-001', city: 'Warszawa', country: 'PL' },
        geo: { lat: 52.23, lon: 20.96 },
        contacts: { phone: '+48 22 100 20 30', email: 'wola@test.pl' },
        timeZone,
        weeklyHours: WEEK,
        bays: [
          {
            bayId: 'bay-1',
            name: 'Stanowisko 1',
            capabilities: { features: ['passenger', 'suv', 'van', 'balancing'], rimMaxInches: 22 },
          },
          { bayId: 'bay-2', name: 'Stanowisko 2', capabilities: { features: ['passenger', 'suv'], rimMaxInches: 19 } },
        ],
        managerId: null,
      },
      meta(),
    ),
  )
  const shifts = [today, tomorrow, dayAfter].map((date) => ({
    kind: 'PlanShift' as const,
    shiftId: `s1-${date}`,
    staffId: 's1',
    date,
    hours: ALL_DAY[0] as { from: string; to: string },
  }))
  must(
    'staff',
    await staff.change(
      hq,
      pointId,
      [
        {
          kind: 'RegisterStaffMember',
          staffId: 's1',
          name: 'Jan Kowalski',
          skills: ['tyre_fitting', 'balancing', 'tyre_repair'],
        },
        ...shifts,
      ],
      meta(),
    ),
  )

  // Visits taken on the phone by the employee: two for the fleet, one for another fleet.
  const fleetPlates = ['WX 1001A', 'WX 1002B']
  const otherFleetPlate = 'WY 2002C'
  const visits = [
    { plate: fleetPlates[0] as string, fleetId: 'fleet-kurier', date: tomorrow, time: '17:00' },
    { plate: fleetPlates[1] as string, fleetId: 'fleet-kurier', date: dayAfter, time: '09:00' },
    { plate: otherFleetPlate, fleetId: 'fleet-other', date: tomorrow, time: '18:00' },
  ]
  for (const v of visits)
    must(
      `visit ${v.plate}`,
      await bookings.create(
        employee,
        {
          pointId,
          services: ['SEASONAL_CHANGE'],
          vehicle: { plate: v.plate, vehicleClass: 'van' },
          date: v.date,
          time: v.time,
          customer: { fleetId: v.fleetId, name: 'Kierowca', phone: '+48 600 100 200' },
          channel: 'staff_phone',
        },
        meta(),
      ),
    )

  return {
    pointId,
    pointName: 'Opony Test Wola',
    timeZone,
    today,
    tomorrow,
    logins: {
      headOffice: 'centrala@test.pl',
      staff: 'serwis@test.pl',
      fleetManager: 'flota@test.pl',
      customer: 'anna@test.pl',
    },
    fleetId: 'fleet-kurier',
    // As the API stores them: without spaces.
    fleetPlates: fleetPlates.map((p) => p.replace(/\s/g, '')),
    otherFleetPlate: otherFleetPlate.replace(/\s/g, ''),
  }
}
