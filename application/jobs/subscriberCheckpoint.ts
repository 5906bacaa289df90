// Where a job-making subscriber keeps its place in the log: { _id: name, position } in the
// document store. Saved only after the batch's jobs are enqueued, and only if it still holds the
// value this instance last saw (compare-and-set): a paused instance whose lease passed to
// another cannot move the checkpoint back or past events it did not enqueue.
import { type Document, type DocumentStore, DuplicateKey } from '../ports/documentStore.js'

export const SUBSCRIBER_CHECKPOINTS = 'subscriber_checkpoints'

interface CheckpointDocument extends Document {
  position: number
  updatedAt: string
}

/** Someone else saved this subscriber's checkpoint since we read it. */
export class CheckpointMovedElsewhere extends Error {
  constructor(readonly subscriber: string) {
    super(`checkpoint of ${subscriber} was moved by another instance`)
    this.name = 'CheckpointMovedElsewhere'
  }
}

export async function loadCheckpoint(documents: DocumentStore, name: string): Promise<number> {
  return (await storedCheckpoint(documents, name)) ?? 0
}

/** The saved position, or null when this subscriber has never saved one. */
export async function storedCheckpoint(documents: DocumentStore, name: string): Promise<number | null> {
  const doc = await documents.collection<CheckpointDocument>(SUBSCRIBER_CHECKPOINTS).findOne({ _id: name })
  return doc ? doc.position : null
}

export async function saveCheckpoint(
  documents: DocumentStore,
  name: string,
  expected: number,
  position: number,
  at: string,
): Promise<void> {
  const collection = documents.collection<CheckpointDocument>(SUBSCRIBER_CHECKPOINTS)
  try {
    // With expected 0 the document may not exist yet: the upsert creates it, or meets a document
    // at another position and fails as a duplicate key.
    const result = await collection.updateOne(
      expected === 0
        ? { _id: name, $or: [{ position: 0 }, { position: { $exists: false } }] }
        : { _id: name, position: expected },
      { $set: { position, updatedAt: at } },
      { upsert: expected === 0 },
    )
    if (result.matchedCount === 0 && result.upsertedId === null) throw new CheckpointMovedElsewhere(name)
  } catch (error) {
    if (error instanceof DuplicateKey) throw new CheckpointMovedElsewhere(name)
    throw error
  }
}
