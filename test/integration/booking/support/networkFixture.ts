// The API with the service network and booking modules on memory stores, one account of every role
// (see test/integration/api/support/testApi.ts), and a small network built through the services:
// a catalogue, points p1 (Wrocław, managed by manager_p1) and p2 (Kraków, by manager_p2), staff
// with shifts for the coming weeks. The clock starts on Thursday 2026-11-26 at 09:00 in Warsaw.
import assert from 'node:assert/strict'
import { isRight } from 'fp-ts/lib/Either.js'
import { bookingModule } from '../../../../api/booking/bookingRoutes.js'
import { serviceNetworkModule } from '../../../../api/serviceNetwork/serviceNetworkRoutes.js'
import { bookingPlatform } from '../../../../application/booking/bookingPlatform.js'
import { EventCatalogue } from '../../../../application/eventLog/eventCatalogue.js'
import { ManualClock } from '../../../../application/leases/clock.js'
import type { EventStore } from '../../../../application/ports/eventStore.js'
import { ReadModels } from '../../../../application/readModels/readModels.js'
import { type PointDirectory, ReadModelPointDirectory } from '../../../../application/serviceNetwork/pointDirectory.js'
import type { NewServicePoint } from '../../../../application/serviceNetwork/servicePointService.js'
import type { Principal } from '../../../../domain/access/principal.js'
import { bookingContextEventDefinitions } from '../../../../domain/booking/events.js'
import type { Bay, GoodsDefinition, ServiceDefinition } from '../../../../domain/service-network/events.js'
import { serviceNetworkEventDefinitions } from '../../../../domain/service-network/events.js'
import type { WeeklyHours } from '../../../../domain/service-network/openingHours.js'
import { addDays, weekdayOf } from '../../../../domain/shared/localTime.js'
import { MemoryDocumentStore } from '../../../../infrastructure/documents/memory/memoryDocumentStore.js'
import { rebuildProjection } from '../../../../projections/rebuild.js'
import { servicePointsProjection } from '../../../../projections/serviceNetwork/servicePointsProjection.js'
import { vehicleVisitsProjection } from '../../../../projections/serviceNetwork/vehicleVisitsProjection.js'
import { accessFixture, meta } from '../../../unit/access/support/accessFixture.js'
import { testApi } from '../../api/support/testApi.js'

export const TODAY = '2026-11-26' // Thursday

const service = (code: string, baseMinutes: number, extra: Partial<ServiceDefinition> = {}): ServiceDefinition => ({
  code,
  names: { pl: code, en: code },
  baseMinutes,
  durationRules: [],
  price: { amountMinor: 10_000, currency: 'PLN' },
  vatRatePercent: 23,
  requiredFeatures: [],
  requiredSkill: 'tyre_fitting',
  ...extra,
})

export const SERVICES: ServiceDefinition[] = [
  service('TYRE_CHANGE', 60, {
    durationRules: [
      { vehicleClass: 'suv', wheels: null, minutes: 75 },
      { vehicleClass: 'van', wheels: null, minutes: 90 },
    ],
  }),
  service('BALANCING', 30, { requiredFeatures: ['balancing'], requiredSkill: 'balancing' }),
  service('RUN_FLAT', 45, { requiredFeatures: ['run_flat'], requiredSkill: 'run_flat' }),
  service('FULL_RESTORATION', 600),
]

export const GOODS: GoodsDefinition[] = [
  {
    sku: 'VALVE-TR413',
    kind: 'valve',
    names: { pl: 'Zawór TR413', en: 'Valve TR413' },
    price: { amountMinor: 800, currency: 'PLN' },
    vatRatePercent: 23,
  },
]

const weekday = [{ from: '08:00', to: '16:00' }]
export const HOURS: WeeklyHours = {
  mon: weekday,
  tue: weekday,
  wed: weekday,
  thu: weekday,
  fri: weekday,
  sat: [{ from: '09:00', to: '13:00' }],
  sun: [],
}

export const BAYS: Bay[] = [
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
]

export function pointInput(
  pointId: string,
  city: string,
  lat: number,
  lon: number,
  managerId: string | null,
): NewServicePoint {
  return {
    pointId,
    name: `Opony ${city}`,
    address: { street: 'ul. Testowa 1', postalCode: '50-001', city, country: 'PL' },
    geo: { lat, lon },
    contacts: { phone: '+48 71 123 45 67', email: `${pointId}@tyres.example` },
    timeZone: 'Europe/Warsaw',
    weeklyHours: HOURS,
    bays: BAYS,
    managerId,
  }
}

export interface NetworkFixtureOptions {
  /** Staff on shift (default: anna with run-flat, and bartek). */
  readonly staff?: ReadonlyArray<{ staffId: string; skills: Array<'tyre_fitting' | 'balancing' | 'run_flat'> }>
  readonly bays?: Bay[]
  readonly hours?: WeeklyHours
  readonly orphanGraceMs?: number
  /** The store the network's services use, e.g. one that fails or stalls some appends. */
  readonly wrapStore?: (store: EventStore) => EventStore
}

export async function networkFixture(options: NetworkFixtureOptions = {}) {
  const fixture = accessFixture({ logN: 10 })
  const catalogue = new EventCatalogue([...serviceNetworkEventDefinitions, ...bookingContextEventDefinitions])
  // The read models nearest-point search reads, rebuilt from the log on every search: small logs, exact answers.
  const directory: PointDirectory = {
    points: async () => (await readModels()).points(),
    lastPointOf: async (plate) => (await readModels()).lastPointOf(plate),
  }
  async function readModels(): Promise<ReadModelPointDirectory> {
    const documents = new MemoryDocumentStore()
    const clock = new ManualClock()
    for (const projection of [servicePointsProjection, vehicleVisitsProjection])
      await rebuildProjection({ projection, events: fixture.store, documents, clock, retireDelayMs: 0 })
    return new ReadModelPointDirectory(new ReadModels(documents), 0)
  }
  const network = bookingPlatform({
    store: options.wrapStore ? options.wrapStore(fixture.store) : fixture.store,
    catalogue,
    directory,
    ...(options.orphanGraceMs !== undefined ? { orphanGraceMs: options.orphanGraceMs } : {}),
  })
  const api = await testApi({ fixture, modules: [serviceNetworkModule(network), bookingModule(network.bookings)] })
  const boss = api.principal('head_office')
  const at = (now: string) => meta({ now })
  const now = () => '2026-11-26T08:00:00.000Z' // testApi's clock at the start

  const ok = <T>(result: { _tag: 'Left'; left: unknown } | { _tag: 'Right'; right: T }): T => {
    assert.ok(isRight(result), JSON.stringify(result))
    return result.right
  }
  for (const s of SERVICES) ok(await network.catalogue.change(boss, { kind: 'AddService', service: s }, at(now())))
  for (const g of GOODS) ok(await network.catalogue.change(boss, { kind: 'AddGoods', goods: g }, at(now())))

  const bays = options.bays ?? BAYS
  const hours = options.hours ?? HOURS
  const staff = options.staff ?? [
    { staffId: 'anna', skills: ['tyre_fitting', 'balancing', 'run_flat'] },
    { staffId: 'bartek', skills: ['tyre_fitting', 'balancing'] },
  ]
  const points: Array<[string, string, number, number, Principal]> = [
    ['p1', 'Wrocław', 51.1079, 17.0385, api.principal('manager_p1')],
    ['p2', 'Kraków', 50.0647, 19.945, api.principal('manager_p2')],
  ]
  for (const [pointId, city, lat, lon, manager] of points) {
    ok(
      await network.points.create(
        boss,
        { ...pointInput(pointId, city, lat, lon, manager.id), bays, weeklyHours: hours },
        at(now()),
      ),
    )
    const shifts = []
    for (let i = -7; i < 28; i++) {
      const date = addDays(TODAY, i)
      const ranges = hours[weekdayOf(date)]
      const first = ranges[0]
      const last = ranges.at(-1)
      if (!first || !last) continue
      for (const s of staff)
        shifts.push({
          kind: 'PlanShift' as const,
          shiftId: `${s.staffId}-${date}`,
          staffId: s.staffId,
          date,
          hours: { from: first.from, to: last.to },
        })
    }
    ok(
      await network.staff.change(
        boss,
        pointId,
        [
          ...staff.map((s) => ({
            kind: 'RegisterStaffMember' as const,
            staffId: s.staffId,
            name: s.staffId,
            skills: s.skills,
          })),
          ...shifts,
        ],
        at(now()),
      ),
    )
  }
  return { ...api, network, catalogue, boss, ok, at }
}

export type NetworkFixture = Awaited<ReturnType<typeof networkFixture>>

/** A booking request body for the API. */
export function bookingBody(overrides: Record<string, unknown> = {}) {
  return {
    pointId: 'p1',
    services: ['TYRE_CHANGE'],
    date: '2026-11-27',
    time: '10:00',
    vehicle: { plate: 'DW 12345', vehicleClass: 'passenger' },
    ...overrides,
  }
}
