// In-memory EventStore for unit tests: the reference behaviour of the port in a few lines.
import { checkExpectedRevision, classifyRetry, validateAppend } from '../../../application/eventLog/appendRules.js'
import { GENESIS_HASH, hashEvent } from '../../../application/eventLog/hashChain.js'
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
  private readonly appended = new LiveSignal()
  private closed = false

  async appendToStream(
    streamId: string,
    events: ReadonlyArray<NewEvent>,
    { expectedRevision }: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    validateAppend(streamId, events)
    const stream = this.streams.get(streamId) ?? []
    const last = stream.at(-1)
    const actual = last ? last.revision : 'no_stream'
    const existing = events.map((e) => stream.find((s) => s.metadata.eventId === e.metadata.eventId)?.revision)
    const retry = classifyRetry(streamId, expectedRevision, actual, existing)
    if (retry.kind === 'retry') {
      const original = stream[retry.lastRevision] as RecordedEvent
      return { nextExpectedRevision: retry.lastRevision, position: original.position }
    }
    checkExpectedRevision(streamId, expectedRevision, actual)
    let prevHash = last ? last.metadata.hash : GENESIS_HASH
    let revision = last ? last.revision + 1 : 0
    for (const e of events) {
      const hash = hashEvent(prevHash, streamId, revision, e)
      const recorded: RecordedEvent = {
        streamId,
        revision,
        position: this.log.length + 1,
        type: e.type,
        data: structuredClone(e.data),
        metadata: { ...structuredClone(e.metadata), prevHash, hash },
      }
      stream.push(recorded)
      this.log.push(recorded)
      prevHash = hash
      revision++
    }
    this.streams.set(streamId, stream)
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
