// Every document of every collection of a projection's active build, sorted by _id: what
// "the read model" is when comparing a rebuild with a live run.
import type { Document, DocumentStore } from '../../../../application/ports/documentStore.js'
import { ReadModels } from '../../../../application/readModels/readModels.js'
import type { Projection } from '../../../../projections/projection.js'

export async function dumpReadModel(
  documents: DocumentStore,
  projection: Projection,
): Promise<Record<string, Document[]>> {
  const readModels = new ReadModels(documents)
  const dump: Record<string, Document[]> = {}
  for (const logical of projection.collections) {
    const docs = await (await readModels.collection(projection.name, logical)).find({}, { sort: { _id: 1 } })
    dump[logical] = docs
  }
  return dump
}
