import { createHash, randomUUID } from 'node:crypto'
import type { Actor } from '../../domain/shared/actor.js'

/** Who asks, why, and when: everything an event's metadata needs that the command does not say. */
export interface CommandContext {
  readonly actor: Actor
  /** Ties together everything caused by one user action (usually the HTTP request id). */
  readonly correlationId: string
  /** The event or command that caused this one; null for a user's own action. */
  readonly causationId: string | null
  /** The moment the command is decided at, UTC ISO-8601. */
  readonly now: string
  /**
   * Optional idempotency key from the client (e.g. an Idempotency-Key header or a policy's
   * triggering event id). When present, event ids are derived from it, so a retried command
   * re-appends the same ids and the event store turns the retry into a no-op.
   */
  readonly commandId?: string
}

/** A UUID (RFC 9562 version 8 layout) derived from a name: the same name gives the same id. */
export function deterministicUuid(name: string): string {
  const h = createHash('sha256').update(name).digest()
  h[6] = ((h[6] as number) & 0x0f) | 0x80
  h[8] = ((h[8] as number) & 0x3f) | 0x80
  const x = h.subarray(0, 16).toString('hex')
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`
}

export function eventIdFor(context: CommandContext, streamId: string, index: number): string {
  return context.commandId ? deterministicUuid(`${context.commandId}|${streamId}|${index}`) : randomUUID()
}
