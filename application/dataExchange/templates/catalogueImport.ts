// Price lists and goods change the network's catalogue: one stream, so a file is one batch of
// commands appended together, or nothing. The rows of a file name distinct items (the templates
// refuse a SKU or code given twice), so each command is decided on the catalogue as it was before
// the file: the same answer as deciding them in turn, without folding every event of the batch
// into the state before the next decision (the catalogue's state copies its item maps on every
// event, which made 10,000 rows take minutes).
import { isLeft, left, right } from 'fp-ts/lib/Either.js'
import { actorOf, type Principal } from '../../../domain/access/principal.js'
import {
  type CatalogueState,
  catalogueDecider,
  catalogueStream,
} from '../../../domain/service-network/catalogueDecider.js'
import type { CatalogueCommand } from '../../../domain/service-network/commands.js'
import type { CatalogueEvent } from '../../../domain/service-network/events.js'
import type { Decider } from '../../../domain/shared/decider.js'
import { handleCommand } from '../../commands/handleCommand.js'
import type { RequestMeta } from '../../customers/requestMeta.js'
import type { DataExchangeDeps } from '../dataExchangeDeps.js'
import { type DecodedRow, type ImportRefusal, type RowProblem, refusal, type TableFile } from '../exchangeTemplate.js'

/**
 * Commands on distinct catalogue items as one decision: each decided on the state the batch starts
 * from (which handleCommand re-reads on a conflict), all their events appended together or none.
 */
const distinctItemsBatch: Decider<ReadonlyArray<CatalogueCommand>, CatalogueState, CatalogueEvent> = {
  initialState: catalogueDecider.initialState,
  evolve: catalogueDecider.evolve,
  decide(commands, state) {
    const events: CatalogueEvent[] = []
    for (const [i, command] of commands.entries()) {
      const decided = catalogueDecider.decide(command, state)
      if (isLeft(decided)) return left({ ...decided.left, message: `item ${i}: ${decided.left.message}` })
      events.push(...decided.right)
    }
    return right(events)
  },
}

export interface PlannedChange {
  readonly row: DecodedRow
  readonly command: CatalogueCommand
  readonly id: string
}

export async function applyCatalogueBatch(
  deps: DataExchangeDeps,
  by: Principal,
  file: TableFile,
  planned: ReadonlyArray<PlannedChange>,
  problems: RowProblem[],
  columnOfPath: (path: string) => string | null,
  meta: RequestMeta,
  initial: CatalogueState,
): Promise<{ ok: true; ids: string[] } | { ok: false; refusal: ImportRefusal }> {
  for (const p of planned) {
    const decided = catalogueDecider.decide(p.command, initial)
    if (isLeft(decided))
      for (const f of decided.left.fields ?? [{ path: '', message: decided.left.message }]) {
        const column = columnOfPath(f.path)
        problems.push({ row: p.row.row, column: column ? p.row.headerOf(column) : '', message: f.message })
      }
  }
  if (problems.length > 0)
    return { ok: false, refusal: refusal('TEMPLATE_IMPORT_INVALID', file.fileName, [], problems, file.rowNoun) }
  if (planned.length === 0) return { ok: true, ids: [] }
  const outcome = await handleCommand({
    store: deps.store,
    catalogue: deps.catalogue,
    decider: distinctItemsBatch,
    streamId: catalogueStream(deps.network.networkId),
    command: planned.map((p) => p.command),
    context: { ...meta, actor: actorOf(by) },
  })
  if (isLeft(outcome)) return { ok: false, refusal: outcome.left }
  return { ok: true, ids: planned.map((p) => p.id) }
}
