// Work-order messages end to end: the repair API (listening on a loopback port) writes the order's
// events, the notification worker (embedded scheduler, its clock running from the API's fixed
// 08:00) turns them into e-mails to a local smtp-server, and the test follows the estimate's
// approval link against the running API as the customer would: no login, no code typed.
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import type { Server } from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { ManualClock } from '../../../application/leases/clock.js'
import { BookingContactDirectory } from '../../../application/notifications/contactDirectory.js'
import { notificationStream } from '../../../application/notifications/notificationEvents.js'
import { overdueJobId } from '../../../application/notifications/workOrderNotificationPolicy.js'
import type { RecordedEvent } from '../../../application/ports/eventStore.js'
import { eventCatalogue } from '../../../infrastructure/composition.js'
import { MemoryDocumentStore } from '../../../infrastructure/documents/memory/memoryDocumentStore.js'
import { SqliteJobQueue } from '../../../infrastructure/jobs/embedded/sqliteJobQueue.js'
import { JoseEstimateLinks } from '../../../infrastructure/notify/joseEstimateLinks.js'
import {
  composeNotificationWorker,
  type NotificationWorker,
} from '../../../infrastructure/notify/notificationWorker.js'
import { rebuildProjection } from '../../../projections/rebuild.js'
import { streamIndexProjection } from '../../../projections/streamIndex/streamIndexProjection.js'
import { waitUntil } from '../../contract/jobQueue/waitUntil.js'
import { SmtpStandIn } from '../notify/support/smtpStandIn.js'
import { type RepairFixture, repairFixture } from '../workOrders/support/repairFixture.js'
import { RunningClock } from './support/runningClock.js'
import { workerConfig } from './support/workerConfig.js'

const API_NOW = Date.parse('2026-11-26T08:00:00.000Z')
const SECRET = 'estimate-link-test-secret-long-enough-for-hs256'

describe('work-order notifications (API on a port, worker, SMTP)', function () {
  this.timeout(60_000)
  let dir: string
  let fx: RepairFixture
  let server: Server
  let baseUrl: string
  let smtp: SmtpStandIn
  let worker: NotificationWorker
  let queue: SqliteJobQueue
  let clock: RunningClock
  let logged: string[]

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'notify-workorders-'))
    const links = new JoseEstimateLinks(SECRET)
    fx = await repairFixture({ links })
    server = await new Promise<Server>((resolve) => {
      const s = fx.app.listen(0, '127.0.0.1', () => resolve(s))
    })
    const address = server.address()
    assert.ok(address && typeof address === 'object')
    baseUrl = `http://127.0.0.1:${address.port}`
    smtp = await new SmtpStandIn().start()
    clock = new RunningClock(API_NOW)
    queue = new SqliteJobQueue(path.join(dir, 'jobs.sqlite'), { lockMs: 5_000, clock })
    // The staff directory reads accounts through the stream index.
    const documents = new MemoryDocumentStore()
    await rebuildProjection({
      projection: streamIndexProjection,
      events: fx.store,
      documents,
      clock: new ManualClock(),
      retireDelayMs: 0,
    })
    const contacts = new BookingContactDirectory([['c1', { email: 'jan.c1@example.com', phone: null }]])
    logged = []
    worker = await composeNotificationWorker({
      events: fx.store,
      documents,
      catalogue: eventCatalogue(),
      config: workerConfig(smtp.port, { publicBaseUrl: baseUrl, ratingDelayMs: 0 }),
      redisUrl: null,
      dataDir: dir,
      contacts,
      estimateLinks: links,
      clock,
      queue,
      log: (line) => logged.push(line),
    })
    worker.start()
  })

  after(async () => {
    await worker?.stop()
    await smtp?.stop()
    await new Promise((resolve) => server?.close(resolve))
    await rm(dir, { recursive: true, force: true })
  })

  const go = async (workOrderId: string, step: string, body: object = {}) => {
    const res = await fx.send('employee_p1', 'post', `/work-orders/${workOrderId}${step}`, body)
    assert.equal(res.status, 200, `${step}: ${JSON.stringify(res.body)}`)
    return res.body
  }
  const mailsTo = (to: string, subject: RegExp) =>
    smtp.received.filter((m) => m.to.includes(to) && subject.test(m.subject))
  const recorded = async (workOrderId: string): Promise<RecordedEvent[]> => {
    const out: RecordedEvent[] = []
    for await (const e of fx.store.readStream(notificationStream({ type: 'workorder', id: workOrderId }))) out.push(e)
    return out
  }

  it('estimate link opens and answers the estimate without a login; status, overdue, ready and rating messages follow', async () => {
    const opened = await fx.openOrder('employee_p1', {})
    const workOrderId = opened.order.workOrderId
    const promisedAt = Date.parse('2026-11-26T15:00:00.000Z')
    await waitUntil(async () => (await queue.get(overdueJobId(workOrderId)))?.runAt === promisedAt, 'overdue job')

    await go(workOrderId, '/estimate/lines', { kind: 'service', serviceCode: 'TYRE_CHANGE' })
    await go(workOrderId, '/estimate/send', { channel: 'email', address: 'jan.c1@example.com' })
    await waitUntil(async () => mailsTo('jan.c1@example.com', /^Kosztorys/).length === 1, 'estimate e-mail')
    const mail = mailsTo('jan.c1@example.com', /^Kosztorys/)[0]!
    assert.match(mail.subject, /^Kosztorys dla DW1AB23 czeka na akceptację$/)
    assert.match(mail.text, /razem 147,60\szł/, mail.text) // 120 zł net + 23% VAT
    const link = /(http:\/\/127\.0\.0\.1:\d+\/#\/estimate\/\S+)/.exec(mail.text)?.[1]
    assert.ok(link, `a link in ${mail.text}`)
    // The portal's estimate page: the order and the signed token in the fragment (never sent to a server).
    const [, orderInLink, query] = /#\/estimate\/([^?]+)\?(.*)$/.exec(link) ?? []
    assert.equal(orderInLink, workOrderId)
    const token = new URLSearchParams(query).get('token') as string
    assert.match(token, /^[\w-]+\.[\w-]+\.[\w-]+$/)
    assert.ok(!link.includes(opened.trackingCode))

    // Followed as the page does: the running API shows the estimate for the token, no login, no code.
    const open = (presented: string) =>
      fetch(`${baseUrl}/tracking/${workOrderId}/estimate`, { headers: { 'X-Access-Code': presented } })
    const shown = await open(token)
    assert.equal(shown.status, 200)
    const estimate = (await shown.json()) as { open: boolean; lines: Array<{ lineId: string }>; revision: number }
    assert.equal(estimate.open, true)
    assert.deepEqual(
      estimate.lines.map((l) => l.lineId),
      ['svc:TYRE_CHANGE:1'],
    )
    // A token altered by one character opens nothing (and counts as a wrong try).
    const refused = await open(`${token.slice(0, -2)}${token.at(-2) === 'A' ? 'B' : 'A'}${token.slice(-1)}`)
    assert.equal(refused.status, 403)
    assert.equal(((await refused.json()) as { code: string }).code, 'ACCESS_CODE_INVALID')
    // The same token answers the estimate through the public decisions route.
    const answer = await fetch(`${baseUrl}/tracking/${workOrderId}/estimate/decisions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        code: token,
        revision: estimate.revision,
        decidedByName: 'Jan Kowalski',
        decisions: [{ lineId: 'svc:TYRE_CHANGE:1', decision: 'approved' }],
      }),
    })
    assert.equal(answer.status, 200, await answer.clone().text())
    assert.equal(((await answer.json()) as { status: string }).status, 'approved')
    const decided = (await fx.events()).find(
      (e) => e.streamId === `workorder-${workOrderId}` && e.type === 'EstimateLinesDecided',
    )
    assert.ok(decided, 'the answer is recorded')
    assert.equal((decided.data as { channel: string }).channel, 'link')

    await go(workOrderId, '/repair')
    await waitUntil(async () => mailsTo('jan.c1@example.com', /rozpoczęliśmy naprawę/).length === 1, 'repair started')

    // Past the promised 15:00 and still in repair: the point's manager is told, in Polish, once.
    clock.jumpTo(promisedAt + 25 * 60_000)
    await waitUntil(async () => mailsTo('manager.p1@network.example', /^Po terminie/).length === 1, 'overdue alert')
    const overdue = mailsTo('manager.p1@network.example', /^Po terminie/)[0]!
    assert.match(overdue.subject, /DW1AB23, obiecane na .*16:00/) // 15:00 UTC is 16:00 in Warsaw
    assert.match(overdue.text, /opóźnienie: 25 min \(status: W naprawie\)/)
    assert.equal(smtp.received.filter((m) => m.to.includes('manager.p2@network.example')).length, 0)

    await go(workOrderId, '/ready', { summary: 'Wymienione opony' })
    await waitUntil(async () => mailsTo('jan.c1@example.com', /do odbioru/).length === 1, 'ready e-mail')
    assert.match(mailsTo('jan.c1@example.com', /do odbioru/)[0]!.text, /ul\. Testowa 1, 50-001 Wrocław/)
    await waitUntil(async () => (await queue.get(overdueJobId(workOrderId))) === null, 'overdue job removed')

    await go(workOrderId, '/handover', { receivedBy: 'Jan Kowalski', mileageKm: 121_004 })
    await waitUntil(async () => mailsTo('jan.c1@example.com', /^Jak nam poszło/).length === 1, 'rating request')
    assert.ok(mailsTo('jan.c1@example.com', /^Jak nam poszło/)[0]!.text.includes(`${baseUrl}/#/track/${workOrderId}`))

    // Every message once, each recorded once on the order's notification stream.
    const sent = (await recorded(workOrderId)).filter((e) => e.type === 'NotificationSent')
    const kinds = sent.map((e) => (e.data as { kind: string }).kind).sort()
    assert.deepEqual(kinds, [
      'estimate_ready',
      'workorder_overdue',
      'workorder_rating_request',
      'workorder_ready',
      'workorder_status_changed',
    ])
    for (const e of sent) {
      assert.equal((e.data as { subjectType: string }).subjectType, 'workorder')
      assert.equal((e.data as { subjectId: string }).subjectId, workOrderId)
    }
    assert.equal(new Set(smtp.received.map((m) => m.notificationId)).size, smtp.received.length, 'no e-mail twice')
  })

  it("tells the customer of a point's own status by its display name (waiting_for_parts), once", async () => {
    // Same car after the first test's handover (121,004 km); no promise, so no overdue alert.
    const opened = await fx.openOrder('employee_p1', {
      intake: { customerDescription: 'Drgania przy 120 km/h', mileageKm: 121_500 },
      promisedAt: null,
    })
    const workOrderId = opened.order.workOrderId
    await go(workOrderId, '/diagnosis')
    await waitUntil(async () => (await recorded(workOrderId)).length === 1, 'diagnosis started message')
    await go(workOrderId, '/custom-status', { code: 'waiting_for_parts', note: null })
    await waitUntil(
      async () =>
        (await recorded(workOrderId)).some((e) => (e.data as { kind: string }).kind === 'workorder_custom_status'),
      'custom status message recorded',
    )
    const mails = mailsTo('jan.c1@example.com', /Czeka na części/)
    assert.equal(mails.length, 1)
    assert.match(mails[0]!.subject, /^DW1AB23: Czeka na części$/)
    assert.match(mails[0]!.text, /ma nowy status: Czeka na części\./)
    const statusEvent = (await recorded(workOrderId)).find(
      (e) => (e.data as { kind: string }).kind === 'workorder_custom_status',
    )
    assert.ok(statusEvent)
    assert.equal(statusEvent.type, 'NotificationSent')
    assert.equal((statusEvent.data as { channel: string }).channel, 'email')
  })
})
