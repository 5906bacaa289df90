// How readers find a projection's documents: through the registry, never by a physical name,
// so a blue/green switch moves every reader at once.
import type { Collection, Document, DocumentStore } from '../ports/documentStore.js'
import { REGISTRY_COLLECTION, type RegistryDocument } from './projectionRegistry.js'

/** The projection has never been built (or its first build is not registered yet). */
export class ReadModelNotReady extends Error {
  readonly code = 'READ_MODEL_NOT_READY'
  constructor(
    readonly projection: string,
    readonly logicalName: string,
  ) {
    super(`read model ${projection}.${logicalName} is not built yet`)
    this.name = 'ReadModelNotReady'
  }
}

export interface ActiveReadModel {
  readonly projection: string
  readonly version: number
  readonly buildId: string
  readonly collections: Readonly<Record<string, string>>
}

export class ReadModels {
  constructor(private readonly documents: DocumentStore) {}

  /**
   * The active physical collection behind projection/logicalName. Resolved on every call (one
   * read by _id) rather than cached, so no reader keeps using a build after it was switched out.
   */
  async collection<T extends Document = Document>(projection: string, logicalName: string): Promise<Collection<T>> {
    const active = await this.active(projection)
    const physical = active?.collections[logicalName]
    if (!physical) throw new ReadModelNotReady(projection, logicalName)
    return this.documents.collection<T>(physical)
  }

  async active(projection: string): Promise<ActiveReadModel | null> {
    const doc = await this.documents.collection<RegistryDocument>(REGISTRY_COLLECTION).findOne({ _id: projection })
    if (!doc) return null
    return { projection: doc._id, version: doc.version, buildId: doc.buildId, collections: doc.collections }
  }
}
