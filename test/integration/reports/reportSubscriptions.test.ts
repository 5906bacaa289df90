// Scheduled report e-mails: subscribing over the API by role (and who may see and end which
// subscription), then the schedule run through the JobQueue port — the embedded scheduler with a
// moved clock, and BullMQ on a real Redis — sending each period's report once, as a CSV attachment,
// in a real SMTP conversation with a local smtp-server, recorded as ReportEmailed; a restart (or a
// queue that lost its jobs) does not send a period twice.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { isLeft } from 'fp-ts/lib/Either.js'
import request from 'supertest'
import { reportsModule } from '../../../api/reports/reportRoutes.js'
import { reportSubscriptionsModule } from '../../../api/reports/subscriptionRoutes.js'
import { EventCatalogue } from '../../../application/eventLog/eventCatalogue.js'
import { ManualClock } from '../../../application/leases/clock.js'
import { PointFactsFromLog } from '../../../application/notifications/pointFacts.js'
import type { JobQueue } from '../../../application/ports/jobQueue.js'
import { tableToCsv } from '../../../application/reports/csv.js'
import { mailStream } from '../../../application/reports/reportEvents.js'
import { nextPeriod, periodContaining, sendTimeOf } from '../../../application/reports/reportPeriods.js'
import {
  REPORT_MAIL_JOB,
  ReportSubscriptions,
  reportMailJobId,
} from '../../../application/reports/reportSubscriptions.js'
import { localToInstant, toLocal } from '../../../domain/shared/localTime.js'
import { MemoryDocumentStore } from '../../../infrastructure/documents/memory/memoryDocumentStore.js'
import { BullmqJobQueue } from '../../../infrastructure/jobs/bullmq/bullmqJobQueue.js'
import { SqliteJobQueue } from '../../../infrastructure/jobs/embedded/sqliteJobQueue.js'
import { SmtpEmailNotifier } from '../../../infrastructure/notify/email/smtpEmailNotifier.js'
import { PdfLibRenderer } from '../../../infrastructure/pdf/pdfLibRenderer.js'
import { ReportFileWriter } from '../../../infrastructure/reportOutputs/reportFileWriter.js'
import {
  composeReportMailWorker,
  REPORT_MAIL_QUEUE,
  type ReportMailWorker,
} from '../../../infrastructure/reports/reportMailWorker.js'
import { knownEventDefinitions } from '../../../projections/reports/reportLanguage.js'
import { type ReportPlatform, reportPlatform } from '../../../projections/reports/reportPlatform.js'
import { redisUnavailable, testPrefix, testRedisUrl } from '../../contract/jobQueue/redisForTests.js'
import { accessFixture, allEvents, meta } from '../../unit/access/support/accessFixture.js'
import { pdfText } from '../../unit/pdf/pdfTools.js'
import type { NetworkLog } from '../../unit/projections/serviceNetwork/support/networkLog.js'
import { waitUntil } from '../../unit/projections/support/waitUntil.js'
import { type Cast, type TestApi, testApi } from '../api/support/testApi.js'
import { SmtpStandIn } from '../notify/support/smtpStandIn.js'
import { freePort, OwnRedisServer, redisServerPath } from '../worker/support/redisServer.js'
import { attachmentsOf, textPartOf } from './support/mailAttachments.js'
import { reportNetwork } from './support/reportsFixture.js'

const catalogue = new EventCatalogue(knownEventDefinitions)
const HQ_ZONE = 'UTC'

interface Setup {
  readonly log: NetworkLog
  readonly reports: ReportPlatform
  /** The local date (Europe/Warsaw) the history's bookings were made on. */
  readonly day: string
}

async function setup(): Promise<Setup> {
  const log = await reportNetwork()
  const reports = await reportPlatform({
    events: log.events,
    documents: new MemoryDocumentStore(),
    catalogue,
    customDir: null,
    tuning: { idleFlushMs: 1, retireDelayMs: 0, leaseRetryMs: 20, retryDelayMs: 20 },
    pollEveryMs: 50,
  })
  reports.runtime.start()
  const head = await log.events.headPosition()
  for (const info of await reports.runtime.known()) await reports.runtime.runner(info.name)?.waitForCheckpoint(head)
  const first = (await allEvents(log.events)).find((e) => e.type === 'BookingRequested')
  assert.ok(first)
  return { log, reports, day: toLocal('Europe/Warsaw', Date.parse(first.metadata.occurredAt)).date }
}

describe('scheduled report e-mails: subscriptions over the API', function () {
  this.timeout(30_000)
  let s: Setup
  let api: TestApi
  const get = (path: string, who: Cast) => request(api.app).get(path).set('Authorization', api.bearer(who))
  const post = (path: string, who: Cast, body: object) =>
    request(api.app).post(path).set('Authorization', api.bearer(who)).send(body)
  const del = (path: string, who: Cast) => request(api.app).delete(path).set('Authorization', api.bearer(who))

  before(async () => {
    s = await setup()
    const points = new PointFactsFromLog(s.log.events)
    const subscriptions = new ReportSubscriptions({
      store: s.log.events,
      catalogue,
      reports: s.reports.service,
      pointTimeZone: async (pointId) => (await points.pointFacts(pointId))?.timeZone ?? null,
      headOfficeTimeZone: HQ_ZONE,
      clock: new ManualClock(Date.parse('2026-11-26T08:00:00.000Z')),
    })
    api = await testApi({
      fixture: accessFixture({ store: s.log.events }),
      modules: [reportsModule(s.reports.service), reportSubscriptionsModule(subscriptions)],
    })
  })
  after(async () => {
    await s.reports.runtime.stop()
  })

  it('documents the subscription routes in /openapi.json', async () => {
    const doc = await request(api.app).get('/openapi.json')
    assert.ok(doc.body.paths['/reports/subscriptions'].post)
    assert.ok(doc.body.paths['/reports/subscriptions/{subscriptionId}'].delete)
  })

  it('a point manager subscribes to his point’s report in his point’s zone; head office in its own', async () => {
    const mine = await post('/reports/subscriptions', 'manager_p1', {
      report: 'bookings',
      query: { columns: ['bookings', 'noShows'] },
      cadence: 'weekly',
      email: 'Manager.P1@Example.COM',
    })
    assert.equal(mine.status, 201, JSON.stringify(mine.body))
    assert.equal(mine.body.timeZone, 'Europe/Warsaw')
    assert.equal(mine.body.email, 'Manager.P1@example.com')
    assert.equal(mine.body.cadence, 'weekly')
    assert.match(mine.body.next.period.key, /^2026-W48$/)
    assert.equal(mine.body.next.at, '2026-11-30T05:00:00.000Z', 'Monday 06:00 in Warsaw after the week ends')
    const hq = await post('/reports/subscriptions', 'head_office', {
      variantId: 'noShows',
      cadence: 'monthly',
      email: 'analyst@hq.example',
    })
    assert.equal(hq.status, 201, JSON.stringify(hq.body))
    assert.equal(hq.body.timeZone, HQ_ZONE)
    assert.equal(hq.body.report, 'bookings')
    assert.deepEqual(hq.body.query, { period: 'month', columns: ['bookings', 'noShows'] })
    assert.equal(hq.body.next.at, '2026-12-01T06:00:00.000Z')

    // Who sees which: his own; head office everyone's.
    const own = await get('/reports/subscriptions', 'manager_p1')
    assert.deepEqual(
      own.body.items.map((x: { subscriptionId: string }) => x.subscriptionId),
      [mine.body.subscriptionId],
    )
    assert.equal((await get('/reports/subscriptions', 'head_office')).body.items.length, 2)
    assert.equal((await get(`/reports/subscriptions/${mine.body.subscriptionId}`, 'manager_p2')).status, 404)
    const detail = await get(`/reports/subscriptions/${mine.body.subscriptionId}`, 'head_office')
    assert.equal(detail.status, 200)
    assert.deepEqual(detail.body.deliveries, [])
    assert.equal(detail.body.subscribedBy.role, 'service_point_manager')

    // Ending: not someone else's; his own; head office anyone's. Who and when are the events'.
    assert.equal((await del(`/reports/subscriptions/${mine.body.subscriptionId}`, 'manager_p2')).status, 404)
    assert.equal(
      (await del(`/reports/subscriptions/${mine.body.subscriptionId}?reason=holiday`, 'manager_p1')).status,
      204,
    )
    assert.equal((await del(`/reports/subscriptions/${hq.body.subscriptionId}`, 'head_office')).status, 204)
    const ended = (await get(`/reports/subscriptions/${mine.body.subscriptionId}`, 'manager_p1')).body
    assert.equal(ended.active, false)
    assert.equal(ended.next, null)
    assert.equal(ended.endedBy.role, 'service_point_manager')
    const events = (await allEvents(s.log.events)).filter((e) => e.streamId === 'reportsubscriptions')
    assert.deepEqual(
      events.map((e) => [e.type, e.metadata.actor.role]),
      [
        ['ReportSubscribed', 'service_point_manager'],
        ['ReportSubscribed', 'head_office'],
        ['ReportUnsubscribed', 'service_point_manager'],
        ['ReportUnsubscribed', 'head_office'],
      ],
    )
    assert.equal((events[2]?.data as { reason?: string } | undefined)?.reason, 'holiday')
  })

  it('refuses what a subscriber may not read, bad addresses, cadences and formats; nothing is appended', async () => {
    const before = await api.eventCount()
    const cases: Array<[Cast, object, number]> = [
      ['employee_p1', { report: 'bookings', cadence: 'daily', email: 'e@x.example' }, 403],
      ['customer', { report: 'bookings', cadence: 'daily', email: 'c@x.example' }, 404],
      ['fleet_manager_f1', { report: 'pointChanges', cadence: 'daily', email: 'f@x.example' }, 404],
      ['manager_p1', { report: 'bookings', cadence: 'daily', email: 'not-an-address' }, 422],
      ['manager_p1', { report: 'bookings', cadence: 'hourly', email: 'm@x.example' }, 400],
      ['manager_p1', { report: 'bookings', cadence: 'daily', email: 'm@x.example', format: 'xlsx' }, 422],
      [
        'manager_p1',
        { report: 'bookings', query: { filters: { pointId: ['p2'] } }, cadence: 'daily', email: 'm@x.example' },
        403,
      ],
      ['manager_p1', { report: 'nope', cadence: 'daily', email: 'm@x.example' }, 404],
      ['manager_p1', { variantId: 'not-mine', cadence: 'daily', email: 'm@x.example' }, 404],
    ]
    for (const [who, body, status] of cases) {
      const res = await post('/reports/subscriptions', who, body)
      assert.equal(res.status, status, `${who} ${JSON.stringify(body)}: ${JSON.stringify(res.body)}`)
      if (status !== 403 || who !== 'employee_p1') assert.ok(res.body.code, JSON.stringify(res.body))
    }
    assert.equal(await api.eventCount(), before)
  })
})

describe('scheduled report e-mails: sending through the job queue and SMTP', function () {
  this.timeout(60_000)
  let s: Setup
  let smtp: SmtpStandIn
  let dir: string
  let people: TestApi
  let accountService: ReturnType<typeof accessFixture>['accounts']
  const workers: ReportMailWorker[] = []

  const email = () =>
    new SmtpEmailNotifier({
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      ignoreTLS: true,
      from: '"Raporty" <reports@tyres.example>',
    })

  async function worker(queue: JobQueue, clock: ManualClock, files = false): Promise<ReportMailWorker> {
    const w = await composeReportMailWorker({
      events: s.log.events,
      catalogue,
      reports: s.reports.service,
      files: files ? new ReportFileWriter(new PdfLibRenderer()) : null,
      config: { email: null, jobsPrefix: 'unused', lockMs: 5_000, stalledIntervalMs: 5_000 },
      redisUrl: null,
      dataDir: dir,
      headOfficeTimeZone: 'Europe/Warsaw',
      clock,
      queue,
      email: email(),
      scheduleEveryMs: 100,
      log: (line) => process.env.DEBUG_REPORT_MAIL && console.log(line),
    })
    workers.push(w)
    return w
  }

  beforeEach(async () => {
    s = await setup()
    // Real accounts in the same log: a subscription is sent with its account's current rights.
    const fixture = accessFixture({ store: s.log.events })
    accountService = fixture.accounts
    people = await testApi({ fixture })
    smtp = await new SmtpStandIn().start()
    dir = mkdtempSync(join(tmpdir(), 'report-mail-'))
  })
  afterEach(async () => {
    for (const w of workers.splice(0)) await w.stop()
    await s.reports.runtime.stop()
    await smtp.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('Redis restarted empty under the worker: the subscription’s job is placed again at once (report-data guard)', async function () {
    const binary = redisServerPath()
    if (!binary) {
      console.log('    (redis-server is not installed: skipped)')
      this.skip()
    }
    const redis = new OwnRedisServer(binary as string, await freePort())
    await redis.start()
    const logged: string[] = []
    const queue = new BullmqJobQueue({ url: redis.url, prefix: 'rmguard', queueName: REPORT_MAIL_QUEUE, lockMs: 5_000 })
    // Now: this month's job waits for the month's end (delayed), so nothing but the guard can place it
    // again within the test (no processing, no next round).
    const now = Date.now()
    const today = new Date(now).toISOString().slice(0, 10)
    const clock = new ManualClock(now)
    const w = await composeReportMailWorker({
      events: s.log.events,
      catalogue,
      reports: s.reports.service,
      files: null,
      config: { email: null, jobsPrefix: 'rmguard', lockMs: 5_000, stalledIntervalMs: 5_000 },
      redisUrl: redis.url,
      dataDir: dir,
      headOfficeTimeZone: 'Europe/Warsaw',
      clock,
      queue,
      email: email(),
      // Only the guard may place the job again within this test: the next round is 10 min away.
      scheduleEveryMs: 600_000,
      log: (line) => logged.push(line),
    })
    try {
      const subscribed = await w.subscriptions.subscribe(
        people.principal('head_office'),
        { report: 'bookings', query: { columns: ['bookings'] }, cadence: 'monthly', email: 'anna@hq.example' },
        meta({ now: new Date(now).toISOString() }),
      )
      if (isLeft(subscribed)) assert.fail(JSON.stringify(subscribed.left))
      const jobId = reportMailJobId(subscribed.right.subscriptionId, periodContaining('monthly', today).key)
      w.start()
      await waitUntil(async () => (await queue.get(jobId)) !== null, 10_000)
      const before = await queue.get(jobId)
      assert.equal(before?.state, 'delayed')
      const guardLines = () =>
        logged.filter((l) => l === 'Redis has no rmguard:report-data key: placing the jobs again').length
      // The guard has met this Redis (it set its marker, placing the jobs once: a no-op here).
      await waitUntil(() => guardLines() === 1, 10_000)

      await redis.kill()
      await redis.start()
      await waitUntil(
        // Once when the guard first met this Redis, once more after it came back empty.
        () => guardLines() === 2,
        20_000,
      )
      await waitUntil(async () => {
        try {
          return (await queue.get(jobId)) !== null
        } catch {
          return false
        }
      }, 20_000)
      const after = await queue.get(jobId)
      assert.equal(after?.state, 'delayed')
      assert.equal(after?.runAt, before?.runAt, 'at the same time')
      assert.equal(after?.name, REPORT_MAIL_JOB)
    } catch (error) {
      console.log(logged.join('\n'))
      throw error
    } finally {
      await w.stop()
      await redis.kill()
    }
  })

  it('embedded scheduler: the day’s report goes out at 06:00 the next day, once, as a CSV attachment', async () => {
    const clock = new ManualClock(Date.parse(`${s.day}T10:00:00.000Z`))
    const w = await worker(new SqliteJobQueue(join(dir, 'jobs-1.sqlite'), { clock, pollMs: 20 }), clock)
    const hq = people.principal('head_office')
    const subscribed = await w.subscriptions.subscribe(
      hq,
      {
        report: 'bookings',
        query: { columns: ['bookings', 'cancellations', 'noShows'] },
        cadence: 'daily',
        email: 'anna@hq.example',
      },
      meta({ now: `${s.day}T09:00:00.000Z` }),
    )
    if (isLeft(subscribed)) assert.fail(JSON.stringify(subscribed.left))
    const id = subscribed.right.subscriptionId
    const period = periodContaining('daily', s.day)
    w.start()
    await new Promise((r) => setTimeout(r, 300))
    assert.equal(smtp.received.length, 0, 'nothing before the period is over')
    const job = await w.queue.get(reportMailJobId(id, period.key))
    assert.equal(job?.runAt, sendTimeOf(period, 'Europe/Warsaw'))

    clock.advance(24 * 3600_000)
    await waitUntil(() => smtp.received.length === 1, 10_000)
    const mail = smtp.received[0]
    assert.ok(mail)
    assert.deepEqual(mail.to, ['anna@hq.example'])
    assert.equal(mail.subject, `Bookings per service point: ${period.key}`)
    const [file] = attachmentsOf(mail.raw)
    assert.ok(file, 'a file is attached')
    assert.equal(file.filename, `bookings-${period.key}-day.csv`)
    assert.equal(file.contentType, 'text/csv')
    // The attachment is the report's rows for that day, as the subscriber may read them.
    const table = await s.reports.service.table(
      hq,
      'bookings',
      { columns: ['bookings', 'cancellations', 'noShows'], from: period.from, to: period.to },
      { limit: 1000, offset: 0 },
    )
    if (isLeft(table)) assert.fail(JSON.stringify(table.left))
    assert.ok(table.right.rows.length > 0)
    assert.equal(file.content.toString('utf8'), tableToCsv(table.right))

    // Recorded, and the next day's job is waiting.
    await waitUntil(async () => (await allEvents(s.log.events)).some((e) => e.streamId === mailStream(id)))
    const sent = (await allEvents(s.log.events)).filter((e) => e.streamId === mailStream(id))
    assert.deepEqual(
      sent.map((e) => [e.type, (e.data as { period: { key: string } }).period.key, (e.data as { rows: number }).rows]),
      [['ReportEmailed', period.key, table.right.rows.length]],
    )
    const next = nextPeriod('daily', period)
    assert.equal((await w.queue.get(reportMailJobId(id, next.key)))?.state, 'delayed')

    // A restart with a queue that lost every job: the scheduler adds the missed period again, its job
    // finds the e-mail recorded and sends nothing.
    await w.stop()
    workers.splice(0)
    const fresh = new SqliteJobQueue(join(dir, 'jobs-2.sqlite'), { clock, pollMs: 20 })
    const w2 = await worker(fresh, clock)
    w2.start()
    await waitUntil(async () => (await fresh.get(reportMailJobId(id, period.key)))?.state === 'completed', 10_000)
    // And the job run by hand once more (a retried attempt): still one e-mail.
    await w2.subscriptions.handle({
      id: reportMailJobId(id, period.key),
      name: REPORT_MAIL_JOB,
      payload: { subscriptionId: id, period: period.key },
      attempt: 2,
      maxAttempts: 8,
    })
    assert.equal(smtp.received.length, 1)
    assert.equal(smtp.countOf(mail.notificationId), 1)
    assert.equal((await allEvents(s.log.events)).filter((e) => e.streamId === mailStream(id)).length, 1)

    // Ended: its next job does nothing when it comes.
    const ended = await w2.subscriptions.unsubscribe(hq, id, null, meta())
    assert.ok(!isLeft(ended))
    clock.advance(24 * 3600_000)
    await waitUntil(async () => (await fresh.get(reportMailJobId(id, next.key)))?.state === 'completed', 10_000)
    assert.equal(smtp.received.length, 1)
  })

  it('XLSX of what is coming: the day that has just begun, as a workbook the subscriber opens', async () => {
    // The day before the bookings were made: the e-mail sent after it covers the day the bookings are on.
    const before = new Date(Date.parse(`${s.day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)
    const clock = new ManualClock(Date.parse(`${before}T10:00:00.000Z`))
    const w = await worker(new SqliteJobQueue(join(dir, 'jobs-x.sqlite'), { clock, pollMs: 20 }), clock, true)
    const hq = people.principal('head_office')
    const subscribed = await w.subscriptions.subscribe(
      hq,
      { variantId: 'bookingsPerPoint', cadence: 'daily', email: 'anna@hq.example', format: 'xlsx', range: 'coming' },
      meta({ now: `${before}T09:00:00.000Z` }),
    )
    if (isLeft(subscribed)) assert.fail(JSON.stringify(subscribed.left))
    w.start()
    clock.advance(24 * 3600_000)
    await waitUntil(() => smtp.received.length === 1, 10_000)
    const [file] = attachmentsOf(smtp.received[0]?.raw ?? '')
    assert.ok(file)
    assert.equal(file.filename, `bookings-${before}-day.xlsx`)
    assert.equal(file.contentType, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(file.content as unknown as ArrayBuffer)
    const sheet = workbook.worksheets[0]
    assert.ok(sheet)
    assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), [
      'pointId',
      'day',
      'bookings',
      'bookedMinutes',
      'vehicles',
    ])
    const table = await s.reports.service.variantTable(
      hq,
      'bookingsPerPoint',
      { from: s.day, to: s.day },
      { limit: 100, offset: 0 },
    )
    if (isLeft(table)) assert.fail(JSON.stringify(table.left))
    assert.ok(table.right.rows.length > 0)
    assert.equal(sheet.rowCount, 1 + table.right.rows.length)
    assert.deepEqual(
      (sheet.getRow(2).values as unknown[]).slice(1),
      ['pointId', 'day', 'bookings', 'bookedMinutes', 'vehicles'].map((c) => table.right.rows[0]?.[c]),
    )
    await waitUntil(async () =>
      (await allEvents(s.log.events)).some((e) => e.streamId === mailStream(subscribed.right.subscriptionId)),
    )
    const [sent] = (await allEvents(s.log.events)).filter(
      (e) => e.streamId === mailStream(subscribed.right.subscriptionId),
    )
    assert.ok(sent)
    assert.deepEqual((sent.data as { covered: unknown }).covered, { from: s.day, to: s.day })
    assert.equal((sent.data as { period: { key: string } }).period.key, before)

    // The same as a PDF (table and chart), for a subscriber who wants to print it.
    const pdf = await w.subscriptions.subscribe(
      hq,
      { report: 'bookings', cadence: 'daily', email: 'druk@hq.example', format: 'pdf', range: 'coming' },
      meta({ now: `${before}T09:30:00.000Z` }),
    )
    if (isLeft(pdf)) assert.fail(JSON.stringify(pdf.left))
    await w.subscriptions.handle({
      id: reportMailJobId(pdf.right.subscriptionId, before),
      name: REPORT_MAIL_JOB,
      payload: { subscriptionId: pdf.right.subscriptionId, period: before },
      attempt: 1,
      maxAttempts: 8,
    })
    const printed = smtp.received.find((m) => m.to.includes('druk@hq.example'))
    const [document] = attachmentsOf(printed?.raw ?? '')
    assert.ok(document)
    assert.equal(document.contentType, 'application/pdf')
    assert.equal(document.content.subarray(0, 5).toString('latin1'), '%PDF-')
    // It says what was run: the subscription's query over the dates covered.
    assert.match(await pdfText(document.content), new RegExp(`from = ${s.day} · to = ${s.day}`))
  })

  it('the e-mail is written in the subscriber’s language: Polish subject and body', async () => {
    const clock = new ManualClock(Date.parse(`${s.day}T10:00:00.000Z`))
    const w = await worker(new SqliteJobQueue(join(dir, 'jobs-pl.sqlite'), { clock, pollMs: 20 }), clock)
    const hq = people.principal('head_office')
    const subscribed = await w.subscriptions.subscribe(
      hq,
      { report: 'bookings', cadence: 'daily', email: 'ola@hq.example', language: 'pl' },
      meta({ now: `${s.day}T09:00:00.000Z` }),
    )
    if (isLeft(subscribed)) assert.fail(JSON.stringify(subscribed.left))
    assert.equal(subscribed.right.language, 'pl')
    const id = subscribed.right.subscriptionId
    const recorded = (await allEvents(s.log.events)).find(
      (e) => e.type === 'ReportSubscribed' && (e.data as { subscriptionId: string }).subscriptionId === id,
    )
    assert.ok(recorded)
    assert.equal((recorded.data as { language?: string }).language, 'pl')
    const period = periodContaining('daily', s.day)
    await w.subscriptions.handle({
      id: reportMailJobId(id, period.key),
      name: REPORT_MAIL_JOB,
      payload: { subscriptionId: id, period: period.key },
      attempt: 1,
      maxAttempts: 8,
    })
    const mail = smtp.received.find((m) => m.to.includes('ola@hq.example'))
    assert.ok(mail)
    assert.equal(mail.subject, `Raport Bookings per service point: ${period.key}`)
    const text = textPartOf(mail.raw)
    const lines = text.trim().split('\n')
    assert.equal(lines[0], 'Bookings per service point (bookings)')
    assert.equal(lines[1], `Okres: ${period.from} (codziennie, Europe/Warsaw)`)
    assert.match(lines[2] ?? '', /^Wiersze: \d+$/)
    assert.equal(lines[3], `Załącznik: bookings-${period.key}-day.csv`)
    assert.equal(lines[5], `Otrzymujesz tę wiadomość, ponieważ zasubskrybowałeś raport (subskrypcja ${id}).`)
    assert.equal(lines[6], `Aby zrezygnować: DELETE /reports/subscriptions/${id}`)
    assert.doesNotMatch(text, /Period|Rows|Attached|You receive/)
  })

  it('a deactivated subscriber gets nothing: the period’s job is kept as failed, saying why', async () => {
    const clock = new ManualClock(Date.parse(`${s.day}T10:00:00.000Z`))
    const queue = new SqliteJobQueue(join(dir, 'jobs-d.sqlite'), { clock, pollMs: 20 })
    const w = await worker(queue, clock)
    const manager = people.principal('manager_p1')
    const subscribed = await w.subscriptions.subscribe(
      manager,
      { report: 'bookings', cadence: 'daily', email: 'kierownik@p1.example' },
      meta({ now: `${s.day}T09:00:00.000Z` }),
    )
    if (isLeft(subscribed)) assert.fail(JSON.stringify(subscribed.left))
    const off = await accountService.deactivateAccount(people.principal('head_office'), manager.id, 'left', meta())
    assert.ok(!isLeft(off), JSON.stringify(off))
    w.start()
    clock.advance(24 * 3600_000)
    const id = reportMailJobId(subscribed.right.subscriptionId, s.day)
    await waitUntil(async () => (await queue.get(id))?.state === 'failed', 10_000)
    assert.match((await queue.get(id))?.failedReason ?? '', /account is deactivated/)
    assert.equal(smtp.received.length, 0)
  })

  it('BullMQ on a real Redis: a missed period is scheduled, sent once, and the next one queued', async function () {
    const unavailable = await redisUnavailable()
    if (unavailable) {
      console.log(`    skipped: ${unavailable}`)
      this.skip()
    }
    const options = { url: testRedisUrl, prefix: testPrefix('reportmail'), queueName: 'report-emails', lockMs: 5_000 }
    const queue = new BullmqJobQueue(options)
    // The worker's clock at noon (Warsaw) two days ago: that day's e-mail (due 06:00 yesterday) is due at once
    // on Redis's real time, and so is every later day's whose 06:00 has passed.
    const day = toLocal('Europe/Warsaw', Date.now() - 2 * 86_400_000).date
    const clock = new ManualClock(localToInstant('Europe/Warsaw', day, 12 * 60))
    const w = await worker(queue, clock)
    try {
      const manager = people.principal('manager_p1')
      const subscribed = await w.subscriptions.subscribe(
        manager,
        { report: 'bookings', cadence: 'daily', email: 'kierownik@p1.example' },
        meta({ now: new Date(clock.now()).toISOString() }),
      )
      if (isLeft(subscribed)) assert.fail(JSON.stringify(subscribed.left))
      const id = subscribed.right.subscriptionId
      assert.equal(subscribed.right.timeZone, 'Europe/Warsaw')
      w.start()
      const subject = `Bookings per service point: ${day}`
      await waitUntil(() => smtp.received.some((m) => m.subject === subject), 15_000).catch(async (error) => {
        throw new Error(
          `${error}: jobs ${JSON.stringify(await queue.counts())} failed ${JSON.stringify(await queue.failed())}`,
        )
      })
      const mail = smtp.received.find((m) => m.subject === subject)
      assert.equal(attachmentsOf(mail?.raw ?? '')[0]?.filename, `bookings-${day}-day.csv`)
      // The chain goes on up to the first period whose e-mail is not due yet: its job waits on Redis.
      let waiting = periodContaining('daily', day)
      while (sendTimeOf(waiting, 'Europe/Warsaw') <= Date.now()) waiting = nextPeriod('daily', waiting)
      await waitUntil(async () => (await queue.get(reportMailJobId(id, waiting.key)))?.state === 'delayed', 15_000)
      // The scheduler runs again and again (every 100 ms here): no period is sent twice.
      await new Promise((r) => setTimeout(r, 600))
      const subjects = smtp.received.map((m) => m.subject)
      assert.equal(new Set(subjects).size, subjects.length, subjects.join(' | '))
      const recorded = (await allEvents(s.log.events))
        .filter((e) => e.streamId === mailStream(id))
        .map((e) => (e.data as { period: { key: string } }).period.key)
      assert.deepEqual(
        recorded,
        subjects.map((x) => x.slice(-10)),
      )
      assert.ok(recorded.includes(day) && !recorded.includes(waiting.key), recorded.join(', '))
    } finally {
      await w.stop()
      workers.splice(0)
      const cleaner = new BullmqJobQueue(options)
      await cleaner.obliterate()
      await cleaner.close()
    }
  })
})
