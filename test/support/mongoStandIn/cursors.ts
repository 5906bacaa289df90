// Server-side cursors. Results are computed whole when the cursor opens (so a cursor reads the
// snapshot it started in, as a transaction's cursor does) and handed out in batches: the first
// one of `batchSize` documents (101 by default, as the server does), later ones as getMore asks,
// every batch capped near the 16 MiB message limit.
import { BSON, type Document, Long } from 'bson'
import { CommandError } from './errors.js'

const DEFAULT_FIRST_BATCH = 101
const MAX_BATCH_BYTES = 16 * 1024 * 1024 - 16 * 1024

interface OpenCursor {
  readonly ns: string
  readonly docs: Document[]
  position: number
}

function takeBatch(cursor: OpenCursor, batchSize: number | undefined): Document[] {
  const batch: Document[] = []
  let bytes = 0
  while (cursor.position < cursor.docs.length && (batchSize === undefined || batch.length < batchSize)) {
    const doc = cursor.docs[cursor.position] as Document
    const size = BSON.calculateObjectSize(doc)
    if (batch.length > 0 && bytes + size > MAX_BATCH_BYTES) break
    batch.push(doc)
    bytes += size
    cursor.position++
  }
  return batch
}

function positiveBatchSize(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'number' || value < 0) throw new CommandError('BadValue', 'batchSize must be non-negative')
  return value === 0 ? 0 : value
}

export class Cursors {
  private nextId = 1
  private readonly open = new Map<number, OpenCursor>()

  /** The `cursor` field of a find/aggregate/list reply. */
  first(ns: string, docs: Document[], options: { batchSize?: unknown; singleBatch?: boolean } = {}): Document {
    const cursor: OpenCursor = { ns, docs, position: 0 }
    const batchSize = positiveBatchSize(options.batchSize) ?? DEFAULT_FIRST_BATCH
    const firstBatch = options.singleBatch ? takeBatch(cursor, undefined) : takeBatch(cursor, batchSize)
    let id = 0
    if (!options.singleBatch && cursor.position < docs.length) {
      id = this.nextId++
      this.open.set(id, cursor)
    }
    return { id: Long.fromNumber(id), ns, firstBatch }
  }

  more(id: number, ns: string, batchSize: unknown): Document {
    const cursor = this.open.get(id)
    if (!cursor) throw new CommandError('CursorNotFound', `cursor id ${id} not found`)
    if (cursor.ns !== ns)
      throw new CommandError(
        'Unauthorized',
        `Requested getMore on namespace '${ns}', but cursor belongs to a different namespace ${cursor.ns}`,
      )
    const nextBatch = takeBatch(cursor, positiveBatchSize(batchSize))
    const done = cursor.position >= cursor.docs.length
    if (done) this.open.delete(id)
    return { id: Long.fromNumber(done ? 0 : id), ns, nextBatch }
  }

  kill(ids: readonly number[]): { killed: number[]; notFound: number[] } {
    const killed: number[] = []
    const notFound: number[] = []
    for (const id of ids) (this.open.delete(id) ? killed : notFound).push(id)
    return { killed, notFound }
  }

  get size(): number {
    return this.open.size
  }
}
