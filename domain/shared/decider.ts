import type { Either } from 'fp-ts/lib/Either.js'

/**
 * A domain error is a value with a stable code; the API maps codes to HTTP statuses.
 * `kind` says what sort of refusal it is, so the mapping needs no per-code table:
 * invalid (422), not_found (404), conflict (409: the state forbids it), forbidden (403).
 */
export interface DomainError {
  readonly code: string
  readonly kind: 'invalid' | 'not_found' | 'conflict' | 'forbidden'
  readonly message: string
  /** For 'invalid': the failing fields. */
  readonly fields?: ReadonlyArray<{ readonly path: string; readonly message: string }>
}

export const domainError = (
  kind: DomainError['kind'],
  code: string,
  message: string,
  fields?: DomainError['fields'],
): DomainError => (fields ? { kind, code, message, fields } : { kind, code, message })

/** A pure aggregate: no I/O, no clock, no randomness (time and ids arrive on the command). */
export interface Decider<Command, State, Event> {
  readonly initialState: State
  readonly decide: (command: Command, state: State) => Either<DomainError, ReadonlyArray<Event>>
  readonly evolve: (state: State, event: Event) => State
}
