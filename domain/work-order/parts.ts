// The parts an order needs from the point's stock: its approved part lines, summed per sku (two
// lines may use the same part). The reservation policy reserves these after EstimateDecided.
import type { WorkOrderState } from './workOrderState.js'

export function approvedParts(state: WorkOrderState): Array<{ sku: string; quantity: number }> {
  const bySku = new Map<string, number>()
  for (const l of state.lines)
    if (l.decision === 'approved' && l.line.kind === 'part')
      bySku.set(l.line.sku, (bySku.get(l.line.sku) ?? 0) + l.line.quantity)
  return [...bySku.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([sku, quantity]) => ({ sku, quantity }))
}
