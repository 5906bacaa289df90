// The EventStore port: the only source of truth. Adapters: memory (unit tests),
// SQLite (embedded default), EventStoreDB (production). All pass test/contract/eventStore.
//
// Revisions and positions are plain numbers (safe integers): EventStoreDB's bigints fit
// comfortably (2^53 bytes of log is 9 PB) and numbers survive JSON in checkpoints and APIs.

import type { Actor } from '../../domain/shared/actor.js'

/** Metadata the application supplies with every event it appends. */
export interface EventMetadata {
  /** uuid; the idempotency key: re-appending an event id already in the stream is a no-op. */
  readonly eventId: string
  readonly correlationId: string
  readonly causationId: string | null
  readonly actor: Actor
  /** UTC ISO-8601, taken from the command (the domain has no clock). */
  readonly occurredAt: string
  readonly schemaVersion: number
}

/** Metadata as stored: the adapter adds the per-stream hash chain on append. */
export interface RecordedMetadata extends EventMetadata {
  /** hash of the previous event in the stream, or GENESIS_HASH for the first one. */
  readonly prevHash: string
  /** SHA-256 over prevHash and the canonical JSON of this event (see application/eventLog/hashChain.ts). */
  readonly hash: string
}

export interface NewEvent {
  readonly type: string
  readonly data: unknown
  readonly metadata: EventMetadata
}

export interface RecordedEvent {
  readonly streamId: string
  /** 0-based revision of the event within its stream. */
  readonly revision: number
  /** Global position in the log; strictly increasing in readAll order, starts above 0. */
  readonly position: number
  readonly type: string
  readonly data: unknown
  readonly metadata: RecordedMetadata
}

/**
 * What the writer believes about the stream:
 * - 'no_stream': the stream must not exist yet,
 * - 'stream_exists': it must have at least one event,
 * - 'any': no check,
 * - n: the last event in the stream has revision n.
 */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | number

export interface AppendResult {
  /** Revision of the last event now in the stream (pass it as expectedRevision next time). */
  readonly nextExpectedRevision: number
  /** Global position of the last event written (or of the original write on an idempotent retry). */
  readonly position: number
}

export interface ReadStreamOptions {
  /** Inclusive. Default: 0 forwards, the last revision backwards. */
  readonly fromRevision?: number
  readonly direction?: 'forwards' | 'backwards'
  readonly maxCount?: number
  /**
   * For verifiers of the hash chain: an adapter that stores each event's canonical texts (SQLite)
   * hands them over with the events (hashChain.rememberStoredText), so the chain is checked by
   * hashing them as stored instead of serialising every event again. Others ignore it.
   */
  readonly storedText?: boolean
}

export interface ReadAllOptions {
  /** Exclusive: events with position > fromPosition. Default 0 (from the start). */
  readonly fromPosition?: number
  readonly maxCount?: number
  /** As ReadStreamOptions.storedText: for verifiers of every stream's chain (verifyLog). */
  readonly storedText?: boolean
}

export interface SubscribeOptions {
  /** Exclusive checkpoint: the position of the last event the subscriber processed. 0 = from the start. */
  readonly fromPosition?: number
  /** Aborting ends the iteration cleanly. */
  readonly signal?: AbortSignal
}

export interface EventStore {
  appendToStream(
    streamId: string,
    events: ReadonlyArray<NewEvent>,
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult>
  /** A stream that does not exist reads as empty. */
  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>
  /** Catch-up (everything after fromPosition), then live, each event exactly once, in global order. */
  subscribeToAll(options?: SubscribeOptions): AsyncIterable<RecordedEvent>
  /** Position of the last event in the log (0 when empty); used for projection lag. */
  headPosition(): Promise<number>
  close(): Promise<void>
}

/** Typed optimistic-concurrency conflict. The loser of a race gets this and nothing is written. */
export class WrongExpectedRevision extends Error {
  readonly code = 'WRONG_EXPECTED_REVISION'
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's last revision, or 'no_stream' when it does not exist. */
    readonly actual: number | 'no_stream',
  ) {
    super(`stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`)
    this.name = 'WrongExpectedRevision'
  }
}

/** An append was rejected before anything was written (empty batch, bad stream id, malformed event). */
export class InvalidAppend extends Error {
  readonly code = 'INVALID_APPEND'
  constructor(message: string) {
    super(message)
    this.name = 'InvalidAppend'
  }
}

/**
 * A stored event could not be decoded (malformed JSON, missing hash fields). Reading stops with
 * this error rather than skipping the event: a projection or audit that silently missed an event
 * would be wrong without anyone noticing.
 */
export class CorruptEvent extends Error {
  readonly code = 'CORRUPT_EVENT'
  constructor(
    readonly streamId: string,
    readonly revision: number,
    readonly position: number,
    readonly reason: string,
  ) {
    super(`corrupt event in stream ${streamId} at revision ${revision} (position ${position}): ${reason}`)
    this.name = 'CorruptEvent'
  }
}
