// What a work-order command needs to know of other streams, built from their states, so the
// application loads a stream and passes this on instead of picking fields by hand.
import type { EquipmentState } from '../equipment/equipmentDecider.js'
import { lastMileage } from '../equipment/equipmentDecider.js'
import type { EquipmentSnapshot, OriginalOrderSnapshot } from './commands.js'
import type { WorkOrderState } from './workOrderState.js'

/** null for a stream with no equipment in it (OpenWorkOrder then answers EQUIPMENT_NOT_FOUND). */
export function equipmentSnapshot(state: EquipmentState): EquipmentSnapshot | null {
  if (!state.exists) return null
  return {
    equipmentId: state.equipmentId,
    kind: state.kind,
    typeCode: state.typeCode,
    status: state.status,
    // What staff and documents recognise the item by: plate, then VIN, then serial, then make/model.
    label: state.registration?.plate ?? state.vin ?? state.serialNumber ?? `${state.make} ${state.model}`.trim(),
    lastMileageKm: lastMileage(state)?.km ?? null,
  }
}

/** null for a stream with no order in it (a rework of it answers ORIGINAL_WORK_ORDER_NOT_FOUND). */
export function originalOrderSnapshot(state: WorkOrderState): OriginalOrderSnapshot | null {
  if (!state.exists || state.equipment === null) return null
  return { workOrderId: state.workOrderId, equipmentId: state.equipment.equipmentId, status: state.status }
}
