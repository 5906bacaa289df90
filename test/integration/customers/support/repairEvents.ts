// Work-order and equipment events appended as the repair side writes them (through the event
// catalogue's codecs), for dashboard tests that must not depend on the repair services.
import { EventCatalogue } from '../../../../application/eventLog/eventCatalogue.js'
import type { EventStore } from '../../../../application/ports/eventStore.js'
import { equipmentEventDefinitions } from '../../../../domain/equipment/events.js'
import { workOrderEventDefinitions } from '../../../../domain/work-order/events.js'

const catalogue = new EventCatalogue([...equipmentEventDefinitions, ...workOrderEventDefinitions])
const STAFF = { id: 'staff-1', role: 'service_point_employee' as const }
let n = 0

export async function appendRepairEvents(
  store: EventStore,
  streamId: string,
  events: ReadonlyArray<{ type: string; data: unknown }>,
  at: string,
): Promise<void> {
  await store.appendToStream(
    streamId,
    events.map((e) => {
      const { type, data, schemaVersion } = catalogue.encode(e)
      return {
        type,
        data,
        metadata: {
          eventId: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
          correlationId: `repair-${n}`,
          causationId: null,
          actor: STAFF,
          occurredAt: at,
          schemaVersion,
        },
      }
    }),
    { expectedRevision: 'any' },
  )
}

export function workOrderOpened(workOrderId: string, equipmentId: string, plate: string, fleetId: string, at: string) {
  return {
    type: 'WorkOrderOpened',
    data: {
      workOrderId,
      pointId: 'p1',
      equipment: { equipmentId, kind: 'vehicle', typeCode: 'passenger_car', label: plate },
      customer: { customerId: null, fleetId, name: null, phone: null, email: null },
      intake: {
        conditionNotes: '',
        accessories: [],
        mileageKm: null,
        odometerReplaced: false,
        customerDescription: 'noise',
        photos: [],
      },
      promisedAt: null,
      reworkOf: null,
      bookingId: null,
      trackingCodeHash: null,
      openedBy: STAFF,
      openedAt: at,
    },
  }
}

export const handedOver = (workOrderId: string, at: string) => ({
  type: 'WorkOrderHandedOver',
  data: { workOrderId, protocol: { receivedBy: 'driver', signature: null, mileageKm: null, note: null }, at },
})

export const tyreMounted = (equipmentId: string, at: string) => ({
  type: 'TyreMounted',
  data: {
    equipmentId,
    tyre: {
      tyreId: `${equipmentId}-fl`,
      brand: 'Michelin',
      model: null,
      size: '205/55 R16 91V',
      dot: { code: '2523', week: 25, year: 2023, pre2000: false },
      season: 'summer',
    },
    position: 'FL',
    treadDepthMm: 8,
    mileageKm: 10_000,
    at,
  },
})

export const treadMeasured = (equipmentId: string, depthMm: number, mileageKm: number, at: string) => ({
  type: 'TreadDepthsMeasured',
  data: {
    equipmentId,
    readings: [{ tyreId: `${equipmentId}-fl`, position: 'FL', depthMm }],
    mileageKm,
    workOrderId: null,
    at,
  },
})

export const serviceDates = (equipmentId: string, nextInspectionOn: string) => ({
  type: 'EquipmentServiceDatesSet',
  data: { equipmentId, nextInspectionOn, warrantyEndsOn: null, insuranceEndsOn: null },
})

export const mileage = (equipmentId: string, km: number, at: string) => ({
  type: 'EquipmentMileageRecorded',
  data: { equipmentId, km, odometerReplaced: false, workOrderId: null, at },
})
