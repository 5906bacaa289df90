// An item of equipment as the API shows it: identity, owner, status, service dates, mileage, the
// tyres on it with their tread history and the wear prediction of each as of `now`, its open
// recommendations, and a summary of the tyre advice (the earliest replacement due, and why).
import { type EquipmentState, lastMileage, openRecommendations } from '../../domain/equipment/equipmentDecider.js'
import {
  DEFAULT_TYRE_WEAR_OPTIONS,
  predictMountedTyres,
  type TyreWearOptions,
  type TyreWearPrediction,
} from '../../domain/equipment/tyreWear.js'
import type { WheelPosition } from '../../domain/equipment/wheelPositions.js'

export type PositionedPrediction = TyreWearPrediction & { readonly position: WheelPosition }

/** The earliest suggested replacement among the mounted tyres: what a reminder is about. */
export function tyreAdvice(predictions: ReadonlyArray<PositionedPrediction>) {
  const due = predictions
    .filter((p) => p.suggestion.replaceBefore !== null)
    .sort((a, b) => (a.suggestion.replaceBefore as string).localeCompare(b.suggestion.replaceBefore as string))
  const first = due[0]
  if (!first) return { replaceBefore: null, reason: null, urgency: 'none' as const, positions: [] as WheelPosition[] }
  return {
    replaceBefore: first.suggestion.replaceBefore,
    reason: first.suggestion.reason,
    urgency: first.suggestion.urgency,
    // Tyres are replaced in axle pairs: name every position due within the same month.
    positions: due
      .filter(
        (p) =>
          Date.parse(p.suggestion.replaceBefore as string) - Date.parse(first.suggestion.replaceBefore as string) <=
          30 * 86_400_000,
      )
      .map((p) => p.position),
  }
}

export function equipmentView(
  state: EquipmentState,
  now: string,
  options: TyreWearOptions = DEFAULT_TYRE_WEAR_OPTIONS,
) {
  const predictions = state.kind === 'device' ? [] : predictMountedTyres(state, now, options)
  const mounted = (Object.entries(state.positions) as Array<[WheelPosition, string]>)
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([position, tyreId]) => {
      const record = state.tyres[tyreId]
      if (!record) return []
      return [
        {
          position,
          ...record.tyre,
          mountedAt: record.mountedAt,
          readings: record.readings.map((r) => ({
            at: r.at,
            depthMm: r.depthMm,
            position: r.position,
            odometerKm: r.odometerKm,
            workOrderId: r.workOrderId,
          })),
          prediction: predictions.find((p) => p.tyreId === tyreId) ?? null,
        },
      ]
    })
  const last = lastMileage(state)
  return {
    equipmentId: state.equipmentId,
    kind: state.kind,
    typeCode: state.typeCode,
    make: state.make,
    model: state.model,
    vehicleClass: state.vehicleClass,
    vin: state.vin,
    vinCheckDigit: state.vinCheckDigit,
    registration: state.registration,
    serialNumber: state.serialNumber,
    owner: state.owner,
    customFields: state.customFields,
    status: state.status,
    statusSince: state.statusSince,
    pointId: state.pointId,
    serviceDates: state.serviceDates,
    mileage: {
      lastKm: last?.km ?? null,
      lastAt: last?.at ?? null,
      readings: state.mileage.map((m) => ({ km: m.km, at: m.at, odometerReplaced: m.odometerReplaced })),
    },
    tyres: mounted,
    tyreAdvice: tyreAdvice(predictions),
    recommendations: openRecommendations(state).map(({ resolution: _resolution, ...r }) => r),
  }
}
export type EquipmentView = ReturnType<typeof equipmentView>
