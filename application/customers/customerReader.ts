// Customers and fleets folded from their streams, kept between requests and caught up on every
// read (streamStateCache.ts): a fleet of 5,000 vehicles is folded once, not on every dashboard
// or vehicle page. Commands never use these states; handleCommand folds what it decides on.
import { type CustomerState, customerDecider, customerStream } from '../../domain/customer/customerDecider.js'
import { type FleetState, fleetDecider, fleetStream } from '../../domain/customer/fleetDecider.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import type { EventStore } from '../ports/eventStore.js'
import { deciderFold, StreamStateCache } from '../serviceNetwork/streamStateCache.js'

export class CustomerReader {
  private readonly customers: StreamStateCache<CustomerState>
  private readonly fleets: StreamStateCache<FleetState>

  constructor(store: EventStore, catalogue: EventCatalogue) {
    this.customers = new StreamStateCache(store, catalogue, deciderFold(customerDecider), 10_000)
    this.fleets = new StreamStateCache(store, catalogue, deciderFold(fleetDecider), 500)
  }

  async customer(customerId: string): Promise<CustomerState> {
    return (await this.customers.load(customerStream(customerId))).state
  }

  async fleet(fleetId: string): Promise<FleetState> {
    return (await this.fleets.load(fleetStream(fleetId))).state
  }
}
