// The equipment registry: vehicles, stored tyre sets and devices, each a stream
// `equipment-<equipmentId>` (domain/equipment). Registration takes the type's custom-field schema
// from configuration; reading an item computes its tyre-wear advice as of the request's time.
//
// Who may do what:
//   - the network's points and head office see and keep every item: a car may come to any point;
//   - a customer registers and sees his own items, a fleet's people their fleet's; owners keep
//     their item's details, custom fields, service dates and mileage, while tyres, tread readings,
//     status and ownership are recorded by staff (they are the workshop's measurements).
import { randomUUID } from 'node:crypto'
import { type Either, isLeft, left, right } from 'fp-ts/lib/Either.js'
import { actorOf, type Principal } from '../../domain/access/principal.js'
import { tenantCanAccess } from '../../domain/access/tenant.js'
import type { EquipmentCommand } from '../../domain/equipment/commands.js'
import type { CustomFieldValue } from '../../domain/equipment/customFields.js'
import { type EquipmentState, equipmentDecider, equipmentStream } from '../../domain/equipment/equipmentDecider.js'
import type {
  DismountReason,
  EquipmentOwner,
  EquipmentStatus,
  Registration,
  Season,
} from '../../domain/equipment/events.js'
import type { WheelPosition } from '../../domain/equipment/wheelPositions.js'
import type { VehicleClass } from '../../domain/service-network/capabilities.js'
import { type DomainError, domainError } from '../../domain/shared/decider.js'
import { deterministicUuid } from '../commands/commandContext.js'
import { handleCommand } from '../commands/handleCommand.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import type { EventStore } from '../ports/eventStore.js'
import { tenantDenied } from '../serviceNetwork/pointAccess.js'
import type { RequestMeta } from '../serviceNetwork/servicePointService.js'
import type { StreamStateCache } from '../serviceNetwork/streamStateCache.js'
import { equipmentTypeOf, type RepairConfig } from '../workOrders/repairConfig.js'
import { isPointStaffRole } from '../workOrders/workOrderAccess.js'
import { type EquipmentView, equipmentView } from './equipmentView.js'

export interface IdentityInput {
  readonly make: string
  readonly model?: string
  readonly vehicleClass?: VehicleClass | null
  readonly vin?: string | null
  readonly registration?: { readonly plate: string; readonly country?: string } | null
  readonly serialNumber?: string | null
}

export interface RegisterEquipmentInput extends IdentityInput {
  readonly equipmentId?: string
  readonly typeCode: string
  /** Customers and fleets may leave it out: their own. */
  readonly owner?: EquipmentOwner
  readonly customFields?: Readonly<Record<string, CustomFieldValue | null>>
  readonly status?: 'at_customer' | 'on_site' | 'in_service'
}

export type EquipmentChange =
  | ({ readonly kind: 'ChangeDetails' } & IdentityInput)
  | { readonly kind: 'SetCustomFields'; readonly customFields: Readonly<Record<string, CustomFieldValue | null>> }
  | { readonly kind: 'ChangeOwner'; readonly owner: EquipmentOwner }
  | { readonly kind: 'ChangeStatus'; readonly to: EquipmentStatus; readonly reason?: string | null }
  | {
      readonly kind: 'SetServiceDates'
      readonly nextInspectionOn?: string | null
      readonly warrantyEndsOn?: string | null
      readonly insuranceEndsOn?: string | null
    }
  | { readonly kind: 'RecordMileage'; readonly km: number; readonly odometerReplaced?: boolean }
  | {
      readonly kind: 'MountTyre'
      readonly tyreId?: string
      readonly position: WheelPosition
      readonly brand: string
      readonly model?: string | null
      readonly size: string
      readonly dotCode?: string | null
      readonly season: Season
      readonly treadDepthMm?: number | null
      readonly mileageKm?: number | null
    }
  | { readonly kind: 'DismountTyre'; readonly tyreId: string; readonly reason: DismountReason }
  | {
      readonly kind: 'RepositionTyres'
      readonly moves: ReadonlyArray<{ readonly tyreId: string; readonly to: WheelPosition }>
    }
  | {
      readonly kind: 'RecordTreadDepths'
      readonly readings: ReadonlyArray<{ readonly position: WheelPosition; readonly depthMm: number }>
      readonly mileageKm?: number | null
      readonly workOrderId?: string | null
    }
  | { readonly kind: 'DismissRecommendation'; readonly recommendationId: string }

/** What an owner may change on his own item; everything else is staff's. */
const OWNER_CHANGES: ReadonlyArray<EquipmentChange['kind']> = [
  'ChangeDetails',
  'SetCustomFields',
  'SetServiceDates',
  'RecordMileage',
]

export interface EquipmentServiceDeps {
  readonly store: EventStore
  readonly catalogue: EventCatalogue
  readonly config: RepairConfig
  readonly equipment: StreamStateCache<EquipmentState>
  /** Items already registered with this VIN or plate (from the registry read model), to refuse duplicates. */
  readonly duplicates?: (vin: string | null, plate: string | null) => Promise<ReadonlyArray<string>>
  readonly newId?: () => string
}

const ownerOf = (state: EquipmentState) =>
  state.owner?.kind === 'customer'
    ? { customerId: state.owner.customerId }
    : state.owner?.kind === 'fleet'
      ? { fleetId: state.owner.fleetId }
      : {}

export function maySeeEquipment(by: Principal, state: EquipmentState): DomainError | null {
  if (isPointStaffRole(by)) return null
  return tenantCanAccess(by.tenant, ownerOf(state)) ? null : tenantDenied()
}

export const equipmentNotFound = (equipmentId: string): DomainError =>
  domainError('not_found', 'EQUIPMENT_NOT_FOUND', `no equipment ${equipmentId}`)

const identity = (input: IdentityInput, vehicleClass: VehicleClass | null) => ({
  make: input.make,
  model: input.model ?? '',
  vehicleClass: input.vehicleClass === undefined ? vehicleClass : input.vehicleClass,
  vin: input.vin ?? null,
  registration:
    input.registration == null
      ? null
      : ({ plate: input.registration.plate, country: input.registration.country ?? 'PL' } as Registration),
  serialNumber: input.serialNumber ?? null,
})

export class EquipmentService {
  private readonly newId: () => string

  constructor(private readonly deps: EquipmentServiceDeps) {
    this.newId = deps.newId ?? randomUUID
  }

  async get(by: Principal, equipmentId: string, now: string): Promise<Either<DomainError, EquipmentView>> {
    const state = await this.state(equipmentId)
    if (isLeft(state)) return state
    const denied = maySeeEquipment(by, state.right)
    return denied ? left(denied) : right(equipmentView(state.right, now))
  }

  async register(
    by: Principal,
    input: RegisterEquipmentInput,
    meta: RequestMeta,
  ): Promise<Either<DomainError, EquipmentView>> {
    const type = equipmentTypeOf(this.deps.config, input.typeCode)
    if (!type)
      return left(
        domainError(
          'invalid',
          'UNKNOWN_EQUIPMENT_TYPE',
          `unknown equipment type ${input.typeCode} (GET /equipment-types)`,
          [{ path: 'typeCode', message: `unknown equipment type ${input.typeCode}` }],
        ),
      )
    const owner = this.ownerFor(by, input.owner)
    if (isLeft(owner)) return owner
    const equipmentId =
      input.equipmentId ?? (meta.commandId ? deterministicUuid(`equipment|${meta.commandId}`) : this.newId())
    const command: EquipmentCommand = {
      kind: 'RegisterEquipment',
      equipmentId,
      equipmentKind: type.kind,
      typeCode: type.typeCode,
      schema: type.schema,
      ...identity(input, type.kind === 'device' ? null : type.defaultVehicleClass),
      owner: owner.right,
      customFields: input.customFields ?? {},
      status: input.status ?? (type.kind === 'tyre_set' ? 'on_site' : 'at_customer'),
      pointId: by.tenant.scope === 'point' ? by.tenant.pointId : null,
      now: meta.now,
    }
    // Decided once here before the duplicate check, so bad input is answered as such, and the
    // check compares normalised VINs and plates.
    const provisional = equipmentDecider.decide(command, equipmentDecider.initialState)
    if (isLeft(provisional)) return provisional
    const registered = provisional.right[0]
    if (this.deps.duplicates && registered?.type === 'EquipmentRegistered') {
      const twins = (
        await this.deps.duplicates(registered.data.vin, registered.data.registration?.plate ?? null)
      ).filter((id) => id !== equipmentId)
      if (twins.length > 0)
        return left(
          domainError(
            'conflict',
            'EQUIPMENT_DUPLICATE',
            `equipment with this VIN or plate is registered already: ${twins.join(', ')}`,
          ),
        )
    }
    const outcome = await handleCommand({
      store: this.deps.store,
      catalogue: this.deps.catalogue,
      decider: equipmentDecider,
      streamId: equipmentStream(equipmentId),
      command,
      context: { ...meta, actor: actorOf(by) },
    })
    if (isLeft(outcome)) return outcome
    return this.get(by, equipmentId, meta.now)
  }

  async change(
    by: Principal,
    equipmentId: string,
    change: EquipmentChange,
    meta: RequestMeta,
  ): Promise<Either<DomainError, EquipmentView>> {
    const state = await this.state(equipmentId)
    if (isLeft(state)) return state
    const denied = maySeeEquipment(by, state.right)
    if (denied) return left(denied)
    if (!isPointStaffRole(by) && !OWNER_CHANGES.includes(change.kind))
      return left(
        domainError('forbidden', 'ROLE_NOT_ALLOWED', 'tyres, readings, status and ownership are recorded by staff'),
      )
    if (change.kind === 'ChangeOwner' && !isPointStaffRole(by))
      return left(domainError('forbidden', 'ROLE_NOT_ALLOWED', 'staff change an item’s owner'))
    const command = this.commandFor(state.right, change, meta)
    if (isLeft(command)) return command
    const outcome = await handleCommand({
      store: this.deps.store,
      catalogue: this.deps.catalogue,
      decider: equipmentDecider,
      streamId: equipmentStream(equipmentId),
      command: command.right,
      context: { ...meta, actor: actorOf(by) },
    })
    if (isLeft(outcome)) return outcome
    return this.get(by, equipmentId, meta.now)
  }

  private async state(equipmentId: string): Promise<Either<DomainError, EquipmentState>> {
    const { state } = await this.deps.equipment.load(equipmentStream(equipmentId))
    return state.exists ? right(state) : left(equipmentNotFound(equipmentId))
  }

  /** Customers and fleets register for themselves; staff for anybody (and must say for whom). */
  private ownerFor(by: Principal, given: EquipmentOwner | undefined): Either<DomainError, EquipmentOwner> {
    const t = by.tenant
    const someoneElse = domainError('forbidden', 'EQUIPMENT_FOR_SOMEONE_ELSE', 'you register your own equipment')
    if (t.scope === 'customer') {
      if (given && (given.kind !== 'customer' || given.customerId !== t.customerId)) return left(someoneElse)
      return right({ kind: 'customer', customerId: t.customerId })
    }
    if (t.scope === 'fleet') {
      if (given && (given.kind !== 'fleet' || given.fleetId !== t.fleetId)) return left(someoneElse)
      return right({ kind: 'fleet', fleetId: t.fleetId })
    }
    if (!given)
      return left(
        domainError('invalid', 'EQUIPMENT_INVALID', 'say whose it is', [
          { path: 'owner', message: 'is required: { kind: customer, customerId } or { kind: fleet, fleetId }' },
        ]),
      )
    return right(given)
  }

  private commandFor(
    state: EquipmentState,
    change: EquipmentChange,
    meta: RequestMeta,
  ): Either<DomainError, EquipmentCommand> {
    const equipmentId = state.equipmentId
    const now = meta.now
    switch (change.kind) {
      case 'ChangeDetails':
        return right({ kind: 'ChangeEquipmentDetails', equipmentId, ...identity(change, state.vehicleClass) })
      case 'SetCustomFields': {
        const type = equipmentTypeOf(this.deps.config, state.typeCode)
        if (!type)
          return left(
            domainError('conflict', 'UNKNOWN_EQUIPMENT_TYPE', `type ${state.typeCode} is no longer configured`),
          )
        return right({
          kind: 'SetEquipmentCustomFields',
          equipmentId,
          schema: type.schema,
          customFields: change.customFields,
        })
      }
      case 'ChangeOwner':
        return right({ kind: 'ChangeEquipmentOwner', equipmentId, owner: change.owner, now })
      case 'ChangeStatus':
        return right({
          kind: 'ChangeEquipmentStatus',
          equipmentId,
          to: change.to,
          workOrderId: null,
          reason: change.reason ?? null,
          now,
        })
      case 'SetServiceDates':
        // Fields left out keep their value: the form may send only what changed.
        return right({
          kind: 'SetServiceDates',
          equipmentId,
          nextInspectionOn:
            change.nextInspectionOn === undefined ? state.serviceDates.nextInspectionOn : change.nextInspectionOn,
          warrantyEndsOn:
            change.warrantyEndsOn === undefined ? state.serviceDates.warrantyEndsOn : change.warrantyEndsOn,
          insuranceEndsOn:
            change.insuranceEndsOn === undefined ? state.serviceDates.insuranceEndsOn : change.insuranceEndsOn,
        })
      case 'RecordMileage':
        return right({
          kind: 'RecordMileage',
          equipmentId,
          km: change.km,
          odometerReplaced: change.odometerReplaced ?? false,
          workOrderId: null,
          now,
        })
      case 'MountTyre':
        return right({
          kind: 'MountTyre',
          equipmentId,
          tyreId: change.tyreId ?? (meta.commandId ? deterministicUuid(`tyre|${meta.commandId}`) : this.newId()),
          position: change.position,
          brand: change.brand,
          model: change.model ?? null,
          size: change.size,
          dotCode: change.dotCode ?? null,
          season: change.season,
          treadDepthMm: change.treadDepthMm ?? null,
          mileageKm: change.mileageKm ?? null,
          now,
        })
      case 'DismountTyre':
        return right({ kind: 'DismountTyre', equipmentId, tyreId: change.tyreId, reason: change.reason, now })
      case 'RepositionTyres':
        return right({ kind: 'RepositionTyres', equipmentId, moves: change.moves, now })
      case 'RecordTreadDepths':
        return right({
          kind: 'RecordTreadDepths',
          equipmentId,
          readings: change.readings,
          mileageKm: change.mileageKm ?? null,
          workOrderId: change.workOrderId ?? null,
          now,
        })
      case 'DismissRecommendation':
        return right({
          kind: 'ResolveRecommendation',
          equipmentId,
          recommendationId: change.recommendationId,
          resolution: 'dismissed',
          workOrderId: null,
          now,
        })
    }
  }
}
