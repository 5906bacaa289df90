// The audit report of an order: what the order is now, the hash chain's verdict with the head hash
// (hand it to the customer: a log rewritten later no longer matches it), and every event with who,
// role, when, revision and hash; the events' data and the current state in full, as stored; and the
// messages about the order (sent, failed, withheld, undeliverable: they live on their own stream,
// notification-workorder-<id>) in log order with their own chain's verdict.
import type { ChainReport, StreamHistory } from '../audit/streamAudit.js'
import type { JsonValue } from '../ports/documentStore.js'
import type { Block, DocumentLayout } from './documentLayout.js'
import { contextOf, frame, type OrderDocumentInput } from './orderLayouts.js'

export interface AuditReportInput extends OrderDocumentInput {
  readonly history: StreamHistory
  readonly chain: ChainReport
  readonly state: JsonValue | null
  readonly generatedAt: string
}

export function auditReportLayout(input: AuditReportInput): DocumentLayout {
  const ctx = contextOf(input)
  const { t } = ctx
  const o = input.order
  const chain = input.chain
  const verdictOf = (chain: ChainReport) =>
    chain.ok
      ? `${t.l.chainOk}: ${chain.events} / ${chain.events}. ${t.l.headHash}: ${chain.headHash}`
      : `${t.l.chainBroken} #${chain.brokenAt.revision} (${chain.brokenAt.type}, ${ctx.when(chain.brokenAt.occurredAt)}): ${chain.reason}. ${chain.events} / ${chain.eventsInStream}.`
  const verdict = verdictOf(chain)
  const blocks: Block[] = [
    {
      kind: 'fields',
      rows: [
        [t.l.order, o.workOrderId],
        [t.l.point, o.pointId],
        [t.l.status, t.statuses[o.status] ?? o.status],
        [t.l.customer, o.customer?.name ?? '—'],
        [t.l.equipment, o.equipment ? `${o.equipment.label} (${o.equipment.equipmentId})` : '—'],
        [t.l.eventCount, String(input.history.total)],
        [t.l.generatedAt, ctx.when(input.generatedAt)],
      ],
    },
    { kind: 'heading', text: t.l.chain },
    { kind: 'paragraph', text: verdict },
    { kind: 'heading', text: t.l.history },
    {
      kind: 'table',
      small: true,
      columns: [
        { title: t.l.revision, width: 0.7, align: 'right' },
        { title: t.l.when, width: 2.3 },
        { title: t.l.who, width: 3 },
        { title: t.l.event, width: 3.4 },
        ...(ctx.shown('hashes') ? [{ title: t.l.hash, width: 2.2 }] : []),
      ],
      rows: input.history.events.map((e) => [
        String(e.revision),
        ctx.when(e.occurredAt),
        `${e.actor.id} (${e.actor.role})`,
        e.type,
        ...(ctx.shown('hashes') ? [e.hash.slice(0, 16)] : []),
      ]),
    },
  ]
  const trail = input.history.notifications
  if (trail)
    blocks.push(
      { kind: 'heading', text: `${t.l.notifications}: ${trail.streamId}` },
      { kind: 'paragraph', text: verdictOf(trail.chain) },
      {
        kind: 'table',
        small: true,
        columns: [
          { title: t.l.revision, width: 0.7, align: 'right' },
          { title: t.l.when, width: 2.3 },
          { title: t.l.event, width: 2.6 },
          { title: t.l.message, width: 5.8 },
        ],
        rows: trail.events.map((e) => [
          String(e.revision),
          ctx.when(e.occurredAt),
          e.type,
          notificationSummary(e.data),
        ]),
      },
    )
  if (ctx.shown('eventData')) {
    blocks.push({ kind: 'heading', text: `${t.l.event}: data` })
    for (const e of input.history.events)
      blocks.push({
        kind: 'paragraph',
        small: true,
        mono: true,
        text: `#${e.revision} ${e.type} ${e.hash}\n${JSON.stringify(e.data)}`,
      })
  }
  if (ctx.shown('currentState') && input.state !== null)
    blocks.push(
      { kind: 'heading', text: t.l.currentState },
      { kind: 'paragraph', small: true, mono: true, text: JSON.stringify(input.state, null, 1) },
    )
  return frame(ctx, 'audit_report', t.titles.audit_report, `${t.l.order} ${o.workOrderId}`, blocks)
}

/** "booking_reminder · email · jan@example.com" / "sla_warning · NO_RECIPIENT: nobody to tell…". */
export function notificationSummary(data: unknown): string {
  const d = (data ?? {}) as Record<string, unknown>
  const text = (key: string) => (typeof d[key] === 'string' ? (d[key] as string) : null)
  const reason = text('reason')
  return [
    text('kind'),
    text('channel'),
    text('to'),
    text('code') ? `${text('code')}${reason ? `: ${reason}` : ''}` : null,
  ]
    .filter((part): part is string => part !== null && part !== '')
    .join(' · ')
}
