// Importing a fleet's vehicles from a spreadsheet: all rows or none.
//
// The API turns the uploaded CSV/XLSX into header cells and row records (api/fleets/
// vehicleImportUpload.ts); here every row is checked against the fleet as it stands
// (`validateVehicleImport`), and only a file without a single problem becomes one
// `ImportVehicles` command, which the decider checks again against the state it appends on and
// records as one event. A refused file writes nothing and answers with every problem, row by row.
//
// Retries: the import id (and so every equipment id) derives from the Idempotency-Key, so a
// retried upload sends the same command, which the decider recognises and does not apply twice.
import { type Either, isLeft, left, right } from 'fp-ts/lib/Either.js'
import { actorOf, type Principal } from '../../domain/access/principal.js'
import type { FleetEvent } from '../../domain/customer/events.js'
import { fleetDecider, fleetStream } from '../../domain/customer/fleetDecider.js'
import {
  type ImportRowProblem,
  MAX_IMPORT_ROWS,
  type VehicleImportFile,
  validateVehicleImport,
} from '../../domain/customer/vehicleImport.js'
import { type DomainError, domainError } from '../../domain/shared/decider.js'
import { deterministicUuid } from '../commands/commandContext.js'
import { handleCommand } from '../commands/handleCommand.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import type { EventStore } from '../ports/eventStore.js'
import { mayManageVehicles } from './customerAccess.js'
import type { CustomerReader } from './customerReader.js'
import { branchDenied, FleetBranchScope } from './fleetBranchScope.js'
import { type EquipmentLinker, type FleetEquipmentPolicy, linkToRegistry } from './fleetEquipmentPolicy.js'
import { fleetNotFound } from './fleetService.js'
import { newIdFor, type RequestMeta } from './requestMeta.js'

export interface ImportReport {
  /** Problems of the file as a whole (columns, size, no rows); rows are not checked then. */
  readonly fileProblems: ReadonlyArray<string>
  /** File row numbers (the header is row 1) with every problem of the row. */
  readonly rows: ReadonlyArray<{ readonly row: number; readonly problems: ReadonlyArray<ImportRowProblem> }>
}

/** A refusal; for a file with problems, `report` lists them row by row. */
export type ImportRefusal = DomainError & { readonly report?: ImportReport }

export interface ImportOutcome {
  readonly importId: string
  readonly fileName: string
  readonly imported: number
  readonly equipmentIds: ReadonlyArray<string>
  /** Rows left out because every cell was empty. */
  readonly blankRows: ReadonlyArray<number>
  /** False when this import id had already been applied (a retried upload): nothing new was added. */
  readonly applied: boolean
}

export interface VehicleImportDeps {
  readonly store: EventStore
  readonly catalogue: EventCatalogue
  readonly reader: CustomerReader
  /** Links each new vehicle to the registry's item with its VIN or plate (fleetEquipmentPolicy.ts). */
  readonly linker?: EquipmentLinker
  /** Registers the imported vehicles in the equipment registry right after the append. */
  readonly equipment?: FleetEquipmentPolicy
}

function refusal(report: ImportReport): ImportRefusal {
  const fields = [
    ...report.fileProblems.map((message) => ({ path: 'file', message })),
    ...report.rows.flatMap((r) =>
      r.problems.map((p) => ({ path: `row ${r.row}${p.column ? ` "${p.column}"` : ''}`, message: p.message })),
    ),
  ]
  const rows = report.rows.length
  return {
    ...domainError(
      'invalid',
      'VEHICLE_IMPORT_INVALID',
      report.fileProblems.length > 0
        ? `the file cannot be imported: ${report.fileProblems.join('; ')}`
        : `${rows} row(s) have problems; nothing was imported: correct them and upload the whole file again`,
      fields.slice(0, 1000),
    ),
    report,
  }
}

export class VehicleImportService {
  constructor(private readonly deps: VehicleImportDeps) {}

  async importVehicles(
    by: Principal,
    fleetId: string,
    file: VehicleImportFile,
    meta: RequestMeta,
  ): Promise<Either<ImportRefusal, ImportOutcome>> {
    const denied = mayManageVehicles(by, fleetId)
    if (denied) return left(denied)
    const fleet = await this.deps.reader.fleet(fleetId)
    if (fleet.status === 'none') return left(fleetNotFound(fleetId))
    const importId = newIdFor('imp', meta)
    // A retried upload whose import was applied: answer with what it imported then.
    if (fleet.importIds.has(importId)) return right(await this.applied(fleetId, importId))
    const rows = Math.min(file.rows.length, MAX_IMPORT_ROWS)
    const equipmentIds = Array.from({ length: rows }, (_, i) => `eq-${deterministicUuid(`${importId}|${i}`)}`)
    const checked = validateVehicleImport({ fleet, file, importId, equipmentIds, now: meta.now })
    if (!checked.ok) return left(refusal({ fileProblems: checked.fileProblems, rows: checked.rows }))
    const command =
      checked.command.kind === 'ImportVehicles'
        ? { ...checked.command, vehicles: await linkToRegistry(this.deps.linker, fleet, checked.command.vehicles) }
        : checked.command
    // A branch-restricted manager imports only into his branches: the whole file or nothing.
    const restricted = await new FleetBranchScope(this.deps.reader).restrictionOf(by)
    if (
      restricted &&
      command.kind === 'ImportVehicles' &&
      command.vehicles.some((v) => !restricted.allowsBranch(v.branchId))
    )
      return left(branchDenied('a row’s branch (every vehicle he imports must be in his branches)'))
    const outcome = await handleCommand({
      store: this.deps.store,
      catalogue: this.deps.catalogue,
      decider: fleetDecider,
      streamId: fleetStream(fleetId),
      command,
      context: { ...meta, actor: actorOf(by) },
    })
    if (isLeft(outcome)) {
      // The fleet changed between the check and the append (a vehicle with the same plate arrived):
      // the decider names vehicles[i]; say which file row that is.
      const rowOf = (i: number) => checkedRows(file, i)
      const report: ImportReport = {
        fileProblems: [],
        rows: (outcome.left.fields ?? []).map((f) => {
          const m = /^vehicles\[(\d+)\]\.(\w+)$/.exec(f.path)
          return {
            row: m ? rowOf(Number(m[1])) : 0,
            problems: [{ column: m?.[2] ?? '', message: f.message }],
          }
        }),
      }
      return left({ ...outcome.left, report })
    }
    if (this.deps.equipment && outcome.right.events.length > 0)
      await this.deps.equipment.afterAppend(fleetStream(fleetId), outcome.right.revision, outcome.right.events.length)
    return right({
      importId,
      fileName: command.fileName,
      imported: command.vehicles.length,
      equipmentIds: command.vehicles.map((v) => v.equipmentId),
      blankRows: checked.blankRows,
      applied: outcome.right.events.length > 0,
    })
  }

  private async applied(fleetId: string, importId: string): Promise<ImportOutcome> {
    for await (const recorded of this.deps.store.readStream(fleetStream(fleetId), { direction: 'backwards' })) {
      const event = this.deps.catalogue.decode(recorded) as FleetEvent
      if (event.type === 'FleetVehiclesImported' && event.data.importId === importId)
        return {
          importId,
          fileName: event.data.fileName,
          imported: event.data.vehicles.length,
          equipmentIds: event.data.vehicles.map((v) => v.equipmentId),
          blankRows: [],
          applied: false,
        }
    }
    throw new Error(`${fleetStream(fleetId)}: import ${importId} is in the state but not in the stream`)
  }
}

/** The file row of the i-th non-blank data row. */
function checkedRows(file: VehicleImportFile, index: number): number {
  const first = file.firstDataRow ?? 2
  let seen = -1
  for (let i = 0; i < file.rows.length; i++) {
    const record = file.rows[i] ?? {}
    if (Object.values(record).every((v) => (v ?? '').trim() === '')) continue
    seen++
    if (seen === index) return first + i
  }
  return 0
}
