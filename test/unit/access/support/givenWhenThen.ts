// given(events).when(command).then(events) / .thenRefused(code), for any decider.
import assert from 'node:assert/strict'
import { isLeft, isRight } from 'fp-ts/lib/Either.js'
import type { Decider } from '../../../../domain/shared/decider.js'

export function scenario<C, S, E>(decider: Decider<C, S, E>) {
  return {
    given: (history: readonly E[]) => ({
      when: (command: C) => {
        const state = history.reduce(decider.evolve, decider.initialState)
        const outcome = decider.decide(command, state)
        return {
          // biome-ignore lint/suspicious/noThenProperty: given/when/then is how the design card writes decider tests; never awaited
          then(expected: readonly E[]) {
            assert.ok(isRight(outcome), `expected events, got ${JSON.stringify(outcome)}`)
            assert.deepEqual(outcome.right, expected)
          },
          thenRefused(code: string, kind?: string) {
            assert.ok(isLeft(outcome), `expected a refusal, got ${JSON.stringify(outcome)}`)
            assert.equal(outcome.left.code, code)
            if (kind) assert.equal(outcome.left.kind, kind)
            return outcome.left
          },
        }
      },
    }),
  }
}
