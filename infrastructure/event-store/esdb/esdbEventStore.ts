// EventStore port over EventStoreDB / KurrentDB (production): see the modules next to this one
// for each concern: esdbAppend (rules, hash chain, concurrency), esdbReads (stream, $all, head),
// esdbSubscription (catch-up + live), logPosition / expectedRevision (translations),
// eventSerialisation (stored shape).
//
// Requires EventStoreDB 22.6 or later (23.10 LTS or newer recommended): stream reads must carry
// each event's $all position, which older servers leave out.
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
} from '../../../application/ports/eventStore.js'
import { appendWithChain, DEFAULT_MAX_APPEND_ATTEMPTS } from './esdbAppend.js'
import { connectEsdb, type EsdbClient } from './esdbClient.js'
import { readAllEvents, readHeadPosition, readStreamEvents } from './esdbReads.js'
import { DEFAULT_RESUBSCRIBE_POLICY, type ResubscribePolicy, subscribeAfter } from './esdbSubscription.js'
import { DEFAULT_CACHED_STREAMS, StreamStateCache } from './streamStateCache.js'
import { DEFAULT_TIMEOUT_MS } from './unavailable.js'

export { EventStoreUnavailable } from './unavailable.js'

export interface EsdbEventStoreOptions {
  /** Read-hash-write attempts for 'any' / 'stream_exists' appends under contention. */
  readonly maxAppendAttempts?: number
  readonly resubscribe?: ResubscribePolicy
  /**
   * Longest wait for the node: an append's round trip, each message of a read. Past it the call
   * fails with EventStoreUnavailable (retryable). Default 10 s, the client's own default deadline.
   */
  readonly timeoutMs?: number
  /**
   * Streams whose last event and event ids are kept between appends (see streamStateCache.ts), so
   * an append reads only what was written since; default 1,000.
   */
  readonly cachedStreams?: number
}

export class EsdbEventStore implements EventStore {
  private readonly client: EsdbClient
  /** Aborted by close(), so live subscriptions end cleanly before the connection goes. */
  private readonly closing = new AbortController()
  private readonly streams: StreamStateCache

  /**
   * @param connection an EventStoreDB connection string (EVENTSTORE_URL, e.g.
   *   `esdb://localhost:2113?tls=false`), or a client the caller owns the configuration of.
   */
  constructor(
    connection: string | EsdbClient,
    private readonly options: EsdbEventStoreOptions = {},
  ) {
    this.client = typeof connection === 'string' ? connectEsdb(connection) : connection
    this.streams = new StreamStateCache(options.cachedStreams ?? DEFAULT_CACHED_STREAMS)
  }

  appendToStream(
    streamId: string,
    events: ReadonlyArray<NewEvent>,
    { expectedRevision }: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    return appendWithChain(
      this.client,
      streamId,
      events,
      expectedRevision,
      this.options.maxAppendAttempts ?? DEFAULT_MAX_APPEND_ATTEMPTS,
      this.timeoutMs,
      this.streams,
    )
  }

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  }

  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent> {
    return readStreamEvents(this.client, streamId, options, { timeoutMs: this.timeoutMs, operation: 'read' })
  }

  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    return readAllEvents(this.client, options, { timeoutMs: this.timeoutMs, operation: 'read' })
  }

  subscribeToAll(options: SubscribeOptions = {}): AsyncIterable<RecordedEvent> {
    const signal = options.signal ? AbortSignal.any([this.closing.signal, options.signal]) : this.closing.signal
    return subscribeAfter(
      this.client,
      options.fromPosition ?? 0,
      signal,
      this.options.resubscribe ?? DEFAULT_RESUBSCRIBE_POLICY,
    )
  }

  headPosition(): Promise<number> {
    return readHeadPosition(this.client, { timeoutMs: this.timeoutMs, operation: 'read' })
  }

  async close(): Promise<void> {
    if (this.closing.signal.aborted) return
    this.closing.abort()
    await this.client.dispose()
  }
}
