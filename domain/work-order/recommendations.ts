// Declined estimate lines stay on the equipment as open recommendations and come back at its next
// visit. The work order raises them (RecommendationsRaised); a policy records them on the equipment
// (RecordRecommendations, idempotent by id); at the next intake `carryRecommendations` turns the
// open ones into draft estimate lines that remember where they came from (`recommendationId`), so
// approving and doing one can resolve it (`recommendationsDoneBy`).
import type { Recommendation } from '../equipment/events.js'
import type { Money } from '../shared/money.js'
import { lineNetMinor } from './estimate.js'
import type { EstimateLine } from './events.js'
import type { EstimateLineState, WorkOrderState } from './workOrderState.js'

export const recommendationIdFor = (workOrderId: string, lineId: string): string => `${workOrderId}:${lineId}`

/** Recommendations for declined lines not raised before; a line that itself came from one is not raised again. */
export function recommendationsFromDeclined(
  state: WorkOrderState,
  lines: ReadonlyArray<EstimateLineState>,
  at: string,
): Recommendation[] {
  return lines
    .filter((l) => l.decision === 'declined' && !l.recommendationRaised && l.line.recommendationId === null)
    .map(({ line }) => ({
      recommendationId: recommendationIdFor(state.workOrderId, line.lineId),
      workOrderId: state.workOrderId,
      lineId: line.lineId,
      kind: line.kind,
      description: line.description,
      sku: line.kind === 'part' ? line.sku : null,
      quantity: line.kind === 'part' ? line.quantity : null,
      unitPrice: line.kind === 'part' ? line.unitPrice : null,
      minutes: line.kind === 'labour' ? line.minutes : null,
      hourlyRate: line.kind === 'labour' ? line.hourlyRate : null,
      quotedNet: {
        amountMinor: lineNetMinor(line),
        currency: line.kind === 'labour' ? line.hourlyRate.currency : line.unitPrice.currency,
      },
      vatRatePercent: line.vatRatePercent,
      defectCode: line.problemId === null ? null : (state.problems[line.problemId]?.defectCode ?? null),
      raisedAt: at,
    }))
}

/**
 * Ids of the open recommendations an order took up and did: its approved lines that came from a
 * recommendation, and its own lines declined once and approved after reopening. The application
 * resolves them ('done') on the equipment when the order is handed over.
 */
export function recommendationsDoneBy(state: WorkOrderState): string[] {
  return state.lines
    .filter((l) => l.decision === 'approved')
    .flatMap((l) => [
      ...(l.line.recommendationId ? [l.line.recommendationId] : []),
      ...(l.recommendationRaised ? [recommendationIdFor(state.workOrderId, l.line.lineId)] : []),
    ])
}

export interface CarryOptions {
  readonly now: string
  /** Today's net unit price of a part (catalogue); undefined keeps the price quoted then. */
  readonly currentUnitPrice?: (sku: string) => Money | undefined
  /** Today's net hourly labour rate at the point; undefined keeps the rate quoted then. */
  readonly currentHourlyRate?: Money
  /** Older recommendations are still offered but marked stale (the advice may no longer hold). */
  readonly staleAfterDays?: number
  /** Line ids in the new order; default `rec-1`, `rec-2`… in the order offered. */
  readonly lineIdFor?: (recommendation: Recommendation, index: number) => string
}

export interface CarriedRecommendation {
  readonly recommendation: Recommendation
  readonly ageDays: number
  readonly stale: boolean
  /** A draft line for the new estimate, priced as of today where a price is given. */
  readonly line: EstimateLine
}

/** The open recommendations of an item as draft lines for its next visit, oldest first. */
export function carryRecommendations(
  open: ReadonlyArray<Recommendation>,
  options: CarryOptions,
): CarriedRecommendation[] {
  const nowMs = Date.parse(options.now)
  const staleAfter = options.staleAfterDays ?? 365
  return [...open]
    .sort((a, b) => a.raisedAt.localeCompare(b.raisedAt) || a.recommendationId.localeCompare(b.recommendationId))
    .map((recommendation, index) => {
      const r = recommendation
      const common = {
        lineId: options.lineIdFor?.(r, index) ?? `rec-${index + 1}`,
        description: r.description,
        vatRatePercent: r.vatRatePercent,
        photos: [],
        problemId: null,
        recommendationId: r.recommendationId,
      }
      const line: EstimateLine =
        r.kind === 'part'
          ? {
              ...common,
              kind: 'part',
              sku: r.sku ?? '',
              quantity: r.quantity ?? 1,
              unitPrice: (r.sku ? options.currentUnitPrice?.(r.sku) : undefined) ?? r.unitPrice ?? r.quotedNet,
            }
          : {
              ...common,
              kind: 'labour',
              minutes: r.minutes ?? 60,
              hourlyRate: options.currentHourlyRate ?? r.hourlyRate ?? r.quotedNet,
            }
      const ageDays = Math.floor((nowMs - Date.parse(r.raisedAt)) / 86_400_000)
      return { recommendation: r, ageDays, stale: ageDays > staleAfter, line }
    })
}
