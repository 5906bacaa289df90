// Every event type of the repair side, for the application's event catalogue: equipment, work
// orders and stock (the domain's), the record of wrong access codes (accessLock.ts) and the
// customers' ratings of finished orders (serviceRating.ts).
import { equipmentEventDefinitions } from '../../domain/equipment/events.js'
import { stockEventDefinitions } from '../../domain/stock/events.js'
import { workOrderEventDefinitions } from '../../domain/work-order/events.js'
import type { EventDefinition } from '../eventLog/eventCatalogue.js'
import { orderAccessEventDefinitions } from './accessLock.js'
import { serviceRatingEventDefinitions } from './serviceRating.js'

export const repairEventDefinitions: ReadonlyArray<EventDefinition> = [
  ...equipmentEventDefinitions,
  ...workOrderEventDefinitions,
  ...stockEventDefinitions,
  ...orderAccessEventDefinitions,
  ...serviceRatingEventDefinitions,
]
