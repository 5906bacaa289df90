// The query side's port onto the read models. projections/readModels.ts (ReadModels) implements
// it; it is declared here so the application does not import the projection engine.
import type { Collection, Document } from '../ports/documentStore.js'

export interface ReadModelReader {
  /** The active build's collection; throws (code READ_MODEL_NOT_READY) before the first build. */
  collection<T extends Document = Document>(projection: string, logicalName: string): Promise<Collection<T>>
}

/** The error ReadModels throws while a read model has never been built: the API answers 503. */
export function isReadModelNotReady(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'READ_MODEL_NOT_READY'
}
