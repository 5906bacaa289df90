// An in-process stand-in for an EventStoreDB node, speaking the client slice the adapter uses
// (EsdbClient). It models the server behaviour the adapter relies on, as documented and as the
// official client's own tests show it:
// - appends check the expected revision atomically; an exact-revision append whose event ids are
//   already in the stream right after that revision is an idempotent success without a position;
// - reading $all forwards from a position is INCLUSIVE; a subscription from a position is
//   EXCLUSIVE (or inclusive, with `inclusiveSubscriptions`, to prove the adapter does not care);
// - $all holds system events ($-types, $-streams) between the application's ones;
// - a missing stream fails the read with StreamNotFoundError;
// - every $all position is a byte offset, with commit == prepare.
// It is a model, not the server: what only a real node can confirm is listed in the adapter's
// report and checked by test/contract/eventStore.esdb.test.ts when EVENTSTORE_URL is set.
import {
  type AllStreamJSONRecordedEvent,
  type AllStreamResolvedEvent,
  ANY,
  type AppendExpectedRevision,
  type AppendResult,
  BACKWARDS,
  CancelledError,
  END,
  type EventData,
  type JSONType,
  NO_STREAM,
  type ReadPosition,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client'
import type {
  EsdbClient,
  EsdbRead,
  EsdbReadAllOptions,
  EsdbReadStreamOptions,
  EsdbSubscribeToAllOptions,
  EsdbSubscription,
} from '../../../infrastructure/event-store/esdb/esdbClient.js'
import { LiveSignal } from '../../../infrastructure/event-store/liveSignal.js'

interface StoredRecord {
  readonly streamId: string
  readonly id: string
  readonly revision: bigint
  readonly type: string
  readonly data: unknown
  readonly metadata: unknown
  readonly position: bigint
}

export interface FakeEsdbOptions {
  /** Make subscriptions deliver the event AT their start position too (some servers' persistent subscriptions do). */
  readonly inclusiveSubscriptions?: boolean
  /** Write a system event after every n-th append (statistics, metadata: what a real node does). */
  readonly systemEventEvery?: number
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve))

function toResolved(record: StoredRecord): AllStreamResolvedEvent {
  const event: AllStreamJSONRecordedEvent = {
    streamId: record.streamId,
    id: record.id,
    isJson: true,
    revision: record.revision,
    type: record.type,
    created: new Date(0),
    data: record.data as JSONType,
    metadata: record.metadata as JSONType,
    position: { commit: record.position, prepare: record.position },
  }
  return { event, commitPosition: record.position }
}

function read<E>(source: () => AsyncGenerator<E>): EsdbRead<E> {
  return Object.assign(source(), { cancel: async () => {} })
}

export class FakeEsdbClient implements EsdbClient {
  readonly log: StoredRecord[] = []
  private readonly streams = new Map<string, StoredRecord[]>()
  private readonly appended = new LiveSignal()
  private nextPosition = 1024n
  private appends = 0
  private disposed = false
  private drop: Error | undefined
  /** Subscriptions currently open, for tests that check unsubscribe happened. */
  openSubscriptions = 0
  subscribeCalls: EsdbSubscribeToAllOptions[] = []

  constructor(private readonly options: FakeEsdbOptions = {}) {
    this.write('$settings', [{ id: crypto.randomUUID(), type: '$settings', data: {}, metadata: undefined }])
  }

  private write(
    streamId: string,
    events: ReadonlyArray<{ id: string; type: string; data: unknown; metadata: unknown }>,
  ): StoredRecord[] {
    const stream = this.streams.get(streamId) ?? []
    const written: StoredRecord[] = []
    for (const e of events) {
      // What the server stores is bytes: JSON in, JSON out, no shared references.
      const data = JSON.parse(JSON.stringify(e.data))
      const metadata = e.metadata === undefined ? undefined : JSON.parse(JSON.stringify(e.metadata))
      const record: StoredRecord = {
        streamId,
        id: e.id.toLowerCase(),
        revision: BigInt(stream.length),
        type: e.type,
        data,
        metadata,
        position: this.nextPosition,
      }
      this.nextPosition += BigInt(100 + JSON.stringify([data, metadata ?? null]).length)
      stream.push(record)
      this.log.push(record)
      written.push(record)
    }
    this.streams.set(streamId, stream)
    return written
  }

  async appendToStream(
    streamName: string,
    events: EventData[],
    { expectedRevision }: { expectedRevision: AppendExpectedRevision },
  ): Promise<AppendResult> {
    await tick()
    if (this.disposed) throw new CancelledError(undefined, 'client disposed')
    const stream = this.streams.get(streamName) ?? []
    const current = stream.length - 1
    const conflict = () =>
      new WrongExpectedVersionError(undefined, {
        streamName,
        expected: expectedRevision,
        current: current < 0 ? NO_STREAM : BigInt(current),
      })
    if (expectedRevision === STREAM_EXISTS && current < 0) throw conflict()
    if (expectedRevision === NO_STREAM || typeof expectedRevision === 'bigint') {
      const expected = expectedRevision === NO_STREAM ? -1 : Number(expectedRevision)
      if (expected < current) {
        // The server's idempotency check: the same ids right after the expected revision.
        const after = stream.slice(expected + 1, expected + 1 + events.length)
        const same = after.length === events.length && after.every((r, i) => r.id === events[i]?.id.toLowerCase())
        if (!same) throw conflict()
        return { success: true, nextExpectedRevision: BigInt(expected + events.length), position: undefined }
      }
      if (expected !== current) throw conflict()
    } else if (expectedRevision !== ANY && expectedRevision !== STREAM_EXISTS) {
      throw new Error(`unexpected expectedRevision ${String(expectedRevision)}`)
    }
    const written = this.write(
      streamName,
      events.map((e) => ({ id: e.id, type: e.type, data: e.data, metadata: e.metadata })),
    )
    const last = written.at(-1) as StoredRecord
    this.appends++
    if (this.options.systemEventEvery && this.appends % this.options.systemEventEvery === 0)
      this.write('$stats-127.0.0.1:2113', [
        { id: crypto.randomUUID(), type: '$statsCollected', data: { appends: this.appends }, metadata: undefined },
      ])
    this.appended.notify()
    return {
      success: true,
      nextExpectedRevision: last.revision,
      position: { commit: last.position, prepare: last.position },
    }
  }

  readStream(streamName: string, options: EsdbReadStreamOptions): EsdbRead<AllStreamResolvedEvent> {
    const self = this
    return read(async function* () {
      await tick()
      const stream = self.streams.get(streamName)
      if (!stream) throw new StreamNotFoundError(undefined, streamName)
      const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER)
      const from = options.fromRevision ?? (options.direction === BACKWARDS ? END : START)
      let n = 0
      if (options.direction === BACKWARDS) {
        const start = from === END || from === START ? stream.length - 1 : Math.min(Number(from), stream.length - 1)
        for (let r = start; r >= 0 && n < max; r--, n++) yield toResolved(stream[r] as StoredRecord)
      } else {
        const start = from === START ? 0 : from === END ? stream.length : Number(from)
        for (let r = start; r < stream.length && n < max; r++, n++) yield toResolved(stream[r] as StoredRecord)
      }
    })
  }

  private indexAtOrAfter(position: ReadPosition): number {
    if (position === START) return 0
    if (position === END) return this.log.length
    const i = this.log.findIndex((r) => r.position >= position.commit)
    return i < 0 ? this.log.length : i
  }

  readAll(options: EsdbReadAllOptions): EsdbRead<AllStreamResolvedEvent> {
    const self = this
    return read(async function* () {
      await tick()
      const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER)
      let n = 0
      if (options.direction === BACKWARDS) {
        const from = options.fromPosition ?? END
        let i = from === END ? self.log.length - 1 : self.indexAtOrAfter(from)
        for (; i >= 0 && n < max; i--, n++) yield toResolved(self.log[i] as StoredRecord)
      } else {
        for (let i = self.indexAtOrAfter(options.fromPosition ?? START); i < self.log.length && n < max; i++, n++)
          yield toResolved(self.log[i] as StoredRecord)
      }
    })
  }

  subscribeToAll(options: EsdbSubscribeToAllOptions): EsdbSubscription<AllStreamResolvedEvent> {
    this.subscribeCalls.push(options)
    const self = this
    const stop = new AbortController()
    const passes = (record: StoredRecord) => {
      const filter = options.filter
      if (!filter) return true
      const subject = filter.filterOn === 'eventType' ? record.type : record.streamId
      return 'regex' in filter
        ? new RegExp(filter.regex).test(subject)
        : filter.prefixes.some((p) => subject.startsWith(p))
    }
    async function* run(): AsyncGenerator<AllStreamResolvedEvent> {
      self.openSubscriptions++
      try {
        await tick()
        const from = options.fromPosition ?? START
        let i = self.indexAtOrAfter(from)
        if (from !== START && from !== END && !self.options.inclusiveSubscriptions) {
          // Exclusive: skip the event sitting exactly at the start position.
          if (self.log[i]?.position === from.commit) i++
        }
        for (;;) {
          const wake = self.appended.next(stop.signal)
          while (i < self.log.length) {
            if (stop.signal.aborted) return
            if (self.drop) throw self.drop
            const record = self.log[i++] as StoredRecord
            if (passes(record)) yield toResolved(record)
          }
          await wake
          if (stop.signal.aborted) return
          if (self.disposed) throw new CancelledError(undefined, 'channel closed')
          if (self.drop) throw self.drop
        }
      } finally {
        self.openSubscriptions--
      }
    }
    return Object.assign(run(), {
      unsubscribe: async () => {
        stop.abort()
      },
    })
  }

  /** The events a subscription from `position` starts with (its catch-up part), for checking the model itself. */
  async *subscribeToAllOnce(position: number): AsyncGenerator<AllStreamResolvedEvent> {
    const at = BigInt(position)
    const subscription = this.subscribeToAll({ fromPosition: { commit: at, prepare: at } })
    const iterator = subscription[Symbol.asyncIterator]()
    try {
      for (let n = this.log.length; n > 0; n--) {
        const next = await iterator.next()
        if (next.done) return
        yield next.value
        if (next.value.event?.position.commit === this.log.at(-1)?.position) return
      }
    } finally {
      await subscription.unsubscribe()
      await iterator.return?.()
    }
  }

  /** Makes every open subscription fail with `error` when it next looks at the log, until healed. */
  breakSubscriptions(error: Error): void {
    this.drop = error
    this.appended.notify()
  }

  heal(): void {
    this.drop = undefined
  }

  /** Writes an event the application did not write, e.g. with bad metadata, straight to a stream. */
  writeRaw(streamId: string, type: string, data: unknown, metadata: unknown): void {
    this.write(streamId, [{ id: crypto.randomUUID(), type, data, metadata }])
    this.appended.notify()
  }

  async dispose(): Promise<void> {
    this.disposed = true
    this.appended.notify()
  }
}
