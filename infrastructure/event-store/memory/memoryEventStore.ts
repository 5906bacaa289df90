// In-memory EventStore for unit tests: the reference behaviour of the port in a few lines.
import { checkExpectedRevision, classifyRetry, validateAppend } from '../../../application/eventLog/appendRules.js'
import {
  canonicalOrInvalid,
  GENESIS_HASH,
  hashCanonical,
  hashedMetadata,
} from '../../../application/eventLog/hashChain.js'
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
import { LiveSignal } from '../liveSignal.js'

export class MemoryEventStore implements EventStore {
  private readonly log: RecordedEvent[] = []
  private readonly streams = new Map<string, RecordedEvent[]>()
  /** streamId → eventId → revision, so retries are recognised without scanning the stream. */
  private readonly eventIds = new Map<string, Map<string, number>>()
  private readonly appended = new LiveSignal()
  private closed = false

  async appendToStream(
    streamId: string,
    events: ReadonlyArray<NewEvent>,
    { expectedRevision }: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    validateAppend(streamId, events)
    const stream = this.streams.get(streamId) ?? []
    const ids = this.eventIds.get(streamId) ?? new Map<string, number>()
    const last = stream.at(-1)
    const actual = last ? last.revision : 'no_stream'
    const retry = classifyRetry(
      streamId,
      expectedRevision,
      actual,
      events.map((e) => ids.get(e.metadata.eventId)),
    )
    if (retry.kind === 'retry') {
      const original = stream[retry.lastRevision] as RecordedEvent
      return { nextExpectedRevision: retry.lastRevision, position: original.position }
    }
    checkExpectedRevision(streamId, expectedRevision, actual)
    // Everything that can fail (serialising, hashing) happens before the log is touched: all or nothing.
    const recorded: RecordedEvent[] = []
    let prevHash = last ? last.metadata.hash : GENESIS_HASH
    let revision = last ? last.revision + 1 : 0
    for (const e of events) {
      // Stored as JSON, like the durable stores: the canonical text is both what is kept and what is hashed.
      const dataJson = canonicalOrInvalid(e.data, e.type)
      const metadataJson = canonicalOrInvalid(hashedMetadata(e.metadata), e.type)
      const hash = hashCanonical(prevHash, streamId, revision, e.type, dataJson, metadataJson)
      recorded.push({
        streamId,
        revision,
        position: this.log.length + recorded.length + 1,
        type: e.type,
        data: JSON.parse(dataJson),
        metadata: { ...JSON.parse(metadataJson), prevHash, hash },
      })
      prevHash = hash
      revision++
    }
    for (const r of recorded) {
      stream.push(r)
      this.log.push(r)
      ids.set(r.metadata.eventId, r.revision)
    }
    this.streams.set(streamId, stream)
    this.eventIds.set(streamId, ids)
    this.appended.notify()
    return { nextExpectedRevision: revision - 1, position: this.log.length }
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    const stream = this.streams.get(streamId) ?? []
    const max = options.maxCount ?? Number.POSITIVE_INFINITY
    let n = 0
    if (options.direction === 'backwards') {
      for (let r = Math.min(options.fromRevision ?? stream.length - 1, stream.length - 1); r >= 0 && n < max; r--, n++)
        yield stream[r] as RecordedEvent
    } else {
      for (let r = options.fromRevision ?? 0; r < stream.length && n < max; r++, n++) yield stream[r] as RecordedEvent
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const max = options.maxCount ?? Number.POSITIVE_INFINITY
    // positions are 1-based indexes into the log
    for (let i = options.fromPosition ?? 0, n = 0; i < this.log.length && n < max; i++, n++)
      yield this.log[i] as RecordedEvent
  }

  async *subscribeToAll(options: SubscribeOptions = {}): AsyncIterable<RecordedEvent> {
    let checkpoint = options.fromPosition ?? 0
    while (!this.closed && !options.signal?.aborted) {
      const wake = this.appended.next(options.signal)
      while (checkpoint < this.log.length) {
        if (options.signal?.aborted) return
        const e = this.log[checkpoint] as RecordedEvent
        checkpoint = e.position
        yield e
      }
      await wake
    }
  }

  async headPosition(): Promise<number> {
    return this.log.length
  }

  async close(): Promise<void> {
    this.closed = true
    this.appended.notify()
  }
}
