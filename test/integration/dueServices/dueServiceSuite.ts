// The due-service reminders and proposed visits against one JobQueue adapter (the embedded
// scheduler and BullMQ on a real Redis run the same suite).
import assert from 'node:assert/strict'
import request from 'supertest'
import { DEFAULT_LEAD_DAYS, dueReminderJobId, reminderRunAt } from '../../../application/dueServices/dueReminderJobs.js'
import { VisitProposalService } from '../../../application/dueServices/visitProposalService.js'
import { notificationStream } from '../../../application/notifications/notificationEvents.js'
import type { JobQueue } from '../../../application/ports/jobQueue.js'
import { dueServiceStream } from '../../../domain/due-service/events.js'
import { addDays, weekdayOf } from '../../../domain/shared/localTime.js'
import { visitProposalStream } from '../../../domain/visit-proposal/events.js'
import { waitUntil } from '../../contract/jobQueue/waitUntil.js'
import { type DueFixture, dueFixture, START, TODAY } from './support/dueFixture.js'

const DAY = 86_400_000

export function dueServiceSuite(name: string, open: () => Promise<{ queue: JobQueue; cleanup: () => Promise<void> }>) {
  describe(`due services and proposed visits (${name})`, function () {
    this.timeout(90_000)
    let f: DueFixture
    let queue: JobQueue
    let cleanup: () => Promise<void>

    beforeEach(async () => {
      ;({ queue, cleanup } = await open())
      f = await dueFixture(queue)
    })
    afterEach(async () => {
      await f.close()
      await cleanup()
    })

    async function caughtUp(): Promise<void> {
      await f.worker.subscriber.waitForCheckpoint(await f.store.headPosition())
    }

    /** Every reminder the queue holds for these vehicles must be one that is due: count both ways. */
    async function countReminders(equipmentIds: string[], everSeen: Set<string>) {
      const now = new Date(f.clock.now()).toISOString()
      const wanted = new Set<string>()
      for (const id of equipmentIds)
        for (const item of (await f.worker.reconciler.snapshot(id, now)).items) wanted.add(dueReminderJobId(item))
      let present = 0
      let stale = 0
      for (const id of new Set([...everSeen, ...wanted])) {
        const job = await queue.get(id)
        const pending = job !== null && (job.state === 'delayed' || job.state === 'waiting')
        if (pending && wanted.has(id)) present++
        if (pending && !wanted.has(id)) stale++
      }
      for (const id of wanted) everSeen.add(id)
      const counts = await queue.counts()
      return { wanted: wanted.size, present, stale, pending: counts.delayed + counts.waiting }
    }

    it('keeps one reminder per due item through new dates, tread readings and contract amendments: none stale', async () => {
      await f.registerCar('eq1', 'DW 12345', { customerId: 'c1' })
      await f.registerCar('eq2', 'DW 54321', { fleetId: 'f1' })
      await f.equipment({
        kind: 'SetServiceDates',
        equipmentId: 'eq1',
        nextInspectionOn: addDays(TODAY, 60),
        warrantyEndsOn: addDays(TODAY, 90),
        insuranceEndsOn: addDays(TODAY, 120),
      })
      const mountAt = new Date(Date.parse(START) - 300 * DAY).toISOString()
      await f.mountTyres('eq1', 'eq1', { season: 'all_season', depthMm: 8, km: 10_000, at: mountAt })
      await f.contract({
        kind: 'SignContract',
        contractId: 'k1',
        contractNumber: 'K/1',
        holder: { kind: 'fleet', fleetId: 'f1' },
        currency: 'PLN',
        timeZone: 'Europe/Warsaw',
        validFrom: addDays(TODAY, -30),
        validTo: null,
        terms: f.contractTerms(
          ['eq1', 'eq2'],
          [
            {
              scheduleId: 'insp',
              serviceCode: 'INSPECTION',
              equipmentIds: null,
              rule: { kind: 'every_months', months: 6, firstDue: addDays(TODAY, 40) },
            },
            {
              scheduleId: 'season',
              serviceCode: 'TYRE_CHANGE',
              equipmentIds: ['eq2'],
              rule: {
                kind: 'seasonal',
                spring: { from: '03-15', to: '04-30' },
                autumn: { from: '10-01', to: '11-30' },
              },
            },
          ],
        ),
        otherContracts: [],
      })
      f.worker.subscriber.start()
      await caughtUp()
      const seen = new Set<string>()
      let count = await countReminders(['eq1', 'eq2'], seen)
      // eq1: inspection, warranty, insurance, 2 contract inspections; eq2: 2 inspections, 2 seasonal changes.
      assert.deepEqual(count, { wanted: 9, present: 9, stale: 0, pending: 9 })
      const snapshot = await f.worker.reconciler.snapshot('eq1', START)
      const inspection = snapshot.items.find((i) => i.kind === 'inspection')
      assert.ok(inspection)
      const job = await queue.get(dueReminderJobId(inspection))
      assert.equal(job?.runAt, reminderRunAt(inspection, DEFAULT_LEAD_DAYS, 0))
      assert.equal(job?.payload.kind, 'inspection')

      // Twelve changes: each moves one reminder (the old job removed, the new one scheduled).
      for (let i = 1; i <= 4; i++) {
        f.advance(3_600_000)
        await f.equipment({
          kind: 'SetServiceDates',
          equipmentId: 'eq1',
          nextInspectionOn: addDays(TODAY, 60 + i),
          warrantyEndsOn: addDays(TODAY, 90),
          insuranceEndsOn: addDays(TODAY, 120),
        })
        await f.equipment({
          kind: 'RecordTreadDepths',
          equipmentId: 'eq1',
          readings: [
            { position: 'FL', depthMm: 6 - i * 0.6 },
            { position: 'FR', depthMm: 6.5 - i * 0.5 },
          ],
          mileageKm: 20_000 + i * 1_000,
          workOrderId: null,
          now: new Date(f.clock.now()).toISOString(),
        })
        await f.contract({
          kind: 'AmendContract',
          contractId: 'k1',
          amendmentId: `a${i}`,
          effectiveFrom: `${addDays(TODAY, 40).slice(0, 7)}-01`,
          terms: f.contractTerms(
            ['eq1', 'eq2'],
            [
              {
                scheduleId: 'insp',
                serviceCode: 'INSPECTION',
                equipmentIds: null,
                rule: { kind: 'every_months', months: 6, firstDue: addDays(TODAY, 40 + i) },
              },
              {
                scheduleId: 'season',
                serviceCode: 'TYRE_CHANGE',
                equipmentIds: ['eq2'],
                rule: {
                  kind: 'seasonal',
                  spring: { from: '03-15', to: '04-30' },
                  autumn: { from: '10-01', to: '11-30' },
                },
              },
            ],
          ),
          reason: 'moved the inspections',
          otherContracts: [],
        })
        await caughtUp()
        count = await countReminders(['eq1', 'eq2'], seen)
        assert.equal(count.stale, 0, `after change ${i}: ${JSON.stringify(count)}`)
        assert.equal(count.present, count.wanted, `after change ${i}: ${JSON.stringify(count)}`)
        assert.equal(count.pending, count.wanted, `after change ${i}: ${JSON.stringify(count)}`)
      }
      assert.ok(count.wanted >= 10, 'a tyre replacement is due now too')
      assert.ok(seen.size > count.wanted + 12, `reminders moved: ${seen.size - count.wanted}`)

      // New tyres fitted (the replacement done): the tyre reminder is removed, the worn tyres' trend gone.
      const tyreReminders = () => [...seen].filter((id) => id.includes('-tyre_replacement-'))
      assert.ok(tyreReminders().length > 1, 'the tyre reminder moved with the readings')
      const now = new Date(f.clock.now()).toISOString()
      for (const position of ['FL', 'FR'] as const)
        await f.equipment({ kind: 'DismountTyre', equipmentId: 'eq1', tyreId: `eq1-${position}`, reason: 'worn', now })
      await f.mountTyres('eq1', 'eq1-new', { season: 'all_season', depthMm: 8, km: 25_000, at: now })
      await caughtUp()
      count = await countReminders(['eq1', 'eq2'], seen)
      assert.equal(count.stale, 0, JSON.stringify(count))
      for (const id of tyreReminders()) assert.equal(await queue.get(id), null, `${id} removed`)

      // The service is done (a new date far ahead), the contract stops covering eq2, eq1 is scrapped.
      await f.contract({
        kind: 'AmendContract',
        contractId: 'k1',
        amendmentId: 'drop-eq2',
        effectiveFrom: `${addDays(TODAY, 40).slice(0, 7)}-01`,
        terms: f.contractTerms(['eq1'], []),
        reason: 'eq2 sold',
        otherContracts: [],
      })
      await caughtUp()
      count = await countReminders(['eq1', 'eq2'], seen)
      assert.equal(count.stale, 0, JSON.stringify(count))
      await f.equipment({
        kind: 'ChangeEquipmentStatus',
        equipmentId: 'eq1',
        to: 'scrapped',
        workOrderId: null,
        reason: 'written off',
        now: new Date(f.clock.now()).toISOString(),
      })
      await caughtUp()
      count = await countReminders(['eq1', 'eq2'], seen)
      // Before the amendment's month eq2 still has its contract inspection; eq1 has nothing left.
      assert.equal(count.stale, 0, JSON.stringify(count))
      assert.equal(count.pending, count.wanted, JSON.stringify(count))
      assert.equal((await f.worker.reconciler.snapshot('eq1', new Date(f.clock.now()).toISOString())).items.length, 0)
      // The policy run again over the whole log (checkpoint lost) changes nothing.
      await f.worker.subscriber.stop()
      await f.documents.collection('subscriber_checkpoints').deleteMany({})
      f.worker.subscriber.start()
      await caughtUp()
      assert.deepEqual(await countReminders(['eq1', 'eq2'], seen), count)
    })

    it('a fired reminder proposes a slot at the usual point; accepted through the link, moved when taken, messaged in Polish', async () => {
      await f.registerCar('eq1', 'DW 12345', { customerId: 'c1' })
      // The car's last visit was at p2 (Kraków), though its plate is from Wrocław (p1): p2 is its usual point.
      let day = addDays(TODAY, -3)
      while (weekdayOf(day) === 'sat' || weekdayOf(day) === 'sun') day = addDays(day, -1)
      const visitMeta = (at: string) => ({
        correlationId: `visit-${at}`,
        causationId: null,
        now: `${day}T${at}:00.000Z`,
      })
      const earlier = f.ok(
        await f.network.bookings.create(
          f.principal('customer'),
          {
            pointId: 'p2',
            services: ['TYRE_CHANGE'],
            date: day,
            time: '12:00',
            vehicle: { plate: 'DW 12345', vehicleClass: 'passenger' },
          },
          visitMeta('06:00'),
        ),
      )
      f.ok(await f.network.bookings.checkIn(f.principal('manager_p2'), earlier.bookingId, visitMeta('10:30')))
      await f.equipment({
        kind: 'SetServiceDates',
        equipmentId: 'eq1',
        nextInspectionOn: addDays(TODAY, 10),
        warrantyEndsOn: null,
        insuranceEndsOn: null,
      })
      f.worker.start()
      const reminderId = `due-eq1-inspection-inspection-${addDays(TODAY, 10)}`
      const proposalId = VisitProposalService.proposalIdForReminder(reminderId)
      await waitUntil(async () => f.smtp.received.length > 0, 'the reminder e-mail')
      const reminded = (await collect(f.store.readStream(dueServiceStream('eq1')))).map(
        (e) => e.data as { reminderId: string; proposalId: string | null; noProposalReason: string | null },
      )
      assert.deepEqual(
        reminded.map((d) => [d.reminderId, d.proposalId, d.noProposalReason]),
        [[reminderId, proposalId, null]],
      )
      const code = f.worker.proposals.accessCodeOf(proposalId)
      const shown = await request(f.app).get(`/visit-proposals/${proposalId}/link`).set('X-Access-Code', code)
      assert.equal(shown.status, 200, JSON.stringify(shown.body))
      assert.equal(shown.body.status, 'proposed')
      assert.equal(shown.body.point.pointId, 'p2')
      assert.deepEqual(shown.body.services, ['INSPECTION'])
      assert.ok(shown.body.slot.localDate >= addDays(TODAY, 3), shown.body.slot.localDate)

      // The message: Polish, to the customer's address, with the point, the time and the one-click link.
      const mail = f.smtp.received[0]
      assert.ok(mail)
      assert.deepEqual(mail.to, ['jan@example.pl'])
      assert.match(mail.subject, /DW12345: termin .* – okresowy przegląd/)
      assert.match(mail.text, /Zarezerwowaliśmy dla Państwa termin: .*Opony Kraków/s)
      assert.ok(
        mail.text.includes(`https://book.example/#/visit-proposals/${proposalId}?code=${encodeURIComponent(code)}`),
      )
      await waitUntil(
        async () =>
          (await collect(f.store.readStream(notificationStream({ type: 'equipment', id: 'eq1' })))).length > 0,
        'NotificationSent',
      )
      const notified = await collect(f.store.readStream(notificationStream({ type: 'equipment', id: 'eq1' })))
      assert.deepEqual(
        notified.map((e) => [e.type, (e.data as { kind: string }).kind, (e.data as { channel: string }).channel]),
        [['NotificationSent', 'due_service_reminder', 'email']],
      )

      // Bad input: no code, a wrong code, appending nothing.
      const before = await f.eventCount()
      assert.equal((await request(f.app).get(`/visit-proposals/${proposalId}/link`)).status, 400)
      const wrong = await request(f.app)
        .post(`/visit-proposals/${proposalId}/link/accept`)
        .send({ code: 'AAAA-BBBB-CCCC-DDDD' })
      assert.equal(wrong.status, 403)
      assert.equal(wrong.body.code, 'ACCESS_CODE_INVALID')
      assert.match(wrong.headers['content-type'] ?? '', /application\/problem\+json/)

      // Meanwhile both bays are taken at the proposed time: the click answers with alternatives.
      for (const plate of ['KR 11111', 'KR 22222'])
        f.ok(
          await f.network.bookings.create(
            f.principal('head_office'),
            {
              pointId: 'p2',
              services: ['INSPECTION'],
              start: shown.body.slot.start,
              vehicle: { plate, vehicleClass: 'passenger' },
              customer: { name: 'Walk-in', phone: '+48600100200' },
            },
            { correlationId: `x-${plate}`, causationId: null, now: new Date(f.clock.now()).toISOString() },
          ),
        )
      const beforeTaken = await f.eventCount()
      const taken = await request(f.app).post(`/visit-proposals/${proposalId}/link/accept`).send({ code })
      assert.equal(taken.status, 409, JSON.stringify(taken.body))
      assert.ok(taken.body.alternatives.after.length > 0 && taken.body.alternatives.after.length <= 3)
      assert.ok(taken.body.alternatives.before.length <= 3)
      assert.equal(await f.eventCount(), beforeTaken, 'nothing appended for a taken slot')
      assert.ok(before <= beforeTaken)

      // The customer picks the first later slot: booked, recorded as accepted through the link, moved.
      const other = taken.body.alternatives.after[0].start
      const accepted = await request(f.app)
        .post(`/visit-proposals/${proposalId}/link/accept`)
        .send({ code, start: other })
      assert.equal(accepted.status, 200, JSON.stringify(accepted.body))
      assert.equal(accepted.body.status, 'accepted')
      assert.equal(accepted.body.accepted.moved, true)
      assert.equal(accepted.body.accepted.channel, 'link')
      assert.equal(accepted.body.slot.start, other)
      const booking = await request(f.app)
        .get(`/bookings/${accepted.body.accepted.bookingId}`)
        .set('Authorization', f.bearer('customer'))
      assert.equal(booking.status, 200, JSON.stringify(booking.body))
      assert.equal(booking.body.customer.customerId, 'c1')
      assert.equal(booking.body.slot.start, other)
      const history = await collect(f.store.readStream(visitProposalStream(proposalId)))
      assert.deepEqual(
        history.map((e) => [e.type, e.metadata.actor.role]),
        [
          ['VisitProposed', 'system'],
          ['VisitProposalAccepted', 'customer'],
        ],
      )

      // A second click: already accepted, nothing appended.
      const count = await f.eventCount()
      const again = await request(f.app).post(`/visit-proposals/${proposalId}/link/accept`).send({ code })
      assert.equal(again.status, 409)
      assert.equal(again.body.code, 'PROPOSAL_ALREADY_ACCEPTED')
      assert.equal(await f.eventCount(), count)
    })

    it('predicted tyre replacement: proposed at the point nearest the plate (no visit yet), messaged as its own kind', async () => {
      await f.registerCar('eq3', 'DW 77777', { customerId: 'c1' })
      const mountAt = new Date(Date.parse(START) - 200 * DAY).toISOString()
      await f.mountTyres('eq3', 'eq3', { season: 'summer', depthMm: 5, km: 10_000, at: mountAt })
      // Worn to 2.2 mm: under the recommended 3 mm, so the replacement is due at once.
      await f.equipment({
        kind: 'RecordTreadDepths',
        equipmentId: 'eq3',
        readings: [
          { position: 'FL', depthMm: 2.2 },
          { position: 'FR', depthMm: 2.6 },
        ],
        mileageKm: 25_000,
        workOrderId: null,
        now: new Date(Date.parse(START) - DAY).toISOString(),
      })
      f.worker.start()
      await waitUntil(async () => f.smtp.received.length > 0, 'the tyre e-mail')
      const mail = f.smtp.received[0]
      assert.ok(mail)
      assert.match(mail.subject, /DW77777: wymiana opon do/)
      assert.match(mail.text, /FL 2,2 mm/)
      const reminded = await collect(f.store.readStream(dueServiceStream('eq3')))
      const proposalId = (reminded[0]?.data as { proposalId: string } | undefined)?.proposalId ?? ''
      const proposal = await f.worker.proposals.load(proposalId)
      assert.equal(proposal.pointId, 'p1')
      assert.deepEqual(proposal.services, ['TYRE_CHANGE'])
      await waitUntil(
        async () =>
          (await collect(f.store.readStream(notificationStream({ type: 'equipment', id: 'eq3' })))).length > 0,
        'NotificationSent',
      )
      const notified = await collect(f.store.readStream(notificationStream({ type: 'equipment', id: 'eq3' })))
      assert.equal((notified[0]?.data as { kind: string } | undefined)?.kind, 'tyre_replacement_due')
    })

    it('proposals by staff and fleet managers: roles and tenants, unknown and expired proposals, nothing appended', async () => {
      await f.registerCar('eq2', 'DW 54321', { fleetId: 'f1' })
      await f.equipment({
        kind: 'SetServiceDates',
        equipmentId: 'eq2',
        nextInspectionOn: addDays(TODAY, 30),
        warrantyEndsOn: null,
        insuranceEndsOn: null,
      })
      const due = await request(f.app)
        .get('/due-services/equipment/eq2')
        .set('Authorization', f.bearer('fleet_manager_f1'))
      assert.equal(due.status, 200, JSON.stringify(due.body))
      assert.deepEqual(
        due.body.items.map((i: { kind: string; dueDate: string }) => [i.kind, i.dueDate]),
        [['inspection', addDays(TODAY, 30)]],
      )
      for (const who of ['customer', 'manager_p2'] as const)
        assert.equal(
          (await request(f.app).get('/due-services/equipment/eq2').set('Authorization', f.bearer(who))).status,
          403,
          who,
        )
      const body = { kind: 'inspection', ref: 'inspection', dueDate: addDays(TODAY, 30) }
      f.worker.subscriber.start()
      await caughtUp()
      const reminderId = `due-eq2-inspection-inspection-${addDays(TODAY, 30)}`
      assert.equal((await queue.get(reminderId))?.state, 'delayed')
      const before = await f.eventCount()
      const refused = [
        await request(f.app)
          .post('/due-services/equipment/eq2/proposals')
          .set('Authorization', f.bearer('manager_p2'))
          .send(body),
        await request(f.app)
          .post('/due-services/equipment/eq2/proposals')
          .set('Authorization', f.bearer('manager_p1'))
          .send({ ...body, kind: 'oil_change' }),
        await request(f.app)
          .post('/due-services/equipment/eq2/proposals')
          .set('Authorization', f.bearer('manager_p1'))
          .send({ ...body, dueDate: addDays(TODAY, 31) }),
        await request(f.app)
          .post('/due-services/equipment/nope/proposals')
          .set('Authorization', f.bearer('head_office'))
          .send(body),
      ]
      assert.deepEqual(
        refused.map((r) => [r.status, r.body.code]),
        [
          [403, 'TENANT_ACCESS_DENIED'],
          [400, 'VALIDATION_FAILED'],
          [404, 'DUE_ITEM_NOT_FOUND'],
          [404, 'EQUIPMENT_NOT_FOUND'],
        ],
      )
      assert.equal(await f.eventCount(), before, 'nothing appended on refusals')

      const made = await request(f.app)
        .post('/due-services/equipment/eq2/proposals')
        .set('Authorization', f.bearer('manager_p1'))
        .send(body)
      assert.equal(made.status, 201, JSON.stringify(made.body))
      assert.match(made.body.accessCode, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/)
      const id = made.body.proposal.proposalId
      assert.equal(made.body.proposal.point.pointId, 'p1')
      assert.deepEqual(made.body.proposal.holder, { customerId: null, fleetId: 'f1' })
      const seen = async (who: Parameters<DueFixture['bearer']>[0]) =>
        (await request(f.app).get(`/visit-proposals/${id}`).set('Authorization', f.bearer(who))).status
      assert.deepEqual(
        [
          await seen('fleet_manager_f1'),
          await seen('manager_p1'),
          await seen('head_office'),
          await seen('customer'),
          await seen('manager_p2'),
        ],
        [200, 200, 200, 403, 403],
      )
      // Accepted by the fleet manager (a second proposal, at once): the visit is booked, so the
      // inspection's reminder is removed, and the item shows as booked.
      const second = await request(f.app)
        .post('/due-services/equipment/eq2/proposals')
        .set('Authorization', f.bearer('fleet_manager_f1'))
        .set('Idempotency-Key', 'second-proposal')
        .send(body)
      assert.equal(second.status, 201, JSON.stringify(second.body))
      assert.equal(second.body.proposal.point.pointId, 'p1', 'the usual point: nearest to the plate')
      const took = await request(f.app)
        .post(`/visit-proposals/${second.body.proposal.proposalId}/accept`)
        .set('Authorization', f.bearer('fleet_manager_f1'))
        .send({})
      assert.equal(took.status, 200, JSON.stringify(took.body))
      assert.equal(took.body.accepted.channel, 'account')
      assert.equal(took.body.accepted.moved, false)
      await caughtUp()
      assert.equal(await queue.get(reminderId), null, 'the booked item’s reminder is removed')
      const dueNow = await request(f.app)
        .get('/due-services/equipment/eq2')
        .set('Authorization', f.bearer('fleet_manager_f1'))
      assert.deepEqual(
        dueNow.body.items.map((i: { kind: string; booked: boolean }) => [i.kind, i.booked]),
        [['inspection', true]],
      )
      // The same Idempotency-Key answers the same proposal, appending nothing.
      const n = await f.eventCount()
      const retried = await request(f.app)
        .post('/due-services/equipment/eq2/proposals')
        .set('Authorization', f.bearer('fleet_manager_f1'))
        .set('Idempotency-Key', 'second-proposal')
        .send(body)
      assert.equal(retried.status, 201, JSON.stringify(retried.body))
      assert.equal(retried.body.proposal.proposalId, second.body.proposal.proposalId)
      assert.equal(await f.eventCount(), n)

      const unknown = await request(f.app)
        .get('/visit-proposals/00000000-0000-8000-8000-000000000000')
        .set('Authorization', f.bearer('head_office'))
      assert.equal(unknown.status, 404)
      assert.equal(unknown.body.code, 'PROPOSAL_NOT_FOUND')

      // Free slots to move it, then expiry: past its time nothing can be accepted.
      const slots = await request(f.app)
        .get(`/visit-proposals/${id}/slots?date=${made.body.proposal.slot.localDate}`)
        .set('Authorization', f.bearer('fleet_manager_f1'))
      assert.equal(slots.status, 200, JSON.stringify(slots.body))
      assert.ok(slots.body.slots.length > 0)
      f.advance(Date.parse(made.body.proposal.expiresAt) - f.clock.now() + 60_000)
      const fresh = (await f.tokenService.issue(f.principal('fleet_manager_f1'), new Date(f.clock.now()))).token
      const count = await f.eventCount()
      const expired = await request(f.app)
        .post(`/visit-proposals/${id}/accept`)
        .set('Authorization', `Bearer ${fresh}`)
        .send({})
      assert.equal(expired.status, 409, JSON.stringify(expired.body))
      assert.equal(expired.body.code, 'PROPOSAL_EXPIRED')
      assert.equal(await f.eventCount(), count)
    })

    it('a reminder whose item moved or went away before it fired sends nothing', async () => {
      await f.registerCar('eq1', 'DW 12345', { customerId: 'c1' })
      await f.equipment({
        kind: 'SetServiceDates',
        equipmentId: 'eq1',
        nextInspectionOn: addDays(TODAY, 10),
        warrantyEndsOn: null,
        insuranceEndsOn: null,
      })
      await f.equipment({
        kind: 'SetServiceDates',
        equipmentId: 'eq1',
        nextInspectionOn: addDays(TODAY, 200),
        warrantyEndsOn: null,
        insuranceEndsOn: null,
      })
      const count = await f.eventCount()
      const outcome = await f.worker.handler.handle({
        id: `due-eq1-inspection-inspection-${addDays(TODAY, 10)}`,
        name: 'due.reminder',
        payload: { equipmentId: 'eq1', kind: 'inspection', ref: 'inspection', dueDate: addDays(TODAY, 10) },
        attempt: 1,
        maxAttempts: 3,
      })
      assert.equal(outcome, 'not_due')
      assert.equal(await f.eventCount(), count)
      assert.equal(f.smtp.received.length, 0)

      // Insurance ends: a reminder without a visit (the kind asks for none), its message job scheduled.
      await f.equipment({
        kind: 'SetServiceDates',
        equipmentId: 'eq1',
        nextInspectionOn: addDays(TODAY, 200),
        warrantyEndsOn: null,
        insuranceEndsOn: addDays(TODAY, 20),
      })
      const insurance = `due-eq1-insurance_end-insurance-${addDays(TODAY, 20)}`
      const reminded = await f.worker.handler.handle({
        id: insurance,
        name: 'due.reminder',
        payload: { equipmentId: 'eq1', kind: 'insurance_end', ref: 'insurance', dueDate: addDays(TODAY, 20) },
        attempt: 1,
        maxAttempts: 3,
      })
      assert.equal(reminded, 'reminded')
      const recorded = await collect(f.store.readStream(dueServiceStream('eq1')))
      assert.deepEqual(
        recorded.map((e) => {
          const d = e.data as { reminderId: string; proposalId: string | null; noProposalReason: string | null }
          return [d.reminderId, d.proposalId, d.noProposalReason]
        }),
        [[insurance, null, 'no_visit_needed']],
      )
      assert.equal(
        (await queue.get(`duemsg-eq1-insurance_end-insurance-${addDays(TODAY, 20)}`))?.name,
        'notify.due-service',
      )
    })
  })
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const x of iterable) out.push(x)
  return out
}
