// subscribeToAll: catch-up then live, each application event once, in $all order.
//
// The subscription keeps its own checkpoint: the position of the last event it handed to the
// consumer. It never uses the server's checkpoint messages (a known issue can put them ahead of
// the last event delivered, see /work/shared/DOMAIN-FACTS.md). That checkpoint is what makes
// "exactly once" hold across a dropped connection: the subscription is re-opened from it, and any
// event at or before it is dropped, whatever the server's inclusive/exclusive behaviour.
//
// System events are filtered on the server (excludeSystemEvents, by event type) and again here
// (also by stream name), so consumers only ever see the application's own events.
import {
  CancelledError,
  DeadlineExceededError,
  excludeSystemEvents,
  NotLeaderError,
  UnavailableError,
} from '@eventstore/db-client'
import type { RecordedEvent } from '../../../application/ports/eventStore.js'
import { pause, untilAborted } from './abortable.js'
import type { EsdbClient } from './esdbClient.js'
import { deserialiseEvent, isSystemEvent } from './eventSerialisation.js'
import { isAfter, toEsdbReadPosition } from './logPosition.js'

export interface ResubscribePolicy {
  /** Drops in a row (without an event delivered in between) before the error reaches the consumer. */
  readonly maxConsecutiveDrops: number
  readonly firstDelayMs: number
  readonly maxDelayMs: number
}

export const DEFAULT_RESUBSCRIBE_POLICY: ResubscribePolicy = {
  maxConsecutiveDrops: 5,
  firstDelayMs: 200,
  maxDelayMs: 5000,
}

/**
 * Errors after which re-subscribing from the checkpoint can succeed: the node is unreachable or
 * restarting, a deadline passed, leadership moved in a cluster, or the server cancelled the call.
 * Everything else (access denied, malformed events, bugs) goes to the consumer at once.
 */
export function isSubscriptionDrop(error: unknown): boolean {
  return (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof NotLeaderError ||
    error instanceof CancelledError
  )
}

/** Exponential backoff for the n-th drop in a row (n >= 1). */
export function resubscribeDelay(drops: number, policy: ResubscribePolicy): number {
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (drops - 1))
}

export async function* subscribeAfter(
  client: EsdbClient,
  fromPosition: number,
  signal: AbortSignal,
  policy: ResubscribePolicy = DEFAULT_RESUBSCRIBE_POLICY,
): AsyncGenerator<RecordedEvent> {
  let checkpoint = fromPosition
  let drops = 0
  while (!signal.aborted) {
    const subscription = client.subscribeToAll({
      fromPosition: toEsdbReadPosition(checkpoint),
      filter: excludeSystemEvents(),
    })
    const source = { events: subscription, stop: () => subscription.unsubscribe() }
    try {
      for await (const resolved of untilAborted(source, signal)) {
        const event = resolved.event
        if (event === undefined || isSystemEvent(event)) continue
        const recorded = deserialiseEvent(resolved)
        if (!isAfter(recorded.position, checkpoint)) continue
        checkpoint = recorded.position
        drops = 0
        yield recorded
        if (signal.aborted) return
      }
      if (signal.aborted) return
      // A subscription only ends by itself when the connection went away without an error.
      drops++
      if (drops > policy.maxConsecutiveDrops)
        throw new Error(`EventStoreDB subscription ended ${drops} times in a row without delivering an event`)
    } catch (e) {
      if (signal.aborted) return
      if (!isSubscriptionDrop(e) || ++drops > policy.maxConsecutiveDrops) throw e
    }
    await pause(resubscribeDelay(drops, policy), signal)
  }
}
