// The repair side's read-model queries over one reader, and the two answers the write side takes
// from them (technicians' workload for suggestions, registered VINs and plates for the duplicate
// check). Those two answer "nothing known" while a read model is still being built: a suggestion
// without workload or a registration without the duplicate check beats refusing the request.
import type { FleetBranchLookup } from '../customers/fleetBranchScope.js'
import { EquipmentQueries } from '../equipment/equipmentQueries.js'
import type { ReadModelReader } from '../queries/readModelReader.js'
import { isReadModelNotReady } from '../queries/readModelReader.js'
import { StockQueries } from '../stock/stockQueries.js'
import { WorkOrderQueries } from './workOrderQueries.js'

export interface RepairQueries {
  readonly workOrders: WorkOrderQueries
  readonly equipment: EquipmentQueries
  readonly stock: StockQueries
  readonly workload: (pointId: string) => Promise<Readonly<Record<string, number>>>
  readonly duplicates: (vin: string | null, plate: string | null) => Promise<ReadonlyArray<string>>
}

async function orEmpty<T>(read: () => Promise<T>, empty: T): Promise<T> {
  try {
    return await read()
  } catch (error) {
    if (isReadModelNotReady(error)) return empty
    throw error
  }
}

export function repairQueries(readModels: ReadModelReader, fleetBranches?: FleetBranchLookup): RepairQueries {
  const workOrders = new WorkOrderQueries(readModels, fleetBranches ?? null)
  const equipment = new EquipmentQueries(readModels)
  return {
    workOrders,
    equipment,
    stock: new StockQueries(readModels),
    workload: (pointId) => orEmpty(() => workOrders.workload(pointId), {}),
    duplicates: (vin, plate) => orEmpty(() => equipment.duplicates(vin, plate), []),
  }
}
