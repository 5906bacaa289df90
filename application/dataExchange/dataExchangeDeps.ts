// What the templates read and write through: the services and readers the platform already has.
import type { CustomerReader } from '../customers/customerReader.js'
import type { CustomerService } from '../customers/customerService.js'
import type { VehicleImportService } from '../customers/vehicleImportService.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import type { EventStore } from '../ports/eventStore.js'
import type { ReadModelReader } from '../queries/readModelReader.js'
import type { NetworkReader } from '../serviceNetwork/networkReader.js'
import type { StockService } from '../stock/stockService.js'

export interface DataExchangeDeps {
  readonly store: EventStore
  readonly catalogue: EventCatalogue
  readonly customers: CustomerService
  readonly customerReader: CustomerReader
  readonly readModels: ReadModelReader
  readonly vehicleImports: VehicleImportService
  readonly network: NetworkReader
  /** A point's stock levels (the stock-minimums template). */
  readonly stock: Pick<StockService, 'levels'>
}
