// What the query services need of ReadModels: the active build's collection of a projection.
// A Pick, so tests and other readers may hand in anything with the same method.
import { ReadModelNotReady, type ReadModels } from '../readModels/readModels.js'

export type ReadModelReader = Pick<ReadModels, 'collection'>

/** A read model that has never been built yet: the API answers 503 rather than an empty list. */
export function isReadModelNotReady(error: unknown): error is ReadModelNotReady {
  return error instanceof ReadModelNotReady
}
