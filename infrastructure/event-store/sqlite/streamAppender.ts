// Writes one append inside an open transaction, applying the same rules as the memory store:
// idempotent retry by event id, expected-revision check, per-stream hash chain.
// Everything it reads goes through the transaction, so an earlier append of the same group
// commit to the same stream is already visible to a later one.
//
// Retries are detected lazily: looking every event id up before writing costs an index probe
// per event on the hot path, while the UNIQUE (stream_id, event_id) index already finds a
// re-sent id during the insert. So ids are looked up only when the expected revision does not
// hold or an insert hits that index; the outcome is the one classifyRetry gives when asked
// first (a retry answers with its original result even if the expectation is stale).
import type Database from 'better-sqlite3'
import { checkExpectedRevision, classifyRetry } from '../../../application/eventLog/appendRules.js'
import { canonicalOrInvalid, GENESIS_HASH, hashCanonicalTexts } from '../../../application/eventLog/hashChain.js'
import {
  type AppendResult,
  type ExpectedRevision,
  WrongExpectedRevision,
} from '../../../application/ports/eventStore.js'
import { decodeChainHead, type EventRow, type PreparedEvent, recordedMetadataJson } from './eventRows.js'

export interface PendingAppend {
  readonly streamId: string
  readonly events: ReadonlyArray<PreparedEvent>
  readonly expectedRevision: ExpectedRevision
}

/** An insert met an event id already in the stream: undo this append's inserts and classify it. */
class EventIdAlreadyInStream extends Error {}

export class StreamAppender {
  private readonly chainHead: Database.Statement<[string], Omit<EventRow, 'data'>>
  private readonly revisionOfEventId: Database.Statement<[string, string], { revision: number }>
  private readonly positionAt: Database.Statement<[string, number], { position: number }>
  /** Multi-row INSERT statements by row count, prepared on first use (at most ROWS_PER_INSERT of them). */
  private readonly inserts = new Map<number, Database.Statement<unknown[]>>()
  private readonly db: Database.Database
  private readonly writeEvents: Database.Transaction<(pending: PendingAppend, head: Head) => AppendResult>

  constructor(db: Database.Database) {
    this.chainHead = db.prepare(
      'SELECT position, stream_id, revision, event_id, type, metadata FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
    ) as Database.Statement<[string], Omit<EventRow, 'data'>>
    this.revisionOfEventId = db.prepare('SELECT revision FROM events WHERE stream_id = ? AND event_id = ?')
    this.positionAt = db.prepare('SELECT position FROM events WHERE stream_id = ? AND revision = ?')
    this.db = db
    // Its own savepoint, so a re-sent id found halfway through the batch leaves nothing behind.
    this.writeEvents = db.transaction((pending: PendingAppend, head: Head) => this.writeAll(pending, head))
  }

  /** Throws WrongExpectedRevision, InvalidAppend or CorruptEvent having written nothing. */
  append(pending: PendingAppend): AppendResult {
    const { streamId, expectedRevision } = pending
    const headRow = this.chainHead.get(streamId)
    // Decoded strictly: a corrupt chain head must not be silently extended.
    const head = headRow ? decodeChainHead(headRow) : undefined
    const actual = head ? head.revision : 'no_stream'
    try {
      checkExpectedRevision(streamId, expectedRevision, actual)
    } catch (conflict) {
      // A stale expectation may still be a retry of an append that went through.
      if (conflict instanceof WrongExpectedRevision && head) return this.retryOrThrow(pending, actual, conflict)
      throw conflict
    }
    if (!head) return this.writeEvents(pending, undefined)
    try {
      return this.writeEvents(pending, head)
    } catch (error) {
      if (error instanceof EventIdAlreadyInStream) return this.retryOrThrow(pending, actual, undefined)
      throw error
    }
  }

  private retryOrThrow(
    { streamId, events, expectedRevision }: PendingAppend,
    actual: number | 'no_stream',
    conflict: WrongExpectedRevision | undefined,
  ): AppendResult {
    const existing = events.map((e) => this.revisionOfEventId.get(streamId, e.eventId)?.revision)
    const retry = classifyRetry(streamId, expectedRevision, actual, existing)
    if (retry.kind === 'new') {
      if (conflict) throw conflict
      throw new Error(`stream ${streamId}: an event id was reported present but is not`)
    }
    const original = this.positionAt.get(streamId, retry.lastRevision)
    if (!original) throw new Error(`stream ${streamId}: revision ${retry.lastRevision} vanished during a retry`)
    return { nextExpectedRevision: retry.lastRevision, position: original.position }
  }

  /**
   * Hashes the events in order and inserts them ROWS_PER_INSERT rows per statement: one call into
   * SQLite per chunk instead of per event (a third of the insert cost of a 100-event batch was the
   * per-statement round trip). The rows of one statement get consecutive positions (one writer,
   * AUTOINCREMENT), so the last row's id is the append's position.
   */
  private writeAll({ streamId, events }: PendingAppend, head: Head): AppendResult {
    let prevHash = head ? head.hash : GENESIS_HASH
    let revision = head ? head.revision + 1 : 0
    let position = 0
    const streamJson = canonicalOrInvalid(streamId, streamId)
    for (let from = 0; from < events.length; from += ROWS_PER_INSERT) {
      const chunk = events.slice(from, from + ROWS_PER_INSERT)
      const params: Array<string | number> = []
      for (const prepared of chunk) {
        const hash = hashCanonicalTexts(
          prevHash,
          streamJson,
          revision,
          canonicalOrInvalid(prepared.type, prepared.type),
          prepared.dataJson,
          prepared.metadataJson,
        )
        params.push(
          streamId,
          revision,
          prepared.eventId,
          prepared.type,
          prepared.dataJson,
          recordedMetadataJson(prepared, prevHash, hash),
        )
        prevHash = hash
        revision++
      }
      let info: Database.RunResult
      try {
        info = this.insertRows(chunk.length).run(params)
      } catch (error) {
        if (isEventIdConflict(error)) throw new EventIdAlreadyInStream()
        throw error
      }
      position = Number(info.lastInsertRowid)
    }
    return { nextExpectedRevision: revision - 1, position }
  }

  private insertRows(rows: number): Database.Statement<unknown[]> {
    let statement = this.inserts.get(rows)
    if (!statement) {
      const values = Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?)').join(', ')
      statement = this.db.prepare(
        `INSERT INTO events (stream_id, revision, event_id, type, data, metadata) VALUES ${values}`,
      ) as Database.Statement<unknown[]>
      this.inserts.set(rows, statement)
    }
    return statement
  }
}

/** Rows per INSERT statement: 6 parameters each, far below SQLite's 32,766-parameter limit. */
const ROWS_PER_INSERT = 50

type Head = { revision: number; hash: string } | undefined

function isEventIdConflict(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE' &&
    error.message.includes('events.event_id')
  )
}
