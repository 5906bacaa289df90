// The auditor's view of one stream: every event as stored (type, data, who, role, when, revision,
// position, hash), the state as of a revision or an instant (folded by the category's decider,
// see auditedStreams.ts), and the hash chain's verdict naming the first altered event.
//
// Everything is computed from one forward read of the stream. Reading never stops at a broken
// link: an auditor wants to see the altered event, and the verdict says which one it is.
import { type Either, left, right } from 'fp-ts/lib/Either.js'
import type { Principal } from '../../domain/access/principal.js'
import type { TenantOwnership } from '../../domain/access/tenant.js'
import type { Actor } from '../../domain/shared/actor.js'
import { type DomainError, domainError } from '../../domain/shared/decider.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import { type ChainHead, chainLinkProblem, chainStart } from '../eventLog/hashChain.js'
import { notificationStream } from '../notifications/notificationEvents.js'
import type { JsonValue } from '../ports/documentStore.js'
import type { EventStore, RecordedEvent } from '../ports/eventStore.js'
import { auditRefusal } from './auditAccess.js'
import { type AuditedStream, AuditedStreams, categoryOf } from './auditedStreams.js'
import { plainJson } from './plainJson.js'

export interface AuditEntry {
  readonly revision: number
  readonly position: number
  readonly eventId: string
  readonly type: string
  readonly schemaVersion: number
  /** The data as stored (what the hash covers), before any upcasting. */
  readonly data: unknown
  readonly actor: Actor
  readonly occurredAt: string
  readonly correlationId: string
  readonly causationId: string | null
  readonly prevHash: string
  readonly hash: string
}

export interface StreamHead {
  readonly revision: number
  readonly position: number
  readonly hash: string
  readonly occurredAt: string
}

/**
 * The messages about the stream's subject (sent, failed, withheld, undeliverable), recorded on a
 * stream of their own (`notification-<subjectType>-<id>`, a booking's `notification-<bookingId>`:
 * application/notifications/notificationEvents.ts) so that they never race the subject's commands.
 * Shown beside the subject's events in log order (by position), with their own chain verdict.
 */
export interface NotificationTrail {
  readonly streamId: string
  /** Notification events about the subject, in all. */
  readonly total: number
  /** Those that fall among this page's events in the log (every one of them over all pages). */
  readonly events: ReadonlyArray<AuditEntry>
  /** The notification stream's own hash chain, verified on its own. */
  readonly chain: ChainReport
}

export interface StreamHistory {
  readonly streamId: string
  readonly category: string
  /** Events in the stream (all of them, whatever the page). */
  readonly total: number
  readonly fromRevision: number
  readonly events: ReadonlyArray<AuditEntry>
  /** The revision the next page starts at, or null after the last event. */
  readonly nextRevision: number | null
  readonly head: StreamHead
  /** Messages about this stream's subject; null when none was recorded (or the stream is itself a notification stream). */
  readonly notifications: NotificationTrail | null
}

export type AsOf = { readonly revision: number } | { readonly at: string }

export interface StateAsOf {
  readonly streamId: string
  readonly category: string
  readonly requested: { readonly revision: number } | { readonly at: string } | { readonly now: true }
  /** The last event folded in; null when the state is the initial one (asked before the first event). */
  readonly lastApplied: { readonly revision: number; readonly position: number; readonly occurredAt: string } | null
  readonly eventsApplied: number
  /** The stream has this many events in all (the ones after the moment are not applied). */
  readonly eventsInStream: number
  readonly state: JsonValue
}

export type ChainReport =
  | {
      readonly streamId: string
      readonly ok: true
      readonly events: number
      /** The hash of the last event: print it on documents so a rewritten chain no longer matches. */
      readonly headHash: string
    }
  | {
      readonly streamId: string
      readonly ok: false
      /** Events that still verify (those before the broken one). */
      readonly events: number
      readonly eventsInStream: number
      readonly brokenAt: {
        readonly revision: number
        readonly position: number
        readonly eventId: string
        readonly type: string
        readonly occurredAt: string
      }
      readonly reason: string
      /** The last hash that still verifies (GENESIS when the first event is altered). */
      readonly lastGoodHash: string
    }

export interface StreamAudit {
  readonly history: StreamHistory
  readonly chain: ChainReport
  /** Null when the category has no registered decider. */
  readonly state: Either<DomainError, StateAsOf> | null
}

/** Largest page the API serves (the CLI and the report read whole streams). */
export const MAX_HISTORY_PAGE = 5000

const notFound = (streamId: string) =>
  domainError('not_found', 'STREAM_NOT_FOUND', `there is no stream ${streamId} (or it has no events)`)

const STREAM_ID = /^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,199}$/

/** 'workorder-…', 'equipment-…': a stream of a registered category; anything else is a work order's id. */
export function resolveStreamId(target: string, streams: AuditedStreams): string {
  return target.includes('-') && streams.has(categoryOf(target)) ? target : `workorder-${target}`
}

/** A UTC instant from an ISO-8601 date-time with a zone (Z or ±hh:mm); null otherwise. */
export function parseAsOfInstant(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return null
  const ms = Date.parse(value)
  // Stored occurredAt is toISOString() (ms, Z): the same form compares correctly as a string.
  return Number.isNaN(ms) ? null : new Date(ms).toISOString()
}

function entryOf(e: RecordedEvent): AuditEntry {
  const m = e.metadata
  return {
    revision: e.revision,
    position: e.position,
    eventId: m.eventId,
    type: e.type,
    schemaVersion: m.schemaVersion,
    data: e.data,
    actor: m.actor,
    occurredAt: m.occurredAt,
    correlationId: m.correlationId,
    causationId: m.causationId,
    prevHash: m.prevHash,
    hash: m.hash,
  }
}

/** The chain's verdict over a stream read forwards (hashChain.verifyChain, with positions and times). */
export function chainReport(streamId: string, records: ReadonlyArray<RecordedEvent>): ChainReport {
  let head: ChainHead = chainStart
  for (const e of records) {
    const reason = chainLinkProblem(head, e)
    if (reason)
      return {
        streamId,
        ok: false,
        events: head.nextRevision,
        eventsInStream: records.length,
        brokenAt: {
          revision: e.revision,
          position: e.position,
          eventId: e.metadata.eventId,
          type: e.type,
          occurredAt: e.metadata.occurredAt,
        },
        reason,
        lastGoodHash: head.hash,
      }
    head = { hash: e.metadata.hash, nextRevision: head.nextRevision + 1 }
  }
  return { streamId, ok: true, events: records.length, headHash: head.hash }
}

/** The stream of messages about a stream's subject; null for a notification stream itself. */
export function notificationStreamOf(streamId: string): string | null {
  const category = categoryOf(streamId)
  if (category === 'notification' || category === streamId) return null
  return notificationStream({ type: category, id: streamId.slice(category.length + 1) })
}

/** One stream's events read forwards, with the stored texts (for its chain). */
export interface NotificationRecords {
  readonly streamId: string
  readonly records: ReadonlyArray<RecordedEvent>
}

export class AuditService {
  readonly streams: AuditedStreams

  constructor(
    private readonly store: EventStore,
    private readonly catalogue: EventCatalogue,
    streams?: AuditedStreams,
  ) {
    this.streams = streams ?? new AuditedStreams()
  }

  /** Every stored event of the stream, in order; `forChain`: with the stored texts the chain check hashes. */
  async read(streamId: string, forChain = false): Promise<RecordedEvent[]> {
    if (!STREAM_ID.test(streamId)) return []
    const records: RecordedEvent[] = []
    for await (const e of this.store.readStream(streamId, forChain ? { storedText: true } : {})) records.push(e)
    return records
  }

  /** The messages recorded about the stream's subject (stored texts, for their chain); null when none. */
  async notificationsOf(streamId: string): Promise<NotificationRecords | null> {
    const stream = notificationStreamOf(streamId)
    if (!stream) return null
    const records = await this.read(stream, true)
    return records.length > 0 ? { streamId: stream, records } : null
  }

  /** Folds the registered decider over records up to `until` (exclusive of later ones). */
  fold(
    audited: AuditedStream,
    records: ReadonlyArray<RecordedEvent>,
    until: (e: RecordedEvent) => boolean = () => true,
  ): Either<DomainError, { state: unknown; applied: RecordedEvent | null; count: number }> {
    let state = audited.fold.initial
    let applied: RecordedEvent | null = null
    let count = 0
    for (const e of records) {
      if (!until(e)) break
      try {
        state = audited.fold.evolve(state, this.catalogue.decode(e))
      } catch (error) {
        // An unknown type or data failing its codec (e.g. an edited row): name it, do not skip it.
        return left(
          domainError(
            'conflict',
            'STREAM_UNREADABLE',
            `${e.streamId}@${e.revision} (${e.type}) cannot be folded: ${error instanceof Error ? error.message : String(error)}`,
          ),
        )
      }
      applied = e
      count++
    }
    return right({ state, applied, count })
  }

  /** Whom the stream belongs to, from its whole history; null when that cannot be read. */
  ownerOf(streamId: string, records: ReadonlyArray<RecordedEvent>): TenantOwnership | null {
    const audited = this.streams.of(streamId)
    if (!audited) return null
    const folded = this.foldAll(audited, records)
    return folded._tag === 'Right' ? audited.ownerOf(folded.right.state) : null
  }

  /**
   * The fold over the whole stream, once per read: the access check (ownerOf) and the state "now"
   * of the same request share it instead of folding the stream twice.
   */
  private foldAll(audited: AuditedStream, records: ReadonlyArray<RecordedEvent>): ReturnType<AuditService['fold']> {
    let folded = this.wholeFolds.get(records)
    if (!folded) {
      folded = this.fold(audited, records)
      this.wholeFolds.set(records, folded)
    }
    return folded
  }

  private readonly wholeFolds = new WeakMap<ReadonlyArray<RecordedEvent>, ReturnType<AuditService['fold']>>()

  /** Reads the stream and checks the viewer may audit it (an auditor always; a manager his point's). */
  async readFor(
    viewer: Principal | null,
    streamId: string,
    forChain = false,
  ): Promise<Either<DomainError, RecordedEvent[]>> {
    const records = await this.read(streamId, forChain)
    if (records.length === 0) return left(notFound(streamId))
    if (viewer) {
      const refusal = auditRefusal(viewer, this.ownerOf(streamId, records))
      if (refusal) return left(refusal)
    }
    return right(records)
  }

  historyOf(
    streamId: string,
    records: ReadonlyArray<RecordedEvent>,
    page: { readonly fromRevision?: number; readonly limit?: number } = {},
    notifications: NotificationRecords | null = null,
  ): StreamHistory {
    const from = Math.max(0, page.fromRevision ?? 0)
    const limit = Math.max(1, page.limit ?? records.length)
    // Revisions are 0-based and gapless in an intact stream; slice by them, not by index, so a
    // page still means the same events when an auditor looks at a stream with a gap.
    const selected = records.filter((e) => e.revision >= from).slice(0, limit)
    const last = records.at(-1) as RecordedEvent
    const lastShown = selected.at(-1)
    const nextRevision = lastShown && lastShown.revision < last.revision ? lastShown.revision + 1 : null
    return {
      streamId,
      category: categoryOf(streamId),
      total: records.length,
      fromRevision: from,
      events: selected.map(entryOf),
      nextRevision,
      head: {
        revision: last.revision,
        position: last.position,
        hash: last.metadata.hash,
        occurredAt: last.metadata.occurredAt,
      },
      notifications: notifications ? this.trailOf(records, selected, nextRevision, notifications) : null,
    }
  }

  /**
   * The notification events that fall in a page: after the event before the page's first (from the
   * start on the first page) up to the page's last (to the end on the last page), so that every one
   * is on exactly one page, where it belongs in the log.
   */
  private trailOf(
    records: ReadonlyArray<RecordedEvent>,
    selected: ReadonlyArray<RecordedEvent>,
    nextRevision: number | null,
    notifications: NotificationRecords,
  ): NotificationTrail {
    const first = selected[0]
    const before = first ? records[records.indexOf(first) - 1] : undefined
    const after = before ? before.position : Number.NEGATIVE_INFINITY
    const upTo = nextRevision === null ? Number.POSITIVE_INFINITY : (selected.at(-1) as RecordedEvent).position
    return {
      streamId: notifications.streamId,
      total: notifications.records.length,
      events: first ? notifications.records.filter((e) => e.position > after && e.position <= upTo).map(entryOf) : [],
      chain: chainReport(notifications.streamId, notifications.records),
    }
  }

  stateOf(streamId: string, records: ReadonlyArray<RecordedEvent>, asOf?: AsOf): Either<DomainError, StateAsOf> {
    const audited = this.streams.of(streamId)
    if (!audited)
      return left(
        domainError(
          'not_found',
          'STATE_NOT_AVAILABLE',
          `no decider is registered for ${categoryOf(streamId)} streams: their history and chain can be read, not their state`,
        ),
      )
    let until: (e: RecordedEvent) => boolean = () => true
    let requested: StateAsOf['requested'] = { now: true }
    if (asOf && 'revision' in asOf) {
      const last = (records.at(-1) as RecordedEvent).revision
      if (!Number.isSafeInteger(asOf.revision) || asOf.revision < 0 || asOf.revision > last)
        return left(
          domainError('invalid', 'AS_OF_INVALID', `revision must be between 0 and ${last} for ${streamId}`, [
            { path: 'revision', message: `must be an integer from 0 to ${last}` },
          ]),
        )
      const revision = asOf.revision
      until = (e) => e.revision <= revision
      requested = { revision }
    } else if (asOf && 'at' in asOf) {
      const at = parseAsOfInstant(asOf.at)
      if (!at)
        return left(
          domainError('invalid', 'AS_OF_INVALID', 'asOf must be an ISO-8601 date-time with a zone', [
            { path: 'asOf', message: 'must be an ISO-8601 date-time with Z or an offset, e.g. 2026-03-02T10:00:00Z' },
          ]),
        )
      // As loadState does: events recorded at or before the instant, in stream order.
      until = (e) => e.metadata.occurredAt <= at
      requested = { at }
    }
    const folded = asOf ? this.fold(audited, records, until) : this.foldAll(audited, records)
    if (folded._tag === 'Left') return folded
    const { state, applied, count } = folded.right
    return right({
      streamId,
      category: audited.category,
      requested,
      lastApplied: applied
        ? { revision: applied.revision, position: applied.position, occurredAt: applied.metadata.occurredAt }
        : null,
      eventsApplied: count,
      eventsInStream: records.length,
      state: plainJson(state),
    })
  }

  // ── use cases (viewer checked; null viewer = the operator's CLI) ──

  async history(
    viewer: Principal | null,
    streamId: string,
    page: { readonly fromRevision?: number; readonly limit?: number } = {},
  ): Promise<Either<DomainError, StreamHistory>> {
    const read = await this.readFor(viewer, streamId)
    if (read._tag === 'Left') return read
    return right(this.historyOf(streamId, read.right, page, await this.notificationsOf(streamId)))
  }

  async stateAsOf(viewer: Principal | null, streamId: string, asOf?: AsOf): Promise<Either<DomainError, StateAsOf>> {
    const read = await this.readFor(viewer, streamId)
    return read._tag === 'Left' ? read : this.stateOf(streamId, read.right, asOf)
  }

  async verify(viewer: Principal | null, streamId: string): Promise<Either<DomainError, ChainReport>> {
    const read = await this.readFor(viewer, streamId, true)
    return read._tag === 'Left' ? read : right(chainReport(streamId, read.right))
  }

  /** History, verdict and state from one read: the CLI and the audit report. */
  async inspect(viewer: Principal | null, streamId: string, asOf?: AsOf): Promise<Either<DomainError, StreamAudit>> {
    const read = await this.readFor(viewer, streamId, true)
    if (read._tag === 'Left') return read
    const records = read.right
    return right({
      history: this.historyOf(streamId, records, {}, await this.notificationsOf(streamId)),
      chain: chainReport(streamId, records),
      state: this.streams.of(streamId) ? this.stateOf(streamId, records, asOf) : null,
    })
  }
}
