// The API with the service network and the repair modules (work orders, equipment, stock,
// tracking) on memory stores, one account of every role (test/integration/api/support/testApi.ts),
// and a small network built through the services: a catalogue with services and goods, points p1
// (Wrocław) and p2 (Kraków) with staff on shift, stock at p1, and registered equipment: c1's car,
// c2's car and fleet f1's van. The clock starts on Thursday 2026-11-26 at 08:00 UTC.
//
// Read models are built on demand: `refresh()` rebuilds the repair projections from the log (small
// logs, exact answers), so a test says when it wants the lists to catch up.
import assert from 'node:assert/strict'
import { isRight } from 'fp-ts/lib/Either.js'
import request from 'supertest'
import { bookingModule } from '../../../../api/booking/bookingRoutes.js'
import { equipmentModule } from '../../../../api/equipment/equipmentRoutes.js'
import { serviceNetworkModule } from '../../../../api/serviceNetwork/serviceNetworkRoutes.js'
import { stockModule } from '../../../../api/stock/stockRoutes.js'
import { trackingModule } from '../../../../api/tracking/trackingRoutes.js'
import { workOrderModule } from '../../../../api/workOrders/workOrderRoutes.js'
import { bookingPlatform } from '../../../../application/booking/bookingPlatform.js'
import { EquipmentQueries } from '../../../../application/equipment/equipmentQueries.js'
import { EventCatalogue } from '../../../../application/eventLog/eventCatalogue.js'
import { ManualClock } from '../../../../application/leases/clock.js'
import type { EstimateLinkTokens } from '../../../../application/notifications/estimateLinks.js'
import type { ExternalStockSource } from '../../../../application/ports/externalStock.js'
import { ReadModelNotReady, ReadModels } from '../../../../application/readModels/readModels.js'
import { StockQueries } from '../../../../application/stock/stockQueries.js'
import { repairEventDefinitions } from '../../../../application/workOrders/repairEvents.js'
import { RecordingRepairNotifier } from '../../../../application/workOrders/repairNotifier.js'
import { repairPlatform } from '../../../../application/workOrders/repairPlatform.js'
import { WorkOrderQueries } from '../../../../application/workOrders/workOrderQueries.js'
import { bookingContextEventDefinitions } from '../../../../domain/booking/events.js'
import type { GoodsDefinition, ServiceDefinition } from '../../../../domain/service-network/events.js'
import { serviceNetworkEventDefinitions } from '../../../../domain/service-network/events.js'
import { addDays } from '../../../../domain/shared/localTime.js'
import { MemoryDocumentStore } from '../../../../infrastructure/documents/memory/memoryDocumentStore.js'
import { MemoryFileStore } from '../../../../infrastructure/files/memoryFileStore.js'
import { rebuildProjection } from '../../../../projections/rebuild.js'
import { equipmentRegistryProjection } from '../../../../projections/workOrders/equipmentRegistryProjection.js'
import { stockLevelsProjection } from '../../../../projections/workOrders/stockLevelsProjection.js'
import { workOrdersProjection } from '../../../../projections/workOrders/workOrdersProjection.js'
import { accessFixture, meta } from '../../../unit/access/support/accessFixture.js'
import { type Cast, testApi } from '../../api/support/testApi.js'
import { pointInput, TODAY } from '../../booking/support/networkFixture.js'

const PLN = (amountMinor: number) => ({ amountMinor, currency: 'PLN' })

export const SERVICES: ServiceDefinition[] = [
  {
    code: 'TYRE_CHANGE',
    names: { pl: 'Wymiana opon', en: 'Tyre change' },
    baseMinutes: 60,
    durationRules: [],
    price: PLN(12_000),
    vatRatePercent: 23,
    requiredFeatures: [],
    requiredSkill: 'tyre_fitting',
  },
  {
    code: 'BALANCING',
    names: { pl: 'Wyważanie', en: 'Balancing' },
    baseMinutes: 30,
    durationRules: [],
    price: PLN(8_000),
    vatRatePercent: 23,
    requiredFeatures: ['balancing'],
    requiredSkill: 'balancing',
  },
]

export const GOODS: GoodsDefinition[] = [
  { sku: 'VALVE', kind: 'valve', names: { pl: 'Zawór', en: 'Valve' }, price: PLN(800), vatRatePercent: 23 },
  {
    sku: 'TYRE-205',
    kind: 'tyre',
    names: { pl: 'Opona 205/55R16', en: 'Tyre 205/55R16' },
    price: PLN(35_000),
    vatRatePercent: 23,
  },
  {
    sku: 'TPMS',
    kind: 'tpms_sensor',
    names: { pl: 'Czujnik TPMS', en: 'TPMS sensor' },
    price: PLN(19_900),
    vatRatePercent: 23,
  },
]

export const CODE_SECRET = 'repair-fixture-code-secret'

/** `links`: signed estimate links accepted by the public estimate routes (the notification worker's). */
export async function repairFixture(
  options: { readonly links?: EstimateLinkTokens; readonly externalStock?: ExternalStockSource } = {},
) {
  const fixture = accessFixture({ logN: 10 })
  const catalogue = new EventCatalogue([
    ...serviceNetworkEventDefinitions,
    ...bookingContextEventDefinitions,
    ...repairEventDefinitions,
  ])
  const network = bookingPlatform({
    store: fixture.store,
    catalogue,
    directory: { points: async () => [], lastPointOf: async () => null },
  })
  const documents = new MemoryDocumentStore()
  const readModels = new ReadModels(documents)
  const workOrderQueries = new WorkOrderQueries(readModels)
  const equipmentQueries = new EquipmentQueries(readModels)
  const stockQueries = new StockQueries(readModels)
  const files = new MemoryFileStore()
  const notifier = new RecordingRepairNotifier()
  const notReadyIsEmpty = async <T>(read: () => Promise<T>, empty: T): Promise<T> => {
    try {
      return await read()
    } catch (error) {
      if (error instanceof ReadModelNotReady) return empty
      throw error
    }
  }
  const repair = repairPlatform({
    store: fixture.store,
    catalogue,
    reader: network.reader,
    codeSecret: CODE_SECRET,
    files,
    notifier,
    ...(options.links ? { links: options.links } : {}),
    ...(options.externalStock ? { externalStock: options.externalStock } : {}),
    workload: (pointId) => notReadyIsEmpty(() => workOrderQueries.workload(pointId), {}),
    duplicates: (vin, plate) => notReadyIsEmpty(() => equipmentQueries.duplicates(vin, plate), []),
  })
  const api = await testApi({
    fixture,
    modules: [
      serviceNetworkModule(network),
      bookingModule(network.bookings),
      workOrderModule({
        workOrders: repair.workOrders,
        queries: workOrderQueries,
        tracking: repair.tracking,
        files: repair.files,
      }),
      equipmentModule({ equipment: repair.equipment, queries: equipmentQueries, config: repair.config }),
      stockModule({ stock: repair.stock, queries: stockQueries }),
      trackingModule({ tracking: repair.tracking, ratings: repair.ratings }),
    ],
  })
  const boss = api.principal('head_office')
  const now = '2026-11-26T08:00:00.000Z'
  const at = () => meta({ now })
  const ok = <T>(result: { _tag: 'Left'; left: unknown } | { _tag: 'Right'; right: T }): T => {
    assert.ok(isRight(result), JSON.stringify(result))
    return result.right
  }
  for (const s of SERVICES) ok(await network.catalogue.change(boss, { kind: 'AddService', service: s }, at()))
  for (const g of GOODS) ok(await network.catalogue.change(boss, { kind: 'AddGoods', goods: g }, at()))
  for (const [pointId, city, lat, lon, manager] of [
    ['p1', 'Wrocław', 51.1, 17.03, api.principal('manager_p1')],
    ['p2', 'Kraków', 50.06, 19.94, api.principal('manager_p2')],
  ] as const) {
    ok(await network.points.create(boss, pointInput(pointId, city, lat, lon, manager.id), at()))
    const staff = [
      { staffId: `${pointId}-anna`, name: 'Anna Nowak', skills: ['tyre_fitting', 'balancing'] as const },
      { staffId: `${pointId}-jan`, name: 'Jan Wiśniewski', skills: ['tyre_fitting'] as const },
    ]
    ok(
      await network.staff.change(
        boss,
        pointId,
        [
          ...staff.map((s) => ({
            kind: 'RegisterStaffMember' as const,
            staffId: s.staffId,
            name: s.name,
            skills: [...s.skills],
          })),
          ...[0, 1, 2, 3, 4].flatMap((d) =>
            staff.map((s) => ({
              kind: 'PlanShift' as const,
              shiftId: `${s.staffId}-${d}`,
              staffId: s.staffId,
              date: addDays(TODAY, d),
              hours: { from: '08:00', to: '16:00' },
            })),
          ),
        ],
        at(),
      ),
    )
  }
  ok(
    await repair.stock.change(
      boss,
      'p1',
      {
        kind: 'Receive',
        receiptId: 'delivery-1',
        lines: [
          { sku: 'VALVE', quantity: 20 },
          { sku: 'TYRE-205', quantity: 4 },
        ],
        supplier: 'Hurtownia Opon',
      },
      at(),
    ),
  )
  const register = async (
    equipmentId: string,
    owner: { kind: 'customer'; customerId: string } | { kind: 'fleet'; fleetId: string },
    plate: string,
    typeCode = 'passenger_car',
  ) =>
    ok(
      await repair.equipment.register(
        boss,
        {
          equipmentId,
          typeCode,
          make: 'Škoda',
          model: 'Octavia',
          registration: { plate },
          owner,
          customFields: { fuel: 'diesel' },
        },
        at(),
      ),
    )
  await register('car-c1', { kind: 'customer', customerId: 'c1' }, 'DW 1AB23')
  await register('car-c2', { kind: 'customer', customerId: 'c2' }, 'KR 5XY77')
  await register('van-f1', { kind: 'fleet', fleetId: 'f1' }, 'WX 12345', 'van')

  async function refresh(): Promise<void> {
    for (const projection of [workOrdersProjection, equipmentRegistryProjection, stockLevelsProjection])
      await rebuildProjection({
        projection,
        events: fixture.store,
        documents,
        clock: new ManualClock(),
        retireDelayMs: 0,
      })
  }

  const send = (who: Cast | null, method: 'get' | 'post' | 'put' | 'delete', path: string, body?: object) => {
    const r = request(api.app)[method](path)
    if (who) r.set('Authorization', api.bearer(who))
    return body ? r.send(body) : r
  }

  /** Opens an order for an item at a point through the API; answers the body (order, trackingCode). */
  async function openOrder(who: Cast, body: Record<string, unknown>) {
    const res = await send(who, 'post', '/work-orders', {
      pointId: 'p1',
      equipmentId: 'car-c1',
      intake: { customerDescription: 'Wymiana opon na zimowe, drgania przy 120 km/h', mileageKm: 120_000 },
      promisedAt: '2026-11-26T15:00:00.000Z',
      ...body,
    })
    assert.equal(res.status, 201, JSON.stringify(res.body))
    return res.body as { order: { workOrderId: string; status: string }; trackingCode: string; policies: unknown[] }
  }

  return {
    ...api,
    network,
    repair,
    catalogue,
    documents,
    readModels,
    files,
    notifier,
    boss,
    ok,
    at,
    refresh,
    send,
    openOrder,
  }
}

export type RepairFixture = Awaited<ReturnType<typeof repairFixture>>
