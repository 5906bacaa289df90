// Logical sessions as the server keeps them: per lsid the highest txnNumber seen, the
// transaction started under it, and the outcome of the last retryable write, so that a write
// retried after a lost reply (same lsid and txnNumber) answers with the first outcome instead of
// running twice. Transactions left open longer than the lifetime limit are aborted, as the
// server's transactionLifetimeLimitSeconds (60 s) does.
import type { Binary, Document } from 'bson'
import { CommandError, TRANSIENT } from './errors.js'
import type { Engine, Transaction } from './storage.js'

export interface SessionRecord {
  readonly key: string
  txnNumber: number
  txn: Transaction | null
  /** The last retryable write: its txnNumber and its (possibly still pending) reply. */
  retry: { readonly txnNumber: number; readonly reply: Promise<Document> } | null
  /** endSessions was called: forget the session once its transaction is over. */
  ended: boolean
}

export function sessionKey(lsid: unknown): string | null {
  if (lsid === null || typeof lsid !== 'object' || !('id' in lsid)) return null
  const id = (lsid as { id: Binary }).id
  return typeof id?.toString === 'function' ? id.toString('hex') : null
}

export function noSuchTransaction(txnNumber: number, detail: string): CommandError {
  return new CommandError('NoSuchTransaction', `Transaction with { txnNumber: ${txnNumber} } ${detail}`).withLabel(
    TRANSIENT,
  )
}

export class Sessions {
  private readonly records = new Map<string, SessionRecord>()
  private readonly reaper: NodeJS.Timeout

  constructor(
    private readonly engine: Engine,
    private readonly transactionLifetimeMs: number,
  ) {
    this.reaper = setInterval(() => this.abortExpired(), Math.min(1000, transactionLifetimeMs)).unref()
  }

  get(key: string): SessionRecord {
    let record = this.records.get(key)
    if (!record) {
      record = { key, txnNumber: -1, txn: null, retry: null, ended: false }
      this.records.set(key, record)
    }
    return record
  }

  /**
   * endSessions only marks sessions expired, for the server to clean up later: an open
   * transaction of theirs lives on until its lifetime limit, as on the server.
   */
  end(keys: readonly string[]): void {
    for (const key of keys) {
      const record = this.records.get(key)
      if (!record) continue
      record.ended = true
      if (record.txn?.state !== 'active') this.records.delete(key)
    }
  }

  /** killSessions: their open transactions are aborted at once (an empty list: every session). */
  kill(keys: readonly string[]): void {
    for (const key of keys.length === 0 ? [...this.records.keys()] : keys) {
      this.records.get(key)?.txn?.abort()
      this.records.delete(key)
    }
  }

  /** A transaction command (autocommit: false): the session's transaction, started if asked. */
  transactionFor(record: SessionRecord, txnNumber: number, start: boolean): Transaction {
    if (txnNumber < record.txnNumber)
      throw new CommandError(
        'TransactionTooOld',
        `Cannot start transaction ${txnNumber} on session because a newer transaction ${record.txnNumber} has already started`,
      )
    if (start) {
      if (txnNumber === record.txnNumber)
        throw new CommandError(
          'BadValue',
          `a transaction with txnNumber ${txnNumber} was already started on this session`,
        )
      record.txn?.abort() // a newer transaction number ends the previous one, as on the server
      record.txnNumber = txnNumber
      record.retry = null
      record.txn = this.engine.begin()
      return record.txn
    }
    if (txnNumber !== record.txnNumber || !record.txn)
      throw noSuchTransaction(txnNumber, 'does not match any in-progress transactions')
    return record.txn
  }

  /** A retryable write's txnNumber: newer ones end an open transaction; older ones are refused. */
  retryableWrite(record: SessionRecord, txnNumber: number): Promise<Document> | null {
    if (txnNumber < record.txnNumber)
      throw new CommandError(
        'TransactionTooOld',
        `Retryable write with txnNumber ${txnNumber} is prohibited on session because a newer retryable write with txnNumber ${record.txnNumber} has already started`,
      )
    if (txnNumber === record.txnNumber && record.retry?.txnNumber === txnNumber) return record.retry.reply
    record.txn?.abort()
    record.txn = null
    record.txnNumber = txnNumber
    return null
  }

  private abortExpired(): void {
    const now = Date.now()
    for (const record of this.records.values()) {
      const txn = record.txn
      if (txn && txn.state === 'active' && now - txn.startedAt > this.transactionLifetimeMs) txn.abort()
      if (record.ended && record.txn?.state !== 'active') this.records.delete(record.key)
    }
  }

  close(): void {
    clearInterval(this.reaper)
    for (const record of this.records.values()) record.txn?.abort()
    this.records.clear()
  }
}
