// Benchmark of the business side (npm run bench:fleet), on the embedded SQLite stores in a temp
// dir, with the application as `npm start` composes it:
//   0. history: a fleet of 5,000 vehicles in 5 branches (imported through the import service from
//      a 5,000-row file) with 3 years of history (Dec 2023 - Nov 2026): two seasonal visits a year
//      per vehicle (booking requested, checked in, completed), a work order a year (opened, handed
//      over, billed under the branch contract), tyres mounted and measured every six months with
//      mileage, tickets; 995 private customers with a contract each; 35 months of monthly billing
//      of all 1,000 contracts. Events are decided by the domain (order and month billing deciders)
//      and appended through the catalogue's codecs, many streams at once;
//   1. rebuilding the fleetDashboard projection from scratch (the whole log): events/s;
//   2. the fleet dashboard query (FleetDashboardService.fleet, as GET /fleets/{id}/dashboard runs
//      it) for the 5,000-vehicle fleet: median and p95 of 50 runs after a warm-up;
//   3. the monthly billing run of November 2026 for the 1,000 contracts (BillingService.runMonth,
//      as POST /billing/runs runs it), then the same month again (it must change nothing).
// Prints readable lines and, as the LAST line, one JSON object with the figures.
// BENCH_SCALE=0.1 builds a tenth of the fleet and history (a quick smoke run).
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { isLeft } from 'fp-ts/lib/Either.js'
import { cataloguePriceList, DEFAULT_LABOUR_RATE } from '../../application/billing/billingService.js'
import type { EventCatalogue } from '../../application/eventLog/eventCatalogue.js'
import { ManualClock } from '../../application/leases/clock.js'
import type { EventStore, NewEvent } from '../../application/ports/eventStore.js'
import type { Principal } from '../../domain/access/principal.js'
import type { MonthlyBillingEvent } from '../../domain/billing/events.js'
import { monthlyBillingDecider } from '../../domain/billing/monthlyBillingDecider.js'
import { orderBillingDecider } from '../../domain/billing/orderBillingDecider.js'
import { type ContractState, contractFrom, termsOn } from '../../domain/contract/contractTimeline.js'
import type { ContractEvent } from '../../domain/contract/events.js'
import type { ContractTerms } from '../../domain/contract/terms.js'
import type { ServiceDefinition } from '../../domain/service-network/events.js'
import { SYSTEM_ACTOR } from '../../domain/shared/actor.js'
import type { DomainError } from '../../domain/shared/decider.js'
import { addDays, type LocalDate } from '../../domain/shared/localTime.js'
import { addMonthsToMonth, firstDayOf } from '../../domain/shared/yearMonth.js'
import { composePlatform, type Platform } from '../../infrastructure/composition.js'
import { loadConfig } from '../../infrastructure/config.js'
import { businessProjections } from '../../projections/customers/businessProjections.js'
import { fleetDashboardProjection } from '../../projections/fleet/fleetDashboardProjection.js'
import { rebuildProjection } from '../../projections/rebuild.js'
import { seededRandom } from '../demo/random.js'

const SCALE = Number(process.env.BENCH_SCALE ?? 1)
const VEHICLES = Math.max(100, Math.round(5_000 * SCALE))
const BRANCHES = 5
const PRIVATE_CONTRACTS = Math.max(20, Math.round(995 * SCALE))
const TICKETS = Math.max(20, Math.round(500 * SCALE))
const FIRST_MONTH = '2023-12'
const MONTHS = 36 // Dec 2023 - Nov 2026
const RUN_MONTH = '2026-11'
const NOW = '2026-12-02T09:00:00.000Z'
const TZ = 'Europe/Warsaw'
const SECRET = 'fleet-benchmark-secret-long-enough-for-hs256'
const FLEET = 'bench-fleet'

const HQ = { id: 'bench-hq', role: 'head_office', tenant: { scope: 'network' } } as Principal
const MANAGER = { id: 'bench-manager', role: 'fleet_manager', tenant: { scope: 'fleet', fleetId: FLEET } } as Principal
const rng = seededRandom(42)
const random = () => rng.next()
const line = (s: string) => console.log(s)
const meta = (now = NOW) => ({ correlationId: randomUUID(), causationId: null, now })

function must<T>(what: string, result: { _tag: 'Left'; left: DomainError } | { _tag: 'Right'; right: T }): T {
  if (isLeft(result)) throw new Error(`${what}: ${result.left.code} ${result.left.message}`)
  return result.right
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits

/** Appends stream batches many at a time, so the store's group commit carries them. */
class Appender {
  private readonly pending: Array<{ streamId: string; events: NewEvent[] }> = []
  appended = 0

  constructor(
    private readonly store: EventStore,
    private readonly catalogue: EventCatalogue,
  ) {}

  add(streamId: string, events: ReadonlyArray<{ type: string; data: unknown; at: string }>): void {
    this.pending.push({
      streamId,
      events: events.map((e) => {
        const { type, data, schemaVersion } = this.catalogue.encode(e)
        return {
          type,
          data,
          metadata: {
            eventId: randomUUID(),
            correlationId: `bench-${streamId}`,
            causationId: null,
            actor: SYSTEM_ACTOR,
            occurredAt: e.at,
            schemaVersion,
          },
        }
      }),
    })
  }

  async flush(concurrency = 64): Promise<void> {
    const work = this.pending.splice(0)
    let next = 0
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < work.length) {
          const item = work[next++] as { streamId: string; events: NewEvent[] }
          await this.store.appendToStream(item.streamId, item.events, { expectedRevision: 'any' })
          this.appended += item.events.length
        }
      }),
    )
  }
}

const SERVICES: ServiceDefinition[] = [
  ['TYRE_CHANGE', 60, 12_000],
  ['BALANCING', 30, 6_000],
  ['INSPECTION', 45, 15_000],
].map(([code, minutes, price]) => ({
  code: code as string,
  names: { pl: code as string, en: code as string },
  baseMinutes: minutes as number,
  durationRules: [],
  price: { amountMinor: price as number, currency: 'PLN' },
  vatRatePercent: 23,
  requiredFeatures: [],
  requiredSkill: null,
}))

function contractTerms(equipmentIds: string[], feeMinor: number, firstDue: LocalDate): ContractTerms {
  return {
    coverage: { equipmentIds, serviceCodes: ['TYRE_CHANGE', 'BALANCING', 'INSPECTION'] },
    priceList: [
      { serviceCode: 'TYRE_CHANGE', term: { kind: 'fixed_price', pricePerServiceMinor: 9_000 }, vatRatePercent: 23 },
      {
        serviceCode: 'BALANCING',
        term: {
          kind: 'tiered_hours',
          freeMinutes: 600,
          ratePerHourMinor: 12_000,
          limitMinutes: 3_000,
          aboveLimitRatePerHourMinor: 18_000,
          roundingIncrementMinutes: 15,
        },
        vatRatePercent: 23,
      },
      { serviceCode: 'INSPECTION', term: { kind: 'flat_monthly', monthlyFeeMinor: feeMinor }, vatRatePercent: 23 },
    ],
    discount: { servicesBasisPoints: 500, partsBasisPoints: 1_000 },
    sla: {
      clock: { kind: 'calendar_hours' },
      targets: {
        critical: { reactionMinutes: 30, resolutionMinutes: 240 },
        high: { reactionMinutes: 60, resolutionMinutes: 480 },
        normal: { reactionMinutes: 240, resolutionMinutes: 2_880 },
        low: { reactionMinutes: 480, resolutionMinutes: 5_760 },
      },
      headOfficeEscalationAfterMinutes: 120,
    },
    schedule: [
      {
        scheduleId: 'inspection',
        serviceCode: 'INSPECTION',
        equipmentIds: null,
        rule: { kind: 'every_months', months: 6, firstDue },
      },
      {
        scheduleId: 'seasonal',
        serviceCode: 'TYRE_CHANGE',
        equipmentIds: null,
        rule: { kind: 'seasonal', spring: { from: '03-15', to: '04-30' }, autumn: { from: '10-01', to: '11-30' } },
      },
    ],
  }
}

const iso = (date: LocalDate, hour: number, minute = 0) =>
  `${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00.000Z`
const randomDay = (month: string) => `${month}-${String(1 + Math.floor(random() * 27)).padStart(2, '0')}`

async function buildHistory(platform: Platform): Promise<{ contracts: number; events: number }> {
  const { business, network, catalogue } = platform
  const store = platform.stores.eventStore
  const start = performance.now()
  for (const service of SERVICES)
    must('catalogue', await network.catalogue.change(HQ, { kind: 'AddService', service }, meta(iso('2023-11-01', 8))))
  must(
    'goods',
    await network.catalogue.change(
      HQ,
      {
        kind: 'AddGoods',
        goods: {
          sku: 'VALVE',
          kind: 'valve',
          names: { pl: 'Zawór', en: 'Valve' },
          price: { amountMinor: 800, currency: 'PLN' },
          vatRatePercent: 23,
        },
      },
      meta(iso('2023-11-01', 8)),
    ),
  )
  const at0 = meta(iso('2023-11-15', 9))
  must(
    'company',
    await business.customers.register(
      HQ,
      {
        customerId: 'bench-acme',
        party: { kind: 'company', companyName: 'Bench Logistics', taxId: { country: 'PL', value: '5260250274' } },
        contacts: { email: 'fleet@bench.example', phone: null },
      },
      at0,
    ),
  )
  const address = { street: 'ul. Testowa 1', postalCode: '00-950', city: 'Warszawa', country: 'PL' }
  must(
    'fleet',
    await business.fleets.register(
      HQ,
      {
        fleetId: FLEET,
        customerId: 'bench-acme',
        name: 'Bench Fleet',
        headOffice: { address, contacts: { email: 'office@bench.example', phone: null } },
      },
      at0,
    ),
  )
  for (let b = 0; b < BRANCHES; b++)
    must(
      'branch',
      await business.fleets.change(
        HQ,
        FLEET,
        {
          kind: 'OpenBranch',
          branch: { branchId: `br${b}`, name: `Branch ${b}`, address, contacts: { email: null, phone: null } },
        },
        at0,
      ),
    )
  const rows = Array.from({ length: VEHICLES }, (_, i) => ({
    plate: `WX${String(10_000 + i)}`,
    vin: `WVWZZZ1JZ${String(i).padStart(8, '0')}`,
    make: 'Skoda',
    model: i % 2 === 0 ? 'Octavia' : 'Superb',
    year: String(2018 + (i % 6)),
    branch: `br${i % BRANCHES}`,
  }))
  const importStart = performance.now()
  const imported = must(
    'import',
    await business.imports.importVehicles(
      HQ,
      FLEET,
      { fileName: 'fleet.csv', headers: ['plate', 'vin', 'make', 'model', 'year', 'branch'], rows },
      { ...at0, commandId: 'bench-import' },
    ),
  )
  line(`import: ${imported.imported} vehicles from one file in ${Math.round(performance.now() - importStart)} ms`)
  const vehicles = imported.equipmentIds

  const out = new Appender(store, catalogue)
  // Contracts: one per branch for the fleet, one per private customer.
  const contracts: Array<{ contractId: string; number: string; state: ContractState; equipmentIds: string[] }> = []
  const validFrom = firstDayOf(FIRST_MONTH)
  const signedAt = iso('2023-11-20', 10)
  const sign = (
    contractId: string,
    holder: ContractEvent['data'] & object,
    equipmentIds: string[],
    fee: number,
    firstDue: LocalDate,
  ) => {
    const event: ContractEvent = {
      type: 'ContractSigned',
      data: {
        contractId,
        contractNumber: `UM/2023/${contractId}`,
        holder: holder as never,
        currency: 'PLN',
        timeZone: TZ,
        validFrom,
        validTo: null,
        terms: contractTerms(equipmentIds, fee, firstDue),
        signedBy: { id: HQ.id, role: 'head_office' },
        at: signedAt,
      },
    }
    out.add(`contract-${contractId}`, [{ ...event, at: signedAt }])
    contracts.push({ contractId, number: event.data.contractNumber, state: contractFrom([event]), equipmentIds })
  }
  for (let b = 0; b < BRANCHES; b++)
    sign(
      `fleet-${b}`,
      { kind: 'fleet', fleetId: FLEET } as never,
      vehicles.filter((_, i) => i % BRANCHES === b),
      30_000 * 100,
      addDays('2024-01-10', b * 30),
    )
  for (let c = 0; c < PRIVATE_CONTRACTS; c++) {
    const customerId = `bench-c${c}`
    out.add(`customer-${customerId}`, [
      {
        type: 'CustomerRegistered',
        data: {
          customerId,
          party: { kind: 'individual', firstName: 'Jan', lastName: `Nowak ${c}` },
          contacts: { email: `c${c}@bench.example`, phone: null },
          preferences: { preferredChannel: null, language: 'pl' },
          registeredBy: { id: HQ.id, role: 'head_office' },
          at: signedAt,
        },
        at: signedAt,
      },
    ])
    sign(
      `priv-${c}`,
      { kind: 'customer', customerId } as never,
      [`eq-priv-${c}`],
      5_000,
      addDays('2024-01-05', c % 180),
    )
  }
  await out.flush()

  // Three years of a vehicle's life: visits, orders billed under its branch's contract, tyres.
  const catalogueList = cataloguePriceList(await network.reader.catalogue(), DEFAULT_LABOUR_RATE)
  const usage = new Map<string, Map<string, number>>() // contractId|month → minutes per service
  const contractOf = (i: number) => contracts[i % BRANCHES] as (typeof contracts)[number]
  let orders = 0
  for (let i = 0; i < vehicles.length; i++) {
    const equipmentId = vehicles[i] as string
    const plate = rows[i]?.plate as string
    const pointId = `point-${i % 12}`
    const bookingEvents: Array<{ streamId: string; events: Array<{ type: string; data: unknown; at: string }> }> = []
    for (let year = 0; year < 3; year++)
      for (const season of ['11', '04'] as const) {
        const month = season === '11' ? `${2023 + year}-11` : `${2024 + year}-04`
        if (month > '2026-11' || month < FIRST_MONTH) continue
        const day = randomDay(month)
        const bookingId = `bk-${i}-${month}`
        const start = iso(day, 8 + Math.floor(random() * 8))
        const end = new Date(Date.parse(start) + 3_600_000).toISOString()
        bookingEvents.push({
          streamId: `booking-${bookingId}`,
          events: [
            {
              type: 'BookingRequested',
              data: {
                bookingId,
                pointId,
                timeZone: TZ,
                bookedBy: { actor: { id: MANAGER.id, role: 'fleet_manager' }, channel: 'fleet_manager' },
                customer: { customerId: null, fleetId: FLEET, name: null, phone: null, email: null },
                vehicle: { plate, plateCountry: 'PL', vehicleClass: 'passenger', wheels: 4, rimInches: 16 },
                services: [{ code: 'TYRE_CHANGE', minutes: 60 }],
                goods: [],
                durationMinutes: 60,
                slot: { bayId: 'bay-1', staffId: 'anna', start, end },
                note: null,
              },
              at: addDays(day, -7) + start.slice(10),
            },
            { type: 'BookingCheckedIn', data: { bookingId, at: start }, at: start },
            { type: 'BookingCompleted', data: { bookingId, at: end }, at: end },
          ],
        })
      }
    for (const b of bookingEvents) out.add(b.streamId, b.events)
    // A work order a year, billed under the branch contract.
    for (let year = 0; year < 3; year++) {
      const month = addMonthsToMonth(FIRST_MONTH, year * 12 + 1 + Math.floor(random() * 11))
      const day = randomDay(month)
      const workOrderId = `wo-${i}-${year}`
      const opened = iso(day, 8)
      const done = iso(day, 15)
      out.add(`workorder-${workOrderId}`, [
        {
          type: 'WorkOrderOpened',
          data: {
            workOrderId,
            pointId,
            equipment: { equipmentId, kind: 'vehicle', typeCode: 'passenger_car', label: plate },
            customer: { customerId: null, fleetId: FLEET, name: null, phone: null, email: null },
            intake: {
              conditionNotes: '',
              accessories: [],
              mileageKm: null,
              odometerReplaced: false,
              customerDescription: 'service',
              photos: [],
            },
            promisedAt: null,
            reworkOf: null,
            bookingId: null,
            trackingCodeHash: null,
            openedBy: { id: 'staff', role: 'service_point_employee' },
            openedAt: opened,
          },
          at: opened,
        },
        {
          type: 'WorkOrderHandedOver',
          data: {
            workOrderId,
            protocol: { receivedBy: 'driver', signature: null, mileageKm: null, note: null },
            at: done,
          },
          at: done,
        },
      ])
      const contract = contractOf(i)
      const onDate = termsOn(contract.state, day)
      const billed = orderBillingDecider.decide(
        {
          kind: 'BillWorkOrder',
          orderId: workOrderId,
          work: {
            orderId: workOrderId,
            workDate: day,
            equipmentId,
            services: [{ code: 'TYRE_CHANGE', quantity: 1 }],
            labour: [
              { serviceCode: 'BALANCING', minutes: 20 + Math.floor(random() * 60) },
              { serviceCode: null, minutes: 30 },
            ],
            parts: [{ sku: 'VALVE', quantity: 4 }],
          },
          contract: onDate,
          catalogue: catalogueList,
          buyer: { customerId: null, fleetId: FLEET },
          invoiceId: `inv-o-${workOrderId}`,
          invoiceNumber: `FV/${month.replace('-', '/')}/${String(++orders).padStart(6, '0')}`,
          now: iso(addDays(day, 1), 9),
        },
        orderBillingDecider.initialState,
      )
      if (isLeft(billed)) throw new Error(`order ${workOrderId}: ${billed.left.message}`)
      const event = billed.right[0]
      if (event) {
        out.add(`orderbilling-${workOrderId}`, [{ ...event, at: event.data.at }])
        const key = `${contract.contractId}|${month}`
        const minutes = usage.get(key) ?? new Map<string, number>()
        for (const u of event.data.deferredUsage)
          minutes.set(u.serviceCode, (minutes.get(u.serviceCode) ?? 0) + u.minutes)
        usage.set(key, minutes)
      }
    }
    // Tyres: an all-season set mounted at the start, tread and mileage every six months; a set
    // worn below 3 mm is replaced (dismounted as worn, a new set mounted).
    const tyreEvents: Array<{ type: string; data: unknown; at: string }> = []
    const positions = ['FL', 'FR', 'RL', 'RR']
    const mount = (generation: number, at: string, km: number) => {
      for (const position of positions)
        tyreEvents.push({
          type: 'TyreMounted',
          data: {
            equipmentId,
            tyre: {
              tyreId: `${equipmentId}-${position}-${generation}`,
              brand: 'Michelin',
              model: null,
              size: '205/55 R16 91V',
              dot: { code: '4523', week: 45, year: 2023, pre2000: false },
              season: 'all_season',
            },
            position,
            treadDepthMm: 8,
            mileageKm: km,
            at,
          },
          at,
        })
    }
    let generation = 0
    let depth = 8
    let km = 20_000
    mount(generation, iso('2023-12-05', 10), km)
    const kmPerMonth = 1_000 + Math.floor(random() * 2_000)
    for (let k = 1; k <= 6; k++) {
      const at = iso(`${addMonthsToMonth(FIRST_MONTH, k * 6 - 1)}-10`, 12)
      km += kmPerMonth * 6
      depth = round(depth - (kmPerMonth * 6 * 0.12) / 1_000, 1)
      tyreEvents.push({
        type: 'EquipmentMileageRecorded',
        data: { equipmentId, km, odometerReplaced: false, workOrderId: null, at },
        at,
      })
      tyreEvents.push({
        type: 'TreadDepthsMeasured',
        data: {
          equipmentId,
          readings: positions.map((position) => ({
            tyreId: `${equipmentId}-${position}-${generation}`,
            position,
            depthMm: depth,
          })),
          mileageKm: km,
          workOrderId: null,
          at,
        },
        at,
      })
      if (depth < 3) {
        for (const position of positions)
          tyreEvents.push({
            type: 'TyreDismounted',
            data: { equipmentId, tyreId: `${equipmentId}-${position}-${generation}`, position, reason: 'worn', at },
            at,
          })
        generation++
        depth = 8
        mount(generation, at, km)
      }
    }
    tyreEvents.push({
      type: 'EquipmentServiceDatesSet',
      data: {
        equipmentId,
        nextInspectionOn: addDays('2026-12-01', Math.floor(random() * 300)),
        warrantyEndsOn: null,
        insuranceEndsOn: addDays('2027-01-01', Math.floor(random() * 365)),
      },
      at: iso('2026-06-01', 9),
    })
    out.add(`equipment-${equipmentId}`, tyreEvents)
    if (i % 500 === 499) await out.flush()
  }
  await out.flush()

  // Tickets about the fleet's vehicles, most resolved, some still open.
  const sla = contractTerms([], 0, '2024-01-01').sla
  for (let t = 0; t < TICKETS; t++) {
    const i = Math.floor(random() * vehicles.length)
    const opened = iso(randomDay(addMonthsToMonth(FIRST_MONTH, Math.floor(random() * MONTHS))), 9)
    const ticketId = `tkt-${t}`
    const by = { id: 'staff', role: 'service_point_employee' as const }
    const events: Array<{ type: string; data: unknown; at: string }> = [
      {
        type: 'TicketOpened',
        data: {
          ticketId,
          openedBy: { id: MANAGER.id, role: 'fleet_manager' },
          channel: 'customer_portal',
          requester: { customerId: null, fleetId: FLEET },
          contractId: contractOf(i).contractId,
          pointId: `point-${i % 12}`,
          equipmentId: vehicles[i],
          subject: 'Vibration',
          description: 'The car vibrates at speed',
          priority: t % 7 === 0 ? 'high' : 'normal',
          sla,
          at: opened,
        },
        at: opened,
      },
    ]
    if (t % 10 !== 0) {
      const started = new Date(Date.parse(opened) + 30 * 60_000).toISOString()
      const resolved = new Date(Date.parse(opened) + 26 * 3_600_000).toISOString()
      events.push({ type: 'TicketWorkStarted', data: { ticketId, by, at: started }, at: started })
      events.push({
        type: 'TicketResolved',
        data: { ticketId, by, resolution: 'balanced', at: resolved },
        at: resolved,
      })
    }
    out.add(`ticket-${ticketId}`, events)
  }
  await out.flush()

  // Monthly billing of every contract, Dec 2023 - Oct 2026 (November is the run measured below).
  for (let m = 0; m < MONTHS - 1; m++) {
    const month = addMonthsToMonth(FIRST_MONTH, m)
    const now = iso(firstDayOf(addMonthsToMonth(month, 1)), 6)
    for (const c of contracts) {
      const minutes = usage.get(`${c.contractId}|${month}`)
      const billed = monthlyBillingDecider.decide(
        {
          kind: 'RunMonthlyBilling',
          contractId: c.contractId,
          month,
          contract: c.state,
          usage: minutes ? [...minutes].map(([serviceCode, n]) => ({ serviceCode, minutes: n })) : [],
          invoiceId: `inv-m-${c.contractId}-${month}`,
          invoiceNumber: `${c.number}/${month}`,
          now,
        },
        monthlyBillingDecider.initialState,
      )
      if (isLeft(billed)) throw new Error(`${c.contractId} ${month}: ${billed.left.message}`)
      const event = billed.right[0] as MonthlyBillingEvent
      out.add(`billing-${c.contractId}`, [{ ...event, at: now }])
    }
    await out.flush()
  }
  const events = await store.headPosition()
  line(
    `history: ${events} events in ${round((performance.now() - start) / 1000)} s (${contracts.length} contracts, ${vehicles.length} fleet vehicles)`,
  )
  return { contracts: contracts.length, events }
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'fleet-bench-'))
  line(
    `fleet benchmark (scale ${SCALE}) in ${dataDir}; Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'})`,
  )
  const config = loadConfig({ DATA_DIR: dataDir, TOKEN_SECRET: SECRET, LOG_REQUESTS: '0' })
  const platform = await composePlatform(config, { runProjections: false })
  try {
    const history = await buildHistory(platform)
    const { eventStore: events, documentStore: documents } = platform.stores

    // 1. The dashboard projection rebuilt from scratch over the whole log.
    const rebuildStart = performance.now()
    await rebuildProjection({
      projection: fleetDashboardProjection,
      events,
      documents,
      clock: new ManualClock(Date.parse(NOW)),
      retireDelayMs: 0,
    })
    const rebuildSeconds = (performance.now() - rebuildStart) / 1000
    const dashboardRebuildEventsPerSec = Math.round(history.events / rebuildSeconds)
    line(
      `dashboard rebuild: ${history.events} events in ${round(rebuildSeconds, 2)} s = ${dashboardRebuildEventsPerSec} events/s`,
    )
    for (const projection of businessProjections)
      if (projection !== fleetDashboardProjection)
        await rebuildProjection({
          projection,
          events,
          documents,
          clock: new ManualClock(Date.parse(NOW)),
          retireDelayMs: 0,
        })

    // From here on the business projections follow the log, as in `npm start`: the billing run waits
    // for the contracts and billing read models to have applied everything before it reads them.
    for (const projection of businessProjections) platform.projections.runner(projection.name)?.start()

    // 2. The dashboard query for the 5,000-vehicle fleet.
    const dashboards = platform.business.dashboards
    const first = must('dashboard', await dashboards.fleet(MANAGER, FLEET, NOW))
    line(
      `dashboard: ${first.vehicles.inService} vehicles ${JSON.stringify(first.vehicles.byStatus)}, ${first.due.total} due in 30 days, ` +
        `${first.tickets.open} open tickets (${first.tickets.breached} breached), ${first.spend.months.length} months of spend, ${first.tyres.replaceWithin90Days} tyre sets to replace`,
    )
    for (let i = 0; i < 5; i++) await dashboards.fleet(MANAGER, FLEET, NOW)
    const times: number[] = []
    for (let i = 0; i < 50; i++) {
      const t0 = performance.now()
      must('dashboard', await dashboards.fleet(MANAGER, FLEET, NOW))
      times.push(performance.now() - t0)
    }
    times.sort((a, b) => a - b)
    const dashboardMs = round(percentile(times, 50), 2)
    line(`dashboard query: median ${dashboardMs} ms, p95 ${round(percentile(times, 95), 2)} ms (target < 50 ms)`)

    // 3. The monthly billing run for the 1,000 contracts, then again.
    const runStart = performance.now()
    const run = must('billing run', await platform.business.billing.runMonth(HQ, RUN_MONTH, {}, meta()))
    const billingRun1000Ms = Math.round(performance.now() - runStart)
    line(
      `billing run ${RUN_MONTH}: ${run.contracts} contracts, ${run.billed} billed, ${run.invoices.length} invoices, ${run.failures.length} failures in ${billingRun1000Ms} ms (target < 5,000 ms)`,
    )
    const headBefore = await events.headPosition()
    const againStart = performance.now()
    const again = must('billing run again', await platform.business.billing.runMonth(HQ, RUN_MONTH, {}, meta()))
    line(
      `the same month again: ${again.billed} billed, ${again.alreadyBilled} already billed, ${(await events.headPosition()) - headBefore} events appended, in ${Math.round(performance.now() - againStart)} ms`,
    )
    console.log(JSON.stringify({ dashboardMs, billingRun1000Ms, dashboardRebuildEventsPerSec }))
  } finally {
    await platform.close()
    await rm(dataDir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error))
  process.exitCode = 1
})
