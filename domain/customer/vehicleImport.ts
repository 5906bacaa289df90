// Validation of a fleet's vehicle import (rows parsed from CSV or XLSX by the application).
// Every row is checked (plate, VIN, make/model, year, branch, duplicates within the file and against
// the fleet's vehicles in service) and the answer is either the one command that adds them all or
// a report of every problem, row by row: an import is never applied in part.
//
// Columns are recognised by name, in English or Polish, ignoring case, accents, spaces and
// underscores ("Nr rejestracyjny" = "nr_rejestracyjny" = plate); unknown columns are refused rather
// than ignored (domain/shared/fileColumns.ts, shared with the import/export templates).
// Row numbers are the file's: with the header in row 1, rows[0] is row 2.

import { type MatchedColumns, matchColumns, normaliseHeader } from '../shared/fileColumns.js'
import type { FleetCommand, NewFleetVehicle } from './commands.js'
import { checkNewVehicles, type FleetState, type VehicleField } from './fleetDecider.js'

export const MAX_IMPORT_ROWS = 10_000

export type VehicleColumn = 'plate' | 'plateCountry' | 'vin' | 'make' | 'model' | 'year' | 'branch'

export const VEHICLE_COLUMN_ALIASES: Readonly<Record<VehicleColumn, ReadonlyArray<string>>> = {
  plate: [
    'plate',
    'registration',
    'registration_number',
    'registration_plate',
    'nr_rejestracyjny',
    'numer_rejestracyjny',
    'rejestracja',
  ],
  plateCountry: ['plate_country', 'country', 'kraj', 'kraj_rejestracji'],
  vin: ['vin', 'vin_number', 'nr_vin', 'numer_vin'],
  make: ['make', 'brand', 'marka'],
  model: ['model'],
  year: ['year', 'production_year', 'model_year', 'rok', 'rok_produkcji'],
  branch: ['branch', 'branch_id', 'oddzial', 'filia'],
}
export const VEHICLE_REQUIRED_COLUMNS: ReadonlyArray<VehicleColumn> = ['plate', 'vin', 'make', 'model']

/** The import column a vehicle field's problems are reported under. */
const COLUMN_OF_FIELD: Partial<Record<VehicleField, VehicleColumn>> = {
  plate: 'plate',
  plateCountry: 'plateCountry',
  vin: 'vin',
  make: 'make',
  model: 'model',
  year: 'year',
  branchId: 'branch',
}

export { normaliseHeader }

export interface VehicleImportFile {
  readonly fileName: string
  /** Header cells as written in the file, in order. */
  readonly headers: ReadonlyArray<string>
  /** One record per data row, keyed by the header as written. */
  readonly rows: ReadonlyArray<Readonly<Record<string, string>>>
  /** The file's row number of rows[0]; 2 when the header is row 1. */
  readonly firstDataRow?: number
}

export interface VehicleImportInput {
  readonly fleet: FleetState
  readonly file: VehicleImportFile
  readonly importId: string
  /** At least one fresh equipment id per data row, made by the application (the domain has no randomness). */
  readonly equipmentIds: ReadonlyArray<string>
  readonly now: string
}

export interface ImportRowProblem {
  /** The column's header as written in the file, or '' for the row as a whole. */
  readonly column: string
  readonly message: string
}

export type VehicleImportResult =
  | {
      readonly ok: true
      readonly command: Extract<FleetCommand, { kind: 'ImportVehicles' }>
      /** Rows left out because every cell was empty (spreadsheets keep such rows at the end). */
      readonly blankRows: ReadonlyArray<number>
    }
  | {
      readonly ok: false
      /** Problems of the file as a whole (columns, size); when present, rows were not checked. */
      readonly fileProblems: ReadonlyArray<string>
      readonly rows: ReadonlyArray<{ readonly row: number; readonly problems: ReadonlyArray<ImportRowProblem> }>
    }

function mapColumns(headers: ReadonlyArray<string>): MatchedColumns<VehicleColumn> {
  return matchColumns(
    (Object.keys(VEHICLE_COLUMN_ALIASES) as VehicleColumn[]).map((key) => ({
      key,
      names: VEHICLE_COLUMN_ALIASES[key],
      required: VEHICLE_REQUIRED_COLUMNS.includes(key),
    })),
    headers,
  )
}

/** A branch cell → an open branch id: by id, else by name (ignoring case); or what is wrong. */
function resolveBranch(fleet: FleetState, cell: string): { branchId: string | null; problem: string | null } {
  if (cell === '') return { branchId: null, problem: null }
  const open = [...fleet.branches.values()].filter((b) => b.open)
  if (open.some((b) => b.branchId === cell)) return { branchId: cell, problem: null }
  const byName = open.filter((b) => b.name.toLowerCase() === cell.toLowerCase())
  if (byName.length === 1) return { branchId: (byName[0] as { branchId: string }).branchId, problem: null }
  if (byName.length > 1)
    return { branchId: null, problem: `several branches are named "${cell}": use the branch id instead` }
  const known = open.slice(0, 5).map((b) => `"${b.name}" (${b.branchId})`)
  return {
    branchId: null,
    problem: `no open branch "${cell}" in this fleet${known.length > 0 ? `; branches: ${known.join(', ')}` : ''}`,
  }
}

export function validateVehicleImport(input: VehicleImportInput): VehicleImportResult {
  const { file, fleet } = input
  const firstRow = file.firstDataRow ?? 2
  const mapped = mapColumns(file.headers)
  const fileProblems = [...mapped.problems]
  if (file.rows.length > MAX_IMPORT_ROWS)
    fileProblems.push(`the file has ${file.rows.length} rows; at most ${MAX_IMPORT_ROWS} per import`)
  if (fileProblems.length > 0) return { ok: false, fileProblems, rows: [] }

  const { columns } = mapped
  const cell = (record: Readonly<Record<string, string>>, column: VehicleColumn): string => {
    const header = columns.get(column)
    return header === undefined ? '' : (record[header] ?? '').trim()
  }
  const blankRows: number[] = []
  const candidates: Array<{ row: number; vehicle: NewFleetVehicle; problems: ImportRowProblem[] }> = []
  file.rows.forEach((record, i) => {
    const row = firstRow + i
    if (Object.values(record).every((v) => (v ?? '').trim() === '')) {
      blankRows.push(row)
      return
    }
    const equipmentId = input.equipmentIds[candidates.length]
    if (equipmentId === undefined)
      throw new RangeError(`validateVehicleImport: ${input.equipmentIds.length} equipment ids for more data rows`)
    const problems: ImportRowProblem[] = []
    const yearCell = cell(record, 'year')
    let year: number | null = null
    if (yearCell !== '') {
      if (/^\d{4}$/.test(yearCell)) year = Number(yearCell)
      else problems.push({ column: columns.get('year') as string, message: 'must be a year such as 2021' })
    }
    const branch = resolveBranch(fleet, cell(record, 'branch'))
    if (branch.problem) problems.push({ column: columns.get('branch') as string, message: branch.problem })
    candidates.push({
      row,
      problems,
      vehicle: {
        equipmentId,
        plate: cell(record, 'plate'),
        plateCountry: (cell(record, 'plateCountry') || 'PL').toUpperCase(),
        vin: cell(record, 'vin'),
        make: cell(record, 'make'),
        model: cell(record, 'model'),
        year,
        branchId: branch.branchId,
      },
    })
  })
  if (candidates.length === 0) return { ok: false, fileProblems: ['the file holds no vehicles'], rows: [] }

  const checked = checkNewVehicles(
    fleet,
    candidates.map((c) => c.vehicle),
    (i) => `row ${candidates[i]?.row}`,
  )
  for (const p of checked.problems) {
    const column = COLUMN_OF_FIELD[p.field]
    const header = column === undefined ? '' : (columns.get(column) ?? column)
    candidates[p.index]?.problems.push({ column: header, message: p.message })
  }
  const rows = candidates.filter((c) => c.problems.length > 0).map((c) => ({ row: c.row, problems: c.problems }))
  if (rows.length > 0) return { ok: false, fileProblems: [], rows }
  return {
    ok: true,
    blankRows,
    command: {
      kind: 'ImportVehicles',
      fleetId: fleet.fleetId,
      importId: input.importId,
      fileName: file.fileName,
      vehicles: candidates.map((c) => c.vehicle),
      now: input.now,
    },
  }
}
