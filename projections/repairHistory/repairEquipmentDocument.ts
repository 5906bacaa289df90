// An equipment's repair-history document after one more of its events: identity and owner (who may
// read its history), mileage and tread readings over time, tyres mounted and dismounted. Pure.
import type { RepairEquipmentView } from '../../application/audit/repairHistoryViews.js'
import type { EquipmentEvent, EquipmentOwner, Registration } from '../../domain/equipment/events.js'
import type { Actor } from '../../domain/shared/actor.js'

type Registered = Extract<EquipmentEvent, { type: 'EquipmentRegistered' }>['data']

/** What staff and documents recognise the item by (as work-order snapshots label it). */
export function equipmentLabel(i: {
  registration: Registration | null
  vin: string | null
  serialNumber: string | null
  make: string
  model: string
}): string {
  return i.registration?.plate ?? i.vin ?? i.serialNumber ?? `${i.make} ${i.model}`.trim()
}

const ownerIds = (owner: EquipmentOwner) => ({
  customerId: owner.kind === 'customer' ? owner.customerId : null,
  fleetId: owner.kind === 'fleet' ? owner.fleetId : null,
})

export function registeredEquipment(d: Registered, at: string): RepairEquipmentView {
  return {
    _id: d.equipmentId,
    equipmentId: d.equipmentId,
    kind: d.kind,
    label: equipmentLabel(d),
    make: d.make,
    model: d.model,
    ...ownerIds(d.owner),
    registeredAt: d.registeredAt,
    mileage: [],
    treads: [],
    tyres: [],
    updatedAt: at,
  }
}

export function evolveEquipment(e: RepairEquipmentView, event: EquipmentEvent, by: Actor): RepairEquipmentView {
  switch (event.type) {
    case 'EquipmentRegistered':
      return e
    case 'EquipmentDetailsChanged':
      return { ...e, label: equipmentLabel(event.data), make: event.data.make, model: event.data.model }
    case 'EquipmentOwnerChanged':
      return { ...e, ...ownerIds(event.data.to) }
    case 'EquipmentMileageRecorded':
      return {
        ...e,
        mileage: [
          ...e.mileage,
          {
            km: event.data.km,
            odometerReplaced: event.data.odometerReplaced,
            workOrderId: event.data.workOrderId,
            at: event.data.at,
          },
        ],
      }
    case 'TreadDepthsMeasured':
      return {
        ...e,
        treads: [
          ...e.treads,
          {
            at: event.data.at,
            workOrderId: event.data.workOrderId,
            mileageKm: event.data.mileageKm,
            readings: event.data.readings.map((r) => ({ position: r.position, tyreId: r.tyreId, depthMm: r.depthMm })),
            by,
          },
        ],
      }
    case 'TyreMounted': {
      const t = event.data.tyre
      return {
        ...e,
        tyres: [
          ...e.tyres,
          {
            at: event.data.at,
            what: 'mounted',
            tyreId: t.tyreId,
            position: event.data.position,
            detail: `${t.brand}${t.model ? ` ${t.model}` : ''} ${t.size} (${t.season})`,
          },
        ],
      }
    }
    case 'TyreDismounted':
      return {
        ...e,
        tyres: [
          ...e.tyres,
          {
            at: event.data.at,
            what: 'dismounted',
            tyreId: event.data.tyreId,
            position: event.data.position,
            detail: event.data.reason,
          },
        ],
      }
    case 'TyresRepositioned':
      return {
        ...e,
        tyres: [
          ...e.tyres,
          ...event.data.moves.map((m) => ({
            at: event.data.at,
            what: 'repositioned' as const,
            tyreId: m.tyreId,
            position: m.to,
            detail: `${m.from} → ${m.to}`,
          })),
        ],
      }
    case 'EquipmentCustomFieldsSet':
    case 'EquipmentStatusChanged':
    case 'EquipmentServiceDatesSet':
    case 'EquipmentRecommendationsRecorded':
    case 'EquipmentRecommendationResolved':
      return e
  }
}
