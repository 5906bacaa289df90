// Builds read models from a log the way `npm run projection:rebuild` does, into a memory store.

import { ManualClock } from '../../../../../application/leases/clock.js'
import type { DocumentStore } from '../../../../../application/ports/documentStore.js'
import type { EventStore } from '../../../../../application/ports/eventStore.js'
import { ReadModels } from '../../../../../application/readModels/readModels.js'
import { MemoryDocumentStore } from '../../../../../infrastructure/documents/memory/memoryDocumentStore.js'
import type { Projection } from '../../../../../projections/projection.js'
import { rebuildProjection } from '../../../../../projections/rebuild.js'

export async function project(
  events: EventStore,
  projections: readonly Projection[],
  documents: DocumentStore = new MemoryDocumentStore(),
): Promise<{ documents: DocumentStore; readModels: ReadModels }> {
  const clock = new ManualClock()
  for (const projection of projections)
    await rebuildProjection({ projection, events, documents, clock, retireDelayMs: 0 })
  return { documents, readModels: new ReadModels(documents) }
}
