// The low-stock list of a point: skus whose available quantity (on hand minus reserved) is below
// their minimum level. Minimum levels come from the stream (StockMinimumLevelSet) and may be
// overridden by levels passed in (e.g. network defaults per sku, or a season's higher tyre levels).
import { bucketEntries } from '../shared/bucketMap.js'
import type { StockState } from './stockDecider.js'

export interface LowStockLine {
  readonly sku: string
  readonly onHand: number
  readonly reserved: number
  readonly available: number
  readonly minimum: number
  /** How many to bring in to reach the minimum again. */
  readonly shortBy: number
}

/** Worst first (largest shortfall), then by sku. Skus with no minimum (0) are never listed. */
export function lowStock(state: StockState, minimums: Readonly<Record<string, number>> = {}): LowStockLine[] {
  const items = new Map(bucketEntries(state.items))
  const skus = new Set([...items.keys(), ...Object.keys(minimums)])
  const out: LowStockLine[] = []
  for (const sku of skus) {
    const item = items.get(sku) ?? { onHand: 0, reserved: 0, minimum: 0 }
    const minimum = minimums[sku] ?? item.minimum
    const available = item.onHand - item.reserved
    if (minimum > 0 && available < minimum)
      out.push({ sku, onHand: item.onHand, reserved: item.reserved, available, minimum, shortBy: minimum - available })
  }
  return out.sort((a, b) => b.shortBy - a.shortBy || a.sku.localeCompare(b.sku))
}
