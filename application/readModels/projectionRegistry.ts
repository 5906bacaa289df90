// The projection registry: one document per projection naming the build readers use now.
// Switching a rebuilt read model in is one conditional update of this document, so readers
// move from the old physical collections to the new ones in one step.
//
// Only ports are imported here (and in readModels.ts) so that query services can use the
// registry without depending on the engine.
import type { Document } from '../ports/documentStore.js'

export const REGISTRY_COLLECTION = 'projection_registry'

export interface RegistryDocument extends Document {
  /** The projection's name. */
  _id: string
  version: number
  buildId: string
  /** Logical collection name → physical collection name of the active build. */
  collections: Record<string, string>
  /** UTC ISO-8601. */
  activatedAt: string
}
