import assert from 'node:assert/strict'
import type { FleetCommand, NewFleetVehicle } from '../../../../domain/customer/commands.js'
import type { FleetEvent } from '../../../../domain/customer/events.js'
import { fleetDecider } from '../../../../domain/customer/fleetDecider.js'
import { bucketGet } from '../../../../domain/shared/bucketMap.js'
import { scenario } from '../givenWhenThen.js'

const { given } = scenario(fleetDecider)
const fleetId = 'fleet-1'
const at = '2026-03-01T10:00:00.000Z'
const address = { street: 'ul. Fabryczna 5', postalCode: '50-001', city: 'Wrocław', country: 'PL' }
const headOffice = { address, contacts: { email: 'flota@transpol.pl', phone: '+48713000000' } }
const registered: FleetEvent = {
  type: 'FleetRegistered',
  data: { fleetId, customerId: 'cust-tp', name: 'Trans-Pol', headOffice, at },
}
const branch = (branchId: string, name: string) => ({ branchId, name, address, contacts: { email: null, phone: null } })
const opened = (branchId: string, name: string): FleetEvent => ({
  type: 'FleetBranchOpened',
  data: { fleetId, branch: branch(branchId, name), at },
})
const vehicle: NewFleetVehicle = {
  equipmentId: 'eq-1',
  plate: 'dw 12345',
  plateCountry: 'PL',
  vin: 'wvwzzz1jzxw000001',
  make: 'Volkswagen',
  model: 'Crafter',
  year: 2021,
  branchId: 'wro',
}
const added: FleetEvent = {
  type: 'FleetVehicleAdded',
  data: { fleetId, vehicle: { ...vehicle, plate: 'DW12345', vin: 'WVWZZZ1JZXW000001' }, at },
}
const history = [registered, opened('wro', 'Wrocław'), opened('poz', 'Poznań')]
type WithoutEnvelope<C> = C extends unknown ? Omit<C, 'fleetId' | 'now'> : never
const cmd = (c: WithoutEnvelope<FleetCommand>): FleetCommand => ({ fleetId, now: at, ...c }) as FleetCommand

describe('fleet', () => {
  it('registers a fleet for a company customer; refuses a second registration and commands on an unknown fleet', () => {
    given([])
      .when(cmd({ kind: 'RegisterFleet', customerId: 'cust-tp', name: ' Trans-Pol ', headOffice }))
      .then([registered])
    given([registered])
      .when(cmd({ kind: 'RegisterFleet', customerId: 'cust-tp', name: 'Trans-Pol', headOffice }))
      .thenError('FLEET_ALREADY_EXISTS', 'conflict')
    given([])
      .when(cmd({ kind: 'AddVehicle', vehicle }))
      .thenError('FLEET_NOT_FOUND', 'not_found')
  })

  it('adds a vehicle with normalised plate and VIN to an open branch', () => {
    const state = given(history)
      .when(cmd({ kind: 'AddVehicle', vehicle }))
      .then([added])
    assert.equal(bucketGet(state.vehicles, 'eq-1')?.branchId, 'wro')
  })

  it('refuses duplicates of plate or VIN among vehicles in service as a conflict, bad data as invalid', () => {
    const dup = given([...history, added])
      .when(cmd({ kind: 'AddVehicle', vehicle: { ...vehicle, equipmentId: 'eq-2', plate: 'DW 12345' } }))
      .thenError('VEHICLE_DUPLICATE', 'conflict')
    assert.deepEqual(dup.fields?.[0]?.path, 'vehicle.plate')
    given([...history, added])
      .when(cmd({ kind: 'AddVehicle', vehicle }))
      .thenError('VEHICLE_DUPLICATE', 'conflict')
    const bad = given(history)
      .when(cmd({ kind: 'AddVehicle', vehicle: { ...vehicle, vin: 'SHORT', make: '', branchId: 'krk' } }))
      .thenError('FLEET_INVALID', 'invalid')
    assert.deepEqual(
      (bad.fields ?? []).map((f) => f.path),
      ['vehicle.vin', 'vehicle.make', 'vehicle.branchId'],
    )
  })

  it('a removed vehicle frees its plate and VIN, but never its equipment id', () => {
    const removed: FleetEvent = {
      type: 'FleetVehicleRemoved',
      data: { fleetId, equipmentId: 'eq-1', reason: 'sold', at },
    }
    given([...history, added, removed])
      .when(cmd({ kind: 'AddVehicle', vehicle: { ...vehicle, equipmentId: 'eq-2' } }))
      .events()
    given([...history, added, removed])
      .when(cmd({ kind: 'AddVehicle', vehicle }))
      .thenError('VEHICLE_DUPLICATE')
    given([...history, added, removed])
      .when(cmd({ kind: 'AssignVehicleToBranch', equipmentId: 'eq-1', branchId: 'poz' }))
      .thenError('VEHICLE_NOT_FOUND', 'not_found')
  })

  it('moves a vehicle between branches; a branch with vehicles or managers cannot close', () => {
    given([...history, added])
      .when(cmd({ kind: 'AssignVehicleToBranch', equipmentId: 'eq-1', branchId: 'poz' }))
      .then([{ type: 'FleetVehicleAssignedToBranch', data: { fleetId, equipmentId: 'eq-1', branchId: 'poz', at } }])
    given([...history, added])
      .when(cmd({ kind: 'AssignVehicleToBranch', equipmentId: 'eq-1', branchId: 'wro' }))
      .then([])
    given([...history, added])
      .when(cmd({ kind: 'CloseBranch', branchId: 'wro' }))
      .thenError('BRANCH_HAS_VEHICLES', 'conflict')
    const manager: FleetEvent = {
      type: 'FleetManagerAppointed',
      data: {
        fleetId,
        manager: { managerId: 'acc-m', name: 'Marek', contacts: { email: null, phone: null }, branchIds: ['poz'] },
        at,
      },
    }
    given([...history, manager])
      .when(cmd({ kind: 'CloseBranch', branchId: 'poz' }))
      .thenError('BRANCH_HAS_MANAGERS')
    const closed = given(history)
      .when(cmd({ kind: 'CloseBranch', branchId: 'poz' }))
      .then([{ type: 'FleetBranchClosed', data: { fleetId, branchId: 'poz', at } }])
    assert.equal(closed.branches.get('poz')?.open, false)
    given([...history, { type: 'FleetBranchClosed', data: { fleetId, branchId: 'poz', at } }])
      .when(cmd({ kind: 'AddVehicle', vehicle: { ...vehicle, branchId: 'poz' } }))
      .thenError('FLEET_INVALID')
    given([...history, { type: 'FleetBranchClosed', data: { fleetId, branchId: 'poz', at } }])
      .when(cmd({ kind: 'OpenBranch', branch: branch('poz', 'Poznań 2') }))
      .thenError('BRANCH_ALREADY_EXISTS', 'conflict')
  })

  it('appoints managers for the whole fleet or some branches; scopes must name open branches', () => {
    given(history)
      .when(
        cmd({
          kind: 'AppointFleetManager',
          managerId: 'acc-m',
          name: 'Marek',
          contacts: { email: null, phone: null },
          branchIds: ['krk'],
        }),
      )
      .thenError('FLEET_INVALID')
    const state = given(history)
      .when(
        cmd({
          kind: 'AppointFleetManager',
          managerId: 'acc-m',
          name: 'Marek',
          contacts: { email: 'M@X.PL', phone: null },
          branchIds: null,
        }),
      )
      .then([
        {
          type: 'FleetManagerAppointed',
          data: {
            fleetId,
            manager: { managerId: 'acc-m', name: 'Marek', contacts: { email: 'm@x.pl', phone: null }, branchIds: null },
            at,
          },
        },
      ])
    assert.ok(state.managers.has('acc-m'))
  })

  it('drivers: assigned to vehicles; removing a driver unassigns his vehicles first', () => {
    const driver: FleetEvent = {
      type: 'FleetDriverAdded',
      data: {
        fleetId,
        driver: { driverId: 'drv-1', name: 'Jan', contacts: { email: null, phone: '+48600100200' }, customerId: null },
        at,
      },
    }
    const assigned: FleetEvent = {
      type: 'FleetVehicleDriverAssigned',
      data: { fleetId, equipmentId: 'eq-1', driverId: 'drv-1', at },
    }
    given([...history, added])
      .when(cmd({ kind: 'AssignDriverToVehicle', equipmentId: 'eq-1', driverId: 'drv-1' }))
      .thenError('DRIVER_NOT_FOUND', 'not_found')
    given([...history, added, driver])
      .when(cmd({ kind: 'AssignDriverToVehicle', equipmentId: 'eq-1', driverId: 'drv-1' }))
      .then([assigned])
    const state = given([...history, added, driver, assigned])
      .when(cmd({ kind: 'RemoveDriver', driverId: 'drv-1' }))
      .then([
        { type: 'FleetVehicleDriverAssigned', data: { fleetId, equipmentId: 'eq-1', driverId: null, at } },
        { type: 'FleetDriverRemoved', data: { fleetId, driverId: 'drv-1', at } },
      ])
    assert.equal(bucketGet(state.vehicles, 'eq-1')?.driverId, null)
  })

  it('an import adds all its vehicles in one event, or refuses naming every bad vehicle; the same import twice adds nothing', () => {
    const second = { ...vehicle, equipmentId: 'eq-2', plate: 'PO 5XY12', vin: 'WVWZZZ1JZXW000002', branchId: null }
    const importCommand = cmd({
      kind: 'ImportVehicles',
      importId: 'imp-1',
      fileName: 'flota.xlsx',
      vehicles: [vehicle, second],
    })
    const imported = given(history).when(importCommand).events()
    assert.equal(imported.length, 1)
    assert.equal(imported[0]?.type, 'FleetVehiclesImported')
    given([...history, ...imported])
      .when(importCommand)
      .then([])
    const error = given(history)
      .when(
        cmd({
          kind: 'ImportVehicles',
          importId: 'imp-2',
          fileName: 'f.csv',
          vehicles: [vehicle, { ...second, vin: vehicle.vin }],
        }),
      )
      .thenError('VEHICLE_DUPLICATE')
    assert.deepEqual(error.fields, [
      { path: 'vehicles[1].vin', message: 'VIN WVWZZZ1JZXW000001 is already used by vehicles[0]' },
    ])
  })

  it('corrects a vehicle’s identity, keeping its branch; unchanged corrections are not recorded', () => {
    const correct = cmd({
      kind: 'CorrectVehicle',
      equipmentId: 'eq-1',
      plate: 'DW 12345',
      plateCountry: 'PL',
      vin: 'WVWZZZ1JZXW000001',
      make: 'Volkswagen',
      model: 'Crafter',
      year: 2021,
    })
    given([...history, added])
      .when(correct)
      .then([])
    const state = given([...history, added])
      .when({ ...correct, model: 'Crafter 35' } as FleetCommand)
      .then([
        {
          type: 'FleetVehicleCorrected',
          data: {
            fleetId,
            equipmentId: 'eq-1',
            plate: 'DW12345',
            plateCountry: 'PL',
            vin: 'WVWZZZ1JZXW000001',
            make: 'Volkswagen',
            model: 'Crafter 35',
            year: 2021,
            at,
          },
        },
      ])
    assert.equal(bucketGet(state.vehicles, 'eq-1')?.branchId, 'wro')
  })
})
