// What every handler of the stand-in shares: the log, the faults to commit, the server's settings,
// and a way to cut the client connections (the front door owns them).
import type { Faults } from './faults.js'
import type { TransactionLog } from './transactionLog.js'

export interface StandInSettings {
  /** Advertise and serve Streams.BatchAppend; when false the client falls back to Streams.Append. */
  readonly batchAppend: boolean
  /** Report the original write's position on an idempotent append (current servers do; 20.x sent none). */
  readonly positionOnIdempotentAppend: boolean
  /** Bytes of data + custom metadata one append may carry (the server's MaxAppendSize, 1 MiB by default). */
  readonly maxAppendSize: number
  /** Time the node takes to decide each append (a slow disk or a busy leader); 0 by default. */
  readonly appendLatencyMs: number
  /** How long the server takes to give up on a commit when told to time out. */
  readonly commitTimeoutMs: number
  readonly serverVersion: string
}

/** How many calls of each kind the node has received, so tests can see what the client did. */
export interface CallCounts {
  streamReads: number
  allReads: number
  subscriptions: number
  /** Streams.Append calls (one per append). */
  appends: number
  /** Streams.BatchAppend calls (one long-lived stream per connection). */
  batchAppendStreams: number
  /** BatchAppend request messages (a batch over ~3 MiB comes in several). */
  batchMessages: number
  /** Batches completed over BatchAppend. */
  batches: number
  /** Appends (either RPC) the node answered as a retry of an earlier write. */
  idempotentAppends: number
  gossipReads: number
}

export function noCalls(): CallCounts {
  return {
    streamReads: 0,
    allReads: 0,
    subscriptions: 0,
    appends: 0,
    batchAppendStreams: 0,
    batchMessages: 0,
    batches: 0,
    idempotentAppends: 0,
    gossipReads: 0,
  }
}

export interface StandInContext {
  readonly calls: CallCounts
  readonly log: TransactionLog
  readonly faults: Faults
  readonly settings: StandInSettings
  /** Address clients reach this node at (for gossip). */
  readonly endpoint: () => { readonly address: string; readonly port: number }
  readonly dropConnections: () => void
}
