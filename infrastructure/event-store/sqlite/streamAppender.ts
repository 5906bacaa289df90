// Writes one append inside an open transaction, applying the same rules as the memory store:
// idempotent retry by event id, expected-revision check, per-stream hash chain.
// Everything it reads goes through the transaction, so an earlier append of the same group
// commit to the same stream is already visible to a later one.
import type Database from 'better-sqlite3'
import { checkExpectedRevision, classifyRetry } from '../../../application/eventLog/appendRules.js'
import { GENESIS_HASH, hashEvent } from '../../../application/eventLog/hashChain.js'
import type { AppendResult, ExpectedRevision } from '../../../application/ports/eventStore.js'
import { decodeRow, type EventRow, metadataJson, type PreparedEvent } from './eventRows.js'

export interface PendingAppend {
  readonly streamId: string
  readonly events: ReadonlyArray<PreparedEvent>
  readonly expectedRevision: ExpectedRevision
}

export class StreamAppender {
  private readonly lastEvent: Database.Statement<[string], EventRow>
  private readonly revisionOfEventId: Database.Statement<[string, string], { revision: number }>
  private readonly positionAt: Database.Statement<[string, number], { position: number }>
  private readonly insert: Database.Statement<[string, number, string, string, string, string]>

  constructor(db: Database.Database) {
    this.lastEvent = db.prepare(
      'SELECT * FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
    ) as Database.Statement<[string], EventRow>
    this.revisionOfEventId = db.prepare('SELECT revision FROM events WHERE stream_id = ? AND event_id = ?')
    this.positionAt = db.prepare('SELECT position FROM events WHERE stream_id = ? AND revision = ?')
    this.insert = db.prepare(
      'INSERT INTO events (stream_id, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
    )
  }

  /** Throws WrongExpectedRevision (or CorruptEvent) before writing anything. */
  append({ streamId, events, expectedRevision }: PendingAppend): AppendResult {
    const lastRow = this.lastEvent.get(streamId)
    // Decoding the last event strictly: a corrupt chain head must not be silently extended.
    const last = lastRow ? decodeRow(lastRow) : undefined
    const actual = last ? last.revision : 'no_stream'
    const existing = last
      ? events.map((e) => this.revisionOfEventId.get(streamId, e.event.metadata.eventId)?.revision)
      : events.map(() => undefined)
    const retry = classifyRetry(streamId, expectedRevision, actual, existing)
    if (retry.kind === 'retry') {
      const original = this.positionAt.get(streamId, retry.lastRevision)
      if (!original) throw new Error(`stream ${streamId}: revision ${retry.lastRevision} vanished during a retry`)
      return { nextExpectedRevision: retry.lastRevision, position: original.position }
    }
    checkExpectedRevision(streamId, expectedRevision, actual)
    let prevHash = last ? last.metadata.hash : GENESIS_HASH
    let revision = last ? last.revision + 1 : 0
    let position = 0
    for (const { event, dataJson } of events) {
      const hash = hashEvent(prevHash, streamId, revision, event)
      const info = this.insert.run(
        streamId,
        revision,
        event.metadata.eventId,
        event.type,
        dataJson,
        metadataJson(event, prevHash, hash),
      )
      position = Number(info.lastInsertRowid)
      prevHash = hash
      revision++
    }
    return { nextExpectedRevision: revision - 1, position }
  }
}
