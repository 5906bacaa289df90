// Built-in report `slaCompliance` (head office, and a point's manager): per service point handling
// the ticket, local month (head office's calendar) and priority, the tickets opened and resolved,
// and of the resolved ones under an SLA, how many met the reaction and the resolution target and how
// many met both (compliance, stored as an average of 1 for met and 0 for missed, so it rolls up as
// the share). The SLA clock (domain/helpdesk/slaClock.ts) is worked out from the ticket's own events
// as of each resolution, so it needs the whole ticket: a custom projection. A ticket reopened and
// resolved again counts once, at its last resolution.
import type { RecordedEvent } from '../../application/ports/eventStore.js'
import type { ReportShape } from '../../application/reports/reportShape.js'
import type { SlaTerms } from '../../domain/contract/sla.js'
import { type TicketEvent, ticketEventCodecs } from '../../domain/helpdesk/events.js'
import { slaClock } from '../../domain/helpdesk/slaClock.js'
import type { Projection, ProjectionView } from '../projection.js'
import { Contributions, decodeAny, Facts, HEAD_OFFICE_TIME_ZONE, localDay, ReportRows } from './support/reportRows.js'

export const report: ReportShape = {
  report: 'slaCompliance',
  projection: 'slaCompliance',
  version: 1,
  title: 'SLA compliance',
  description:
    'Per service point handling the ticket, month and priority: tickets opened, resolved, resolved under an SLA, ' +
    'reaction and resolution targets met, and compliance (the share of SLA tickets that met both). A ticket ' +
    'counts at its last resolution. period=total sums the months.',
  builtIn: true,
  keys: [
    { name: 'pointId', bucket: null },
    { name: 'month', bucket: 'month' },
    { name: 'priority', bucket: null },
  ],
  measures: [
    { name: 'opened', op: 'sum' },
    { name: 'resolved', op: 'sum' },
    { name: 'withSla', op: 'sum' },
    { name: 'reactionMet', op: 'sum' },
    { name: 'resolutionMet', op: 'sum' },
    { name: 'compliance', op: 'avg' },
  ],
  scopePointKey: 'pointId',
}

const rows = new ReportRows(report)
interface TicketFacts extends Record<string, unknown> {
  pointId: string | null
  sla: SlaTerms | null
  events: TicketEvent[]
}
const tickets = new Facts<TicketFacts>('tickets')
const resolutions = new Contributions(rows, 'resolutions')

const monthOf = (at: string) => localDay(HEAD_OFFICE_TIME_ZONE, at).slice(0, 7)

async function apply(event: RecordedEvent, view: ProjectionView): Promise<void> {
  const e = decodeAny(ticketEventCodecs, event)
  const ticketId = e.data.ticketId
  if (e.type === 'TicketOpened') {
    const { pointId, sla, priority, at } = e.data
    await tickets.set(view, ticketId, { pointId, sla, events: [e] })
    await rows.add(view, { pointId, month: monthOf(at), priority }, { opened: 1 })
    return
  }
  const known = await tickets.get(view, ticketId)
  if (!known) return
  const pointId = e.type === 'TicketAssigned' && e.data.pointId ? e.data.pointId : known.pointId
  const events = [...known.events, e]
  await tickets.set(view, ticketId, { ...known, pointId, events })
  if (e.type === 'TicketReopened') return resolutions.change(view, ticketId, [])
  if (e.type !== 'TicketResolved') return
  const status = slaClock(events, known.sla, e.data.at)
  const keys = { pointId, month: monthOf(e.data.at), priority: status?.priority ?? null }
  if (!status || !known.sla) return resolutions.change(view, ticketId, [{ keys, deltas: { resolved: 1 } }])
  const reaction = status.reaction.breached ? 0 : 1
  const resolution = status.resolution.breached ? 0 : 1
  await resolutions.change(view, ticketId, [
    {
      keys,
      deltas: {
        resolved: 1,
        withSla: 1,
        reactionMet: reaction,
        resolutionMet: resolution,
        compliance: { sum: reaction * resolution, count: 1 },
      },
    },
  ])
}

export const projection: Projection = {
  name: 'slaCompliance',
  version: 1,
  types: Object.keys(ticketEventCodecs),
  collections: ['rows', 'tickets', 'resolutions'],
  indexes: { rows: [{ keys: { 'k.pointId': 1, 'k.month': 1 } }] },
  apply,
}
