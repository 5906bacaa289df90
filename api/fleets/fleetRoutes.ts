// Fleet clients over HTTP: registration (head office), details, branches, managers, vehicles one by
// one or imported from CSV/XLSX, drivers. Head office reaches every fleet; a fleet's company account
// and managers only their own (the path's fleetId is checked against their tenant before anything
// runs, and the services check again). Branches, managers and details are the company account's.
import type { Request } from 'express'
import type { Either } from 'fp-ts/lib/Either.js'
import { isLeft } from 'fp-ts/lib/Either.js'
import type { FleetService, VehicleChange } from '../../application/customers/fleetService.js'
import type { ImportRefusal, VehicleImportService } from '../../application/customers/vehicleImportService.js'
import type { ApiKit } from '../apiKit.js'
import { tenantFromPath } from '../auth/tenantAccess.js'
import { contactsOf } from '../customers/customerBodies.js'
import { objectSchema, PAGING_HELP, pageSchema, pagingOf } from '../customers/queryFields.js'
import { orProblem, problemFromDomainError } from '../problem.js'
import { principalOf } from '../requestContext.js'
import type { ApiRouter } from '../routing/apiRouter.js'
import {
  BranchBody,
  BranchChangeBody,
  DriverBody,
  FleetDetailsBody,
  FleetListQuery,
  ManagerBody,
  ReasonBody,
  RegisterFleetBody,
  VehicleBody,
  VehicleBranchBody,
  VehicleCorrectionBody,
  VehicleDriverBody,
  VehicleListQuery,
} from './fleetBodies.js'
import { ImportProblem, rawUpload, readVehicleUpload } from './vehicleImportUpload.js'

export const FLEET_SIDE = ['head_office', 'fleet_client', 'fleet_manager'] as const
const COMPANY = ['head_office', 'fleet_client'] as const
const ownFleet = tenantFromPath({ fleetId: 'fleetId' })
const FLEET = objectSchema('the fleet: name, head office, branches, managers, drivers, vehicles in service')
const VEHICLE_CHANGED = objectSchema('{ vehicle, fleet }: the vehicle as it is now, and the fleet')
const NOT_FOUND = { 404: 'no such fleet (or vehicle, branch, manager, driver)' }

function orImportProblem<T>(answer: Either<ImportRefusal, T>): T {
  if (isLeft(answer) && answer.left.report)
    throw new ImportProblem(problemFromDomainError(answer.left), answer.left.report)
  return orProblem(answer)
}

export function fleetRoutes(kit: ApiKit, fleets: FleetService, imports: VehicleImportService): ApiRouter {
  const vehicleChange = async (req: Request, change: VehicleChange) =>
    orProblem(await fleets.changeVehicles(principalOf(req), String(req.params.fleetId), change, kit.requestMeta(req)))
  return kit
    .router('/fleets', 'fleets')
    .post(
      '/',
      {
        summary: 'Register a fleet client',
        description:
          'For a company customer. Give the fleetId the fleet’s accounts are opened with (POST /accounts with role fleet_client or ' +
          'fleet_manager and this fleetId), or get a new one.',
        access: ['head_office'],
        body: RegisterFleetBody,
        idempotent: true,
        response: { status: 201, description: 'the fleet', schema: FLEET },
        problems: {
          409: 'the fleet exists (FLEET_ALREADY_EXISTS)',
          422: 'the company is not a customer, invalid address or contacts',
        },
      },
      async (req, res) => {
        const b = req.body
        const view = orProblem(
          await fleets.register(
            principalOf(req),
            {
              customerId: b.customerId,
              name: b.name,
              headOffice: { address: b.headOffice.address, contacts: contactsOf(b.headOffice.contacts) },
              ...(b.fleetId ? { fleetId: b.fleetId } : {}),
            },
            kit.requestMeta(req),
          ),
        )
        res.status(201).location(`/fleets/${view.fleetId}`).json(view)
      },
    )
    .get(
      '/',
      {
        summary: 'Every fleet client (head office)',
        query: FleetListQuery,
        description: `Query: ${PAGING_HELP}.`,
        access: ['head_office'],
        response: {
          status: 200,
          description: 'fleets by name',
          schema: pageSchema('fleetId, customerId, name, branches, managers, vehiclesInService'),
        },
      },
      async (req, res, q) => {
        res.json(orProblem(await fleets.list(principalOf(req), pagingOf(q))))
      },
    )
    .get(
      '/:fleetId',
      {
        summary: 'One fleet',
        access: FLEET_SIDE,
        guards: [ownFleet],
        response: { status: 200, description: 'the fleet', schema: FLEET },
        problems: NOT_FOUND,
      },
      async (req, res) => {
        res.json(orProblem(await fleets.get(principalOf(req), req.params.fleetId)))
      },
    )
    .put(
      '/:fleetId',
      {
        summary: 'Change the fleet’s name and head office',
        access: COMPANY,
        guards: [ownFleet],
        body: FleetDetailsBody,
        idempotent: true,
        response: { status: 200, description: 'the fleet', schema: FLEET },
        problems: { ...NOT_FOUND, 422: 'invalid name, address or contacts' },
      },
      async (req, res) => {
        const b = req.body
        res.json(
          orProblem(
            await fleets.change(
              principalOf(req),
              req.params.fleetId,
              {
                kind: 'ChangeFleetDetails',
                name: b.name,
                headOffice: { address: b.headOffice.address, contacts: contactsOf(b.headOffice.contacts) },
              },
              kit.requestMeta(req),
            ),
          ),
        )
      },
    )
    .post(
      '/:fleetId/branches',
      {
        summary: 'Open a branch',
        access: COMPANY,
        guards: [ownFleet],
        body: BranchBody,
        idempotent: true,
        response: { status: 201, description: 'the fleet', schema: FLEET },
        problems: {
          ...NOT_FOUND,
          409: 'the branch id is taken (ids are not reused)',
          422: 'invalid name, address or contacts',
        },
      },
      async (req, res) => {
        const b = req.body
        res
          .status(201)
          .json(
            orProblem(
              await fleets.change(
                principalOf(req),
                req.params.fleetId,
                { kind: 'OpenBranch', branch: { ...b, contacts: contactsOf(b.contacts) } },
                kit.requestMeta(req),
              ),
            ),
          )
      },
    )
    .put(
      '/:fleetId/branches/:branchId',
      {
        summary: 'Change a branch',
        access: COMPANY,
        guards: [ownFleet],
        body: BranchChangeBody,
        idempotent: true,
        response: { status: 200, description: 'the fleet', schema: FLEET },
        problems: { ...NOT_FOUND, 409: 'the branch is closed', 422: 'invalid name, address or contacts' },
      },
      async (req, res) => {
        const b = req.body
        res.json(
          orProblem(
            await fleets.change(
              principalOf(req),
              req.params.fleetId,
              {
                kind: 'ChangeBranch',
                branch: {
                  branchId: req.params.branchId,
                  name: b.name,
                  address: b.address,
                  contacts: contactsOf(b.contacts),
                },
              },
              kit.requestMeta(req),
            ),
          ),
        )
      },
    )
    .post(
      '/:fleetId/branches/:branchId/close',
      {
        summary: 'Close a branch (refused while vehicles or managers depend on it)',
        access: COMPANY,
        guards: [ownFleet],
        idempotent: true,
        response: { status: 200, description: 'the fleet', schema: FLEET },
        problems: { ...NOT_FOUND, 409: 'BRANCH_HAS_VEHICLES, BRANCH_HAS_MANAGERS or BRANCH_CLOSED' },
      },
      async (req, res) => {
        res.json(
          orProblem(
            await fleets.change(
              principalOf(req),
              req.params.fleetId,
              { kind: 'CloseBranch', branchId: req.params.branchId },
              kit.requestMeta(req),
            ),
          ),
        )
      },
    )
    .post(
      '/:fleetId/managers',
      {
        summary: 'Appoint a fleet manager (managerId = his account id; branchIds null = the whole fleet)',
        access: COMPANY,
        guards: [ownFleet],
        body: ManagerBody,
        idempotent: true,
        response: { status: 201, description: 'the fleet', schema: FLEET },
        problems: { ...NOT_FOUND, 409: 'already appointed', 422: 'invalid contacts or unknown branch' },
      },
      async (req, res) => {
        const b = req.body
        res.status(201).json(
          orProblem(
            await fleets.change(
              principalOf(req),
              req.params.fleetId,
              {
                kind: 'AppointFleetManager',
                managerId: b.managerId,
                name: b.name,
                contacts: contactsOf(b.contacts),
                branchIds: b.branchIds ?? null,
              },
              kit.requestMeta(req),
            ),
          ),
        )
      },
    )
    .delete(
      '/:fleetId/managers/:managerId',
      {
        summary: 'Dismiss a fleet manager',
        access: COMPANY,
        guards: [ownFleet],
        idempotent: true,
        response: { status: 200, description: 'the fleet', schema: FLEET },
        problems: NOT_FOUND,
      },
      async (req, res) => {
        res.json(
          orProblem(
            await fleets.change(
              principalOf(req),
              req.params.fleetId,
              { kind: 'DismissFleetManager', managerId: req.params.managerId },
              kit.requestMeta(req),
            ),
          ),
        )
      },
    )
    .get(
      '/:fleetId/vehicles',
      {
        summary: 'The fleet’s vehicles (from the fleet itself, always current)',
        query: VehicleListQuery,
        description: `Query: branchId, q (plate or VIN prefix), includeRemoved, ${PAGING_HELP}. By plate.`,
        access: FLEET_SIDE,
        guards: [ownFleet],
        response: {
          status: 200,
          description: 'vehicles',
          schema: pageSchema('equipmentId, plate, plateCountry, vin, make, model, year, branchId, driverId, inService'),
        },
        problems: NOT_FOUND,
      },
      async (req, res, q) => {
        res.json(
          orProblem(
            await fleets.vehicles(
              principalOf(req),
              req.params.fleetId,
              {
                ...(q.branchId ? { branchId: q.branchId } : {}),
                ...(q.q ? { q: q.q } : {}),
                ...(q.includeRemoved ? { includeRemoved: true } : {}),
              },
              pagingOf(q),
            ),
          ),
        )
      },
    )
    .post(
      '/:fleetId/vehicles',
      {
        summary: 'Add a vehicle',
        description:
          'Plate (Polish format for PL) and VIN (17 characters, no I/O/Q) are normalised; both are unique among the fleet’s vehicles in service.',
        access: FLEET_SIDE,
        guards: [ownFleet],
        body: VehicleBody,
        idempotent: true,
        response: { status: 201, description: 'the vehicle and the fleet', schema: VEHICLE_CHANGED },
        problems: {
          ...NOT_FOUND,
          409: 'plate, VIN or equipment id already in the fleet (VEHICLE_DUPLICATE)',
          422: 'invalid plate, VIN, year or branch',
        },
      },
      async (req, res) => {
        const b = req.body
        res.status(201).json(
          await vehicleChange(req, {
            kind: 'AddVehicle',
            vehicle: {
              plate: b.plate,
              plateCountry: (b.plateCountry ?? 'PL').toUpperCase(),
              vin: b.vin,
              make: b.make,
              model: b.model,
              year: b.year ?? null,
              branchId: b.branchId ?? null,
              ...(b.equipmentId ? { equipmentId: b.equipmentId } : {}),
            },
          }),
        )
      },
    )
    .post(
      '/:fleetId/vehicle-imports',
      {
        summary: 'Import vehicles from a CSV or XLSX file: all rows or none',
        description:
          'The body is the file itself: Content-Type text/csv (UTF-8 or Windows-1250; , ; or tab) or ' +
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet (first sheet), up to 10 MB; ?fileName= names it. ' +
          'Columns by header, English or Polish, case and accents ignored: plate/nr rejestracyjny, vin, make/marka, model (required), ' +
          'plate_country/kraj (default PL), year/rok, branch/oddział (branch id or name). Unknown or missing columns are refused. ' +
          'Any problem refuses the whole file (422 VEHICLE_IMPORT_INVALID) with `fileProblems` and `rows: [{ row, problems: [{ column, message }] }]` ' +
          '(file row numbers, header as written); nothing is imported. With an Idempotency-Key a retried upload imports once.',
        access: FLEET_SIDE,
        guards: [ownFleet, rawUpload],
        idempotent: true,
        response: {
          status: 201,
          description: 'the import: importId, imported, equipmentIds, blankRows',
          schema: objectSchema('importId, fileName, imported, equipmentIds, blankRows, applied'),
        },
        problems: {
          ...NOT_FOUND,
          409: 'a vehicle of the file arrived in the fleet meanwhile (VEHICLE_DUPLICATE)',
          413: 'the file is larger than 10 MB',
          415: 'not CSV or XLSX',
          422: 'the file has problems: every one, row by row',
        },
      },
      async (req, res) => {
        const file = await readVehicleUpload(req)
        res
          .status(201)
          .json(
            orImportProblem(
              await imports.importVehicles(principalOf(req), String(req.params.fleetId), file, kit.requestMeta(req)),
            ),
          )
      },
    )
    .put(
      '/:fleetId/vehicles/:equipmentId',
      {
        summary: 'Correct a vehicle’s plate, VIN, make, model or year',
        access: FLEET_SIDE,
        guards: [ownFleet],
        body: VehicleCorrectionBody,
        idempotent: true,
        response: { status: 200, description: 'the vehicle and the fleet', schema: VEHICLE_CHANGED },
        problems: { ...NOT_FOUND, 409: 'plate or VIN used by another vehicle', 422: 'invalid plate, VIN or year' },
      },
      async (req, res) => {
        const b = req.body
        res.json(
          await vehicleChange(req, {
            kind: 'CorrectVehicle',
            equipmentId: req.params.equipmentId,
            plate: b.plate,
            plateCountry: (b.plateCountry ?? 'PL').toUpperCase(),
            vin: b.vin,
            make: b.make,
            model: b.model,
            year: b.year ?? null,
          }),
        )
      },
    )
    .post(
      '/:fleetId/vehicles/:equipmentId/branch',
      {
        summary: 'Move a vehicle to a branch (null: no branch)',
        access: FLEET_SIDE,
        guards: [ownFleet],
        body: VehicleBranchBody,
        idempotent: true,
        response: { status: 200, description: 'the vehicle and the fleet', schema: VEHICLE_CHANGED },
        problems: { ...NOT_FOUND, 409: 'the branch is closed' },
      },
      async (req, res) => {
        res.json(
          await vehicleChange(req, {
            kind: 'AssignVehicleToBranch',
            equipmentId: req.params.equipmentId,
            branchId: req.body.branchId,
          }),
        )
      },
    )
    .post(
      '/:fleetId/vehicles/:equipmentId/driver',
      {
        summary: 'Assign a driver to a vehicle (null: none)',
        access: FLEET_SIDE,
        guards: [ownFleet],
        body: VehicleDriverBody,
        idempotent: true,
        response: { status: 200, description: 'the vehicle and the fleet', schema: VEHICLE_CHANGED },
        problems: NOT_FOUND,
      },
      async (req, res) => {
        res.json(
          await vehicleChange(req, {
            kind: 'AssignDriverToVehicle',
            equipmentId: req.params.equipmentId,
            driverId: req.body.driverId,
          }),
        )
      },
    )
    .post(
      '/:fleetId/vehicles/:equipmentId/remove',
      {
        summary: 'Remove a vehicle from the fleet (its equipment id is never reused)',
        access: FLEET_SIDE,
        guards: [ownFleet],
        body: ReasonBody,
        idempotent: true,
        response: { status: 200, description: 'the vehicle and the fleet', schema: VEHICLE_CHANGED },
        problems: { ...NOT_FOUND, 422: 'no reason' },
      },
      async (req, res) => {
        res.json(
          await vehicleChange(req, {
            kind: 'RemoveVehicle',
            equipmentId: req.params.equipmentId,
            reason: req.body.reason,
          }),
        )
      },
    )
    .post(
      '/:fleetId/drivers',
      {
        summary: 'Add a driver',
        access: FLEET_SIDE,
        guards: [ownFleet],
        body: DriverBody,
        idempotent: true,
        response: { status: 201, description: 'the vehicle (null) and the fleet', schema: VEHICLE_CHANGED },
        problems: { ...NOT_FOUND, 409: 'the driver id is taken', 422: 'invalid name or contacts' },
      },
      async (req, res) => {
        const b = req.body
        res.status(201).json(
          await vehicleChange(req, {
            kind: 'AddDriver',
            name: b.name,
            contacts: contactsOf(b.contacts),
            customerId: b.customerId ?? null,
            ...(b.driverId ? { driverId: b.driverId } : {}),
          }),
        )
      },
    )
    .delete(
      '/:fleetId/drivers/:driverId',
      {
        summary: 'Remove a driver (his vehicles lose their driver)',
        access: FLEET_SIDE,
        guards: [ownFleet],
        idempotent: true,
        response: { status: 200, description: 'the vehicle (null) and the fleet', schema: VEHICLE_CHANGED },
        problems: NOT_FOUND,
      },
      async (req, res) => {
        res.json(await vehicleChange(req, { kind: 'RemoveDriver', driverId: req.params.driverId }))
      },
    )
}
