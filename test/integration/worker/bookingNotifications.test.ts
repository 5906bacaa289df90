// The notification worker end to end in one process: booking events in the log → the reminder
// policy → jobs (embedded scheduler) → e-mail over SMTP to a local smtp-server and SMS through
// the twilio client to a local stand-in → NotificationSent/Failed/Withheld on the booking's
// notification stream.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { CustomerContactDirectory } from '../../../application/customers/customerContactDirectory.js'
import { CUSTOMERS, type CustomerDoc } from '../../../application/customers/customerViews.js'
import type { EventCatalogue } from '../../../application/eventLog/eventCatalogue.js'
import { deferredSmsJobId, reminderJobId } from '../../../application/notifications/bookingReminderPolicy.js'
import { BookingContactDirectory, type ContactDirectory } from '../../../application/notifications/contactDirectory.js'
import { notificationStream } from '../../../application/notifications/notificationEvents.js'
import type { Collection, Document } from '../../../application/ports/documentStore.js'
import type { RecordedEvent } from '../../../application/ports/eventStore.js'
import { eventCatalogue } from '../../../infrastructure/composition.js'
import { MemoryDocumentStore } from '../../../infrastructure/documents/memory/memoryDocumentStore.js'
import { MemoryEventStore } from '../../../infrastructure/event-store/memory/memoryEventStore.js'
import type { NotificationConfig } from '../../../infrastructure/notify/notificationConfig.js'
import {
  composeNotificationWorker,
  type NotificationWorker,
} from '../../../infrastructure/notify/notificationWorker.js'
import { waitUntil } from '../../contract/jobQueue/waitUntil.js'
import { SmtpStandIn } from '../notify/support/smtpStandIn.js'
import { TwilioStandIn } from '../notify/support/twilioStandIn.js'
import { BookingHistory, POINT } from './support/bookingHistory.js'
import { workerConfig } from './support/workerConfig.js'

const HOUR = 3600_000
const DAY = 24 * HOUR

describe('booking notifications worker (in process, embedded scheduler)', function () {
  this.timeout(60_000)
  let dir: string
  let events: MemoryEventStore
  let catalogue: EventCatalogue
  let smtp: SmtpStandIn
  let sms: TwilioStandIn
  let worker: NotificationWorker
  let history: BookingHistory
  let logged: string[]
  let contacts: BookingContactDirectory
  let directory: ContactDirectory | null

  async function startWorker(overrides: Partial<NotificationConfig> = {}): Promise<void> {
    const config = workerConfig(smtp.port, {
      sms: { accountSid: `AC${'1'.repeat(32)}`, authToken: 'token', from: '+48500000000', apiBaseUrl: sms.baseUrl },
      reminders: [
        { kind: '24h', beforeMinutes: 24 * 60 },
        { kind: '2h', beforeMinutes: 120 },
      ],
      publicBaseUrl: 'https://book.example',
      concurrency: 4,
      ...overrides,
    })
    worker = await composeNotificationWorker({
      events,
      documents: new MemoryDocumentStore(),
      catalogue,
      config,
      redisUrl: null,
      dataDir: dir,
      contacts: directory ?? contacts,
      log: (line) => logged.push(line),
    })
    worker.start()
  }

  async function notifications(bookingId: string): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = []
    for await (const e of events.readStream(notificationStream({ type: 'booking', id: bookingId }))) out.push(e)
    return out
  }

  const dataOf = (e: RecordedEvent) => e.data as Record<string, unknown>

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'notify-worker-'))
    events = new MemoryEventStore()
    catalogue = eventCatalogue()
    smtp = await new SmtpStandIn().start()
    sms = await new TwilioStandIn().start()
    history = new BookingHistory(events, catalogue)
    logged = []
    contacts = new BookingContactDirectory()
    directory = null
    await history.point()
  })

  afterEach(async () => {
    await worker.stop()
    await smtp.stop()
    await sms.stop()
    await rm(dir, { recursive: true, force: true })
  })

  it('confirms a booking by e-mail and SMS in Polish, records both, and schedules its reminders', async () => {
    await startWorker()
    const bookingId = randomUUID()
    // 10:00 Warsaw time in three days, whatever the season.
    const start = Date.now() + 3 * DAY
    const position = await history.book(bookingId, start)
    await worker.subscriber.waitForCheckpoint(position)
    await waitUntil(async () => (await notifications(bookingId)).length === 2, 'two NotificationSent')

    assert.equal(smtp.received.length, 1)
    const mail = smtp.received[0]!
    assert.deepEqual(mail.to, [`jan.${bookingId}@example.com`])
    assert.match(mail.subject, /^Potwierdzenie wizyty: .*Opony Łódź Północ$/)
    assert.ok(mail.text.includes('ul. Zgierska 12, 91-002 Łódź'))
    assert.ok(mail.text.includes(`https://book.example/#/booking/${bookingId}`))
    const localTime = new Intl.DateTimeFormat('pl-PL', {
      timeZone: POINT.timeZone,
      hour: '2-digit',
      minute: '2-digit',
    }).format(start)
    assert.ok(mail.text.includes(localTime), `local time ${localTime} in ${mail.text}`)

    assert.equal(sms.requests.length, 1)
    assert.equal(
      sms.requests[0]!.form.To,
      '+48600100200',
      'the booking’s local number, in E.164 by the point’s country',
    )
    assert.match(sms.requests[0]!.form.Body ?? '', /potwierdzamy wizytę EL12345/)

    const recorded = await notifications(bookingId)
    assert.deepEqual(recorded.map((e) => [e.type, dataOf(e).channel]).sort(), [
      ['NotificationSent', 'email'],
      ['NotificationSent', 'sms'],
    ])
    for (const e of recorded) {
      assert.equal(dataOf(e).kind, 'booking_confirmed')
      assert.equal(dataOf(e).locale, 'pl')
      assert.equal(e.metadata.actor.role, 'system')
      assert.equal(e.metadata.causationId, dataOf(e).causedByEventId)
    }
    for (const kind of ['24h', '2h']) {
      const job = await worker.queue.get(reminderJobId(kind, bookingId))
      assert.equal(job?.state, 'delayed', kind)
      assert.equal(job?.runAt, start - (kind === '24h' ? DAY : 2 * HOUR))
    }
  })

  it('moves the reminders when the booking is rescheduled and removes them when it is cancelled', async () => {
    await startWorker()
    const bookingId = randomUUID()
    const first = Date.now() + 3 * DAY
    const second = first + 2 * DAY
    await history.book(bookingId, first)
    const moved = await history.reschedule(bookingId, first, second)
    await worker.subscriber.waitForCheckpoint(moved)
    await waitUntil(() => smtp.received.some((m) => m.subject.startsWith('Zmiana terminu')), 'change e-mail')
    assert.equal((await worker.queue.get(reminderJobId('24h', bookingId)))?.runAt, second - DAY)
    assert.equal((await worker.queue.get(reminderJobId('2h', bookingId)))?.runAt, second - 2 * HOUR)
    const change = smtp.received.find((m) => m.subject.startsWith('Zmiana terminu'))!
    const format = (ms: number) =>
      new Intl.DateTimeFormat('pl-PL', { timeZone: POINT.timeZone, day: 'numeric', month: 'long' }).format(ms)
    assert.ok(change.text.includes(format(first)) && change.text.includes(format(second)), change.text)

    const cancelled = await history.cancel(bookingId)
    await worker.subscriber.waitForCheckpoint(cancelled)
    assert.equal(await worker.queue.get(reminderJobId('24h', bookingId)), null)
    assert.equal(await worker.queue.get(reminderJobId('2h', bookingId)), null)
    await waitUntil(() => smtp.received.some((m) => m.subject.startsWith('Odwołanie wizyty')), 'cancellation e-mail')
    assert.equal((await worker.queue.counts()).delayed, 0, 'no reminder left for a cancelled booking')
  })

  it('sends a reminder when it falls due, once, and not for a time the booking no longer has', async () => {
    // A reminder 2 h before a visit starting 2 h and 1.5 s from now is due in 1.5 s.
    await startWorker({ reminders: [{ kind: '2h', beforeMinutes: 120 }] })
    const bookingId = randomUUID()
    await history.book(bookingId, Date.now() + 2 * HOUR + 1_500)
    await waitUntil(() => smtp.received.some((m) => m.subject.startsWith('Przypomnienie')), 'reminder e-mail')
    await waitUntil(async () => (await worker.queue.get(reminderJobId('2h', bookingId)))?.state === 'completed', 'done')
    const reminders = smtp.received.filter((m) => m.subject.startsWith('Przypomnienie'))
    assert.equal(reminders.length, 1)
    assert.match(reminders[0]!.notificationId, new RegExp(`^reminder-2h-${bookingId}-\\d+-email$`))
    assert.equal(sms.requests.filter((r) => /^Przypomnienie/.test(r.form.Body ?? '')).length, 1)
  })

  it('honours the reminders consent: the confirmation goes (a service update), the reminder only where consented', async () => {
    // Registered customers, read through the customers read model as the worker does in production.
    const customer = (id: string, consents: CustomerDoc['consents']): CustomerDoc => ({
      _id: id,
      status: 'active',
      customerId: id,
      party: { kind: 'individual', firstName: 'Jan', lastName: 'Kowalski' },
      contacts: { email: `${id}@example.com`, phone: '+48600200300' },
      preferences: { preferredChannel: 'email', language: 'pl' },
      consents,
      addresses: {},
      kind: 'individual',
      displayName: 'Jan Kowalski',
      searchText: 'jan kowalski',
      registeredAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    })
    const refused = randomUUID()
    const agreed = randomUUID()
    const at = '2026-01-01T00:00:00.000Z'
    const docs = new MemoryDocumentStore()
    const collection = docs.collection<CustomerDoc>('customers-test')
    await collection.insertMany([
      // Withdrawn for e-mail, never given for SMS.
      customer(`customer-${refused}`, { 'reminders:email': { granted: false, at, source: 'unsubscribe_link' } }),
      customer(`customer-${agreed}`, { 'reminders:email': { granted: true, at, source: 'customer_portal' } }),
    ])
    directory = new CustomerContactDirectory({
      collection: async <T extends Document>(projection: string, logical: string) => {
        assert.deepEqual([projection, logical], [CUSTOMERS.projection, CUSTOMERS.customers])
        return collection as unknown as Collection<T>
      },
    })
    await startWorker({ reminders: [{ kind: '2h', beforeMinutes: 120 }] })
    await history.book(refused, Date.now() + 2 * HOUR + 1_500)
    await history.book(agreed, Date.now() + 2 * HOUR + 1_500)
    const done = async (bookingId: string) =>
      (await worker.queue.get(reminderJobId('2h', bookingId)))?.state === 'completed'
    await waitUntil(async () => (await done(refused)) && (await done(agreed)), 'both reminders handled')

    const to = (id: string) => smtp.received.filter((m) => m.to.includes(`customer-${id}@example.com`))
    assert.deepEqual(
      to(refused).map((m) => m.subject.split(':')[0]),
      ['Potwierdzenie wizyty'],
      'the confirmation needs no consent; the reminder is not sent',
    )
    assert.deepEqual(
      to(agreed)
        .map((m) => m.subject.split(':')[0])
        .sort(),
      ['Potwierdzenie wizyty', 'Przypomnienie o wizycie'],
    )
    assert.equal(
      sms.requests.filter((r) => /^Przypomnienie/.test(r.form.Body ?? '')).length,
      0,
      'nobody consented to reminders by SMS (the confirmations went by SMS too)',
    )
    const withheld = (await notifications(refused)).find((e) => e.type === 'NotificationWithheld')
    assert.equal(dataOf(withheld!).kind, 'booking_reminder')
    assert.equal(dataOf(withheld!).code, 'NO_CONSENT')
    assert.equal(dataOf(withheld!).reason, 'no consent to reminders by email or sms')
    assert.ok(logged.some((l) => l.includes(`nothing sent about booking ${refused} (booking_reminder)`)))
  })

  it('refuses an invalid e-mail address (recorded, job kept as failed) but still texts; no consent withholds', async () => {
    await startWorker()
    const bad = randomUUID()
    await history.book(bad, Date.now() + 3 * DAY, { email: 'jan.kowalski@' })
    await waitUntil(async () => (await worker.queue.counts()).failed === 1, 'the job failed for good')
    const recorded = await notifications(bad)
    const failed = recorded.find((e) => e.type === 'NotificationFailed')
    assert.equal(dataOf(failed!).code, 'INVALID_RECIPIENT')
    assert.match(String(dataOf(failed!).reason), /invalid e-mail address "jan.kowalski@"/)
    assert.ok(recorded.some((e) => e.type === 'NotificationSent' && dataOf(e).channel === 'sms'))
    assert.equal(smtp.connections, 0, 'nothing reached the SMTP server')
    const [job] = await worker.queue.failed()
    assert.match(job?.failedReason ?? '', /delivery failed for good on email/)

    const quiet = randomUUID()
    contacts.set(`customer-${quiet}`, { consents: { email: false, sms: false } })
    const position = await history.book(quiet, Date.now() + 3 * DAY)
    await worker.subscriber.waitForCheckpoint(position)
    await waitUntil(async () => (await notifications(quiet)).length === 1, 'NotificationWithheld')
    const [withheld] = await notifications(quiet)
    assert.equal(withheld?.type, 'NotificationWithheld')
    assert.equal(dataOf(withheld!).code, 'NO_CONSENT')
    assert.ok(
      logged.some((l) =>
        l.includes(
          `nothing sent about booking ${quiet} (booking_confirmed): no consent to service_updates by email or sms`,
        ),
      ),
    )
  })

  it('holds an SMS back until quiet hours end at the point, while the e-mail goes at once', async () => {
    // Quiet hours from an hour ago to an hour from now, at the point's wall clock.
    const wall = (ms: number) =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone: POINT.timeZone,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(ms)
    const end = wall(Date.now() + HOUR)
    await startWorker({ quietHours: { start: wall(Date.now() - HOUR), end } })
    const bookingId = randomUUID()
    const position = await history.book(bookingId, Date.now() + 3 * DAY)
    await worker.subscriber.waitForCheckpoint(position)
    await waitUntil(() => smtp.received.length === 1, 'the e-mail')
    await waitUntil(async () => logged.some((l) => l.includes('SMS held back by quiet hours')), 'deferral logged')
    const recorded = await notifications(bookingId)
    const eventId = dataOf(recorded[0]!).causedByEventId as string
    const deferred = await worker.queue.get(deferredSmsJobId(`msg-${eventId}`))
    assert.equal(deferred?.state, 'delayed')
    assert.equal(wall(deferred!.runAt), end)
    assert.ok(deferred!.runAt > Date.now() + 30 * 60_000)
    assert.equal(sms.requests.length, 0)
  })

  it('replaying the log from the start (checkpoint lost) sends nothing twice', async () => {
    await startWorker()
    const bookingId = randomUUID()
    await history.book(bookingId, Date.now() + 3 * DAY)
    await waitUntil(async () => (await notifications(bookingId)).length === 2, 'sent')
    await worker.stop()
    // A fresh document store: no checkpoint, so the new worker reads every event again.
    await startWorker()
    const marker = randomUUID()
    const position = await history.book(marker, Date.now() + 3 * DAY)
    await worker.subscriber.waitForCheckpoint(position)
    await waitUntil(async () => (await notifications(marker)).length === 2, 'marker sent')
    assert.equal(smtp.countOf(`msg-${dataOf((await notifications(bookingId))[0]!).causedByEventId}-email`), 1)
    assert.equal(smtp.received.length, 2)
    assert.equal(sms.requests.length, 2)
  })
})
