// SLA warnings and escalations by e-mail: a ticket under an SLA in the log, the worker (embedded
// scheduler, a clock that can jump ahead) and the real escalation check
// (application/helpdesk/slaEscalation.ts). Before the reaction deadline the point's manager is
// warned; at the breach the check records TicketEscalated and the manager gets the escalation; when
// the breach outlasts the SLA's limit head office does. Each once, recorded on the ticket's
// notification stream. Resolving the ticket removes the pending resolution warning and asks the
// customer for a rating.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import type { EventCatalogue } from '../../../application/eventLog/eventCatalogue.js'
import { SlaEscalationPolicy } from '../../../application/helpdesk/slaEscalation.js'
import { BookingContactDirectory } from '../../../application/notifications/contactDirectory.js'
import { slaWarningJobId } from '../../../application/notifications/helpdeskNotificationPolicy.js'
import { StaticStaffDirectory } from '../../../application/notifications/staffDirectory.js'
import { ReadModels } from '../../../application/readModels/readModels.js'
import { formatInstant } from '../../../domain/shared/localTime.js'
import { MemoryDocumentStore } from '../../../infrastructure/documents/memory/memoryDocumentStore.js'
import type { MemoryEventStore } from '../../../infrastructure/event-store/memory/memoryEventStore.js'
import type { NotificationWorker } from '../../../infrastructure/notify/notificationWorker.js'
import { waitUntil } from '../../contract/jobQueue/waitUntil.js'
import type { SmtpStandIn } from '../notify/support/smtpStandIn.js'
import { type BookingHistory, POINT } from './support/bookingHistory.js'
import type { RunningClock } from './support/runningClock.js'
import { openSlaTicket } from './support/slaTicket.js'
import { type SlaWorker, startSlaWorker } from './support/slaWorker.js'

const MIN = 60_000

describe('SLA warnings and escalations by e-mail (worker, escalation check, SMTP)', function () {
  this.timeout(60_000)
  let sla: SlaWorker
  let events: MemoryEventStore
  let catalogue: EventCatalogue
  let smtp: SmtpStandIn
  let worker: NotificationWorker
  let clock: RunningClock
  let history: BookingHistory

  before(async () => {
    sla = await startSlaWorker({
      contacts: new BookingContactDirectory([['c9', { email: 'c9@example.com', phone: null, locale: 'en' }]]),
      staff: new StaticStaffDirectory(
        {
          [POINT.pointId]: [{ accountId: 'm1', name: 'Marta Nowak', email: 'manager@lodz.example' }],
          elsewhere: [{ accountId: 'm2', name: 'Other', email: 'other@elsewhere.example' }],
        },
        [{ accountId: 'hq1', name: 'Centrala', email: 'hq@network.example' }],
      ),
    })
    ;({ events, catalogue, smtp, worker, clock, history } = sla)
  })

  after(() => sla?.stop())

  const mailsTo = (to: string) => smtp.received.filter((m) => m.to.includes(to))
  const recorded = (ticketId: string) => sla.recorded(ticketId)

  it('warns before the reaction deadline, escalates the breach to the manager then head office, each once', async () => {
    const ticketId = randomUUID()
    const opened = clock.now()
    await openSlaTicket(history, ticketId, opened)
    // Warnings placed 20 min before each deadline.
    await waitUntil(
      async () => (await worker.queue.get(slaWarningJobId('reaction', ticketId)))?.runAt === opened + 40 * MIN,
      'reaction warning placed',
    )
    assert.equal((await worker.queue.get(slaWarningJobId('resolution', ticketId)))?.runAt, opened + 460 * MIN)

    clock.jumpTo(opened + 41 * MIN)
    await waitUntil(async () => mailsTo('manager@lodz.example').length === 1, 'the warning')
    const warning = mailsTo('manager@lodz.example')[0]!
    assert.match(warning.subject, /^Ostrzeżenie SLA: pierwsza reakcja do .* - Wibracje po wymianie opon$/)
    assert.match(warning.text, /^Marta Nowak,/)
    assert.match(warning.text, /zostało 19 min/)
    assert.ok(warning.text.includes(`https://network.example/staff/tickets/${ticketId}`))

    // The breach: the escalation check records it, the worker e-mails the point's manager.
    const check = new SlaEscalationPolicy({
      store: events,
      catalogue,
      readModels: new ReadModels(new MemoryDocumentStore()),
      alerts: { send: async () => undefined },
      clock,
    })
    clock.jumpTo(opened + 61 * MIN)
    assert.deepEqual(await check.checkTicket(ticketId), [{ ticketId, target: 'reaction', level: 'point_manager' }])
    await waitUntil(async () => mailsTo('manager@lodz.example').length === 2, 'the escalation to the manager')
    const escalated = mailsTo('manager@lodz.example')[1]!
    assert.match(escalated.subject, /^Przekroczone SLA \(eskalacja do kierownika punktu\): Wibracje po wymianie opon$/)
    assert.equal(mailsTo('hq@network.example').length, 0, 'head office not yet')

    clock.jumpTo(opened + 121 * MIN)
    assert.deepEqual(await check.checkTicket(ticketId), [{ ticketId, target: 'reaction', level: 'head_office' }])
    await waitUntil(async () => mailsTo('hq@network.example').length === 1, 'the escalation to head office')
    assert.match(mailsTo('hq@network.example')[0]!.subject, /eskalacja do centrali/)
    // Checked again: nothing new is recorded, nothing sent again.
    assert.deepEqual(await check.checkTicket(ticketId), [])

    // Resolved: the pending resolution warning goes, the customer is asked to rate (1–6 stars).
    await history.append(`ticket-${ticketId}`, 'TicketResolved', {
      ticketId,
      by: { id: 'm1', role: 'service_point_manager' },
      at: formatInstant(clock.now()),
      resolution: 'Koła wyważone ponownie',
    })
    await waitUntil(async () => mailsTo('c9@example.com').length === 1, 'the rating request')
    assert.match(mailsTo('c9@example.com')[0]!.text, /rate our service from 1 to 6 stars/)
    await waitUntil(async () => (await worker.queue.get(slaWarningJobId('resolution', ticketId))) === null, 'removed')

    const sent = (await recorded(ticketId)).filter((e) => e.type === 'NotificationSent')
    assert.deepEqual(sent.map((e) => (e.data as { kind: string }).kind).sort(), [
      'sla_escalated',
      'sla_escalated',
      'sla_warning',
      'ticket_rating_request',
    ])
    assert.equal(mailsTo('other@elsewhere.example').length, 0)
    assert.equal(smtp.received.length, 4)
  })
})
