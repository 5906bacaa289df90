// The `stockLevels` read model: per point and sku what is on hand, reserved for orders, available
// and the minimum level, with `low` set as domain/stock/lowStock.ts decides it (available below a
// minimum above zero), so the low-stock list of a point is one indexed query.
import type { Document } from '../ports/documentStore.js'

export const STOCK_LEVELS = { projection: 'stockLevels', items: 'items' } as const

export const stockLevelId = (pointId: string, sku: string): string => `${pointId}:${sku}`

export interface StockLevelDocument extends Document {
  _id: string
  pointId: string
  sku: string
  onHand: number
  reserved: number
  available: number
  minimum: number
  low: boolean
  shortBy: number
  updatedAt: string
}

export function stockLevelOf(
  pointId: string,
  sku: string,
  q: { onHand: number; reserved: number; minimum: number },
  updatedAt: string,
): StockLevelDocument {
  const available = q.onHand - q.reserved
  const low = q.minimum > 0 && available < q.minimum
  return {
    _id: stockLevelId(pointId, sku),
    pointId,
    sku,
    onHand: q.onHand,
    reserved: q.reserved,
    available,
    minimum: q.minimum,
    low,
    shortBy: low ? q.minimum - available : 0,
    updatedAt,
  }
}
