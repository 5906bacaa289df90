// Reading the service network's aggregates for queries and for booking: the catalogue, a point,
// a point's staff schedule, each folded once and caught up on every read (streamStateCache.ts).
import {
  type CatalogueState,
  catalogueDecider,
  catalogueStream,
} from '../../domain/service-network/catalogueDecider.js'
import {
  type ServicePointState,
  servicePointDecider,
  servicePointStream,
} from '../../domain/service-network/servicePointDecider.js'
import {
  type StaffScheduleState,
  staffScheduleDecider,
  staffScheduleStream,
} from '../../domain/service-network/staffScheduleDecider.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import type { EventStore } from '../ports/eventStore.js'
import { deciderFold, StreamStateCache } from './streamStateCache.js'

/** The network this installation serves: one catalogue, every point belongs to it. */
export const DEFAULT_NETWORK_ID = 'main'

export interface NetworkReaderDeps {
  readonly store: EventStore
  readonly catalogue: EventCatalogue
  readonly networkId?: string
}

export class NetworkReader {
  readonly networkId: string
  private readonly points: StreamStateCache<ServicePointState>
  private readonly catalogues: StreamStateCache<CatalogueState>
  private readonly rosters: StreamStateCache<StaffScheduleState>

  constructor(deps: NetworkReaderDeps) {
    this.networkId = deps.networkId ?? DEFAULT_NETWORK_ID
    this.points = new StreamStateCache(deps.store, deps.catalogue, deciderFold(servicePointDecider), 5_000)
    this.catalogues = new StreamStateCache(deps.store, deps.catalogue, deciderFold(catalogueDecider), 4)
    this.rosters = new StreamStateCache(deps.store, deps.catalogue, deciderFold(staffScheduleDecider), 5_000)
  }

  async point(pointId: string): Promise<ServicePointState> {
    return (await this.points.load(servicePointStream(pointId))).state
  }

  async catalogue(): Promise<CatalogueState> {
    return (await this.catalogues.load(catalogueStream(this.networkId))).state
  }

  async staff(pointId: string): Promise<StaffScheduleState> {
    return (await this.rosters.load(staffScheduleStream(pointId))).state
  }
}
