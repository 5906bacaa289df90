// The stand-in's storage: one in-memory transaction log with EventStoreDB's semantics, not the
// EventStore port's. Everything here is what the server decides; translating to and from the wire
// lives in the handlers.
//
// - Every event is a self-committed prepare record, so its $all position is commit == prepare ==
//   the byte offset of its record; offsets grow by an estimate of the record's size, so positions
//   are large, sparse and strictly increasing, like a real log's.
// - The write check is a port of the server's commit check (IndexWriter.CheckCommit): exact
//   expectations recognise a retry when the same ids sit right after the expected revision; 'any'
//   and 'stream_exists' recognise it through the cache of recently committed event ids, without
//   looking at where they landed; a retry that matches only in part is a wrong expected version.
// - The server writes system events of its own between the application's ($metadata on $$-streams,
//   $statsCollected on $stats-<node>), so a client that forgets to filter them is caught.
import { LiveSignal } from '../../../infrastructure/event-store/liveSignal.js'

export interface ProposedEvent {
  /** UUID, any case: the server compares ids as GUIDs. */
  readonly id: string
  readonly type: string
  readonly contentType: string
  readonly data: Uint8Array
  readonly customMetadata: Uint8Array
}

export interface LoggedEvent {
  readonly streamId: string
  /** Lower-case UUID. */
  readonly eventId: string
  readonly revision: bigint
  readonly type: string
  readonly contentType: string
  readonly data: Uint8Array
  readonly customMetadata: Uint8Array
  /** .NET ticks (100 ns) since the Unix epoch, which is what the server puts in "created". */
  readonly created: bigint
  /** Byte offset of the event's prepare record: both its commit and its prepare position. */
  readonly position: bigint
}

export type StreamExpectation =
  | { readonly kind: 'any' }
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'stream_exists' }
  | { readonly kind: 'revision'; readonly revision: bigint }

export type AppendDecision =
  | { readonly kind: 'written'; readonly lastRevision: bigint; readonly position: bigint }
  /** Nothing to write (an empty append the expectation allows): the stream as it is. */
  | { readonly kind: 'empty'; readonly currentRevision: bigint | undefined }
  /** Every id is already there: the original outcome. `position` of the last of them. */
  | { readonly kind: 'idempotent'; readonly lastRevision: bigint; readonly position: bigint }
  /** currentRevision undefined: the stream does not exist. */
  | { readonly kind: 'wrong_expected_version'; readonly currentRevision: bigint | undefined }

export interface TransactionLogOptions {
  /** Name of the node in its $stats stream. */
  readonly nodeName?: string
  /** Write a $statsCollected event after every n-th application append (a real node: every 30 s). 0 = never. */
  readonly statsEveryAppends?: number
  /**
   * How many recently committed event ids the 'any' / 'stream_exists' duplicate check remembers.
   * The server keeps a bounded in-memory cache, so that check is best-effort; unbounded by default.
   */
  readonly idempotencyCacheSize?: number
}

const NO_STREAM = -1n
/** Fixed part of a prepare record (header, ids, flags, lengths), roughly as in the V1 log format. */
const RECORD_OVERHEAD = 88n
const TICKS_PER_MS = 10_000n

const utf8Length = (s: string) => BigInt(Buffer.byteLength(s, 'utf8'))

export class TransactionLog {
  private readonly records: LoggedEvent[] = []
  private readonly streams = new Map<string, LoggedEvent[]>()
  private readonly committedIds = new Map<string, { streamId: string; revision: bigint }>()
  private nextPosition = 0n
  private appends = 0
  /** Notified after every write, for live subscriptions. */
  readonly appended = new LiveSignal()

  constructor(private readonly options: TransactionLogOptions = {}) {
    // What a fresh node has written before any client connects: the chunk header takes the first
    // bytes, then the metadata of its own system streams.
    this.nextPosition = 4_096n
    this.writeSystemEvent(`$$$stats-${this.nodeName}`, '$metadata', { $maxAge: 86_400 })
    this.writeSystemEvent('$$$scavenges', '$metadata', { $maxAge: 2_592_000 })
  }

  private get nodeName(): string {
    return this.options.nodeName ?? '127.0.0.1:2113'
  }

  /** Every record of $all, in log order (a snapshot: later writes are not in it). */
  all(): ReadonlyArray<LoggedEvent> {
    return this.records.slice()
  }

  get length(): number {
    return this.records.length
  }

  at(index: number): LoggedEvent | undefined {
    return this.records[index]
  }

  /** The events of a stream in revision order; undefined when it was never written. */
  stream(streamId: string): ReadonlyArray<LoggedEvent> | undefined {
    return this.streams.get(streamId)
  }

  lastRevision(streamId: string): bigint {
    const stream = this.streams.get(streamId)
    return stream ? BigInt(stream.length - 1) : NO_STREAM
  }

  /** Index in $all of the first record at or after `position` (length when none). */
  indexAtOrAfter(position: bigint): number {
    let lo = 0
    let hi = this.records.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if ((this.records[mid] as LoggedEvent).position < position) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** Index in $all of the first record strictly after `position`. */
  indexAfter(position: bigint): number {
    const i = this.indexAtOrAfter(position)
    return this.records[i]?.position === position ? i + 1 : i
  }

  /** The position a backwards read from the end starts below, and a checkpoint at the head names. */
  headPosition(): bigint {
    return this.nextPosition
  }

  /**
   * The server's write path: check the expectation and the event ids (CheckCommit), then write all
   * events or none. Synchronous, so two appends can never interleave.
   */
  append(streamId: string, expected: StreamExpectation, events: ReadonlyArray<ProposedEvent>): AppendDecision {
    const decision = this.check(streamId, expected, events)
    if (decision !== 'ok') return decision
    if (events.length === 0) {
      const current = this.lastRevision(streamId)
      return { kind: 'empty', currentRevision: current === NO_STREAM ? undefined : current }
    }
    const written = this.write(streamId, events)
    this.appends++
    const every = this.options.statsEveryAppends ?? 10
    if (every > 0 && this.appends % every === 0)
      this.writeSystemEvent(`$stats-${this.nodeName}`, '$statsCollected', {
        'proc-id': process.pid,
        appends: this.appends,
      })
    this.appended.notify()
    const last = written.at(-1) as LoggedEvent
    return { kind: 'written', lastRevision: last.revision, position: last.position }
  }

  /** Writes an event as the server itself would (no checks): statistics, metadata, or test fixtures. */
  writeSystemEvent(streamId: string, type: string, data: unknown): LoggedEvent {
    const [event] = this.write(streamId, [
      {
        id: crypto.randomUUID(),
        type,
        contentType: 'application/json',
        data: Buffer.from(JSON.stringify(data)),
        customMetadata: new Uint8Array(),
      },
    ])
    this.appended.notify()
    return event as LoggedEvent
  }

  /** Writes events exactly as given, bypassing every check (to plant corrupt or foreign data in tests). */
  writeRaw(streamId: string, events: ReadonlyArray<ProposedEvent>): ReadonlyArray<LoggedEvent> {
    const written = this.write(streamId, events)
    this.appended.notify()
    return written
  }

  private check(
    streamId: string,
    expected: StreamExpectation,
    events: ReadonlyArray<ProposedEvent>,
  ): AppendDecision | 'ok' {
    const current = this.lastRevision(streamId)
    const wrong = (): AppendDecision => ({
      kind: 'wrong_expected_version',
      currentRevision: current === NO_STREAM ? undefined : current,
    })
    if (expected.kind === 'stream_exists' && current === NO_STREAM) return wrong()

    if (expected.kind === 'any' || expected.kind === 'stream_exists') {
      // Best-effort duplicate check through the committed-ids cache: every id must be known in this
      // stream; where they sit is not checked. The first unknown id makes it a new write, a later
      // one a corrupted (partial) retry, which the server answers as a wrong expected version.
      let last: bigint | undefined
      for (const [i, event] of events.entries()) {
        const known = this.committedIds.get(event.id.toLowerCase())
        if (!known || known.streamId !== streamId) return i === 0 ? 'ok' : wrong()
        last = known.revision
      }
      if (last === undefined) return 'ok'
      return this.idempotent(streamId, last)
    }

    const expectedRevision = expected.kind === 'no_stream' ? NO_STREAM : expected.revision
    if (expectedRevision < current) {
      // An exact expectation in the past: a retry only if the same ids follow it, in order.
      const stream = this.streams.get(streamId) ?? []
      let revision = expectedRevision
      for (const event of events) {
        revision++
        if (stream[Number(revision)]?.eventId === event.id.toLowerCase()) continue
        return wrong()
      }
      if (revision === expectedRevision) return wrong()
      return this.idempotent(streamId, revision)
    }
    if (expectedRevision > current) return wrong()
    return 'ok'
  }

  private idempotent(streamId: string, lastRevision: bigint): AppendDecision {
    const event = this.streams.get(streamId)?.[Number(lastRevision)] as LoggedEvent
    return { kind: 'idempotent', lastRevision, position: event.position }
  }

  private write(streamId: string, events: ReadonlyArray<ProposedEvent>): LoggedEvent[] {
    const stream = this.streams.get(streamId) ?? []
    const created = BigInt(Date.now()) * TICKS_PER_MS
    const written: LoggedEvent[] = []
    for (const e of events) {
      const event: LoggedEvent = {
        streamId,
        eventId: e.id.toLowerCase(),
        revision: BigInt(stream.length),
        type: e.type,
        contentType: e.contentType,
        // Copies: the server keeps bytes, never the caller's buffers.
        data: Uint8Array.from(e.data),
        customMetadata: Uint8Array.from(e.customMetadata),
        created,
        position: this.nextPosition,
      }
      this.nextPosition +=
        RECORD_OVERHEAD +
        utf8Length(streamId) +
        utf8Length(e.type) +
        BigInt(event.data.length + event.customMetadata.length)
      stream.push(event)
      this.records.push(event)
      this.remember(event)
      written.push(event)
    }
    this.streams.set(streamId, stream)
    return written
  }

  private remember(event: LoggedEvent): void {
    this.committedIds.delete(event.eventId)
    this.committedIds.set(event.eventId, { streamId: event.streamId, revision: event.revision })
    const limit = this.options.idempotencyCacheSize
    if (limit === undefined) return
    while (this.committedIds.size > limit) {
      const oldest = this.committedIds.keys().next().value
      if (oldest === undefined) break
      this.committedIds.delete(oldest)
    }
  }
}
