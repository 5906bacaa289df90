// A user's own variants of reports (filters, grouping, period, columns), one stream per account:
// saved under an id, replaced by saving under the same id, deleted.
import { left, right } from 'fp-ts/lib/Either.js'
import { type Decider, domainError } from '../../domain/shared/decider.js'
import { canonicalJson } from '../eventLog/canonicalJson.js'
import type { VariantEvent } from './reportEvents.js'
import type { ReportQuery } from './reportQuery.js'

export interface SavedVariant {
  readonly variantId: string
  readonly report: string
  readonly title: string
  readonly query: ReportQuery
}

export type VariantsState = ReadonlyMap<string, SavedVariant>

export type VariantCommand =
  | ({ readonly kind: 'SaveVariant'; readonly ownerId: string } & SavedVariant)
  | { readonly kind: 'DeleteVariant'; readonly ownerId: string; readonly variantId: string }

/** Enough for anyone's own shortcuts; keeps one account's stream (read on every request) small. */
export const MAX_VARIANTS = 100

export const reportVariantDecider: Decider<VariantCommand, VariantsState, VariantEvent> = {
  initialState: new Map(),
  decide(command, state) {
    if (command.kind === 'DeleteVariant') {
      if (!state.has(command.variantId))
        return left(domainError('not_found', 'REPORT_VARIANT_NOT_FOUND', `no saved variant ${command.variantId}`))
      return right([{ type: 'ReportVariantDeleted', data: { ownerId: command.ownerId, variantId: command.variantId } }])
    }
    const { ownerId, variantId, report, title, query } = command
    const existing = state.get(variantId)
    if (existing && canonicalJson(existing) === canonicalJson({ variantId, report, title, query })) return right([])
    if (!existing && state.size >= MAX_VARIANTS)
      return left(domainError('conflict', 'TOO_MANY_VARIANTS', `at most ${MAX_VARIANTS} saved variants per account`))
    return right([{ type: 'ReportVariantSaved', data: { ownerId, variantId, report, title, query } }])
  },
  evolve(state, event) {
    const next = new Map(state)
    if (event.type === 'ReportVariantSaved') {
      const { variantId, report, title, query } = event.data
      next.set(variantId, { variantId, report, title, query })
    } else next.delete(event.data.variantId)
    return next
  },
}
