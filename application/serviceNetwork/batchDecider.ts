// Several commands on one aggregate as one decision: each is decided on the state the previous
// ones left, and all their events are appended together (or none, if any command is refused).
// Why: planning a month of shifts is dozens of PlanShift commands on one staff-schedule stream;
// deciding them one handleCommand at a time re-reads the growing stream for each, and a refusal
// halfway would leave half a roster. Through handleCommand it keeps the expected-revision check.
import { type Either, isLeft, right } from 'fp-ts/lib/Either.js'
import type { Decider, DomainError } from '../../domain/shared/decider.js'

export function batchDecider<Command, State, Event>(
  decider: Decider<Command, State, Event>,
): Decider<ReadonlyArray<Command>, State, Event> {
  return {
    initialState: decider.initialState,
    evolve: decider.evolve,
    decide(commands, state): Either<DomainError, ReadonlyArray<Event>> {
      const events: Event[] = []
      let current = state
      for (const [i, command] of commands.entries()) {
        const decided = decider.decide(command, current)
        if (isLeft(decided)) {
          // Say which command of the batch was refused; field paths get its index in front.
          const error = decided.left
          return {
            ...decided,
            left: {
              ...error,
              message: commands.length > 1 ? `item ${i}: ${error.message}` : error.message,
              ...(error.fields
                ? {
                    fields: error.fields.map((f) => ({
                      ...f,
                      path: commands.length > 1 ? `[${i}].${f.path}` : f.path,
                    })),
                  }
                : {}),
            },
          }
        }
        for (const event of decided.right) {
          events.push(event)
          current = decider.evolve(current, event)
        }
      }
      return right(events)
    },
  }
}
