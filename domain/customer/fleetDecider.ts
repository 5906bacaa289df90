// The fleet-client aggregate (stream `fleet-<fleetId>`): a company's head office, branches,
// vehicles (by equipment id), fleet managers and drivers, and which branch each vehicle belongs to.
//
// Plates and VINs are unique among the fleet's vehicles in service; an equipment id is never
// reused, even after its vehicle was removed. A branch closes only once no vehicle and no manager
// depends on it, so nothing is left pointing at a closed branch. An import adds all its vehicles
// in one event or none of them, and the same import id twice adds nothing the second time.
//
// Vehicles and drivers are kept in a BucketMap: a fleet has thousands of vehicles and years of
// per-vehicle events, every command replays them, and a Map copied per event would make that
// quadratic (about 1 s for 5,000 vehicles added one by one).
import { type Either, left, right } from 'fp-ts/lib/Either.js'
import {
  type BucketMap,
  bucketDelete,
  bucketEntries,
  bucketGet,
  bucketHas,
  bucketSet,
  emptyBucketMap,
} from '../shared/bucketMap.js'
import { type Decider, type DomainError, domainError } from '../shared/decider.js'
import { parseInstant } from '../shared/localTime.js'
import { sameValue } from '../shared/sameValue.js'
import { type FieldProblem, nonBlank, validId } from '../shared/validation.js'
import type { FleetCommand, NewFleetVehicle } from './commands.js'
import type { FleetBranch, FleetDriver, FleetEvent, FleetManager, FleetVehicle, HeadOffice } from './events.js'
import { addressProblems, normaliseContacts } from './fields.js'
import { normaliseVehicleIdentity } from './vehicleIdentity.js'

export const fleetStream = (fleetId: string): string => `fleet-${fleetId}`

export interface FleetVehicleRecord extends FleetVehicle {
  readonly driverId: string | null
  readonly inService: boolean
}

export interface FleetState {
  readonly status: 'none' | 'active'
  readonly fleetId: string
  readonly customerId: string
  readonly name: string
  readonly headOffice: HeadOffice | null
  readonly branches: ReadonlyMap<string, FleetBranch & { readonly open: boolean }>
  readonly vehicles: BucketMap<FleetVehicleRecord>
  readonly managers: ReadonlyMap<string, FleetManager>
  /** Managers dismissed and not appointed again: their fleet accounts lose access (FleetBranchScope). */
  readonly dismissedManagers: ReadonlySet<string>
  readonly drivers: BucketMap<FleetDriver>
  readonly importIds: ReadonlySet<string>
}

export const initialFleetState: FleetState = {
  status: 'none',
  fleetId: '',
  customerId: '',
  name: '',
  headOffice: null,
  branches: new Map(),
  vehicles: emptyBucketMap(),
  managers: new Map(),
  dismissedManagers: new Set(),
  drivers: emptyBucketMap(),
  importIds: new Set(),
}

type Decision = Either<DomainError, ReadonlyArray<FleetEvent>>

const invalid = (problems: FieldProblem[]): Decision =>
  left(domainError('invalid', 'FLEET_INVALID', 'the fleet data is invalid', problems))

export const vehiclesInService = (state: FleetState): FleetVehicleRecord[] =>
  bucketEntries(state.vehicles)
    .map(([, v]) => v)
    .filter((v) => v.inService)

export type VehicleField = keyof NewFleetVehicle

export interface VehicleProblem {
  /** Index into the checked list. */
  readonly index: number
  readonly field: VehicleField
  readonly message: string
  /** A plate, VIN or equipment id already taken: a conflict with the fleet, not bad input. */
  readonly duplicate: boolean
}

/**
 * The rules every vehicle entering the fleet passes, one by one or by import: identity (plate,
 * VIN, make, model, year), a new equipment id, an open branch, and no plate or VIN already used by
 * a vehicle in service or earlier in the same list. `describe(i)` names the i-th vehicle in
 * messages about duplicates ("row 7", "vehicles[2]"). `except` leaves out one vehicle of the fleet
 * (its own record when correcting it).
 */
export function checkNewVehicles(
  state: FleetState,
  vehicles: ReadonlyArray<NewFleetVehicle>,
  describe: (index: number) => string,
  except: string | null = null,
): { vehicles: FleetVehicle[]; problems: VehicleProblem[] } {
  const problems: VehicleProblem[] = []
  const byPlate = new Map<string, string>()
  const byVin = new Map<string, string>()
  for (const [, v] of bucketEntries(state.vehicles))
    if (v.inService && v.equipmentId !== except) {
      byPlate.set(`${v.plateCountry}:${v.plate}`, `vehicle ${v.equipmentId} of this fleet`)
      byVin.set(v.vin, `vehicle ${v.equipmentId} of this fleet`)
    }
  const seenIds = new Set<string>()
  const out: FleetVehicle[] = []
  vehicles.forEach((v, index) => {
    const add = (field: VehicleField, message: string, duplicate = false) =>
      problems.push({ index, field, message, duplicate })
    const checked = normaliseVehicleIdentity(v, '')
    for (const p of checked.problems) add(p.path as VehicleField, p.message)
    for (const p of validId(v.equipmentId, 'equipmentId')) add('equipmentId', p.message)
    if (except === null && (bucketHas(state.vehicles, v.equipmentId) || seenIds.has(v.equipmentId)))
      add('equipmentId', `equipment ${v.equipmentId} is already in this fleet`, true)
    seenIds.add(v.equipmentId)
    if (v.branchId !== null && !state.branches.get(v.branchId)?.open)
      add('branchId', `no open branch ${v.branchId} in this fleet`)
    const { identity } = checked
    if (!checked.problems.some((p) => p.path === 'plate' || p.path === 'plateCountry')) {
      const key = `${identity.plateCountry}:${identity.plate}`
      const owner = byPlate.get(key)
      if (owner) add('plate', `plate ${identity.plate} is already used by ${owner}`, true)
      else byPlate.set(key, describe(index))
    }
    if (!checked.problems.some((p) => p.path === 'vin')) {
      const owner = byVin.get(identity.vin)
      if (owner) add('vin', `VIN ${identity.vin} is already used by ${owner}`, true)
      else byVin.set(identity.vin, describe(index))
    }
    out.push({ equipmentId: v.equipmentId, ...identity, branchId: v.branchId })
  })
  return { vehicles: out, problems }
}

function headOfficeProblems(
  name: string,
  headOffice: HeadOffice,
): { headOffice: HeadOffice; problems: FieldProblem[] } {
  const contacts = normaliseContacts(headOffice.contacts, 'headOffice.contacts')
  return {
    headOffice: { address: headOffice.address, contacts: contacts.contacts },
    problems: [
      ...nonBlank(name, 'name'),
      ...addressProblems(headOffice.address, 'headOffice.address'),
      ...contacts.problems,
    ],
  }
}

function branchProblems(branch: FleetBranch): { branch: FleetBranch; problems: FieldProblem[] } {
  const contacts = normaliseContacts(branch.contacts, 'branch.contacts')
  return {
    branch: { ...branch, name: branch.name.trim(), contacts: contacts.contacts },
    problems: [
      ...validId(branch.branchId, 'branch.branchId'),
      ...nonBlank(branch.name, 'branch.name', 100),
      ...addressProblems(branch.address, 'branch.address'),
      ...contacts.problems,
    ],
  }
}

const notFound = (code: string, message: string): Decision => left(domainError('not_found', code, message))
const conflict = (code: string, message: string): Decision => left(domainError('conflict', code, message))

function openBranch(state: FleetState, branchId: string): DomainError | null {
  const branch = state.branches.get(branchId)
  if (!branch) return domainError('not_found', 'BRANCH_NOT_FOUND', `no branch ${branchId} in this fleet`)
  if (!branch.open) return domainError('conflict', 'BRANCH_CLOSED', `branch ${branchId} is closed`)
  return null
}

function vehicleInService(state: FleetState, equipmentId: string): FleetVehicleRecord | DomainError {
  const vehicle = bucketGet(state.vehicles, equipmentId)
  if (!vehicle?.inService)
    return domainError('not_found', 'VEHICLE_NOT_FOUND', `no vehicle ${equipmentId} in service in this fleet`)
  return vehicle
}

const isError = (x: object): x is DomainError => 'code' in x && 'kind' in x

/** Duplicates are conflicts with the fleet's state; everything else is invalid input. */
function vehicleRefusal(problems: ReadonlyArray<VehicleProblem>, path: (p: VehicleProblem) => string): Decision {
  const fields = problems.map((p) => ({ path: path(p), message: p.message }))
  return problems.every((p) => p.duplicate)
    ? left(domainError('conflict', 'VEHICLE_DUPLICATE', 'the vehicle is already in the fleet', fields))
    : left(domainError('invalid', 'FLEET_INVALID', 'the vehicle data is invalid', fields))
}

function decide(command: FleetCommand, state: FleetState): Decision {
  const { fleetId, now: at } = command
  if (parseInstant(at) === null) return invalid([{ path: 'now', message: 'must be a UTC ISO-8601 instant' }])
  if (command.kind === 'RegisterFleet') {
    if (state.status !== 'none') return conflict('FLEET_ALREADY_EXISTS', `fleet ${fleetId} exists`)
    const checked = headOfficeProblems(command.name, command.headOffice)
    const problems = [...validId(fleetId, 'fleetId'), ...validId(command.customerId, 'customerId'), ...checked.problems]
    if (problems.length > 0) return invalid(problems)
    return right([
      {
        type: 'FleetRegistered',
        data: {
          fleetId,
          customerId: command.customerId,
          name: command.name.trim(),
          headOffice: checked.headOffice,
          at,
        },
      },
    ])
  }
  if (state.status === 'none') return notFound('FLEET_NOT_FOUND', `no fleet ${fleetId}`)
  switch (command.kind) {
    case 'ChangeFleetDetails': {
      const checked = headOfficeProblems(command.name, command.headOffice)
      if (checked.problems.length > 0) return invalid(checked.problems)
      const name = command.name.trim()
      if (name === state.name && sameValue(checked.headOffice, state.headOffice)) return right([])
      return right([{ type: 'FleetDetailsChanged', data: { fleetId, name, headOffice: checked.headOffice, at } }])
    }
    case 'OpenBranch': {
      const checked = branchProblems(command.branch)
      if (checked.problems.length > 0) return invalid(checked.problems)
      if (state.branches.has(command.branch.branchId))
        return conflict('BRANCH_ALREADY_EXISTS', `branch ${command.branch.branchId} exists (branch ids are not reused)`)
      return right([{ type: 'FleetBranchOpened', data: { fleetId, branch: checked.branch, at } }])
    }
    case 'ChangeBranch': {
      const checked = branchProblems(command.branch)
      if (checked.problems.length > 0) return invalid(checked.problems)
      const refused = openBranch(state, command.branch.branchId)
      if (refused) return left(refused)
      const { open: _open, ...current } = state.branches.get(command.branch.branchId) as FleetBranch & { open: boolean }
      if (sameValue(current, checked.branch)) return right([])
      return right([{ type: 'FleetBranchChanged', data: { fleetId, branch: checked.branch, at } }])
    }
    case 'CloseBranch': {
      const { branchId } = command
      const refused = openBranch(state, branchId)
      if (refused) return left(refused)
      const vehicles = vehiclesInService(state).filter((v) => v.branchId === branchId)
      if (vehicles.length > 0)
        return conflict(
          'BRANCH_HAS_VEHICLES',
          `move or remove the branch's ${vehicles.length} vehicle(s) first (e.g. ${vehicles[0]?.plate})`,
        )
      const managers = [...state.managers.values()].filter((m) => m.branchIds?.includes(branchId))
      if (managers.length > 0)
        return conflict(
          'BRANCH_HAS_MANAGERS',
          `change the scope of manager(s) ${managers.map((m) => m.managerId).join(', ')} first`,
        )
      return right([{ type: 'FleetBranchClosed', data: { fleetId, branchId, at } }])
    }
    case 'AddVehicle': {
      const checked = checkNewVehicles(state, [command.vehicle], () => 'the new vehicle')
      if (checked.problems.length > 0) return vehicleRefusal(checked.problems, (p) => `vehicle.${p.field}`)
      return right([{ type: 'FleetVehicleAdded', data: { fleetId, vehicle: checked.vehicles[0] as FleetVehicle, at } }])
    }
    case 'ImportVehicles': {
      if (state.importIds.has(command.importId)) return right([])
      const problems = [...validId(command.importId, 'importId'), ...nonBlank(command.fileName, 'fileName', 255)]
      if (command.vehicles.length === 0) problems.push({ path: 'vehicles', message: 'the import holds no vehicles' })
      if (problems.length > 0) return invalid(problems)
      const checked = checkNewVehicles(state, command.vehicles, (i) => `vehicles[${i}]`)
      if (checked.problems.length > 0) return vehicleRefusal(checked.problems, (p) => `vehicles[${p.index}].${p.field}`)
      return right([
        {
          type: 'FleetVehiclesImported',
          data: { fleetId, importId: command.importId, fileName: command.fileName, vehicles: checked.vehicles, at },
        },
      ])
    }
    case 'CorrectVehicle': {
      const vehicle = vehicleInService(state, command.equipmentId)
      if (isError(vehicle)) return left(vehicle)
      const { kind: _k, fleetId: _f, now: _n, ...identity } = command
      const checked = checkNewVehicles(
        state,
        [{ ...identity, branchId: vehicle.branchId }],
        () => 'it',
        vehicle.equipmentId,
      )
      if (checked.problems.length > 0) return vehicleRefusal(checked.problems, (p) => p.field)
      const { branchId: _b, ...corrected } = checked.vehicles[0] as FleetVehicle
      const same = (['plate', 'plateCountry', 'vin', 'make', 'model', 'year'] as const).every(
        (k) => corrected[k] === vehicle[k],
      )
      if (same) return right([])
      return right([{ type: 'FleetVehicleCorrected', data: { fleetId, ...corrected, at } }])
    }
    case 'AssignVehicleToBranch': {
      const vehicle = vehicleInService(state, command.equipmentId)
      if (isError(vehicle)) return left(vehicle)
      if (command.branchId !== null) {
        const refused = openBranch(state, command.branchId)
        if (refused) return left(refused)
      }
      if (vehicle.branchId === command.branchId) return right([])
      return right([
        {
          type: 'FleetVehicleAssignedToBranch',
          data: { fleetId, equipmentId: command.equipmentId, branchId: command.branchId, at },
        },
      ])
    }
    case 'AssignDriverToVehicle': {
      const vehicle = vehicleInService(state, command.equipmentId)
      if (isError(vehicle)) return left(vehicle)
      if (command.driverId !== null && !bucketHas(state.drivers, command.driverId))
        return notFound('DRIVER_NOT_FOUND', `no driver ${command.driverId} in this fleet`)
      if (vehicle.driverId === command.driverId) return right([])
      return right([
        {
          type: 'FleetVehicleDriverAssigned',
          data: { fleetId, equipmentId: command.equipmentId, driverId: command.driverId, at },
        },
      ])
    }
    case 'RemoveVehicle': {
      const vehicle = vehicleInService(state, command.equipmentId)
      if (isError(vehicle)) return left(vehicle)
      const reason = command.reason.trim()
      if (reason === '') return invalid([{ path: 'reason', message: 'must not be blank' }])
      return right([{ type: 'FleetVehicleRemoved', data: { fleetId, equipmentId: command.equipmentId, reason, at } }])
    }
    case 'AppointFleetManager': {
      const contacts = normaliseContacts(command.contacts, 'contacts')
      const problems = [
        ...validId(command.managerId, 'managerId'),
        ...nonBlank(command.name, 'name', 120),
        ...contacts.problems,
      ]
      if (command.branchIds !== null) {
        if (command.branchIds.length === 0)
          problems.push({ path: 'branchIds', message: 'name at least one branch, or null for the whole fleet' })
        command.branchIds.forEach((id, i) => {
          if (!state.branches.get(id)?.open) problems.push({ path: `branchIds[${i}]`, message: `no open branch ${id}` })
        })
      }
      if (problems.length > 0) return invalid(problems)
      if (state.managers.has(command.managerId))
        return conflict('FLEET_MANAGER_ALREADY_APPOINTED', `${command.managerId} already manages this fleet`)
      const manager: FleetManager = {
        managerId: command.managerId,
        name: command.name.trim(),
        contacts: contacts.contacts,
        branchIds: command.branchIds === null ? null : [...new Set(command.branchIds)],
      }
      return right([{ type: 'FleetManagerAppointed', data: { fleetId, manager, at } }])
    }
    case 'DismissFleetManager':
      if (!state.managers.has(command.managerId))
        return notFound('FLEET_MANAGER_NOT_FOUND', `${command.managerId} does not manage this fleet`)
      return right([{ type: 'FleetManagerDismissed', data: { fleetId, managerId: command.managerId, at } }])
    case 'AddDriver': {
      const contacts = normaliseContacts(command.contacts, 'contacts')
      const problems = [
        ...validId(command.driverId, 'driverId'),
        ...nonBlank(command.name, 'name', 120),
        ...contacts.problems,
      ]
      if (command.customerId !== null) problems.push(...validId(command.customerId, 'customerId'))
      if (problems.length > 0) return invalid(problems)
      if (bucketHas(state.drivers, command.driverId))
        return conflict('DRIVER_ALREADY_EXISTS', `driver ${command.driverId} exists`)
      const driver: FleetDriver = {
        driverId: command.driverId,
        name: command.name.trim(),
        contacts: contacts.contacts,
        customerId: command.customerId,
      }
      return right([{ type: 'FleetDriverAdded', data: { fleetId, driver, at } }])
    }
    case 'RemoveDriver': {
      const { driverId } = command
      if (!bucketHas(state.drivers, driverId))
        return notFound('DRIVER_NOT_FOUND', `no driver ${driverId} in this fleet`)
      // Unassign explicitly first, so projections see the vehicles lose their driver.
      const unassigned: FleetEvent[] = vehiclesInService(state)
        .filter((v) => v.driverId === driverId)
        .map((v) => ({
          type: 'FleetVehicleDriverAssigned',
          data: { fleetId, equipmentId: v.equipmentId, driverId: null, at },
        }))
      return right([...unassigned, { type: 'FleetDriverRemoved', data: { fleetId, driverId, at } }])
    }
  }
}

function withVehicle(state: FleetState, equipmentId: string, change: Partial<FleetVehicleRecord>): FleetState {
  const current = bucketGet(state.vehicles, equipmentId)
  if (!current) return state
  return { ...state, vehicles: bucketSet(state.vehicles, equipmentId, { ...current, ...change }) }
}

function evolve(state: FleetState, event: FleetEvent): FleetState {
  switch (event.type) {
    case 'FleetRegistered':
      return {
        ...state,
        status: 'active',
        fleetId: event.data.fleetId,
        customerId: event.data.customerId,
        name: event.data.name,
        headOffice: event.data.headOffice,
      }
    case 'FleetDetailsChanged':
      return { ...state, name: event.data.name, headOffice: event.data.headOffice }
    case 'FleetBranchOpened':
    case 'FleetBranchChanged': {
      const branches = new Map(state.branches)
      branches.set(event.data.branch.branchId, { ...event.data.branch, open: true })
      return { ...state, branches }
    }
    case 'FleetBranchClosed': {
      const branch = state.branches.get(event.data.branchId)
      if (!branch) return state
      const branches = new Map(state.branches)
      branches.set(event.data.branchId, { ...branch, open: false })
      return { ...state, branches }
    }
    case 'FleetVehicleAdded': {
      const { vehicle } = event.data
      return {
        ...state,
        vehicles: bucketSet(state.vehicles, vehicle.equipmentId, { ...vehicle, driverId: null, inService: true }),
      }
    }
    case 'FleetVehiclesImported': {
      let vehicles = state.vehicles
      for (const v of event.data.vehicles)
        vehicles = bucketSet(vehicles, v.equipmentId, { ...v, driverId: null, inService: true })
      return { ...state, vehicles, importIds: new Set([...state.importIds, event.data.importId]) }
    }
    case 'FleetVehicleCorrected': {
      const { fleetId: _f, at: _a, equipmentId, ...identity } = event.data
      return withVehicle(state, equipmentId, identity)
    }
    case 'FleetVehicleAssignedToBranch':
      return withVehicle(state, event.data.equipmentId, { branchId: event.data.branchId })
    case 'FleetVehicleDriverAssigned':
      return withVehicle(state, event.data.equipmentId, { driverId: event.data.driverId })
    case 'FleetVehicleRemoved':
      return withVehicle(state, event.data.equipmentId, { inService: false, driverId: null })
    case 'FleetManagerAppointed': {
      const managers = new Map(state.managers)
      managers.set(event.data.manager.managerId, event.data.manager)
      const dismissedManagers = new Set(state.dismissedManagers)
      dismissedManagers.delete(event.data.manager.managerId)
      return { ...state, managers, dismissedManagers }
    }
    case 'FleetManagerDismissed': {
      const managers = new Map(state.managers)
      managers.delete(event.data.managerId)
      return { ...state, managers, dismissedManagers: new Set([...state.dismissedManagers, event.data.managerId]) }
    }
    case 'FleetDriverAdded':
      return { ...state, drivers: bucketSet(state.drivers, event.data.driver.driverId, event.data.driver) }
    case 'FleetDriverRemoved':
      return { ...state, drivers: bucketDelete(state.drivers, event.data.driverId) }
  }
}

export const fleetDecider: Decider<FleetCommand, FleetState, FleetEvent> = {
  initialState: initialFleetState,
  decide,
  evolve,
}
