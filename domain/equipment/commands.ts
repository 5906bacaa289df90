// Commands of the equipment registry. Time (`now`, UTC ISO-8601) and ids arrive on the command;
// configuration the domain cannot load (the type's field schema) arrives on it too.
import type { VehicleClass } from '../service-network/capabilities.js'
import type { CustomFieldValue, EquipmentTypeSchema } from './customFields.js'
import type {
  DismountReason,
  EquipmentKind,
  EquipmentOwner,
  EquipmentStatus,
  Recommendation,
  Registration,
  Season,
} from './events.js'
import type { WheelPosition } from './wheelPositions.js'

export interface EquipmentIdentityInput {
  readonly make: string
  readonly model: string
  readonly vehicleClass: VehicleClass | null
  /** Raw as typed: normalised (upper case, no spaces) and checked (vin.ts). */
  readonly vin: string | null
  /** Raw plate; 'PL' plates are checked against the Polish format. */
  readonly registration: Registration | null
  readonly serialNumber: string | null
}

export type EquipmentCommand =
  | ({
      readonly kind: 'RegisterEquipment'
      readonly equipmentId: string
      readonly equipmentKind: EquipmentKind
      readonly typeCode: string
      /** The field schema configured for typeCode. */
      readonly schema: EquipmentTypeSchema
      readonly owner: EquipmentOwner
      readonly customFields: Readonly<Record<string, CustomFieldValue | null>>
      /** Where it is when registered: usually with the customer; stored tyre sets start on site. */
      readonly status: 'at_customer' | 'on_site' | 'in_service'
      readonly pointId: string | null
      readonly now: string
    } & EquipmentIdentityInput)
  | ({ readonly kind: 'ChangeEquipmentDetails'; readonly equipmentId: string } & EquipmentIdentityInput)
  | {
      readonly kind: 'SetEquipmentCustomFields'
      readonly equipmentId: string
      readonly schema: EquipmentTypeSchema
      readonly customFields: Readonly<Record<string, CustomFieldValue | null>>
    }
  | {
      readonly kind: 'ChangeEquipmentOwner'
      readonly equipmentId: string
      readonly owner: EquipmentOwner
      readonly now: string
    }
  | {
      readonly kind: 'ChangeEquipmentStatus'
      readonly equipmentId: string
      readonly to: EquipmentStatus
      readonly workOrderId: string | null
      readonly reason: string | null
      readonly now: string
    }
  | {
      readonly kind: 'SetServiceDates'
      readonly equipmentId: string
      readonly nextInspectionOn: string | null
      readonly warrantyEndsOn: string | null
      readonly insuranceEndsOn: string | null
    }
  | {
      readonly kind: 'RecordMileage'
      readonly equipmentId: string
      readonly km: number
      readonly odometerReplaced: boolean
      readonly workOrderId: string | null
      readonly now: string
    }
  | {
      readonly kind: 'MountTyre'
      readonly equipmentId: string
      readonly tyreId: string
      readonly position: WheelPosition
      readonly brand: string
      readonly model: string | null
      /** Raw size, e.g. '205/55R16 91v': stored canonical. */
      readonly size: string
      /** DOT date code ('0123') or whole DOT number; null when unreadable. */
      readonly dotCode: string | null
      readonly season: Season
      readonly treadDepthMm: number | null
      readonly mileageKm: number | null
      readonly now: string
    }
  | {
      readonly kind: 'DismountTyre'
      readonly equipmentId: string
      readonly tyreId: string
      readonly reason: DismountReason
      readonly now: string
    }
  | {
      readonly kind: 'RepositionTyres'
      readonly equipmentId: string
      /** Every move at once, so a rotation (FL→RL, RL→FL) needs no free position in between. */
      readonly moves: ReadonlyArray<{ readonly tyreId: string; readonly to: WheelPosition }>
      readonly now: string
    }
  | {
      readonly kind: 'RecordTreadDepths'
      readonly equipmentId: string
      readonly readings: ReadonlyArray<{ readonly position: WheelPosition; readonly depthMm: number }>
      /** Odometer at the measurement (vehicles), recorded as a mileage reading when higher. */
      readonly mileageKm: number | null
      readonly workOrderId: string | null
      readonly now: string
    }
  | {
      readonly kind: 'RecordRecommendations'
      readonly equipmentId: string
      readonly recommendations: ReadonlyArray<Recommendation>
    }
  | {
      readonly kind: 'ResolveRecommendation'
      readonly equipmentId: string
      readonly recommendationId: string
      readonly resolution: 'done' | 'dismissed'
      readonly workOrderId: string | null
      readonly now: string
    }
