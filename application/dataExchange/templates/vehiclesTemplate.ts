// A fleet's vehicles: the fleet vehicle list that fleets upload (application/customers/
// vehicleImportService.ts) as a template. The columns and their Polish headers are the import's own
// (domain/customer/vehicleImport.ts, VEHICLE_COLUMN_ALIASES): one declaration for both directions.
// Import: the cells are checked with the template's types, then the fleet's import validation
// checks plates, VINs, branches and duplicates and appends one FleetVehiclesImported (one stream:
// all or nothing). Export: the fleet's vehicles in service, by plate, branch as its id.
import { isLeft } from 'fp-ts/lib/Either.js'
import { vehiclesInService } from '../../../domain/customer/fleetDecider.js'
import {
  VEHICLE_COLUMN_ALIASES,
  VEHICLE_REQUIRED_COLUMNS,
  type VehicleColumn,
} from '../../../domain/customer/vehicleImport.js'
import { domainError } from '../../../domain/shared/decider.js'
import { mayManageVehicles } from '../../customers/customerAccess.js'
import { fleetNotFound } from '../../customers/fleetService.js'
import { type AnyCellType, optionalText, optionalYear, text } from '../cells.js'
import type { DataExchangeDeps } from '../dataExchangeDeps.js'
import { type ExchangeTemplate, refusal, type TemplateColumn } from '../exchangeTemplate.js'

const DESCRIPTIONS: Readonly<Record<VehicleColumn, readonly [string, string, AnyCellType]>> = {
  plate: ['Registration plate (spaces ignored)', 'WX 12345', text(16)],
  plateCountry: ['Country of the plate, ISO code (empty: PL)', 'PL', optionalText(2)],
  vin: ['VIN, 17 characters', 'WVWZZZ1JZXW000001', text(17)],
  make: ['Make', 'Škoda', text(60)],
  model: ['Model', 'Octavia', text(60)],
  year: ['Production year', '2021', optionalYear],
  branch: ['The fleet’s branch: its id or its name (empty: none)', 'br-krakow', optionalText(64)],
}

const columns: TemplateColumn[] = (Object.keys(VEHICLE_COLUMN_ALIASES) as VehicleColumn[]).map((column) => {
  const [name, ...aliases] = VEHICLE_COLUMN_ALIASES[column]
  const [description, example, type] = DESCRIPTIONS[column]
  return {
    name: name as string,
    aliases,
    type,
    required: VEHICLE_REQUIRED_COLUMNS.includes(column),
    description,
    example,
  }
})

const needFleet = () =>
  domainError('invalid', 'FLEET_REQUIRED', 'say whose vehicles: ?fleetId=', [
    { path: 'fleetId', message: 'required for the vehicles template' },
  ])

export const vehiclesTemplate: ExchangeTemplate<DataExchangeDeps> = {
  name: 'vehicles',
  title: 'Fleet vehicles',
  record: 'vehicle',
  columns,
  mayExport: (by, scope) => (scope.fleetId ? mayManageVehicles(by, scope.fleetId) : needFleet()),
  mayImport: (by, scope) => (scope.fleetId ? mayManageVehicles(by, scope.fleetId) : needFleet()),

  async exportRows(deps, _by, scope) {
    const fleet = await deps.customerReader.fleet(scope.fleetId as string)
    if (fleet.status === 'none') return fleetNotFound(scope.fleetId as string)
    return vehiclesInService(fleet)
      .sort((a, b) => (a.plate < b.plate ? -1 : a.plate > b.plate ? 1 : a.vin < b.vin ? -1 : 1))
      .map((v) => ({
        plate: v.plate,
        plate_country: v.plateCountry,
        vin: v.vin,
        make: v.make,
        model: v.model,
        year: v.year,
        branch: v.branchId,
      }))
  },

  async importRows(deps, by, scope, file, _rows, problems, meta) {
    // Cells of the wrong type: refused as the other templates refuse them (the fleet's own checks
    // run on a file whose cells are all readable).
    if (problems.length > 0)
      return { ok: false, refusal: refusal('VEHICLE_IMPORT_INVALID', file.fileName, [], problems, file.rowNoun) }
    const done = await deps.vehicleImports.importVehicles(by, scope.fleetId as string, file, meta)
    if (isLeft(done)) return { ok: false, refusal: done.left }
    return {
      ok: true,
      summary: {
        imported: done.right.applied ? done.right.imported : 0,
        unchanged: done.right.applied ? 0 : done.right.imported,
        ids: done.right.equipmentIds,
      },
    }
  },
}
