// Read-your-writes for decisions that read a read model. The overlap check of a new contract, the
// monthly billing run and the choice of the contract covering an order read projections; a
// projection that has not yet applied the latest contract would let an overlapping contract through
// or bill a month without its usage. Before reading, a service waits until the projection has
// applied everything in the log as it stood when the request arrived (bounded: a stalled projection
// answers READ_MODEL_BEHIND instead of a wrong decision).
import { type DomainError, domainError } from '../../domain/shared/decider.js'

export interface ReadModelSync {
  /** True once `projection` has applied the log up to its head position at the time of the call. */
  caughtUp(projection: string): Promise<boolean>
}

/** For read models that are rebuilt on demand (tests) or when staleness does not matter. */
export const alwaysCaughtUp: ReadModelSync = { caughtUp: async () => true }

export const readModelBehind = (projection: string): DomainError =>
  domainError(
    'conflict',
    'READ_MODEL_BEHIND',
    `the ${projection} read model is still catching up with the log; try again in a moment`,
  )
