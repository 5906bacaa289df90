// The `equipmentRegistry` read model: one document per item with what the registry's search and
// lists need: identity (with search keys), owner, status, service dates, last mileage, the tyres
// on it and the tyre advice (the earliest predicted replacement). The advice is computed as of the
// item's latest event (a projection must not read the clock): `replaceBefore` is a date, so "due
// before D" is a query, and how urgent that is today is worked out when asked.
import type { EquipmentState } from '../../domain/equipment/equipmentDecider.js'
import { lastMileage, openRecommendations } from '../../domain/equipment/equipmentDecider.js'
import { predictMountedTyres } from '../../domain/equipment/tyreWear.js'
import type { Document } from '../ports/documentStore.js'
import { tyreAdvice } from './equipmentView.js'

export const EQUIPMENT_REGISTRY = { projection: 'equipmentRegistry', items: 'items' } as const

/** Plates, VINs and serial numbers as search compares them: upper case, letters and digits only. */
export const searchKey = (value: string): string => value.toUpperCase().replace(/[^A-Z0-9]/g, '')

export interface EquipmentRegistryItem {
  equipmentId: string
  kind: EquipmentState['kind']
  typeCode: string
  make: string
  model: string
  vehicleClass: EquipmentState['vehicleClass']
  plate: string | null
  plateCountry: string | null
  vin: string | null
  serialNumber: string | null
  plateKey: string | null
  vinKey: string | null
  serialKey: string | null
  ownerKind: 'customer' | 'fleet' | null
  ownerCustomerId: string | null
  ownerFleetId: string | null
  status: EquipmentState['status']
  pointId: string | null
  nextInspectionOn: string | null
  warrantyEndsOn: string | null
  insuranceEndsOn: string | null
  lastMileageKm: number | null
  lastMileageAt: string | null
  tyres: Array<{
    position: string
    tyreId: string
    brand: string
    size: string
    season: string
    depthMm: number | null
    measuredAt: string | null
  }>
  tyreAdvice: ReturnType<typeof tyreAdvice> & { asOf: string }
  openRecommendations: number
  updatedAt: string
}

export interface EquipmentRegistryDocument extends Document, EquipmentRegistryItem {
  _id: string
  state: EquipmentState
}

export function registryItemOf(state: EquipmentState, asOf: string): EquipmentRegistryItem {
  const last = lastMileage(state)
  const predictions = state.kind === 'device' ? [] : predictMountedTyres(state, asOf)
  return {
    equipmentId: state.equipmentId,
    kind: state.kind,
    typeCode: state.typeCode,
    make: state.make,
    model: state.model,
    vehicleClass: state.vehicleClass,
    plate: state.registration?.plate ?? null,
    plateCountry: state.registration?.country ?? null,
    vin: state.vin,
    serialNumber: state.serialNumber,
    plateKey: state.registration ? searchKey(state.registration.plate) : null,
    vinKey: state.vin ? searchKey(state.vin) : null,
    serialKey: state.serialNumber ? searchKey(state.serialNumber) : null,
    ownerKind: state.owner?.kind ?? null,
    ownerCustomerId: state.owner?.kind === 'customer' ? state.owner.customerId : null,
    ownerFleetId: state.owner?.kind === 'fleet' ? state.owner.fleetId : null,
    status: state.status,
    pointId: state.pointId,
    nextInspectionOn: state.serviceDates.nextInspectionOn,
    warrantyEndsOn: state.serviceDates.warrantyEndsOn,
    insuranceEndsOn: state.serviceDates.insuranceEndsOn,
    lastMileageKm: last?.km ?? null,
    lastMileageAt: last?.at ?? null,
    tyres: Object.entries(state.positions)
      .sort(([a], [b]) => a.localeCompare(b))
      .flatMap(([position, tyreId]) => {
        const record = tyreId ? state.tyres[tyreId] : undefined
        if (!record || !tyreId) return []
        const reading = record.readings.at(-1)
        return [
          {
            position,
            tyreId,
            brand: record.tyre.brand,
            size: record.tyre.size,
            season: record.tyre.season,
            depthMm: reading?.depthMm ?? null,
            measuredAt: reading?.at ?? null,
          },
        ]
      }),
    tyreAdvice: { ...tyreAdvice(predictions), asOf },
    openRecommendations: openRecommendations(state).length,
    updatedAt: asOf,
  }
}
