// The repair side's use cases over one event store: equipment registry, work orders, public
// tracking, stock and files, sharing one set of stream caches (orders, equipment, stock, access
// locks) and the network reader (catalogue, points, staff schedules). Built by the composition
// root, the demo seed and the tests alike, so all of them run the code users call.
import { equipmentDecider } from '../../domain/equipment/equipmentDecider.js'
import { stockDecider } from '../../domain/stock/stockDecider.js'
import type { FleetBranchLookup } from '../customers/fleetBranchScope.js'
import { EquipmentService } from '../equipment/equipmentService.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import type { EstimateLinkTokens } from '../notifications/estimateLinks.js'
import type { EventStore } from '../ports/eventStore.js'
import type { ExternalStockSource } from '../ports/externalStock.js'
import type { FileStore } from '../ports/fileStore.js'
import type { NetworkReader } from '../serviceNetwork/networkReader.js'
import { deciderFold, StreamStateCache } from '../serviceNetwork/streamStateCache.js'
import { StockService } from '../stock/stockService.js'
import { orderAccessDecider } from './accessLock.js'
import { FileService } from './fileService.js'
import { PolicyRunner } from './policyRunner.js'
import { DEFAULT_REPAIR_CONFIG, type RepairConfig } from './repairConfig.js'
import type { RepairNotifier } from './repairNotifier.js'
import { ServiceRatingService } from './serviceRating.js'
import { TrackingService } from './trackingService.js'
import { WorkOrderService } from './workOrderService.js'
import { orderFold } from './workOrderView.js'

export interface RepairPlatformDeps {
  readonly store: EventStore
  /** Must hold repairEventDefinitions and the service network's. */
  readonly catalogue: EventCatalogue
  /** The booking platform's reader: catalogue prices, points, staff schedules. */
  readonly reader: NetworkReader
  /** A server secret: access codes of retried requests derive from it (accessCodes.ts). */
  readonly codeSecret: string
  readonly config?: RepairConfig
  readonly files?: FileStore
  readonly notifier?: RepairNotifier
  /** Signed estimate links from the notification worker, accepted by the public estimate routes. */
  readonly links?: EstimateLinkTokens
  /** Minutes of open work per technician at a point (the work-order read model's answer). */
  readonly workload?: (pointId: string) => Promise<Readonly<Record<string, number>>>
  /** Items with this VIN or plate in the registry read model. */
  readonly duplicates?: (vin: string | null, plate: string | null) => Promise<ReadonlyArray<string>>
  /** Branch-restricted fleet managers (application/customers/fleetBranchScope.ts). */
  readonly fleetBranches?: FleetBranchLookup
  /** An external warehouse/accounting system answering stock queries (application/ports/externalStock.ts). */
  readonly externalStock?: ExternalStockSource
}

export interface RepairPlatform {
  readonly config: RepairConfig
  readonly equipment: EquipmentService
  readonly workOrders: WorkOrderService
  readonly tracking: TrackingService
  readonly stock: StockService
  readonly files: FileService | null
  /** The store behind `files`, for other readers of order photos (documents, audit reports). */
  readonly fileStore: FileStore | null
  readonly policies: PolicyRunner
  /** Customers' 1–6 star ratings of finished orders (through the status page). */
  readonly ratings: ServiceRatingService
}

export function repairPlatform(deps: RepairPlatformDeps): RepairPlatform {
  for (const type of ['WorkOrderOpened', 'EquipmentRegistered', 'StockReceived', 'OrderAccessCodeRejected'])
    if (!deps.catalogue.has(type)) throw new Error(`the event catalogue lacks ${type}: register repairEventDefinitions`)
  const { store, catalogue } = deps
  const config = deps.config ?? DEFAULT_REPAIR_CONFIG
  const orders = new StreamStateCache(store, catalogue, orderFold, 20_000)
  const equipment = new StreamStateCache(store, catalogue, deciderFold(equipmentDecider), 20_000)
  // One stream per point, long-lived: few entries, each folded once and then caught up.
  const stock = new StreamStateCache(store, catalogue, deciderFold(stockDecider), 1_000)
  const access = new StreamStateCache(store, catalogue, deciderFold(orderAccessDecider), 5_000)
  const policies = new PolicyRunner({
    store,
    catalogue,
    config,
    stock,
    ...(deps.notifier ? { notifier: deps.notifier } : {}),
  })
  return {
    config,
    policies,
    equipment: new EquipmentService({
      store,
      catalogue,
      config,
      equipment,
      ...(deps.duplicates ? { duplicates: deps.duplicates } : {}),
    }),
    workOrders: new WorkOrderService({
      store,
      catalogue,
      reader: deps.reader,
      config,
      orders,
      equipment,
      policies,
      codeSecret: deps.codeSecret,
      ...(deps.files ? { files: deps.files } : {}),
      ...(deps.notifier ? { notifier: deps.notifier } : {}),
      ...(deps.workload ? { workload: deps.workload } : {}),
      ...(deps.fleetBranches ? { fleetBranches: deps.fleetBranches } : {}),
    }),
    tracking: new TrackingService({
      store,
      catalogue,
      config,
      orders,
      access,
      policies,
      ...(deps.links ? { links: deps.links } : {}),
    }),
    stock: new StockService({
      store,
      catalogue,
      reader: deps.reader,
      stock,
      orders,
      ...(deps.externalStock ? { external: deps.externalStock } : {}),
    }),
    files: deps.files ? new FileService(deps.files) : null,
    fileStore: deps.files ?? null,
    ratings: new ServiceRatingService({ store, catalogue }),
  }
}
