// The messages about an order or a booking in its audit: the notification worker records them on a
// stream of their own (notification-workorder-<id>, notification-<bookingId>), and the audit of the
// order (`npm run audit`, GET /audit/streams/…/history through AuditService, the audit report PDF)
// shows them beside the order's events in log order, marked, with each stream's chain verified on
// its own: a notification event edited with raw SQL breaks the notification chain, not the order's.
// The notification events are written by the real NotificationDispatcher (outbox e-mail channel).
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import request from 'supertest'
import { auditModule } from '../../../api/audit/auditRoutes.js'
import { runAuditCli } from '../../../application/audit/auditCli.js'
import { AuditService } from '../../../application/audit/streamAudit.js'
import { auditReportLayout } from '../../../application/documents/auditReportLayout.js'
import { initialDocumentTemplateState } from '../../../application/documents/templateDecider.js'
import { ManualClock } from '../../../application/leases/clock.js'
import { BookingContactDirectory } from '../../../application/notifications/contactDirectory.js'
import { messageOf } from '../../../application/notifications/messageTemplates.js'
import { NotificationDispatcher } from '../../../application/notifications/notificationDispatcher.js'
import type { JobQueue } from '../../../application/ports/jobQueue.js'
import { workOrderDecider } from '../../../domain/work-order/workOrderDecider.js'
import { embeddedFiles, eventCatalogue } from '../../../infrastructure/composition.js'
import { SqliteEventStore } from '../../../infrastructure/event-store/sqlite/sqliteEventStore.js'
import { OutboxNotifier } from '../../../infrastructure/notify/outbox/outboxNotifier.js'
import { PdfLibRenderer } from '../../../infrastructure/pdf/pdfLibRenderer.js'
import { completeOrder, Recorder, receiveParts, registerCar } from '../../unit/audit/support/workshop.js'
import { type Cast, testApi } from '../api/support/testApi.js'
import { BookingHistory } from '../worker/support/bookingHistory.js'

const exec = promisify(execFile)
const BOOKING = 'bk-aud-1'

describe('notifications in the audit of an order and of a booking', function () {
  this.timeout(60_000)
  let dir: string
  const catalogue = eventCatalogue()

  /** The real dispatcher, planning one message about `subject` (or none to be had), on the outbox channel. */
  function dispatcher(store: SqliteEventStore): NotificationDispatcher {
    return new NotificationDispatcher({
      events: store,
      catalogue,
      sources: [
        {
          jobNames: ['test.ready', 'test.booking', 'test.nobody'],
          plan: async (job) => {
            const p = job.payload as { subjectType: string; subjectId: string }
            if (job.name === 'test.nobody')
              return {
                undeliverable: {
                  kind: 'workorder_overdue',
                  subject: { type: p.subjectType, id: p.subjectId },
                  baseId: job.id,
                  reason: 'nobody to tell: point p1 has no manager and there is no head office',
                  causedByEventId: null,
                  correlationId: job.id,
                },
              }
            return [
              {
                message:
                  job.name === 'test.ready'
                    ? messageOf('workorder_ready', ({ name }) => ({
                        customerName: name,
                        pointName: 'Opony Łódź',
                        pointAddress: 'ul. Testowa 1, 50-001 Wrocław',
                        equipment: 'EL12345',
                        summary: null,
                      }))
                    : messageOf('booking_confirmed', ({ name }) => ({
                        customerName: name,
                        pointName: 'Opony Łódź',
                        pointAddress: 'ul. Testowa 1',
                        when: 'jutro 10:00',
                        previousWhen: null,
                        plate: 'EL12345',
                        manageLink: 'https://book.example/b',
                      })),
                subject: { type: p.subjectType, id: p.subjectId },
                recipient: {
                  type: 'customer',
                  customer: { customerId: 'c1', fleetId: null, name: 'Jan', email: null, phone: null },
                },
                point: null,
                baseId: job.id,
                causedByEventId: null,
                correlationId: job.id,
              },
            ]
          },
        },
      ],
      contacts: new BookingContactDirectory([['c1', { email: 'jan@example.com', phone: null, locale: 'pl' }]]),
      notifiers: { email: new OutboxNotifier('email', path.join(dir, 'outbox-email.jsonl')) },
      queue: null as unknown as JobQueue,
      clock: new ManualClock(Date.parse('2026-11-26T08:00:00.000Z')),
      quietHours: { start: '00:00', end: '00:00' },
      log: () => undefined,
    })
  }

  const job = (id: string, name: string, subjectType: string, subjectId: string) => ({
    id,
    name,
    payload: { subjectType, subjectId },
    attempt: 1,
    maxAttempts: 1,
  })

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'audit-notifications-'))
    const store = new SqliteEventStore(embeddedFiles(dir).events)
    const r = new Recorder(store, catalogue)
    await registerCar(r, { equipmentId: 'eq-1' })
    await receiveParts(r)
    await completeOrder(r, { workOrderId: 'wo-1', equipmentId: 'eq-1', mileageKm: 120_000 })
    const d = dispatcher(store)
    await d.handle(job('womsg-ready-1', 'test.ready', 'workorder', 'wo-1'))
    await d.handle(job('overdue-wo-1-1', 'test.nobody', 'workorder', 'wo-1'))
    await d.handle(job('overdue-wo-1-1', 'test.nobody', 'workorder', 'wo-1')) // a re-run records nothing new
    const bookings = new BookingHistory(store, catalogue)
    await bookings.point()
    // Booked, told, moved, told again: the audit interleaves the messages by log position.
    await bookings.book(BOOKING, Date.parse('2026-11-28T09:00:00.000Z'))
    await d.handle(job(`msg-${BOOKING}-1`, 'test.booking', 'booking', BOOKING))
    await bookings.reschedule(BOOKING, Date.parse('2026-11-28T09:00:00.000Z'), Date.parse('2026-11-29T09:00:00.000Z'))
    await d.handle(job(`msg-${BOOKING}-2`, 'test.booking', 'booking', BOOKING))
    await store.close()
  })

  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  async function audit(...args: string[]): Promise<{ code: number; out: string[] }> {
    const store = new SqliteEventStore(embeddedFiles(dir).events)
    const out: string[] = []
    try {
      const code = await runAuditCli(args, { store, catalogue }, { out: (l) => out.push(l), err: (l) => out.push(l) })
      return { code, out }
    } finally {
      await store.close()
    }
  }

  it('npm run audit <orderId>: the order’s events and the messages about it, in log order, marked, both chains verified', async () => {
    const { code, out } = await audit('wo-1', '--verify')
    assert.equal(code, 0, out.join('\n'))
    assert.match(
      out[0] as string,
      /^== history of workorder-wo-1 \(\d+ events, .*\) with 2 notification events from notification-workorder-wo-1 \(marked ✉\), in log order ==$/,
    )
    const marked = out.filter((l) => l.startsWith('✉ notification'))
    assert.equal(marked.length, 2)
    assert.match(
      marked[0] as string,
      /^✉ notification #0 .* system \(system\) {2}NotificationSent .*\[notification-workorder-wo-1\]$/,
    )
    assert.match(
      marked[1] as string,
      /^✉ notification #1 .* NotificationUndeliverable .*\[notification-workorder-wo-1\]$/,
    )
    // Log order: every line's position is after the previous one's.
    const positions = out.filter((l) => / {2}pos \d+ {2}/.test(l)).map((l) => Number(/ {2}pos (\d+) {2}/.exec(l)?.[1]))
    assert.deepEqual(
      positions,
      [...positions].sort((a, b) => a - b),
    )
    assert.ok(out.some((l) => l.includes('"kind":"workorder_ready"') && l.includes('"to":"jan@example.com"')))
    assert.ok(out.some((l) => l.includes('"code":"NO_RECIPIENT"') && l.includes('nobody to tell')))
    assert.ok(out.some((l) => /^OK: \d+ events verified; head hash [0-9a-f]{64}$/.test(l)))
    assert.ok(out.some((l) => /^notification-workorder-wo-1: OK: 2 events verified; head hash [0-9a-f]{64}$/.test(l)))
  })

  it('the history of a booking interleaves its messages by log position; paging hands out every message once', async () => {
    const { code, out } = await audit(`booking-${BOOKING}`, '--verify')
    assert.equal(code, 0, out.join('\n'))
    assert.match(out[0] as string, /with 2 notification events from notification-bk-aud-1 \(marked ✉\)/)
    const kinds = out
      .filter((l) => / {2}pos \d+ {2}/.test(l))
      .map((l) => (l.startsWith('✉') ? 'message' : (/ {2}(Booking\w+) {2}/.exec(l)?.[1] ?? 'other')))
    const firstMessage = kinds.indexOf('message')
    assert.ok(firstMessage > 0 && kinds.indexOf('BookingRescheduled') > firstMessage, kinds.join(', '))
    assert.equal(kinds.at(-1), 'message', kinds.join(', '))
    assert.ok(out.some((l) => l.includes('"kind":"booking_confirmed"')))
    assert.ok(out.some((l) => /^notification-bk-aud-1: OK: 2 events verified/.test(l)))

    const store = new SqliteEventStore(embeddedFiles(dir).events)
    try {
      const service = new AuditService(store, catalogue)
      const streamId = `booking-${BOOKING}`
      const whole = await service.history(null, streamId)
      assert.ok(whole._tag === 'Right')
      assert.equal(whole.right.notifications?.total, 2)
      const seen: string[] = []
      for (let from: number | null = 0; from !== null; ) {
        const page = await service.history(null, streamId, { fromRevision: from, limit: 1 })
        assert.ok(page._tag === 'Right')
        const last = page.right.events.at(-1)!
        for (const e of page.right.notifications?.events ?? []) {
          seen.push(e.eventId)
          if (page.right.nextRevision !== null) assert.ok(e.position < last.position, 'before the page’s last event')
        }
        from = page.right.nextRevision
      }
      assert.deepEqual(
        seen,
        whole.right.notifications?.events.map((e) => e.eventId),
      )
      // A notification stream has no trail of its own.
      const itself = await service.history(null, 'notification-workorder-wo-1')
      assert.ok(itself._tag === 'Right')
      assert.equal(itself.right.notifications, null)
    } finally {
      await store.close()
    }
  })

  it('the audit report PDF lists the messages and the notification chain’s verdict', async () => {
    const store = new SqliteEventStore(embeddedFiles(dir).events)
    let pdf: Uint8Array
    try {
      const inspected = await new AuditService(store, catalogue).inspect(null, 'workorder-wo-1')
      assert.ok(inspected._tag === 'Right')
      const { history, chain } = inspected.right
      pdf = await new PdfLibRenderer().render(
        auditReportLayout({
          order: { ...workOrderDecider.initialState, workOrderId: 'wo-1' },
          closing: null,
          equipment: null,
          template: initialDocumentTemplateState,
          logo: null,
          locale: 'en',
          timeZone: 'Europe/Warsaw',
          history,
          chain,
          state: null,
          generatedAt: '2026-11-26T09:00:00.000Z',
        }),
      )
    } finally {
      await store.close()
    }
    const file = path.join(dir, 'report.pdf')
    await writeFile(file, pdf)
    await exec('pdftotext', ['-layout', file, `${file}.txt`])
    const text = (await readFile(`${file}.txt`, 'utf8')).replace(/\s+/g, ' ')
    assert.match(text, /Notifications to the customer and staff \(own stream, own chain\): notification-workorder-wo-1/)
    assert.match(text, /NotificationSent .*workorder_ready · email · jan@example\.com/)
    assert.match(text, /NotificationUndeliverable .*workorder_overdue · NO_RECIPIENT: nobody to tell/)
    assert.match(text, /Chain intact: 2 \/ 2/)
  })

  it('GET /audit/streams/{id}/history carries the messages, to those who may audit the order only', async () => {
    const store = new SqliteEventStore(embeddedFiles(dir).events)
    try {
      const api = await testApi({ modules: [auditModule(new AuditService(store, catalogue), null)] })
      const get = (who: Cast) =>
        request(api.app).get('/audit/streams/workorder-wo-1/history').set('Authorization', api.bearer(who))
      for (const who of ['head_office', 'manager_p1'] as const) {
        const res = await get(who)
        assert.equal(res.status, 200, JSON.stringify(res.body))
        assert.equal(res.body.notifications.streamId, 'notification-workorder-wo-1')
        assert.equal(res.body.notifications.total, 2)
        assert.deepEqual(
          res.body.notifications.events.map((e: { type: string }) => e.type),
          ['NotificationSent', 'NotificationUndeliverable'],
        )
        assert.equal(res.body.notifications.chain.ok, true)
        assert.ok(res.body.notifications.events[0].position > res.body.events.at(-1).position, 'after the order')
      }
      const other = await get('manager_p2')
      assert.equal(other.status, 403)
      assert.equal(other.body.notifications, undefined)
    } finally {
      await store.close()
    }
  })

  it('a notification event edited with raw SQL breaks the notification chain only, and the CLI exits 1', async () => {
    const db = new Database(embeddedFiles(dir).events)
    try {
      const row = db
        .prepare("SELECT position, data FROM events WHERE stream_id = 'notification-workorder-wo-1' AND revision = 0")
        .get() as { position: number; data: string }
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(
        row.data.replace('jan@example.com', 'someone@else.example'),
        row.position,
      )
    } finally {
      db.close()
    }
    const { code, out } = await audit('wo-1', '--verify')
    assert.equal(code, 1)
    assert.ok(
      out.some((l) => /^OK: \d+ events verified/.test(l)),
      'the order’s own chain still holds',
    )
    assert.ok(
      out.some((l) => /^notification-workorder-wo-1: BROKEN at revision 0 .*NotificationSent/.test(l)),
      out.join('\n'),
    )
  })
})
