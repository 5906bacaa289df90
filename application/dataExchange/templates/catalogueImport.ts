// Price lists and goods change the network's catalogue: one stream, so a file is one batch of
// commands decided in turn and appended together (application/serviceNetwork/batchDecider.ts), or
// nothing. Each command is decided first on its own to collect every row's problems.
import { isLeft } from 'fp-ts/lib/Either.js'
import { actorOf, type Principal } from '../../../domain/access/principal.js'
import {
  type CatalogueState,
  catalogueDecider,
  catalogueStream,
} from '../../../domain/service-network/catalogueDecider.js'
import type { CatalogueCommand } from '../../../domain/service-network/commands.js'
import { handleCommand } from '../../commands/handleCommand.js'
import type { RequestMeta } from '../../customers/requestMeta.js'
import { batchDecider } from '../../serviceNetwork/batchDecider.js'
import type { DataExchangeDeps } from '../dataExchangeDeps.js'
import { type DecodedRow, type ImportRefusal, type RowProblem, refusal, type TableFile } from '../exchangeTemplate.js'

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
  let state = initial
  for (const p of planned) {
    const decided = catalogueDecider.decide(p.command, state)
    if (isLeft(decided)) {
      for (const f of decided.left.fields ?? [{ path: '', message: decided.left.message }]) {
        const column = columnOfPath(f.path)
        problems.push({ row: p.row.row, column: column ? p.row.headerOf(column) : '', message: f.message })
      }
      continue
    }
    for (const event of decided.right) state = catalogueDecider.evolve(state, event)
  }
  if (problems.length > 0)
    return { ok: false, refusal: refusal('TEMPLATE_IMPORT_INVALID', file.fileName, [], problems, file.rowNoun) }
  if (planned.length === 0) return { ok: true, ids: [] }
  const outcome = await handleCommand({
    store: deps.store,
    catalogue: deps.catalogue,
    decider: batchDecider(catalogueDecider),
    streamId: catalogueStream(deps.network.networkId),
    command: planned.map((p) => p.command),
    context: { ...meta, actor: actorOf(by) },
  })
  if (isLeft(outcome)) return { ok: false, refusal: outcome.left }
  return { ok: true, ids: planned.map((p) => p.id) }
}
