// The repair side's routers for createApp: work orders (with the board, overdue alerts and file
// uploads), equipment, stock and the public tracking pages.
import type { RepairPlatform } from '../../application/workOrders/repairPlatform.js'
import type { RepairQueries } from '../../application/workOrders/repairQueries.js'
import type { ApiModule } from '../apiKit.js'
import { equipmentModule } from '../equipment/equipmentRoutes.js'
import { stockModule } from '../stock/stockRoutes.js'
import { trackingModule } from '../tracking/trackingRoutes.js'
import { workOrderModule } from './workOrderRoutes.js'

export function repairModules(repair: RepairPlatform, queries: RepairQueries): ApiModule[] {
  return [
    workOrderModule({
      workOrders: repair.workOrders,
      queries: queries.workOrders,
      tracking: repair.tracking,
      files: repair.files,
    }),
    equipmentModule({ equipment: repair.equipment, queries: queries.equipment, config: repair.config }),
    stockModule({ stock: repair.stock, queries: queries.stock }),
    trackingModule({ tracking: repair.tracking, ratings: repair.ratings }),
  ]
}
