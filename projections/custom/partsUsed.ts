// Built-in report `partsUsed` (a service point's own figures): per point, SKU and local day of the
// issue, the parts issued from stock to work orders and the parts returned unused, and the issues
// made. A custom projection because one issue lists several SKUs (the definition language counts
// one value per event).
import type { RecordedEvent } from '../../application/ports/eventStore.js'
import type { ReportShape } from '../../application/reports/reportShape.js'
import { stockEventCodecs } from '../../domain/stock/events.js'
import type { Projection, ProjectionView } from '../projection.js'
import { decodeAny, POINT_ZONE_TYPES, PointZones, ReportRows } from './support/reportRows.js'

export const report: ReportShape = {
  report: 'partsUsed',
  projection: 'partsUsed',
  version: 1,
  title: 'Parts used',
  description:
    'Per service point, SKU and local day: quantity issued to work orders, quantity returned unused, the net ' +
    'quantity used and the number of issues. period=week or month rolls the days up.',
  builtIn: true,
  keys: [
    { name: 'pointId', bucket: null },
    { name: 'sku', bucket: null },
    { name: 'day', bucket: 'day' },
  ],
  measures: [
    { name: 'issued', op: 'sum' },
    { name: 'returned', op: 'sum' },
    { name: 'used', op: 'sum' },
    { name: 'issues', op: 'count' },
  ],
  scopePointKey: 'pointId',
}

const rows = new ReportRows(report)
const zones = new PointZones()

async function apply(event: RecordedEvent, view: ProjectionView): Promise<void> {
  if (await zones.track(view, event)) return
  const stock = decodeAny(stockEventCodecs, event)
  if (stock.type !== 'StockIssued' && stock.type !== 'StockReturned') return
  const { pointId, at } = stock.data
  const day = await zones.dayOf(view, pointId, at)
  const issued = stock.type === 'StockIssued'
  const seen = new Set<string>()
  for (const line of stock.data.lines) {
    const first = !seen.has(line.sku)
    seen.add(line.sku)
    await rows.add(
      view,
      { pointId, sku: line.sku, day },
      issued
        ? { issued: line.quantity, used: line.quantity, issues: first ? 1 : 0 }
        : { returned: line.quantity, used: -line.quantity },
    )
  }
}

export const projection: Projection = {
  name: 'partsUsed',
  version: 1,
  types: [...POINT_ZONE_TYPES, 'StockIssued', 'StockReturned'],
  collections: ['rows', 'points'],
  indexes: { rows: [{ keys: { 'k.pointId': 1, 'k.day': 1 } }] },
  apply,
}
