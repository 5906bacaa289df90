// The built-in projections the application runs. Add a projection here to have the runner
// build it on startup and `npm run projection:rebuild -- <name>` know it.
import { accountsProjection } from './access/accountsProjection.js'
import { calendarProjection } from './calendar/calendarProjection.js'
import { businessProjections } from './customers/businessProjections.js'
import type { Projection } from './projection.js'
import { repairHistoryProjection } from './repairHistory/repairHistoryProjection.js'
import { catalogueProjection } from './serviceNetwork/catalogueProjection.js'
import { servicePointsProjection } from './serviceNetwork/servicePointsProjection.js'
import { vehicleVisitsProjection } from './serviceNetwork/vehicleVisitsProjection.js'
import { streamIndexProjection } from './streamIndex/streamIndexProjection.js'
import { equipmentRegistryProjection } from './workOrders/equipmentRegistryProjection.js'
import { stockLevelsProjection } from './workOrders/stockLevelsProjection.js'
import { workOrdersProjection } from './workOrders/workOrdersProjection.js'

export const builtInProjections: readonly Projection[] = [
  streamIndexProjection,
  servicePointsProjection,
  catalogueProjection,
  vehicleVisitsProjection,
  calendarProjection,
  repairHistoryProjection,
  workOrdersProjection,
  equipmentRegistryProjection,
  stockLevelsProjection,
  ...businessProjections,
  accountsProjection,
]

export function findProjection(
  name: string,
  projections: readonly Projection[] = builtInProjections,
): Projection | null {
  return projections.find((p) => p.name === name) ?? null
}
