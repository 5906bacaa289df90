// Built-in report `partsUsed` (a service point's own figures): per point, SKU and local day of the
// issue, the parts issued from stock to work orders and the parts returned unused, and the issues
// made. A custom projection because one issue lists several SKUs (the definition language counts
// one value per event).
import type { RecordedEvent } from '../../application/ports/eventStore.js'
import type { ReportShape } from '../../application/reports/reportShape.js'
import { stockEventCodecs } from '../../domain/stock/events.js'
import type { Projection, ProjectionView } from '../projection.js'
import {
  decodeAny,
  Facts,
  HEAD_OFFICE_TIME_ZONE,
  localDay,
  POINT_ZONE_TYPES,
  pointZoneOf,
  ReportRows,
} from './support/reportRows.js'

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
const zones = new Facts<{ timeZone: string }>('points')

async function apply(event: RecordedEvent, view: ProjectionView): Promise<void> {
  const zone = pointZoneOf(event)
  if (zone) return zones.set(view, zone.pointId, { timeZone: zone.timeZone })
  const stock = decodeAny(stockEventCodecs, event)
  if (stock.type !== 'StockIssued' && stock.type !== 'StockReturned') return
  const { pointId, at } = stock.data
  const timeZone = (await zones.get(view, pointId))?.timeZone ?? HEAD_OFFICE_TIME_ZONE
  const day = localDay(timeZone, at)
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
