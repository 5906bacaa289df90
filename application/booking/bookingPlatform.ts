// The service-network and booking use cases over one event store, sharing one reader (so the
// point, catalogue and staff-schedule caches are shared too). Built by the composition root, the
// demo seed and the benchmark alike, so all three run exactly the code users call.
import type { FleetBranchLookup } from '../customers/fleetBranchScope.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import type { EventStore } from '../ports/eventStore.js'
import { CatalogueService } from '../serviceNetwork/catalogueService.js'
import { NearestPointsService } from '../serviceNetwork/nearestPointsService.js'
import { NetworkReader } from '../serviceNetwork/networkReader.js'
import { type PointDirectory, ReadModelPointDirectory, type ReadModelSource } from '../serviceNetwork/pointDirectory.js'
import { ServicePointService } from '../serviceNetwork/servicePointService.js'
import { StaffScheduleService } from '../serviceNetwork/staffScheduleService.js'
import { BookingService } from './bookingService.js'

export interface BookingPlatformDeps {
  readonly store: EventStore
  /** Must contain serviceNetworkEventDefinitions and bookingContextEventDefinitions. */
  readonly catalogue: EventCatalogue
  /** Where nearest-point search reads the point list and cars' last visits. */
  readonly readModels?: ReadModelSource
  /** Instead of readModels (tests, benchmarks). */
  readonly directory?: PointDirectory
  readonly networkId?: string
  readonly orphanGraceMs?: number
  /** Branch-restricted fleet managers book and see only their branches' vehicles (BookingServiceDeps). */
  readonly fleetBranches?: FleetBranchLookup
}

export interface BookingPlatform {
  readonly reader: NetworkReader
  readonly points: ServicePointService
  readonly catalogue: CatalogueService
  readonly staff: StaffScheduleService
  readonly nearest: NearestPointsService
  readonly bookings: BookingService
}

export function bookingPlatform(deps: BookingPlatformDeps): BookingPlatform {
  for (const type of [
    'ServicePointCreated',
    'CatalogueServiceAdded',
    'ShiftPlanned',
    'SlotReserved',
    'BookingRequested',
  ])
    if (!deps.catalogue.has(type))
      throw new Error(`the event catalogue lacks ${type}: register the service-network and booking events`)
  const { store, catalogue } = deps
  const reader = new NetworkReader({ store, catalogue, ...(deps.networkId ? { networkId: deps.networkId } : {}) })
  const directory =
    deps.directory ??
    (deps.readModels
      ? new ReadModelPointDirectory(deps.readModels)
      : {
          points: async () => [],
          lastPointOf: async () => null,
        })
  return {
    reader,
    points: new ServicePointService({ store, catalogue, reader }),
    catalogue: new CatalogueService({ store, catalogue, reader }),
    staff: new StaffScheduleService({ store, catalogue, reader }),
    nearest: new NearestPointsService(directory),
    bookings: new BookingService({
      store,
      catalogue,
      reader,
      ...(deps.orphanGraceMs !== undefined ? { orphanGraceMs: deps.orphanGraceMs } : {}),
      ...(deps.fleetBranches ? { fleetBranches: deps.fleetBranches } : {}),
    }),
  }
}
