// Subscriptions to scheduled report e-mails, all in one stream (`reportsubscriptions`): a user
// subscribes to a report or one of his variants with a cadence; he (or head office) ends it. The
// stream is read whole by the scheduler, so its state is every subscription, active or ended.
import { left, right } from 'fp-ts/lib/Either.js'
import type { Actor } from '../../domain/shared/actor.js'
import { type Decider, domainError } from '../../domain/shared/decider.js'
import { canonicalJson } from '../eventLog/canonicalJson.js'
import type { SubscriptionEvent } from './reportEvents.js'

export type Subscription = Extract<SubscriptionEvent, { type: 'ReportSubscribed' }>['data']

export interface SubscriptionState {
  readonly subscriptions: ReadonlyMap<string, { readonly subscription: Subscription; readonly active: boolean }>
}

export type SubscriptionCommand =
  | { readonly kind: 'Subscribe'; readonly subscription: Subscription }
  | {
      readonly kind: 'Unsubscribe'
      readonly subscriptionId: string
      readonly by: Actor
      readonly reason: string | null
    }

/** Enough for anyone's regular reports; keeps a runaway client from filling the scheduler. */
export const MAX_SUBSCRIPTIONS_PER_ACCOUNT = 25

export const reportSubscriptionDecider: Decider<SubscriptionCommand, SubscriptionState, SubscriptionEvent> = {
  initialState: { subscriptions: new Map() },
  decide(command, state) {
    if (command.kind === 'Subscribe') {
      const s = command.subscription
      const existing = state.subscriptions.get(s.subscriptionId)
      if (existing) {
        // The same subscription sent again (a retried request) is already so.
        if (existing.active && canonicalJson(existing.subscription) === canonicalJson(s)) return right([])
        return left(domainError('conflict', 'SUBSCRIPTION_EXISTS', `subscription ${s.subscriptionId} exists already`))
      }
      const active = [...state.subscriptions.values()].filter(
        (x) => x.active && x.subscription.subscriber.id === s.subscriber.id,
      )
      if (active.length >= MAX_SUBSCRIPTIONS_PER_ACCOUNT)
        return left(
          domainError(
            'conflict',
            'TOO_MANY_SUBSCRIPTIONS',
            `at most ${MAX_SUBSCRIPTIONS_PER_ACCOUNT} subscriptions per account`,
          ),
        )
      return right([{ type: 'ReportSubscribed', data: s }])
    }
    const existing = state.subscriptions.get(command.subscriptionId)
    if (!existing)
      return left(domainError('not_found', 'SUBSCRIPTION_NOT_FOUND', `no subscription ${command.subscriptionId}`))
    if (command.by.role !== 'head_office' && command.by.id !== existing.subscription.subscriber.id)
      return left(
        domainError('not_found', 'SUBSCRIPTION_NOT_FOUND', `no subscription ${command.subscriptionId} of yours`),
      )
    if (!existing.active) return right([])
    return right([
      {
        type: 'ReportUnsubscribed',
        data: {
          subscriptionId: command.subscriptionId,
          subscriberId: existing.subscription.subscriber.id,
          reason: command.reason,
        },
      },
    ])
  },
  evolve(state, event) {
    const next = new Map(state.subscriptions)
    if (event.type === 'ReportSubscribed')
      next.set(event.data.subscriptionId, { subscription: event.data, active: true })
    else {
      const existing = next.get(event.data.subscriptionId)
      if (existing) next.set(event.data.subscriptionId, { ...existing, active: false })
    }
    return { subscriptions: next }
  },
}
