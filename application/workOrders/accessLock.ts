// Guessing an order's access codes: the public tracking page and the estimate-approval link open
// with a code and no login, so wrong codes are counted per order and, after too many, the order's
// codes stop being accepted for a while. Every wrong try and every lock is an event on the stream
// `orderaccess-<workOrderId>`, so a dispute ("someone tried to approve my estimate") has a record.
//
// A stream of its own rather than the order's: the public page must not race staff commands for
// the order's expected revision, and the work-order decider knows nothing about guesses.
// Only tries against an existing order are recorded (a guess at an unknown order id appends
// nothing: otherwise anybody could fill the log with streams of made-up ids), and nothing more is
// recorded while the order is locked, so one attacker adds at most `maxFailures` events per lock.
import { type Either, right } from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import type { Decider, DomainError } from '../../domain/shared/decider.js'
import { type EventsOf, firstVersionDefinitions } from '../../domain/shared/eventDefinition.js'
import { parseInstant } from '../../domain/shared/localTime.js'

export const orderAccessStream = (workOrderId: string): string => `orderaccess-${workOrderId}`

export const AccessCodeKind = t.keyof({ tracking: null, estimate: null })
export type AccessCodeKind = t.TypeOf<typeof AccessCodeKind>

export const orderAccessEventCodecs = {
  /** A code presented for the order was wrong (or expired, for the estimate link). */
  OrderAccessCodeRejected: t.type({
    workOrderId: t.string,
    codeKind: AccessCodeKind,
    reason: t.keyof({ invalid: null, expired: null }),
    at: t.string,
  }),
  /** Too many wrong codes: no code opens the order until `lockedUntil`. */
  OrderAccessLocked: t.type({ workOrderId: t.string, failures: t.number, lockedUntil: t.string, at: t.string }),
  /** Staff lifted a lock early (the customer called in); the actor is in the metadata. */
  OrderAccessUnlocked: t.type({ workOrderId: t.string, at: t.string }),
}
export type OrderAccessEvent = EventsOf<typeof orderAccessEventCodecs>
export const orderAccessEventDefinitions = firstVersionDefinitions(orderAccessEventCodecs)

export interface AccessLockPolicy {
  /** Wrong codes within `windowMinutes` that lock the order. */
  readonly maxFailures: number
  readonly windowMinutes: number
  /** How long a lock lasts. */
  readonly lockMinutes: number
}

export const DEFAULT_ACCESS_LOCK_POLICY: AccessLockPolicy = { maxFailures: 5, windowMinutes: 60, lockMinutes: 30 }

export interface OrderAccessState {
  /** Times of the wrong codes since the last lock or unlock (older ones fall out of the window when counted). */
  readonly failures: ReadonlyArray<string>
  readonly lockedUntil: string | null
}

export const initialOrderAccessState: OrderAccessState = { failures: [], lockedUntil: null }

export type OrderAccessCommand =
  | {
      readonly kind: 'RecordRejectedCode'
      readonly workOrderId: string
      readonly codeKind: AccessCodeKind
      readonly reason: 'invalid' | 'expired'
      readonly policy: AccessLockPolicy
      readonly now: string
    }
  | { readonly kind: 'Unlock'; readonly workOrderId: string; readonly now: string }

const MINUTE = 60_000

/** Whether the order's codes are locked at `now`; the lock's end when they are. */
export function lockedUntil(state: OrderAccessState, now: string): string | null {
  if (state.lockedUntil === null) return null
  return (parseInstant(state.lockedUntil) ?? 0) > (parseInstant(now) ?? 0) ? state.lockedUntil : null
}

function decide(command: OrderAccessCommand, state: OrderAccessState): Either<DomainError, OrderAccessEvent[]> {
  const { workOrderId, now } = command
  if (command.kind === 'Unlock')
    return right(
      lockedUntil(state, now) === null && state.failures.length === 0
        ? []
        : [{ type: 'OrderAccessUnlocked', data: { workOrderId, at: now } }],
    )
  // While locked, nothing more is recorded: the lock already says enough.
  if (lockedUntil(state, now) !== null) return right([])
  const nowMs = parseInstant(now) ?? 0
  const windowStart = nowMs - command.policy.windowMinutes * MINUTE
  const recent = state.failures.filter((at) => (parseInstant(at) ?? 0) > windowStart).length + 1
  const rejected: OrderAccessEvent = {
    type: 'OrderAccessCodeRejected',
    data: { workOrderId, codeKind: command.codeKind, reason: command.reason, at: now },
  }
  if (recent < command.policy.maxFailures) return right([rejected])
  const until = new Date(nowMs + command.policy.lockMinutes * MINUTE).toISOString()
  return right([
    rejected,
    { type: 'OrderAccessLocked', data: { workOrderId, failures: recent, lockedUntil: until, at: now } },
  ])
}

function evolve(state: OrderAccessState, event: OrderAccessEvent): OrderAccessState {
  switch (event.type) {
    case 'OrderAccessCodeRejected':
      return { ...state, failures: [...state.failures, event.data.at] }
    case 'OrderAccessLocked':
      // A lock starts the count afresh: after it ends, another full run of wrong codes locks again.
      return { failures: [], lockedUntil: event.data.lockedUntil }
    case 'OrderAccessUnlocked':
      return { failures: [], lockedUntil: null }
  }
}

export const orderAccessDecider: Decider<OrderAccessCommand, OrderAccessState, OrderAccessEvent> = {
  initialState: initialOrderAccessState,
  decide,
  evolve,
}
