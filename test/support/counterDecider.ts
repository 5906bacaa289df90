// A tiny aggregate used to test the generic command machinery without any real domain.
import { left, right } from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import type { EventDefinition } from '../../application/eventLog/eventCatalogue.js'
import { type Decider, domainError } from '../../domain/shared/decider.js'

export type CounterEvent =
  | { type: 'CounterOpened'; data: { name: string } }
  | { type: 'CounterIncremented'; data: { by: number } }
export type CounterCommand = { kind: 'open'; name: string } | { kind: 'increment'; by: number }
export interface CounterState {
  opened: boolean
  value: number
}

export const counterDecider: Decider<CounterCommand, CounterState, CounterEvent> = {
  initialState: { opened: false, value: 0 },
  decide: (command, state) => {
    switch (command.kind) {
      case 'open':
        return state.opened
          ? left(domainError('conflict', 'COUNTER_ALREADY_OPEN', 'counter is already open'))
          : right([{ type: 'CounterOpened', data: { name: command.name } }])
      case 'increment':
        if (!state.opened) return left(domainError('not_found', 'COUNTER_NOT_FOUND', 'no such counter'))
        if (command.by <= 0)
          return left(
            domainError('invalid', 'BAD_INCREMENT', 'increment must be positive', [
              { path: 'by', message: 'must be > 0' },
            ]),
          )
        return right([{ type: 'CounterIncremented', data: { by: command.by } }])
    }
  },
  evolve: (state, event) => {
    switch (event.type) {
      case 'CounterOpened':
        return { ...state, opened: true }
      case 'CounterIncremented':
        return { ...state, value: state.value + event.data.by }
    }
  },
}

export const counterEvents: EventDefinition[] = [
  { type: 'CounterOpened', schemaVersion: 1, codec: t.type({ name: t.string }) },
  {
    // version 1 stored { amount }, version 2 renamed it to { by }: the upcaster lifts old events.
    type: 'CounterIncremented',
    schemaVersion: 2,
    codec: t.type({ by: t.number }),
    upcasters: { 1: (old) => ({ by: (old as { amount: number }).amount }) },
  },
]
