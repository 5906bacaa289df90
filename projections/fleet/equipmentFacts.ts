// What the dashboard keeps of the equipment registry: the folded equipment state (in its own
// collection, for the next event) and, on the vehicle, its status, service dates, mileage and tyre
// state with the predicted replacement, predicted as of the event's own time (deterministic).
import type { DashboardVehicleDoc, TyreStateView } from '../../application/customers/fleetDashboardViews.js'
import { type EquipmentState, equipmentDecider } from '../../domain/equipment/equipmentDecider.js'
import type { EquipmentEvent } from '../../domain/equipment/events.js'
import { predictMountedTyres } from '../../domain/equipment/tyreWear.js'

export function foldEquipment(state: EquipmentState, event: EquipmentEvent): EquipmentState {
  return equipmentDecider.evolve(state, event)
}

export function withEquipmentFacts(doc: DashboardVehicleDoc, state: EquipmentState, at: string): DashboardVehicleDoc {
  const mileage = state.mileage.at(-1)
  let tyres: TyreStateView[] = []
  try {
    tyres = predictMountedTyres(state, at).map((p) => {
      const record = state.tyres[p.tyreId]
      return {
        position: p.position,
        tyreId: p.tyreId,
        brand: record?.tyre.brand ?? '',
        size: record?.tyre.size ?? '',
        season: p.season,
        dotYear: record?.tyre.dot?.year ?? null,
        depthMm: p.currentDepthMm,
        measuredAt: p.lastReadingAt,
        replaceBefore: p.suggestion.replaceBefore?.slice(0, 10) ?? null,
        reason: p.suggestion.reason,
        urgency: p.suggestion.urgency,
      }
    })
  } catch {
    // An event without a parsable time cannot be predicted from; keep the tyres unpredicted.
    tyres = []
  }
  const replaceDates = tyres.map((t) => t.replaceBefore).filter((d): d is string => d !== null)
  return {
    ...doc,
    equipmentStatus: state.exists ? state.status : doc.equipmentStatus,
    serviceDates: { ...state.serviceDates },
    mileageKm: mileage ? mileage.km : doc.mileageKm,
    tyres,
    tyreReplaceBefore: replaceDates.sort()[0] ?? null,
  }
}
