// The customer's side without a login: the status page opened with the order's tracking code,
// and the estimate opened and answered line by line with the code sent with the approval link.
//
// Every code is checked against the order's own stream (not a read model), so a page opened a
// moment after intake works, and a lagging read model never counts a right code as a wrong one.
// Wrong codes are counted per order and lock it for a while (accessLock.ts); an order that does not
// exist answers exactly like a wrong code, so the page tells nobody which order ids exist.

import { randomUUID } from 'node:crypto'
import { type Either, isLeft, left, right } from 'fp-ts/lib/Either.js'
import { actorOf, type Principal } from '../../domain/access/principal.js'
import type { Actor } from '../../domain/shared/actor.js'
import { type DomainError, domainError } from '../../domain/shared/decider.js'
import { estimateTotals, lineCurrency, lineNetMinor, vatMinor } from '../../domain/work-order/estimate.js'
import type { LineDecision } from '../../domain/work-order/events.js'
import { workOrderDecider, workOrderStream } from '../../domain/work-order/workOrderDecider.js'
import { eventIdFor } from '../commands/commandContext.js'
import { handleCommand } from '../commands/handleCommand.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import { type EstimateLinkTokens, isLinkToken } from '../notifications/estimateLinks.js'
import type { EventStore } from '../ports/eventStore.js'
import type { RequestMeta } from '../serviceNetwork/servicePointService.js'
import type { StreamStateCache } from '../serviceNetwork/streamStateCache.js'
import { accessCodeHash, codeMatches } from './accessCodes.js'
import {
  type AccessCodeKind,
  lockedUntil,
  type OrderAccessState,
  orderAccessDecider,
  orderAccessStream,
} from './accessLock.js'
import type { PolicyRunner, Trigger } from './policyRunner.js'
import type { RepairConfig } from './repairConfig.js'
import { mayRunOrder } from './workOrderAccess.js'
import { workOrderNotFound } from './workOrderService.js'
import { type OrderFold, type TrackingView, trackingView } from './workOrderView.js'

/** Too many wrong codes: carries when the order opens again (the API answers 429 with Retry-After). */
export type TrackingError = DomainError & { readonly lockedUntil?: string }

/** The one who answers through the link: no account, so the actor names the channel. */
export const LINK_ACTOR: Actor = { id: 'estimate-link', role: 'customer' }

export interface TrackingServiceDeps {
  readonly store: EventStore
  readonly catalogue: EventCatalogue
  readonly config: RepairConfig
  readonly orders: StreamStateCache<OrderFold>
  readonly access: StreamStateCache<OrderAccessState>
  readonly policies: PolicyRunner
  /** Signed estimate links (the notification worker's messages), accepted in place of the estimate's code. */
  readonly links?: EstimateLinkTokens
}

const invalidCode = (): TrackingError =>
  domainError('forbidden', 'ACCESS_CODE_INVALID', 'the code does not open this order')
const locked = (until: string): TrackingError => ({
  ...domainError('forbidden', 'ACCESS_LOCKED', `too many wrong codes: try again after ${until}`),
  lockedUntil: until,
})

const DAY = 86_400_000

export interface EstimateLineView {
  readonly lineId: string
  readonly kind: 'labour' | 'part'
  readonly description: string
  readonly quantity: number | null
  readonly minutes: number | null
  readonly netMinor: number
  readonly vatRatePercent: number
  readonly grossMinor: number
  readonly decision: 'pending' | LineDecision
}

export interface EstimateForCustomer {
  readonly workOrderId: string
  readonly equipment: { readonly label: string } | null
  readonly revision: number
  /** Whether the customer may still answer (the estimate is with him and the code has not expired). */
  readonly open: boolean
  readonly expiresAt: string
  readonly currency: string | null
  readonly lines: ReadonlyArray<EstimateLineView>
  /** Everything not declined: what the customer pays if he approves all that waits. */
  readonly totals: ReturnType<typeof estimateTotals> | null
  readonly status: string
}

export class TrackingService {
  constructor(private readonly deps: TrackingServiceDeps) {}

  /** The public status page. */
  async track(workOrderId: string, code: string, meta: RequestMeta): Promise<Either<TrackingError, TrackingView>> {
    const opened = await this.open(workOrderId, code, 'tracking', meta)
    return isLeft(opened) ? opened : right(trackingView(opened.right))
  }

  /** The estimate behind the approval link. */
  async estimate(
    workOrderId: string,
    code: string,
    meta: RequestMeta,
  ): Promise<Either<TrackingError, EstimateForCustomer>> {
    const opened = await this.open(workOrderId, code, 'estimate', meta)
    return isLeft(opened) ? opened : right(estimateForCustomer(opened.right, meta.now))
  }

  /** The customer's answer through the link, some lines or all; the domain checks the code again. */
  async decide(
    workOrderId: string,
    code: string,
    input: {
      readonly revision: number
      readonly decidedByName: string
      readonly decisions: ReadonlyArray<{ lineId: string; decision: LineDecision; reason?: string | null }>
    },
    meta: RequestMeta,
  ): Promise<Either<TrackingError, EstimateForCustomer>> {
    const opened = await this.open(workOrderId, code, 'estimate', meta)
    if (isLeft(opened)) return opened
    const streamId = workOrderStream(workOrderId)
    const context = { ...meta, actor: LINK_ACTOR, commandId: meta.commandId ?? randomUUID() }
    const outcome = await handleCommand({
      store: this.deps.store,
      catalogue: this.deps.catalogue,
      decider: workOrderDecider,
      streamId,
      command: {
        kind: 'DecideEstimateLines',
        workOrderId,
        actor: LINK_ACTOR,
        now: meta.now,
        revision: input.revision,
        decisions: input.decisions.map((d) => ({ lineId: d.lineId, decision: d.decision, reason: d.reason ?? null })),
        decidedByName: input.decidedByName,
        channel: 'link',
        // A link token was checked against the current code's hash in open(): it stands for that code.
        accessCodeHash: this.isLink(code, 'estimate')
          ? (opened.right.lastEstimateLink?.codeHash ?? '')
          : accessCodeHash(code),
      },
      context,
    })
    if (isLeft(outcome)) {
      if (outcome.left.code === 'ACCESS_CODE_EXPIRED') await this.reject(workOrderId, 'estimate', 'expired', meta)
      return outcome
    }
    const triggers: Trigger[] = outcome.right.events.map((event, j) => ({
      event,
      eventId: eventIdFor(context, streamId, j),
    }))
    const after = (await this.deps.orders.load(streamId)).state
    // What the policies did (parts reserved or missing) is for staff: the customer's answer stands either way.
    if (triggers.length > 0) await this.deps.policies.react(triggers, after.state, meta)
    const final = (await this.deps.orders.load(streamId)).state
    return right(estimateForCustomer(final, meta.now))
  }

  /** Staff lift a lock early (the customer called and proved who he is). */
  async unlock(
    by: Principal,
    workOrderId: string,
    meta: RequestMeta,
  ): Promise<Either<DomainError, { lockedUntil: null }>> {
    const fold = (await this.deps.orders.load(workOrderStream(workOrderId))).state
    if (!fold.state.exists) return left(workOrderNotFound(workOrderId))
    const denied = mayRunOrder(by, fold.state.pointId)
    if (denied) return left(denied)
    const outcome = await handleCommand({
      store: this.deps.store,
      catalogue: this.deps.catalogue,
      decider: orderAccessDecider,
      streamId: orderAccessStream(workOrderId),
      command: { kind: 'Unlock', workOrderId, now: meta.now },
      context: { ...meta, actor: actorOf(by) },
    })
    return isLeft(outcome) ? outcome : right({ lockedUntil: null })
  }

  /** The order when the code opens it; otherwise the refusal, with the wrong try recorded. */
  private async open(
    workOrderId: string,
    code: string,
    kind: AccessCodeKind,
    meta: RequestMeta,
  ): Promise<Either<TrackingError, OrderFold>> {
    const access = (await this.deps.access.load(orderAccessStream(workOrderId))).state
    const until = lockedUntil(access, meta.now)
    if (until) return left(locked(until))
    const fold = (await this.deps.orders.load(workOrderStream(workOrderId))).state
    if (!fold.state.exists) return left(invalidCode())
    const hash = kind === 'tracking' ? fold.state.trackingCodeHash : (fold.lastEstimateLink?.codeHash ?? null)
    const matches = this.isLink(code, kind)
      ? hash !== null && (await this.linkOpens(code, workOrderId, hash, meta.now))
      : codeMatches(code, hash)
    if (!matches) return this.reject(workOrderId, kind, 'invalid', meta)
    if (kind === 'tracking' && fold.state.closedAt !== null) {
      const expires = Date.parse(fold.state.closedAt) + this.deps.config.trackingDaysAfterClose * DAY
      if (Date.parse(meta.now) > expires)
        return left(
          domainError('forbidden', 'ACCESS_CODE_EXPIRED', 'the order was closed long ago: the code has expired'),
        )
    }
    return right(fold)
  }

  private isLink(code: string, kind: AccessCodeKind): boolean {
    return kind === 'estimate' && this.deps.links !== undefined && isLinkToken(code)
  }

  /** A signed link for this order standing for its current estimate code, not expired. */
  private async linkOpens(token: string, workOrderId: string, hash: string, now: string): Promise<boolean> {
    const claims = await this.deps.links?.verify(token, new Date(now))
    return claims?.workOrderId === workOrderId && claims.codeHash === hash
  }

  private async reject(
    workOrderId: string,
    codeKind: AccessCodeKind,
    reason: 'invalid' | 'expired',
    meta: RequestMeta,
  ): Promise<Either<TrackingError, never>> {
    const recorded = await handleCommand({
      store: this.deps.store,
      catalogue: this.deps.catalogue,
      decider: orderAccessDecider,
      streamId: orderAccessStream(workOrderId),
      command: {
        kind: 'RecordRejectedCode',
        workOrderId,
        codeKind,
        reason,
        policy: this.deps.config.accessLock,
        now: meta.now,
      },
      // Each wrong try is its own fact: no idempotency key (a retried wrong code counts again).
      context: { correlationId: meta.correlationId, causationId: null, now: meta.now, actor: LINK_ACTOR },
    })
    const lockedNow = !isLeft(recorded) && recorded.right.events.find((e) => e.type === 'OrderAccessLocked')
    if (lockedNow && lockedNow.type === 'OrderAccessLocked') return left(locked(lockedNow.data.lockedUntil))
    return left(
      reason === 'expired'
        ? domainError('forbidden', 'ACCESS_CODE_EXPIRED', 'the access code has expired')
        : invalidCode(),
    )
  }
}

export function estimateForCustomer(fold: OrderFold, now: string): EstimateForCustomer {
  const s = fold.state
  const link = fold.lastEstimateLink
  const lines = s.lines.map(({ line, decision }) => {
    const net = lineNetMinor(line)
    const vat = vatMinor(net, line.vatRatePercent)
    return {
      lineId: line.lineId,
      kind: line.kind,
      description: line.description,
      quantity: line.kind === 'part' ? line.quantity : null,
      minutes: line.kind === 'labour' ? line.minutes : null,
      netMinor: net,
      vatRatePercent: line.vatRatePercent,
      grossMinor: net + vat,
      decision,
    }
  })
  const offered = s.lines.filter((l) => l.decision !== 'declined').map((l) => l.line)
  const first = s.lines[0]
  const currency = first ? lineCurrency(first.line) : null
  return {
    workOrderId: s.workOrderId,
    equipment: s.equipment ? { label: s.equipment.label } : null,
    revision: s.revision,
    open: s.status === 'estimate' && link !== null && Date.parse(link.expiresAt) >= Date.parse(now),
    expiresAt: link?.expiresAt ?? now,
    currency,
    lines,
    totals: currency === null ? null : estimateTotals(offered, currency),
    status: s.status,
  }
}
