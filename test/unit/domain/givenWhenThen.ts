// given(events).when(command).then(events) | .thenError(code): decider tests that read like the rules.
import assert from 'node:assert/strict'
import { isLeft, isRight } from 'fp-ts/lib/Either.js'
import type { Decider, DomainError } from '../../../domain/shared/decider.js'

export function scenario<C, S, E>(decider: Decider<C, S, E>) {
  return {
    given: (history: ReadonlyArray<E> = []) => {
      const state = history.reduce(decider.evolve, decider.initialState)
      return {
        state,
        when: (command: C) => {
          const result = decider.decide(command, state)
          return {
            result,
            /** The decided events, asserting success. */
            events(): ReadonlyArray<E> {
              if (!isRight(result)) assert.fail(`expected events, got ${JSON.stringify(result.left)}`)
              return result.right
            },
            // biome-ignore lint/suspicious/noThenProperty: given/when/then reads like the rule; this object is never awaited
            then(expected: ReadonlyArray<E>): S {
              if (!isRight(result)) assert.fail(`expected events, got ${JSON.stringify(result.left)}`)
              assert.deepEqual(result.right, expected)
              return [...history, ...result.right].reduce(decider.evolve, decider.initialState)
            },
            thenError(code: string, kind?: DomainError['kind']): DomainError {
              if (!isLeft(result)) assert.fail(`expected ${code}, got ${JSON.stringify(result.right)}`)
              assert.equal(result.left.code, code, JSON.stringify(result.left))
              if (kind) assert.equal(result.left.kind, kind)
              return result.left
            },
          }
        },
      }
    },
  }
}
