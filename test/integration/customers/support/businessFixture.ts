// The API with the business side (customers, fleets, dashboards, contracts, helpdesk, billing),
// the service network and bookings on memory stores, one account of every role (testApi), and the
// business projections running live, so read models follow the log as they do in production and
// services wait for them (ReadModelSync) exactly as they do there.
//
// Seeded: the catalogue (TYRE_CHANGE, BALANCING…, a valve), point p1 (Wrocław, managed by
// manager_p1) with staff on shift for the coming weeks, the company customer `acme` (NIP
// 5260250274) and its fleet `f1` (the fleet of the fleet_f1 and fleet_manager_f1 accounts) with
// branches `waw` and `krk`, and the individual customer `c1` (the customer account's record).
// The clock starts on Thursday 2026-11-26 at 08:00 UTC.
import assert from 'node:assert/strict'
import { isRight } from 'fp-ts/lib/Either.js'
import request from 'supertest'
import type { ApiModule } from '../../../../api/apiKit.js'
import { bookingModule } from '../../../../api/booking/bookingRoutes.js'
import { businessModule } from '../../../../api/customers/businessModule.js'
import { serviceNetworkModule } from '../../../../api/serviceNetwork/serviceNetworkRoutes.js'
import { bookingPlatform } from '../../../../application/booking/bookingPlatform.js'
import { businessEventDefinitions, businessPlatform } from '../../../../application/customers/businessPlatform.js'
import { CustomerReader } from '../../../../application/customers/customerReader.js'
import { FleetBranchScope } from '../../../../application/customers/fleetBranchScope.js'
import { FleetEquipmentPolicy, registryLinker } from '../../../../application/customers/fleetEquipmentPolicy.js'
import { EventCatalogue, type EventDefinition } from '../../../../application/eventLog/eventCatalogue.js'
import type { EscalationAlert } from '../../../../application/helpdesk/slaEscalation.js'
import { ReadModels } from '../../../../application/readModels/readModels.js'
import { repairEventDefinitions } from '../../../../application/workOrders/repairEvents.js'
import { repairPlatform } from '../../../../application/workOrders/repairPlatform.js'
import { bookingContextEventDefinitions } from '../../../../domain/booking/events.js'
import { serviceNetworkEventDefinitions } from '../../../../domain/service-network/events.js'
import { addDays, weekdayOf } from '../../../../domain/shared/localTime.js'
import { MemoryDocumentStore } from '../../../../infrastructure/documents/memory/memoryDocumentStore.js'
import { PdfLibRenderer } from '../../../../infrastructure/pdf/pdfLibRenderer.js'
import { businessProjections } from '../../../../projections/customers/businessProjections.js'
import { runnerSync } from '../../../../projections/customers/runnerSync.js'
import { ProjectionHost } from '../../../../projections/projectionHost.js'
import { equipmentRegistryProjection } from '../../../../projections/workOrders/equipmentRegistryProjection.js'
import { accessFixture, meta } from '../../../unit/access/support/accessFixture.js'
import { type Cast, testApi } from '../../api/support/testApi.js'
import { GOODS, HOURS, pointInput, SERVICES, TODAY } from '../../booking/support/networkFixture.js'

export { TODAY }
export const NOW = '2026-11-26T08:00:00.000Z'
export const ACME_NIP = '5260250274'

export const address = { street: 'ul. Flotowa 1', postalCode: '00-950', city: 'Warszawa', country: 'PL' }

export interface BusinessFixtureOptions {
  /** More API modules over the same platform (e.g. the import/export templates). */
  readonly modules?: (parts: {
    network: ReturnType<typeof bookingPlatform>
    platform: ReturnType<typeof businessPlatform>
    readModels: ReadModels
    store: ReturnType<typeof accessFixture>['store']
    catalogue: EventCatalogue
    repair: ReturnType<typeof repairPlatform>
  }) => ApiModule[]
  /**
   * Run the equipment registry's projection too, link new fleet vehicles to its items with the
   * same VIN or plate and register them there in the request (as composition does).
   */
  readonly equipmentRegistry?: boolean
  /** More event types in the catalogue (e.g. visit proposals, for the due-service routes). */
  readonly moreEvents?: ReadonlyArray<EventDefinition>
}

export async function businessFixture(options: BusinessFixtureOptions = {}) {
  const fixture = accessFixture({ logN: 10 })
  const { store } = fixture
  const catalogue = new EventCatalogue([
    ...serviceNetworkEventDefinitions,
    ...bookingContextEventDefinitions,
    ...businessEventDefinitions,
    ...repairEventDefinitions,
    ...(options.moreEvents ?? []),
  ])
  const documents = new MemoryDocumentStore()
  const host = new ProjectionHost({
    projections: options.equipmentRegistry
      ? [...businessProjections, equipmentRegistryProjection]
      : businessProjections,
    events: store,
    documents,
    leaseRetryMs: 5,
    retryDelayMs: 5,
    retireDelayMs: 0,
    idleFlushMs: 1,
  })
  host.start()
  const readModels = new ReadModels(documents)
  const alerts: EscalationAlert[] = []
  // Fleet managers appointed for some branches: as composition wires them.
  const fleetBranches = new FleetBranchScope(new CustomerReader(store, catalogue))
  const network = bookingPlatform({ store, catalogue, fleetBranches })
  // The repair side, so a ticket can become a real work order (no repair routes in this API).
  const repair = repairPlatform({
    store,
    catalogue,
    reader: network.reader,
    codeSecret: 'business-fixture',
    fleetBranches,
  })
  const platform = businessPlatform({
    store,
    catalogue,
    readModels,
    sync: runnerSync(host, store),
    networkCatalogue: () => network.reader.catalogue(),
    alerts: { send: async (alert) => void alerts.push(alert) },
    renderer: new PdfLibRenderer(),
    seller: { name: 'Opony Sieć Sp. z o.o.', taxId: '5260250274', address: 'ul. Główna 1, 00-001 Warszawa' },
    log: () => undefined,
    workOrders: repair.workOrders,
    ...(options.equipmentRegistry
      ? {
          equipmentLinker: registryLinker(readModels),
          fleetEquipment: new FleetEquipmentPolicy({ store, catalogue, log: () => undefined }),
        }
      : {}),
  })
  const api = await testApi({
    fixture,
    // As composition wires it: a dismissed fleet manager is refused on every route.
    admit: (actor) => fleetBranches.dismissal(actor),
    modules: [
      serviceNetworkModule(network),
      bookingModule(network.bookings),
      businessModule(platform),
      ...(options.modules?.({ network, platform, readModels, store, catalogue, repair }) ?? []),
    ],
  })
  const boss = api.principal('head_office')
  const ok = <T>(result: { _tag: 'Left'; left: unknown } | { _tag: 'Right'; right: T }): T => {
    assert.ok(isRight(result), JSON.stringify(result))
    return result.right
  }
  const at = meta({ now: NOW })
  for (const s of SERVICES) ok(await network.catalogue.change(boss, { kind: 'AddService', service: s }, at))
  for (const g of GOODS) ok(await network.catalogue.change(boss, { kind: 'AddGoods', goods: g }, at))
  const manager = api.principal('manager_p1')
  ok(await network.points.create(boss, pointInput('p1', 'Wrocław', 51.1079, 17.0385, manager.id), at))
  const shifts = []
  for (let i = -7; i < 28; i++) {
    const date = addDays(TODAY, i)
    const ranges = HOURS[weekdayOf(date)]
    const first = ranges[0]
    const last = ranges.at(-1)
    if (first && last)
      shifts.push({
        kind: 'PlanShift' as const,
        shiftId: `anna-${date}`,
        staffId: 'anna',
        date,
        hours: { from: first.from, to: last.to },
      })
  }
  ok(
    await network.staff.change(
      boss,
      'p1',
      [
        {
          kind: 'RegisterStaffMember' as const,
          staffId: 'anna',
          name: 'Anna',
          skills: ['tyre_fitting', 'balancing', 'run_flat'],
        },
        ...shifts,
      ],
      at,
    ),
  )
  ok(
    await platform.customers.register(
      boss,
      {
        customerId: 'acme',
        party: { kind: 'company', companyName: 'ACME Logistics', taxId: { country: 'PL', value: ACME_NIP } },
        contacts: { email: 'fleet@acme.example', phone: '+48 600 100 200' },
      },
      at,
    ),
  )
  ok(
    await platform.fleets.register(
      boss,
      {
        fleetId: 'f1',
        customerId: 'acme',
        name: 'ACME Fleet',
        headOffice: { address, contacts: { email: 'office@acme.example', phone: null } },
      },
      at,
    ),
  )
  for (const [branchId, name, city] of [
    ['waw', 'Warszawa', 'Warszawa'],
    ['krk', 'Kraków', 'Kraków'],
  ] as const)
    ok(
      await platform.fleets.change(
        boss,
        'f1',
        {
          kind: 'OpenBranch',
          branch: { branchId, name, address: { ...address, city }, contacts: { email: null, phone: null } },
        },
        at,
      ),
    )
  ok(
    await platform.customers.register(
      api.principal('customer'),
      {
        party: { kind: 'individual', firstName: 'Jan', lastName: 'Kowalski' },
        contacts: { email: 'jan@example.com', phone: '600 200 300' },
        preferences: { preferredChannel: 'sms', language: 'pl' },
      },
      at,
    ),
  )

  /** Waits until every business projection has applied the whole log. */
  const settle = async () => {
    const head = await store.headPosition()
    await Promise.all(host.runners.map((r) => r.waitForCheckpoint(head, 5_000)))
  }
  await settle()

  const call = (who: Cast | null) => {
    const withAuth = (r: request.Test) => (who ? r.set('Authorization', api.bearer(who)) : r)
    return {
      get: (path: string) => withAuth(request(api.app).get(path)),
      post: (path: string, body?: object) => withAuth(request(api.app).post(path)).send(body ?? {}),
      put: (path: string, body?: object) => withAuth(request(api.app).put(path)).send(body ?? {}),
      delete: (path: string) => withAuth(request(api.app).delete(path)),
    }
  }

  // Moving the clock by hours would expire the one-hour access tokens: re-issue them at the new time.
  let clock = Date.parse(NOW)
  const advanceClock = async (seconds: number) => {
    api.advanceClock(seconds)
    clock += seconds * 1000
    for (const who of Object.keys(api.tokens) as Cast[])
      api.tokens[who] = (await fixture.tokens.issue(api.principal(who), new Date(clock))).token
  }

  return {
    ...api,
    advanceClock,
    now: () => new Date(clock).toISOString(),
    network,
    platform,
    repair,
    catalogue,
    documents,
    readModels,
    host,
    alerts,
    boss,
    ok,
    at,
    settle,
    call,
    close: () => host.stop(),
  }
}

export type BusinessFixture = Awaited<ReturnType<typeof businessFixture>>

/** A vehicle body for POST /fleets/{fleetId}/vehicles. */
export function vehicleBody(n: number, overrides: Record<string, unknown> = {}) {
  return {
    plate: `WA ${String(10000 + n)}`,
    vin: `WVWZZZ1JZ3W${String(100000 + n).slice(-6)}`,
    make: 'Volkswagen',
    model: 'Golf',
    year: 2021,
    ...overrides,
  }
}
