// Query and response shapes of the audit routes. Response codecs only document (the OpenAPI
// document is generated from them); event data and folded states are whatever their types hold.
import * as t from 'io-ts'
import { MAX_HISTORY_PAGE } from '../../application/audit/streamAudit.js'
import { Locale } from '../../application/documents/documentKinds.js'
import { Role } from '../../domain/shared/actor.js'
import { describeCodec } from '../openapi/jsonSchema.js'
import { IntegerFromQuery } from '../serviceNetwork/queryCodecs.js'

const ranged = (name: string, min: number, max: number) => {
  const codec = new t.Type<number, string, unknown>(
    name,
    (u): u is number => Number.isInteger(u) && (u as number) >= min && (u as number) <= max,
    (u, c) => {
      const n = IntegerFromQuery.validate(u, c)
      if (n._tag === 'Left') return n
      return n.right >= min && n.right <= max ? t.success(n.right) : t.failure(u, c, `must be from ${min} to ${max}`)
    },
    String,
  )
  describeCodec(codec, { type: 'integer', minimum: min, maximum: max })
  return codec
}

export const HistoryQuery = t.exact(
  t.partial({ fromRevision: ranged('FromRevision', 0, 1_000_000_000), limit: ranged('Limit', 1, MAX_HISTORY_PAGE) }),
)
export const HISTORY_HELP = `Query: fromRevision (default 0), limit (1–${MAX_HISTORY_PAGE}, default ${MAX_HISTORY_PAGE}); nextRevision says where the next page starts. notifications: the messages about the stream's subject (sent, failed, withheld, undeliverable) from their own stream (notification-<category>-<id>; a booking's notification-<bookingId>), those falling among the page's events by log position, with that stream's own chain verdict; null when none was recorded.`

/** asOf is checked by the service (ISO-8601 with a zone); revision here (a whole number). */
export const StateQuery = t.exact(t.partial({ asOf: t.string, revision: ranged('Revision', 0, 1_000_000_000) }))
export const STATE_HELP =
  'Query: asOf (an ISO-8601 date-time with Z or an offset: events recorded at or before it) or revision ' +
  '(events up to and including it); neither: now. The state is the category’s decider fold, as JSON.'

const Actor = t.type({ id: t.string, role: Role })
// Own instances: describing t.unknown or t.string themselves would describe every use of them.
const Anything = new t.Type<unknown, unknown, unknown>('Anything', (_u): _u is unknown => true, t.success, t.identity)
describeCodec(Anything, { description: 'any JSON value' })

const Hash = new t.Type<string, string, unknown>(
  'Sha256Hex',
  (u): u is string => typeof u === 'string',
  (u, c) => (typeof u === 'string' ? t.success(u) : t.failure(u, c, 'must be a string')),
  t.identity,
)
describeCodec(Hash, { type: 'string', pattern: '^[0-9a-f]{64}$' })

export const AuditEntryBody = t.type({
  revision: t.number,
  position: t.number,
  eventId: t.string,
  type: t.string,
  schemaVersion: t.number,
  data: Anything,
  actor: Actor,
  occurredAt: t.string,
  correlationId: t.string,
  causationId: t.union([t.string, t.null]),
  prevHash: Hash,
  hash: Hash,
})

export const VerifyBody = t.union([
  t.type({ streamId: t.string, ok: t.literal(true), events: t.number, headHash: Hash }),
  t.type({
    streamId: t.string,
    ok: t.literal(false),
    events: t.number,
    eventsInStream: t.number,
    brokenAt: t.type({
      revision: t.number,
      position: t.number,
      eventId: t.string,
      type: t.string,
      occurredAt: t.string,
    }),
    reason: t.string,
    lastGoodHash: Hash,
  }),
])

export const CategoriesBody = t.type({
  categories: t.array(t.type({ category: t.string, description: t.string })),
})

/** Messages about the stream's subject, from their own stream: the page's share, and that stream's own chain. */
export const NotificationTrailBody = t.type({
  streamId: t.string,
  total: t.number,
  events: t.array(AuditEntryBody),
  chain: VerifyBody,
})

export const HistoryBody = t.type({
  streamId: t.string,
  category: t.string,
  total: t.number,
  fromRevision: t.number,
  events: t.array(AuditEntryBody),
  nextRevision: t.union([t.number, t.null]),
  head: t.type({ revision: t.number, position: t.number, hash: Hash, occurredAt: t.string }),
  notifications: t.union([NotificationTrailBody, t.null]),
})

export const StateBody = t.type({
  streamId: t.string,
  category: t.string,
  requested: t.union([t.type({ revision: t.number }), t.type({ at: t.string }), t.type({ now: t.literal(true) })]),
  lastApplied: t.union([t.type({ revision: t.number, position: t.number, occurredAt: t.string }), t.null]),
  eventsApplied: t.number,
  eventsInStream: t.number,
  state: Anything,
})

export const LocaleQuery = t.exact(t.partial({ locale: Locale }))
