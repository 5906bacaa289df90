// The network and booking part of the flow, over HTTP as the clients drive it: head office sets up
// a point (bays, hours, a closed day), the catalogue and the staff roster; a customer registers,
// searches slots and books; staff take a phone booking and cancel it; two customers race for the
// same slot and the loser books one of the alternatives offered; staff check the first visit in
// and complete it. Every command carries an Idempotency-Key named after its step.
import assert from 'node:assert/strict'
import type { CalendarDays } from './calendarDays.js'
import { at, type Http, text } from './http.js'

export const POINT_ID = 'e2e-wroclaw'
export const HEAD_OFFICE = { email: 'head.office@e2e.example', password: 'e2e-head-office-password' }
const PASSWORD = 'e2e-customer-password'

const PLN = (amountMinor: number) => ({ amountMinor, currency: 'PLN' })

const service = (code: string, baseMinutes: number, extra: Record<string, unknown> = {}) => ({
  code,
  names: { pl: code, en: code },
  baseMinutes,
  durationRules: [],
  price: PLN(10_000),
  vatRatePercent: 23,
  requiredFeatures: [],
  requiredSkill: 'tyre_fitting',
  ...extra,
})

const SERVICES = [
  service('TYRE_CHANGE', 60, { durationRules: [{ vehicleClass: 'suv', wheels: null, minutes: 75 }] }),
  service('BALANCING', 30, { requiredFeatures: ['balancing'], requiredSkill: 'balancing' }),
  // Only bay-2 and Anna can do it: one visit at a time, so two customers can race for it.
  service('RUN_FLAT', 45, { requiredFeatures: ['run_flat'], requiredSkill: 'run_flat' }),
]

const GOODS = [
  { sku: 'VALVE-TR413', kind: 'valve', names: { pl: 'Zawór', en: 'Valve' }, price: PLN(800), vatRatePercent: 23 },
  {
    sku: 'TYRE-205',
    kind: 'tyre',
    names: { pl: 'Opona 205/55R16', en: 'Tyre 205/55R16' },
    price: PLN(35_000),
    vatRatePercent: 23,
  },
]

const OPEN = [{ from: '06:00', to: '22:00' }]
const HOURS = { mon: OPEN, tue: OPEN, wed: OPEN, thu: OPEN, fri: OPEN, sat: OPEN, sun: OPEN }

const STAFF = [
  { staffId: 'anna', name: 'Anna Nowak', skills: ['tyre_fitting', 'balancing', 'run_flat'] },
  { staffId: 'jan', name: 'Jan Wiśniewski', skills: ['tyre_fitting', 'balancing'] },
]

/** What later steps and the comparison need from the booking part. */
export interface BookingFlowRecord {
  readonly tokens: { readonly headOffice: string; readonly manager: string; readonly employee: string }
  readonly alice: { readonly token: string; readonly customerId: string; readonly bookingId: string }
  readonly racers: {
    readonly winner: { readonly token: string; readonly bookingId: string }
    readonly loser: { readonly token: string; readonly bookingId: string }
  }
  readonly phoneBookingId: string
  /** The 409 answer the loser of the race got (its alternatives), to compare across runs. */
  readonly refusal: unknown
  /** Values that differ between runs by construction (random ids, who won the race) → stable labels. */
  readonly labels: ReadonlyMap<string, string>
}

/** DW 11111, DW 22222. */
const racerPlate = (n: number) => `DW ${String(n).repeat(5)}`

async function register(http: Http, step: string, email: string, displayName: string) {
  const account = await http.command('POST', '/auth/register', step, null, { email, password: PASSWORD, displayName })
  return {
    accountId: text(account, 'accountId'),
    customerId: text(account, 'tenant', 'customerId'),
    token: await http.login(email, PASSWORD),
  }
}

export async function bookingFlow(http: Http, days: CalendarDays): Promise<BookingFlowRecord> {
  const labels = new Map<string, string>()
  const headOffice = await http.login(HEAD_OFFICE.email, HEAD_OFFICE.password)
  const me = await http.read('/me', headOffice)
  labels.set(text(me, 'accountId'), 'account:head-office')

  // ── head office: accounts, the point, the catalogue, the roster ──
  const account = async (step: string, role: string, email: string, displayName: string) => {
    const body = { email, password: PASSWORD, displayName, role, pointId: POINT_ID }
    const id = text(await http.command('POST', '/accounts', step, headOffice, body), 'accountId')
    labels.set(id, `account:${step}`)
    return { id, token: await http.login(email, PASSWORD) }
  }
  const manager = await account('manager', 'service_point_manager', 'manager@e2e.example', 'Maria Manager')
  for (const s of SERVICES) await http.command('POST', '/catalogue/services', `service-${s.code}`, headOffice, s)
  for (const g of GOODS) await http.command('POST', '/catalogue/goods', `goods-${g.sku}`, headOffice, g)
  await http.command('POST', '/points', 'point', headOffice, {
    pointId: POINT_ID,
    name: 'Opony Wrocław E2E',
    address: { street: 'ul. Testowa 1', postalCode: '50-001', city: 'Wrocław', country: 'PL' },
    geo: { lat: 51.1079, lon: 17.0385 },
    contacts: { phone: '+48 71 123 45 67', email: 'wroclaw@e2e.example' },
    timeZone: days.timeZone,
    weeklyHours: HOURS,
    bays: [
      {
        bayId: 'bay-1',
        name: 'Stanowisko 1',
        capabilities: { features: ['passenger', 'suv', 'balancing'], rimMaxInches: 19 },
      },
      {
        bayId: 'bay-2',
        name: 'Stanowisko 2',
        capabilities: { features: ['passenger', 'suv', 'run_flat', 'tpms', 'balancing'], rimMaxInches: 22 },
      },
    ],
    managerId: manager.id,
  })
  const employee = await account('employee', 'service_point_employee', 'employee@e2e.example', 'Edward Employee')
  // The manager runs his own point from here on.
  await http.command(
    'PUT',
    `/points/${POINT_ID}/opening-hours/exceptions/${days.closedDay}`,
    'closed-day',
    manager.token,
    {
      hours: [],
      note: 'stocktaking',
    },
  )
  for (const s of STAFF) await http.command('POST', `/points/${POINT_ID}/staff`, `staff-${s.staffId}`, manager.token, s)
  const shifts = days.week
    .filter((date) => date !== days.closedDay)
    .flatMap((date) =>
      STAFF.map((s) => ({
        shiftId: `${s.staffId}-${date}`,
        staffId: s.staffId,
        date,
        hours: { from: '06:00', to: '22:00' },
      })),
    )
  await http.command('POST', `/points/${POINT_ID}/shifts`, 'roster', manager.token, { shifts })

  // ── a customer registers, searches and books a visit for today ──
  const alice = await register(http, 'register-alice', 'alice@e2e.example', 'Alicja Kowalska')
  labels.set(alice.accountId, 'account:alice').set(alice.customerId, 'customer:alice')
  const slots = await http.read(
    `/points/${POINT_ID}/slots?date=${days.today}&services=TYRE_CHANGE,BALANCING&vehicleClass=passenger&time=14:00`,
  )
  assert.equal(at(slots, 'durationMinutes'), 90, JSON.stringify(slots))
  assert.equal(at(slots, 'desired', 'free'), true, JSON.stringify(at(slots, 'desired')))
  const aliceBooking = await http.command('POST', '/bookings', 'alice-books', alice.token, {
    pointId: POINT_ID,
    services: ['TYRE_CHANGE', 'BALANCING'],
    date: days.today,
    time: '14:00',
    vehicle: { plate: 'DW 12345', vehicleClass: 'passenger', rimInches: 16 },
    goods: [{ sku: 'VALVE-TR413', quantity: 4 }],
    note: 'winter tyres in the boot',
  })
  assert.equal(at(aliceBooking, 'status'), 'confirmed')

  // ── staff take a phone booking for tomorrow, then the caller cancels it ──
  const phone = await http.command('POST', '/bookings', 'phone-booking', employee.token, {
    pointId: POINT_ID,
    services: ['TYRE_CHANGE'],
    date: days.tomorrow,
    time: '12:00',
    bayId: 'bay-1',
    vehicle: { plate: 'KR 5XY77', vehicleClass: 'suv' },
    customer: { name: 'Pani Zofia', phone: '+48 600 100 200' },
  })
  const phoneBookingId = text(phone, 'bookingId')
  await http.command('POST', `/bookings/${phoneBookingId}/cancel`, 'phone-cancel', employee.token, {
    reason: 'the caller found a nearer point',
  })

  // ── two customers race for the same run-flat slot tomorrow at 10:00 ──
  const racers = [
    await register(http, 'register-racer-1', 'racer.1@e2e.example', 'Racing customer'),
    await register(http, 'register-racer-2', 'racer.2@e2e.example', 'Racing customer'),
  ]
  const attempts = await Promise.all(
    racers.map((r, i) =>
      http.call('POST', '/bookings', {
        token: r.token,
        key: `e2e-race-${i + 1}`,
        body: {
          pointId: POINT_ID,
          services: ['RUN_FLAT'],
          date: days.tomorrow,
          time: '10:00',
          // The racers are alike but for their e-mail and plate, which the labels below name by outcome.
          vehicle: { plate: racerPlate(i + 1), vehicleClass: 'suv' },
        },
      }),
    ),
  )
  assert.deepEqual(
    attempts.map((a) => a.status).sort(),
    [201, 409],
    `exactly one racer gets the slot: ${JSON.stringify(attempts)}`,
  )
  const w = attempts.findIndex((a) => a.status === 201)
  const l = 1 - w
  const [winner, loser] = [racers[w], racers[l]] as const
  const [won, refused] = [attempts[w], attempts[l]] as const
  assert.ok(winner && loser && won && refused)
  assert.equal(at(refused.body, 'code'), 'SLOT_TAKEN', JSON.stringify(refused.body))
  const after = at(refused.body, 'alternatives', 'after', 0)
  assert.ok(after, `the loser is offered later slots: ${JSON.stringify(refused.body)}`)
  const rebooked = await http.command('POST', '/bookings', 'race-loser-alternative', loser.token, {
    pointId: POINT_ID,
    services: ['RUN_FLAT'],
    start: text(after, 'start'),
    vehicle: { plate: racerPlate(l + 1), vehicleClass: 'suv' },
  })
  for (const [who, r, n] of [
    ['winner', winner, w + 1],
    ['loser', loser, l + 1],
  ] as const)
    labels
      .set(r.accountId, `account:racer-${who}`)
      .set(r.customerId, `customer:racer-${who}`)
      .set(`racer.${n}@e2e.example`, `racer-${who}@e2e.example`)
      .set(racerPlate(n).replace(' ', ''), `plate:racer-${who}`) // plates are stored without spaces
  const winnerBookingId = text(won.body, 'bookingId')
  labels.set(winnerBookingId, 'booking:race-winner')

  // ── staff check Alice in and complete her visit ──
  const aliceBookingId = text(aliceBooking, 'bookingId')
  await http.command('POST', `/bookings/${aliceBookingId}/check-in`, 'alice-check-in', employee.token)
  const done = await http.command('POST', `/bookings/${aliceBookingId}/complete`, 'alice-complete', employee.token)
  assert.equal(at(done, 'status'), 'completed')

  return {
    tokens: { headOffice, manager: manager.token, employee: employee.token },
    alice: { token: alice.token, customerId: alice.customerId, bookingId: aliceBookingId },
    racers: {
      winner: { token: winner.token, bookingId: winnerBookingId },
      loser: { token: loser.token, bookingId: text(rebooked, 'bookingId') },
    },
    phoneBookingId,
    refusal: refused.body,
    labels,
  }
}
