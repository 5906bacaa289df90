// A point's minimum stock levels: the goods its manager keeps at least so many of (below it, the
// low-stock list and the board warn). The point's own part of the goods: the catalogue and its
// prices are the network's (head office), the quantities a point keeps are its manager's.
//
// One row per SKU: `sku`, `name` (the catalogue's Polish name, for reading; not imported) and
// `minimum`. Import sets the minimum of every SKU listed (SetMinimumLevel), all in one append on
// the point's stock stream (`stock-<pointId>`): all or nothing; a SKU the catalogue does not have
// is a row problem; SKUs not in the file keep theirs. Export: the SKUs with a minimum above 0.
// Who: head office for any point, the point's own account and manager for theirs (?pointId=).
import { isLeft } from 'fp-ts/lib/Either.js'
import { actorOf, type Principal } from '../../../domain/access/principal.js'
import { catalogueGoods } from '../../../domain/service-network/catalogueDecider.js'
import { domainError } from '../../../domain/shared/decider.js'
import type { StockCommand } from '../../../domain/stock/commands.js'
import { stockDecider, stockStream } from '../../../domain/stock/stockDecider.js'
import { handleCommand } from '../../commands/handleCommand.js'
import { batchDecider } from '../../serviceNetwork/batchDecider.js'
import { isStaffOf } from '../../serviceNetwork/pointAccess.js'
import { optionalText, text, wholeNumber } from '../cells.js'
import type { DataExchangeDeps } from '../dataExchangeDeps.js'
import { type ExchangeTemplate, refusal, repeatedKeys, roleDenied, type TemplateScope } from '../exchangeTemplate.js'

/** As the stock decider allows. */
const MAX_MINIMUM = 100_000
const MANAGERS = ['head_office', 'service_point', 'service_point_manager']

function mayKeep(by: Principal, scope: TemplateScope) {
  if (!scope.pointId)
    return domainError('invalid', 'POINT_REQUIRED', 'say which point’s stock: ?pointId=', [
      { path: 'pointId', message: 'required for the stock-minimums template' },
    ])
  if (!MANAGERS.includes(by.role))
    return roleDenied('minimum stock levels are kept by head office and the point’s own account and manager')
  return isStaffOf(by, scope.pointId)
    ? null
    : domainError('forbidden', 'TENANT_ACCESS_DENIED', 'this is another service point’s stock')
}

export const stockMinimumsTemplate: ExchangeTemplate<DataExchangeDeps> = {
  name: 'stock-minimums',
  title: 'Minimum stock levels of a point',
  record: 'item',
  columns: [
    {
      name: 'sku',
      aliases: ['kod_towaru', 'indeks'],
      type: text(64),
      required: true,
      description: 'The goods’ SKU in the catalogue',
      example: 'VALVE-TR413',
    },
    {
      name: 'name',
      aliases: ['nazwa'],
      type: optionalText(200),
      required: false,
      exportOnly: true,
      description: 'The goods’ Polish name (exported for reading; not imported)',
      example: 'Zawór TR413',
    },
    {
      name: 'minimum',
      aliases: ['minimum_stock', 'stan_minimalny', 'min'],
      type: wholeNumber(MAX_MINIMUM),
      required: true,
      description: 'The least the point keeps, in units (0: no minimum)',
      example: '20',
    },
  ],
  mayExport: mayKeep,
  mayImport: mayKeep,

  async exportRows(deps, _by, scope) {
    const catalogue = await deps.network.catalogue()
    return (await deps.stock.levels(scope.pointId as string))
      .filter((l) => l.minimum > 0)
      .sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0))
      .map((l) => ({
        sku: l.sku,
        name: catalogueGoods(catalogue, l.sku)?.definition.names.pl ?? null,
        minimum: l.minimum,
      }))
  },

  async importRows(deps, by, scope, file, rows, problems, meta) {
    const pointId = scope.pointId as string
    if ((await deps.network.point(pointId)).status === 'none')
      return { ok: false, refusal: domainError('not_found', 'POINT_NOT_FOUND', `no service point ${pointId}`) }
    const catalogue = await deps.network.catalogue()
    const current = new Map((await deps.stock.levels(pointId)).map((l) => [l.sku, l.minimum]))
    problems.push(
      ...repeatedKeys(
        rows.map((r) => ({ row: r, key: r.values.sku as string })),
        'sku',
        'SKU',
      ),
    )
    const commands: StockCommand[] = []
    const ids: string[] = []
    let unchanged = 0
    for (const r of rows) {
      const sku = r.values.sku as string
      const minimum = r.values.minimum as number
      const goods = catalogueGoods(catalogue, sku)
      if (!goods || goods.retired) {
        problems.push({ row: r.row, column: r.headerOf('sku'), message: `no goods ${sku} in the catalogue` })
        continue
      }
      if ((current.get(sku) ?? 0) === minimum) {
        unchanged++
        continue
      }
      commands.push({ kind: 'SetMinimumLevel', pointId, sku, minimum })
      ids.push(sku)
    }
    if (problems.length > 0)
      return { ok: false, refusal: refusal('TEMPLATE_IMPORT_INVALID', file.fileName, [], problems, file.rowNoun) }
    if (commands.length > 0) {
      const outcome = await handleCommand({
        store: deps.store,
        catalogue: deps.catalogue,
        decider: batchDecider(stockDecider),
        streamId: stockStream(pointId),
        command: commands,
        context: { ...meta, actor: actorOf(by) },
      })
      if (isLeft(outcome)) return { ok: false, refusal: outcome.left }
    }
    return { ok: true, summary: { imported: ids.length, unchanged, ids } }
  },
}
