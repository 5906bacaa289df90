// Small event histories for projection tests: a shop's item counts (non-idempotent updates,
// so any event applied twice shows in the result) plus noise the projection ignores.
import { randomUUID } from 'node:crypto'
import type { EventStore, NewEvent } from '../../../../application/ports/eventStore.js'
import type { Actor } from '../../../../domain/shared/actor.js'

export const CLERK: Actor = { id: 'clerk-1', role: 'service_point_employee' }

export function newEvent(
  type: string,
  data: unknown,
  actor: Actor = CLERK,
  occurredAt = '2025-03-01T10:00:00.000Z',
): NewEvent {
  return {
    type,
    data,
    metadata: {
      eventId: randomUUID(),
      correlationId: randomUUID(),
      causationId: null,
      actor,
      occurredAt,
      schemaVersion: 1,
    },
  }
}

export interface HistoryStep {
  readonly stream: string
  readonly type: 'ItemAdded' | 'ItemRemoved' | 'ItemTagged' | 'Noise'
  readonly item: string
  readonly qty: number
  readonly tag: string
  readonly actor: Actor
  readonly minute: number
}

export function stepEvent(step: HistoryStep): NewEvent {
  const at = new Date(Date.UTC(2025, 2, 1, 8, step.minute)).toISOString()
  const data =
    step.type === 'ItemAdded'
      ? { item: step.item, qty: step.qty }
      : step.type === 'ItemTagged'
        ? { item: step.item, tag: step.tag }
        : { item: step.item }
  return newEvent(step.type, data, step.actor, at)
}

/** Appends each step to its stream (expected revision 'any'); returns the last position. */
export async function appendSteps(events: EventStore, steps: readonly HistoryStep[]): Promise<number> {
  let position = await events.headPosition()
  for (const step of steps) {
    const r = await events.appendToStream(step.stream, [stepEvent(step)], { expectedRevision: 'any' })
    position = r.position
  }
  return position
}

/** n simple steps over a few streams and items, deterministic. */
export function simpleHistory(n: number, offset = 0): HistoryStep[] {
  const types: HistoryStep['type'][] = ['ItemAdded', 'ItemAdded', 'ItemTagged', 'Noise', 'ItemAdded', 'ItemRemoved']
  return Array.from({ length: n }, (_, k) => {
    const i = k + offset
    return {
      stream: `shop-${i % 3}`,
      type: types[i % types.length] as HistoryStep['type'],
      item: `item${i % 5}`,
      qty: (i % 7) + 1,
      tag: `t${i % 2}`,
      actor: i % 2 === 0 ? CLERK : { id: 'manager-1', role: 'service_point_manager' },
      minute: i,
    }
  })
}
