// The business side of the demo network, through the application services: a record for every
// demo customer (contacts, language, reminder consents as given at the desk), the company behind
// the demo fleet with its branches and cars (under the registry's equipment ids, so dashboards join
// its tyres and orders), a second fleet imported from a vehicle list, a contract for each fleet
// (packages, tiered hours, a monthly fee, SLA, a service schedule), tickets, and the monthly billing
// of the months already over.
//
// Contracts and billing read projections (coverage, usage). The seed runs before any projection
// runner, so it keeps its own read models in memory and rebuilds them from the log when it needs
// them: the same overlap check and the same run as production, on read models that are exact.

import { isLeft } from 'fp-ts/lib/Either.js'
import type { BookingPlatform } from '../../application/booking/bookingPlatform.js'
import { alwaysCaughtUp } from '../../application/contracts/readModelSync.js'
import { type BusinessPlatform, businessPlatform } from '../../application/customers/businessPlatform.js'
import type { EventCatalogue } from '../../application/eventLog/eventCatalogue.js'
import { ManualClock } from '../../application/leases/clock.js'
import type { EventStore } from '../../application/ports/eventStore.js'
import { ReadModels } from '../../application/readModels/readModels.js'
import type { Principal } from '../../domain/access/principal.js'
import type { ContractTerms } from '../../domain/contract/terms.js'
import type { DomainError } from '../../domain/shared/decider.js'
import { addDays } from '../../domain/shared/localTime.js'
import { addMonthsToMonth, firstDayOf } from '../../domain/shared/yearMonth.js'
import { MemoryDocumentStore } from '../../infrastructure/documents/memory/memoryDocumentStore.js'
import { billingProjection } from '../../projections/customers/billingProjection.js'
import { contractsProjection } from '../../projections/customers/contractsProjection.js'
import { rebuildProjection } from '../../projections/rebuild.js'
import { DEMO_CITIES, DEMO_FLEET } from './demoData.js'
import { seededRandom } from './random.js'
import type { DemoSummary } from './seedNetwork.js'

export interface BusinessSummary {
  readonly customers: number
  readonly fleets: number
  readonly vehicles: number
  readonly contracts: number
  readonly tickets: number
  readonly invoices: number
}

export interface BusinessSeedOptions {
  readonly now: Date
  readonly seed?: number
  readonly log?: (line: string) => void
}

const TAXI = { fleetId: 'fleet-taxi-plus', customerId: 'cust-taxi-plus', name: 'Taxi Plus Kraków' } as const
const KURIER_CUSTOMER = 'cust-kurier-express'
const MAKES = [
  ['Škoda', 'Octavia'],
  ['Toyota', 'Corolla'],
  ['Volkswagen', 'Caddy'],
  ['Ford', 'Transit Custom'],
  ['Renault', 'Master'],
] as const
const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789'

function must<T>(what: string, result: { _tag: 'Left'; left: DomainError } | { _tag: 'Right'; right: T }): T {
  if (isLeft(result)) throw new Error(`demo ${what}: ${result.left.code} ${result.left.message}`)
  return result.right
}

function terms(equipmentIds: string[], monthlyFeeMinor: number, firstDue: string): ContractTerms {
  return {
    coverage: { equipmentIds, serviceCodes: ['SEASONAL_CHANGE', 'BALANCING', 'TYRE_STORAGE'] },
    priceList: [
      {
        serviceCode: 'SEASONAL_CHANGE',
        term: { kind: 'fixed_price', pricePerServiceMinor: 12_000 },
        vatRatePercent: 23,
      },
      {
        serviceCode: 'BALANCING',
        term: {
          kind: 'tiered_hours',
          freeMinutes: 240,
          ratePerHourMinor: 14_000,
          limitMinutes: 1_200,
          aboveLimitRatePerHourMinor: 19_000,
          roundingIncrementMinutes: 15,
        },
        vatRatePercent: 23,
      },
      { serviceCode: 'TYRE_STORAGE', term: { kind: 'flat_monthly', monthlyFeeMinor }, vatRatePercent: 23 },
    ],
    discount: { servicesBasisPoints: 800, partsBasisPoints: 500 },
    sla: {
      clock: {
        kind: 'business_hours',
        timeZone: 'Europe/Warsaw',
        weeklyHours: {
          mon: [{ from: '08:00', to: '18:00' }],
          tue: [{ from: '08:00', to: '18:00' }],
          wed: [{ from: '08:00', to: '18:00' }],
          thu: [{ from: '08:00', to: '18:00' }],
          fri: [{ from: '08:00', to: '18:00' }],
          sat: [],
          sun: [],
        },
        holidays: [],
      },
      targets: {
        critical: { reactionMinutes: 60, resolutionMinutes: 480 },
        high: { reactionMinutes: 120, resolutionMinutes: 960 },
        normal: { reactionMinutes: 240, resolutionMinutes: 2_400 },
        low: { reactionMinutes: 480, resolutionMinutes: 4_800 },
      },
      headOfficeEscalationAfterMinutes: 240,
    },
    schedule: [
      {
        scheduleId: 'seasonal-change',
        serviceCode: 'SEASONAL_CHANGE',
        equipmentIds: null,
        rule: { kind: 'seasonal', spring: { from: '03-15', to: '04-30' }, autumn: { from: '10-15', to: '11-30' } },
      },
      {
        scheduleId: 'balancing',
        serviceCode: 'BALANCING',
        equipmentIds: null,
        rule: { kind: 'every_months', months: 6, firstDue },
      },
    ],
  }
}

export async function seedBusiness(
  deps: { readonly store: EventStore; readonly catalogue: EventCatalogue; readonly network: BookingPlatform },
  demo: DemoSummary,
  options: BusinessSeedOptions,
): Promise<BusinessSummary> {
  const log = options.log ?? (() => undefined)
  const random = seededRandom((options.seed ?? 2026) + 6)
  const documents = new MemoryDocumentStore()
  const readModels = new ReadModels(documents)
  const refresh = async () => {
    for (const projection of [contractsProjection, billingProjection])
      await rebuildProjection({ projection, events: deps.store, documents, clock: new ManualClock(), retireDelayMs: 0 })
  }
  const business: BusinessPlatform = businessPlatform({
    store: deps.store,
    catalogue: deps.catalogue,
    readModels,
    sync: alwaysCaughtUp,
    networkCatalogue: () => deps.network.reader.catalogue(),
    log,
  })
  const hq: Principal = demo.actors.headOffice
  const nowIso = options.now.toISOString()
  const today = nowIso.slice(0, 10)
  let n = 0
  const meta = (key: string) => ({
    correlationId: `demo-business-${++n}`,
    causationId: null,
    now: nowIso,
    commandId: `demo|${key}`,
  })
  const pointIds = DEMO_CITIES.map((c) => c.pointId)

  // Customers' own records, from what the network knows of them.
  log('business: customer records, consents…')
  const customers = new Map<string, { name: string; phone: string | null }>()
  for (const car of demo.cars)
    if (car.owner.kind === 'customer' && car.owner.customerId)
      customers.set(car.owner.customerId, { name: car.ownerName, phone: car.phone })
  for (const [customerId, c] of customers) {
    const [firstName = c.name, ...rest] = c.name.split(' ')
    must(
      'customer',
      await business.customers.register(
        hq,
        {
          customerId,
          party: { kind: 'individual', firstName, lastName: rest.join(' ') || firstName },
          contacts: { email: null, phone: c.phone },
          preferences: { preferredChannel: 'sms', language: random.chance(0.9) ? 'pl' : 'en' },
        },
        meta(`customer|${customerId}`),
      ),
    )
    if (random.chance(0.6))
      must(
        'consent',
        await business.customers.consent(
          hq,
          customerId,
          { purpose: 'reminders', channel: 'sms', granted: true, source: 'staff_desk' },
          meta(`consent|${customerId}`),
        ),
      )
  }

  // The demo fleet's company, its branches and cars (the registry's equipment ids).
  log('business: fleets, vehicles, contracts…')
  const address = (city: (typeof DEMO_CITIES)[number]) => ({
    street: city.street,
    postalCode: city.postalCode,
    city: city.city,
    country: 'PL',
  })
  const [waw, krk, wro] = [
    DEMO_CITIES[0],
    DEMO_CITIES.find((c) => c.city === 'Kraków'),
    DEMO_CITIES.find((c) => c.city === 'Wrocław'),
  ].map((c) => c ?? (DEMO_CITIES[0] as (typeof DEMO_CITIES)[number])) as [
    (typeof DEMO_CITIES)[number],
    (typeof DEMO_CITIES)[number],
    (typeof DEMO_CITIES)[number],
  ]
  must(
    'company',
    await business.customers.register(
      hq,
      {
        customerId: KURIER_CUSTOMER,
        party: { kind: 'company', companyName: DEMO_FLEET.name, taxId: { country: 'PL', value: '5252248481' } },
        contacts: { email: 'flota@kurier-express.pl', phone: '+48 22 100 20 30' },
        preferences: { preferredChannel: 'email', language: 'pl' },
      },
      meta('company|kurier'),
    ),
  )
  must(
    'fleet',
    await business.fleets.register(
      hq,
      {
        fleetId: DEMO_FLEET.fleetId,
        customerId: KURIER_CUSTOMER,
        name: DEMO_FLEET.name,
        headOffice: { address: address(waw), contacts: { email: 'flota@kurier-express.pl', phone: null } },
      },
      meta('fleet|kurier'),
    ),
  )
  const branches = [
    ['waw', 'Warszawa', waw],
    ['krk', 'Kraków', krk],
    ['wro', 'Wrocław', wro],
  ] as const
  for (const [branchId, name, city] of branches)
    must(
      'branch',
      await business.fleets.change(
        hq,
        DEMO_FLEET.fleetId,
        {
          kind: 'OpenBranch',
          branch: { branchId, name, address: address(city), contacts: { email: null, phone: city.phone } },
        },
        meta(`branch|${branchId}`),
      ),
    )
  const vin = () => Array.from({ length: 17 }, () => random.pick([...VIN_CHARS])).join('')
  const fleetCars = demo.cars.filter((c) => c.owner.kind === 'fleet')
  const kurierVehicles: string[] = []
  for (const car of fleetCars) {
    const equipmentId = `eq-${car.plate.replace(/\s/g, '').toLowerCase()}`
    const [make, model] = random.pick(MAKES)
    const branch = branches.find(([, , city]) => city.pointId === car.homePointId)?.[0] ?? random.pick(branches)[0]
    const added = await business.fleets.changeVehicles(
      hq,
      DEMO_FLEET.fleetId,
      {
        kind: 'AddVehicle',
        vehicle: {
          equipmentId,
          plate: car.plate,
          plateCountry: 'PL',
          vin: vin(),
          make,
          model,
          year: random.int(2017, 2024),
          branchId: branch,
        },
      },
      meta(`vehicle|${equipmentId}`),
    )
    // The same plate twice among the demo's fleet cars is the same van.
    if (isLeft(added) && added.left.code === 'VEHICLE_DUPLICATE') continue
    must('vehicle', added)
    kurierVehicles.push(equipmentId)
  }
  must(
    'manager',
    await business.fleets.change(
      hq,
      DEMO_FLEET.fleetId,
      {
        kind: 'AppointFleetManager',
        managerId: 'kurier-flota',
        name: 'Dział floty',
        contacts: { email: 'flota@kurier-express.pl', phone: null },
        branchIds: null,
      },
      meta('manager|kurier'),
    ),
  )

  // A second fleet, its cars imported from a vehicle list as a fleet would upload it.
  must(
    'company',
    await business.customers.register(
      hq,
      {
        customerId: TAXI.customerId,
        party: { kind: 'company', companyName: 'Taxi Plus sp. z o.o.', taxId: { country: 'PL', value: '6762468118' } },
        contacts: { email: 'biuro@taxiplus.pl', phone: null },
      },
      meta('company|taxi'),
    ),
  )
  must(
    'fleet',
    await business.fleets.register(
      hq,
      {
        fleetId: TAXI.fleetId,
        customerId: TAXI.customerId,
        name: TAXI.name,
        headOffice: { address: address(krk), contacts: { email: 'biuro@taxiplus.pl', phone: null } },
      },
      meta('fleet|taxi'),
    ),
  )
  const rows = Array.from({ length: 12 }, (_, i) => ({
    'Nr rejestracyjny': `KR ${String(70_000 + i * 7)}`,
    VIN: vin(),
    Marka: 'Toyota',
    Model: i % 3 === 0 ? 'Camry' : 'Corolla',
    Rok: String(2020 + (i % 4)),
  }))
  const imported = must(
    'import',
    await business.imports.importVehicles(
      hq,
      TAXI.fleetId,
      { fileName: 'taxi-plus-pojazdy.csv', headers: Object.keys(rows[0] ?? {}), rows },
      meta('import|taxi'),
    ),
  )

  // Contracts from the first day of the month three months ago, open-ended.
  const month = today.slice(0, 7)
  const validFrom = firstDayOf(addMonthsToMonth(month, -3))
  const contracts: Array<[string, string, string[], number]> = [
    ['ctr-kurier', DEMO_FLEET.fleetId, kurierVehicles, 150_000],
    ['ctr-taxi', TAXI.fleetId, [...imported.equipmentIds], 60_000],
  ]
  for (const [contractId, fleetId, vehicles, fee] of contracts) {
    await refresh()
    must(
      'contract',
      await business.contracts.sign(
        hq,
        {
          contractId,
          contractNumber: `UM/${validFrom.slice(0, 4)}/${contractId.toUpperCase()}`,
          holder: { kind: 'fleet', fleetId },
          currency: 'PLN',
          timeZone: 'Europe/Warsaw',
          validFrom,
          validTo: null,
          terms: terms(vehicles, fee, addDays(validFrom, 20)),
        },
        meta(`contract|${contractId}`),
      ),
    )
  }

  // Tickets: one still open about a van, one resolved.
  log('business: tickets and billing…')
  const requester = { customerId: null, fleetId: DEMO_FLEET.fleetId }
  const open = must(
    'ticket',
    await business.tickets.open(
      hq,
      {
        subject: 'Bicie kierownicy po wymianie opon',
        description: 'Kierowca zgłasza drgania przy 90 km/h.',
        priority: 'high',
        contractId: 'ctr-kurier',
        pointId: random.pick(pointIds),
        ...(kurierVehicles[0] ? { equipmentId: kurierVehicles[0] } : {}),
        requester,
        channel: 'phone',
      },
      meta('ticket|open'),
    ),
  )
  const done = must(
    'ticket',
    await business.tickets.open(
      hq,
      {
        subject: 'Faktura za październik',
        description: 'Prośba o duplikat faktury.',
        priority: 'low',
        contractId: 'ctr-kurier',
        requester,
        channel: 'email',
      },
      meta('ticket|done'),
    ),
  )
  must(
    'ticket',
    await business.tickets.step(
      hq,
      done.ticketId,
      { kind: 'PostTicketMessage', messageId: 'reply-1', visibility: 'public', body: 'Duplikat wysłany e-mailem.' },
      meta('ticket|reply'),
    ),
  )
  must(
    'ticket',
    await business.tickets.step(
      hq,
      done.ticketId,
      { kind: 'ResolveTicket', resolution: 'Duplikat wysłany.' },
      meta('ticket|resolve'),
    ),
  )
  void open

  // The monthly billing of every month already over since the contracts began.
  await refresh()
  let invoices = 0
  for (let m = addMonthsToMonth(month, -3); m < month; m = addMonthsToMonth(m, 1)) {
    const run = must('billing run', await business.billing.runMonth(hq, m, {}, meta(`billing|${m}`)))
    invoices += run.invoices.length
  }
  return {
    customers: customers.size + 2,
    fleets: 2,
    vehicles: kurierVehicles.length + imported.imported,
    contracts: contracts.length,
    tickets: 2,
    invoices,
  }
}
