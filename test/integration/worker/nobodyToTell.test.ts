// Nobody to tell: a ticket under an SLA at a point with no manager, in a network with no head-office
// account. The warning and the escalation are due, but no e-mail can go anywhere: each is recorded
// once as NotificationUndeliverable (code NO_RECIPIENT, with the reason) on the ticket's notification
// stream, so the audit shows that nobody was told and why; nothing reaches the SMTP server.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import type { EventCatalogue } from '../../../application/eventLog/eventCatalogue.js'
import { SlaEscalationPolicy } from '../../../application/helpdesk/slaEscalation.js'
import { BookingContactDirectory } from '../../../application/notifications/contactDirectory.js'
import { NotificationDispatcher } from '../../../application/notifications/notificationDispatcher.js'
import { notificationStream } from '../../../application/notifications/notificationEvents.js'
import { StaticStaffDirectory } from '../../../application/notifications/staffDirectory.js'
import type { RecordedEvent } from '../../../application/ports/eventStore.js'
import { ReadModels } from '../../../application/readModels/readModels.js'
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

describe('nobody to tell: no manager of the point and no head office (worker, SMTP)', function () {
  this.timeout(60_000)
  let sla: SlaWorker
  let events: MemoryEventStore
  let catalogue: EventCatalogue
  let smtp: SmtpStandIn
  let worker: NotificationWorker
  let clock: RunningClock
  let history: BookingHistory
  let logged: string[]

  before(async () => {
    sla = await startSlaWorker({
      contacts: new BookingContactDirectory([]),
      // A manager elsewhere only: this point has none, and there is no head office.
      staff: new StaticStaffDirectory(
        { elsewhere: [{ accountId: 'm2', name: 'Other', email: 'other@elsewhere.example' }] },
        [],
      ),
    })
    ;({ events, catalogue, smtp, worker, clock, history, logged } = sla)
  })

  after(() => sla?.stop())

  const recorded = (ticketId: string) => sla.recorded(ticketId)

  it('records the warning and the escalation nobody could be given as NotificationUndeliverable, once each', async () => {
    const ticketId = randomUUID()
    const opened = clock.now()
    await openSlaTicket(history, ticketId, opened)
    const undeliverable = async () => (await recorded(ticketId)).filter((e) => e.type === 'NotificationUndeliverable')

    clock.jumpTo(opened + 41 * MIN)
    await waitUntil(async () => (await undeliverable()).length === 1, 'the warning recorded as undeliverable')
    const [warning] = await undeliverable()
    const w = warning!.data as Record<string, unknown>
    assert.equal(w.kind, 'sla_warning')
    assert.equal(w.code, 'NO_RECIPIENT')
    assert.equal(w.subjectType, 'ticket')
    assert.equal(w.subjectId, ticketId)
    assert.equal(w.customerId, null)
    assert.match(w.reason as string, new RegExp(`point ${POINT.pointId} has no manager and there is no head office`))

    const check = new SlaEscalationPolicy({
      store: events,
      catalogue,
      readModels: new ReadModels(new MemoryDocumentStore()),
      alerts: { send: async () => undefined },
      clock,
    })
    clock.jumpTo(opened + 61 * MIN)
    assert.deepEqual(await check.checkTicket(ticketId), [{ ticketId, target: 'reaction', level: 'point_manager' }])
    await waitUntil(async () => (await undeliverable()).length === 2, 'the escalation recorded as undeliverable')
    const escalation = (await undeliverable())[1]!
    const e = escalation.data as Record<string, unknown>
    assert.equal(e.kind, 'sla_escalated')
    assert.equal(e.code, 'NO_RECIPIENT')
    const ticketEvents: RecordedEvent[] = []
    for await (const t of events.readStream(`ticket-${ticketId}`)) ticketEvents.push(t)
    const escalatedEvent = ticketEvents.find((t) => t.type === 'TicketEscalated')
    assert.equal(e.causedByEventId, escalatedEvent?.metadata.eventId, 'about the TicketEscalated event')
    assert.equal(escalation.metadata.causationId, escalatedEvent?.metadata.eventId)

    clock.jumpTo(opened + 121 * MIN)
    assert.deepEqual(await check.checkTicket(ticketId), [{ ticketId, target: 'reaction', level: 'head_office' }])
    await waitUntil(async () => (await undeliverable()).length === 3, 'the head-office escalation recorded')
    assert.match(
      ((await undeliverable())[2]!.data as { reason: string }).reason,
      /level head_office: there is no head office account/,
    )

    // Nothing failed: the jobs did what they could (no failed job to retry), and nothing else was recorded.
    assert.equal((await worker.queue.counts()).failed, 0)
    assert.equal((await recorded(ticketId)).length, 3)
    assert.equal(smtp.received.length, 0, 'nothing sent to anyone')
    assert.ok(
      logged.some((line) => line.includes(`nothing sent about ticket ${ticketId} (sla_warning): nobody to tell`)),
    )
  })

  it('a job run again records nothing new: one NotificationUndeliverable per message', async () => {
    const subjectId = randomUUID()
    const dispatcher = new NotificationDispatcher({
      events,
      catalogue,
      sources: [
        {
          jobNames: ['test.nobody'],
          plan: async () => ({
            undeliverable: {
              kind: 'workorder_overdue',
              subject: { type: 'workorder', id: subjectId },
              baseId: `overdue-${subjectId}-1`,
              reason: 'nobody to tell: point p9 has no manager and there is no head office',
              causedByEventId: null,
              correlationId: `overdue-${subjectId}`,
            },
          }),
        },
      ],
      contacts: new BookingContactDirectory([]),
      notifiers: {},
      queue: worker.queue,
      clock,
      quietHours: { start: '00:00', end: '00:00' },
      log: () => undefined,
    })
    const job = { id: `overdue-${subjectId}`, name: 'test.nobody', payload: {}, attempt: 1, maxAttempts: 5 }
    await dispatcher.handle(job)
    await dispatcher.handle({ ...job, attempt: 2 })
    const out: RecordedEvent[] = []
    for await (const e of events.readStream(notificationStream({ type: 'workorder', id: subjectId }))) out.push(e)
    assert.deepEqual(
      out.map((e) => [
        e.type,
        (e.data as { kind: string }).kind,
        (e.data as { notificationId: string }).notificationId,
      ]),
      [['NotificationUndeliverable', 'workorder_overdue', `overdue-${subjectId}-1`]],
    )
  })
})
