// Fleet clients (stream `fleet-<fleetId>`): registration by head office, details, branches,
// vehicles, managers and drivers, and the vehicle import (see vehicleImportService.ts).
//
// A fleet account's tenant names the fleetId: head office registers the fleet under the id the
// fleet's accounts are (or will be) opened with, so the accounts and the aggregate stay linked.
// A fleet manager's managerId is his account id.
import { type Either, isLeft, left, right } from 'fp-ts/lib/Either.js'
import { actorOf, type Principal } from '../../domain/access/principal.js'
import type { FleetCommand, NewFleetVehicle } from '../../domain/customer/commands.js'
import { customerStream } from '../../domain/customer/customerDecider.js'
import type { FleetBranch, FleetEvent, HeadOffice } from '../../domain/customer/events.js'
import type { Contacts } from '../../domain/customer/fields.js'
import { type FleetVehicleRecord, fleetDecider, fleetStream } from '../../domain/customer/fleetDecider.js'
import type { VehicleIdentity } from '../../domain/customer/vehicleIdentity.js'
import { bucketEntries, bucketGet } from '../../domain/shared/bucketMap.js'
import { type DomainError, domainError } from '../../domain/shared/decider.js'
import { type CommandOutcome, handleCommand } from '../commands/handleCommand.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import type { EventStore } from '../ports/eventStore.js'
import type { ReadModelReader } from '../queries/readModelReader.js'
import type { Page, Paging } from '../queries/viewer.js'
import { mayManageVehicles, mayRegisterFleet, mayRunFleet, mayViewFleet } from './customerAccess.js'
import type { CustomerReader } from './customerReader.js'
import { CUSTOMERS, type FleetDoc, type FleetView, fleetView } from './customerViews.js'
import { type BranchRestriction, branchDenied, FleetBranchScope } from './fleetBranchScope.js'
import { type EquipmentLinker, type FleetEquipmentPolicy, linkToRegistry } from './fleetEquipmentPolicy.js'
import { newIdFor, type RequestMeta } from './requestMeta.js'

export interface NewFleet {
  /** Chosen by head office (the id its accounts are opened with), or a new one. */
  readonly fleetId?: string
  /** The company customer the fleet belongs to. */
  readonly customerId: string
  readonly name: string
  readonly headOffice: HeadOffice
}

/** A change to an existing fleet, as the decider takes it. */
export type FleetChange =
  | { readonly kind: 'ChangeFleetDetails'; readonly name: string; readonly headOffice: HeadOffice }
  | { readonly kind: 'OpenBranch'; readonly branch: FleetBranch }
  | { readonly kind: 'ChangeBranch'; readonly branch: FleetBranch }
  | { readonly kind: 'CloseBranch'; readonly branchId: string }
  | {
      readonly kind: 'AppointFleetManager'
      readonly managerId: string
      readonly name: string
      readonly contacts: Contacts
      readonly branchIds: ReadonlyArray<string> | null
    }
  | { readonly kind: 'DismissFleetManager'; readonly managerId: string }

export type VehicleChange =
  | { readonly kind: 'AddVehicle'; readonly vehicle: Omit<NewFleetVehicle, 'equipmentId'> & { equipmentId?: string } }
  | ({ readonly kind: 'CorrectVehicle'; readonly equipmentId: string } & VehicleIdentity)
  | { readonly kind: 'AssignVehicleToBranch'; readonly equipmentId: string; readonly branchId: string | null }
  | { readonly kind: 'AssignDriverToVehicle'; readonly equipmentId: string; readonly driverId: string | null }
  | { readonly kind: 'RemoveVehicle'; readonly equipmentId: string; readonly reason: string }
  | {
      readonly kind: 'AddDriver'
      readonly driverId?: string
      readonly name: string
      readonly contacts: Contacts
      readonly customerId: string | null
    }
  | { readonly kind: 'RemoveDriver'; readonly driverId: string }

export interface VehicleListQuery {
  readonly branchId?: string
  /** Plate or VIN prefix (spaces and case ignored). */
  readonly q?: string
  readonly includeRemoved?: boolean
}

export type FleetVehicleView = FleetVehicleRecord

export interface FleetListItem {
  readonly fleetId: string
  readonly customerId: string
  readonly name: string
  readonly branches: number
  readonly managers: number
  readonly vehiclesInService: number
}

export interface FleetServiceDeps {
  readonly store: EventStore
  readonly catalogue: EventCatalogue
  readonly reader: CustomerReader
  readonly readModels: ReadModelReader
  /** Links a new vehicle to the registry's item with its VIN or plate (fleetEquipmentPolicy.ts). */
  readonly linker?: EquipmentLinker
  /** Registers new and corrected vehicles in the equipment registry right after the append. */
  readonly equipment?: FleetEquipmentPolicy
}

export const fleetNotFound = (fleetId: string): DomainError =>
  domainError('not_found', 'FLEET_NOT_FOUND', `no fleet ${fleetId}`)

export class FleetService {
  private readonly branches: FleetBranchScope

  constructor(private readonly deps: FleetServiceDeps) {
    this.branches = new FleetBranchScope(deps.reader)
  }

  async register(by: Principal, input: NewFleet, meta: RequestMeta): Promise<Either<DomainError, FleetView>> {
    const denied = mayRegisterFleet(by)
    if (denied) return left(denied)
    // The fleet belongs to a company customer that exists: invoices and tax ids come from it.
    const customer = await this.deps.reader.customer(input.customerId)
    if (customer.status === 'none')
      return left(
        domainError('invalid', 'FLEET_INVALID', 'the fleet’s company is not a customer', [
          { path: 'customerId', message: `no customer ${input.customerId}; register the company first` },
        ]),
      )
    if (customer.party?.kind !== 'company')
      return left(
        domainError('invalid', 'FLEET_INVALID', 'a fleet belongs to a company', [
          { path: 'customerId', message: `${input.customerId} is not a company (${customerStream(input.customerId)})` },
        ]),
      )
    const fleetId = input.fleetId ?? newIdFor('fleet', meta)
    const outcome = await this.handle(by, { ...input, kind: 'RegisterFleet', fleetId, now: meta.now }, meta)
    return isLeft(outcome) ? outcome : this.get(by, fleetId)
  }

  async get(by: Principal, fleetId: string): Promise<Either<DomainError, FleetView>> {
    const denied = mayViewFleet(by, fleetId)
    if (denied) return left(denied)
    const state = await this.deps.reader.fleet(fleetId)
    return state.status === 'none' ? left(fleetNotFound(fleetId)) : right(fleetView(state))
  }

  async change(
    by: Principal,
    fleetId: string,
    change: FleetChange,
    meta: RequestMeta,
  ): Promise<Either<DomainError, FleetView>> {
    const denied = mayRunFleet(by, fleetId)
    if (denied) return left(denied)
    const outcome = await this.handle(by, { ...change, fleetId, now: meta.now } as FleetCommand, meta)
    return isLeft(outcome) ? outcome : this.get(by, fleetId)
  }

  /** Vehicles and drivers; answers the vehicle changed (or the fleet, for drivers). */
  async changeVehicles(
    by: Principal,
    fleetId: string,
    change: VehicleChange,
    meta: RequestMeta,
  ): Promise<Either<DomainError, { readonly vehicle: FleetVehicleView | null; readonly fleet: FleetView }>> {
    const denied = mayManageVehicles(by, fleetId)
    if (denied) return left(denied)
    // A branch-restricted manager: only his branches' vehicles, added to or moved between his branches.
    const restricted = await this.branches.restrictionOf(by)
    if (restricted) {
      const refused = branchRefusal(restricted, change)
      if (refused) return left(refused)
    }
    let command: FleetCommand
    let equipmentId: string | null = null
    if (change.kind === 'AddVehicle') {
      equipmentId = change.vehicle.equipmentId ?? newIdFor('eq', meta)
      // Not named by the caller: the registry's item with the same VIN or plate, if there is one.
      if (change.vehicle.equipmentId === undefined) {
        const [linked] = await linkToRegistry(this.deps.linker, await this.deps.reader.fleet(fleetId), [
          { ...change.vehicle, equipmentId },
        ])
        equipmentId = linked?.equipmentId ?? equipmentId
      }
      command = { kind: 'AddVehicle', fleetId, now: meta.now, vehicle: { ...change.vehicle, equipmentId } }
    } else if (change.kind === 'AddDriver') {
      command = { ...change, fleetId, now: meta.now, driverId: change.driverId ?? newIdFor('drv', meta) }
    } else {
      command = { ...change, fleetId, now: meta.now }
      if ('equipmentId' in change) equipmentId = change.equipmentId
    }
    const outcome = await this.handle(by, command, meta)
    if (isLeft(outcome)) return outcome
    if (this.deps.equipment && outcome.right.events.length > 0)
      await this.deps.equipment.afterAppend(fleetStream(fleetId), outcome.right.revision, outcome.right.events.length)
    const state = await this.deps.reader.fleet(fleetId)
    return right({
      vehicle: equipmentId === null ? null : (bucketGet(state.vehicles, equipmentId) ?? null),
      fleet: fleetView(state),
    })
  }

  async vehicles(
    by: Principal,
    fleetId: string,
    query: VehicleListQuery,
    paging: Paging,
  ): Promise<Either<DomainError, Page<FleetVehicleView>>> {
    const denied = mayViewFleet(by, fleetId)
    if (denied) return left(denied)
    const state = await this.deps.reader.fleet(fleetId)
    if (state.status === 'none') return left(fleetNotFound(fleetId))
    const restricted = await this.branches.restrictionOf(by)
    if (restricted && query.branchId !== undefined && !restricted.allowsBranch(query.branchId))
      return left(branchDenied('the branch'))
    const q = query.q?.replace(/[\s-]/g, '').toUpperCase() ?? null
    const all = bucketEntries(state.vehicles)
      .map(([, v]) => v)
      .filter(
        (v) =>
          (query.includeRemoved || v.inService) &&
          (query.branchId === undefined || v.branchId === query.branchId) &&
          (restricted === null || restricted.allowsBranch(v.branchId)) &&
          (q === null || v.plate.startsWith(q) || v.vin.startsWith(q)),
      )
      .sort((a, b) => a.plate.localeCompare(b.plate) || a.equipmentId.localeCompare(b.equipmentId))
    return right({
      items: all.slice(paging.offset, paging.offset + paging.limit),
      total: all.length,
      limit: paging.limit,
      offset: paging.offset,
    })
  }

  /** Head office's list of fleets, from the `customers` read model. */
  async list(by: Principal, paging: Paging): Promise<Either<DomainError, Page<FleetListItem>>> {
    if (by.role !== 'head_office')
      return left(domainError('forbidden', 'ROLE_NOT_ALLOWED', 'only head office lists every fleet'))
    const fleets = await this.deps.readModels.collection<FleetDoc>(CUSTOMERS.projection, CUSTOMERS.fleets)
    const total = await fleets.count({})
    const docs = await fleets.find({}, { sort: { name: 1, _id: 1 }, skip: paging.offset, limit: paging.limit })
    return right({
      items: docs.map((d) => ({
        fleetId: d.fleetId,
        customerId: d.customerId,
        name: d.name,
        branches: d.branches.filter((b) => b.open).length,
        managers: d.managers.length,
        vehiclesInService: d.vehiclesInService,
      })),
      total,
      limit: paging.limit,
      offset: paging.offset,
    })
  }

  private async handle(
    by: Principal,
    command: FleetCommand,
    meta: RequestMeta,
  ): Promise<Either<DomainError, CommandOutcome<FleetEvent>>> {
    return handleCommand({
      store: this.deps.store,
      catalogue: this.deps.catalogue,
      decider: fleetDecider,
      streamId: fleetStream(command.fleetId),
      command,
      context: { ...meta, actor: actorOf(by) },
    })
  }
}

/** What a branch-restricted manager may not do to the fleet's vehicles and drivers. */
function branchRefusal(restricted: BranchRestriction, change: VehicleChange): DomainError | null {
  switch (change.kind) {
    case 'AddVehicle':
      return restricted.allowsBranch(change.vehicle.branchId) ? null : branchDenied('a vehicle outside his branches')
    case 'AssignVehicleToBranch':
      if (!restricted.allows(change.equipmentId)) return branchDenied()
      return restricted.allowsBranch(change.branchId) ? null : branchDenied('the target branch')
    case 'CorrectVehicle':
    case 'AssignDriverToVehicle':
    case 'RemoveVehicle':
      return restricted.allows(change.equipmentId) ? null : branchDenied()
    case 'AddDriver':
    case 'RemoveDriver':
      // Drivers are the fleet's, not a branch's.
      return null
  }
}
