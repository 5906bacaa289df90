// Errors for collection-level operations (the port's DuplicateKey and UnsupportedQuery cover
// documents and queries). Each has a stable `code`, like the port's errors.

export class CollectionAlreadyExists extends Error {
  readonly code = 'COLLECTION_EXISTS'
  constructor(readonly collection: string) {
    super(`collection ${collection} already exists`)
    this.name = 'CollectionAlreadyExists'
  }
}

export class CollectionNotFound extends Error {
  readonly code = 'COLLECTION_NOT_FOUND'
  constructor(readonly collection: string) {
    super(`collection ${collection} does not exist`)
    this.name = 'CollectionNotFound'
  }
}

/** The store was closed; nothing more can be done with it. */
export class DocumentStoreClosed extends Error {
  readonly code = 'DOCUMENT_STORE_CLOSED'
  constructor() {
    super('document store is closed')
    this.name = 'DocumentStoreClosed'
  }
}
