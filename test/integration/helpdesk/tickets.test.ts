// Helpdesk tickets over HTTP: opened by a fleet manager under his contract's SLA, worked by the
// point's staff, the SLA clock and its escalations computed from events (recorded once each),
// time tracking, conversion to a real work order (linked both ways, once), rating 1–6 stars, and who sees what.
import assert from 'node:assert/strict'
import { fixedPrice, terms } from '../contracts/support/terms.js'
import { type BusinessFixture, businessFixture, vehicleBody } from '../customers/support/businessFixture.js'

describe('helpdesk tickets over HTTP', () => {
  let f: BusinessFixture
  let vehicle: string
  let ticketId: string
  before(async () => {
    f = await businessFixture()
    const res = await f.call('fleet_f1').post('/fleets/f1/vehicles', vehicleBody(1, { branchId: 'waw' }))
    vehicle = res.body.vehicle.equipmentId
    // The car in the equipment registry under the fleet's equipment id, as the demo seed does.
    const registered = await f.repair.equipment.register(
      f.principal('head_office'),
      {
        equipmentId: vehicle,
        typeCode: 'passenger_car',
        make: 'Volkswagen',
        model: 'Golf',
        registration: { plate: 'WA 10001', country: 'PL' },
        owner: { kind: 'fleet', fleetId: 'f1' },
      },
      { correlationId: 'register-car', causationId: null, now: f.now() },
    )
    assert.equal(registered._tag, 'Right', JSON.stringify(registered))
    const signed = await f.call('head_office').post('/contracts', {
      contractId: 'k1',
      holder: { kind: 'fleet', fleetId: 'f1' },
      currency: 'PLN',
      timeZone: 'Europe/Warsaw',
      validFrom: '2026-11-01',
      validTo: null,
      terms: terms([vehicle], { TYRE_CHANGE: fixedPrice(9_000) }),
    })
    assert.equal(signed.status, 201, JSON.stringify(signed.body))
    await f.settle()
  })
  after(() => f.close())

  const minutes = (n: number) => f.advanceClock(n * 60)

  it('a fleet manager opens a ticket; the SLA of the contract covering the vehicle today applies', async () => {
    const res = await f.call('fleet_manager_f1').post('/tickets', {
      subject: 'Vibration at 100 km/h',
      description: 'After the tyre change last week the car vibrates.',
      priority: 'high',
      equipmentId: vehicle,
      pointId: 'p1',
    })
    assert.equal(res.status, 201, JSON.stringify(res.body))
    ticketId = res.body.ticketId
    assert.equal(res.body.contractId, 'k1')
    assert.deepEqual(res.body.requester, { customerId: null, fleetId: 'f1' })
    assert.equal(res.body.sla.state, 'on_track')
    assert.equal(res.body.sla.reactionDeadline, '2026-11-26T09:00:00.000Z')
    assert.equal(res.body.channel, 'customer_portal')
  })

  it('the point’s staff and the fleet see it; another point, another customer do not', async () => {
    assert.equal((await f.call('employee_p1').get(`/tickets/${ticketId}`)).status, 200)
    assert.equal((await f.call('fleet_f1').get(`/tickets/${ticketId}`)).status, 200)
    const other = await f.call('employee_p2').get(`/tickets/${ticketId}`)
    assert.equal(other.status, 403)
    assert.equal(other.body.code, 'TENANT_ACCESS_DENIED')
    assert.equal((await f.call('customer').get(`/tickets/${ticketId}`)).status, 403)
    assert.equal((await f.call('customer').post(`/tickets/${ticketId}/messages`, { body: 'hello' })).status, 403)
  })

  it('a missed reaction escalates to the point’s manager, then head office, each recorded once', async () => {
    await minutes(61)
    await f.settle()
    const breached = await f.call('fleet_manager_f1').get(`/tickets/${ticketId}`)
    assert.equal(breached.body.sla.state, 'breached')
    assert.equal(breached.body.sla.breachedAt, '2026-11-26T09:00:00.000Z')
    let check = await f.call('head_office').post('/tickets/escalations/check')
    assert.equal(check.status, 200, JSON.stringify(check.body))
    assert.deepEqual(check.body, [{ ticketId, target: 'reaction', level: 'point_manager' }])
    assert.equal(f.alerts.length, 1)
    assert.equal(f.alerts[0]?.pointId, 'p1')
    await f.settle()
    check = await f.call('head_office').post('/tickets/escalations/check')
    assert.deepEqual(check.body, [], 'nothing new: the escalation is recorded')
    await minutes(60)
    await f.settle()
    check = await f.call('head_office').post('/tickets/escalations/check')
    assert.deepEqual(check.body, [{ ticketId, target: 'reaction', level: 'head_office' }])
    // Another run straight away, read model not yet caught up: the stream decides, nothing doubles.
    check = await f.call('head_office').post('/tickets/escalations/check')
    assert.deepEqual(check.body, [])
    const escalated = (await f.events()).filter((e) => e.type === 'TicketEscalated')
    assert.deepEqual(
      escalated.map((e) => (e.data as { level: string }).level),
      ['point_manager', 'head_office'],
    )
    assert.equal(f.alerts.length, 2)
    const view = await f.call('employee_p1').get(`/tickets/${ticketId}`)
    assert.equal(view.body.escalations.length, 2)
  })

  it('staff work the ticket: internal notes stay internal; waiting for the customer stops the clock; his reply resumes it', async () => {
    const staff = f.call('employee_p1')
    let res = await staff.post(`/tickets/${ticketId}/start`)
    assert.equal(res.status, 200, JSON.stringify(res.body))
    assert.equal(res.body.status, 'in_progress')
    await staff.post(`/tickets/${ticketId}/messages`, {
      body: 'Check the balancing of the front wheels',
      visibility: 'internal',
    })
    res = await staff.post(`/tickets/${ticketId}/wait`, { question: 'Which wheel, front or rear?' })
    assert.equal(res.body.status, 'waiting_for_customer')
    assert.equal(res.body.slaClock.resolution.paused, true)
    const note = await f
      .call('fleet_manager_f1')
      .post(`/tickets/${ticketId}/messages`, { body: 'x', visibility: 'internal' })
    assert.equal(note.status, 403)
    assert.equal(note.body.code, 'TICKET_INTERNAL_NOTE_BY_CUSTOMER')
    res = await f.call('fleet_manager_f1').post(`/tickets/${ticketId}/messages`, { body: 'Front left, I think.' })
    assert.equal(res.body.status, 'in_progress')
    assert.deepEqual(
      res.body.messages.map((m: { body: string }) => m.body),
      ['Front left, I think.'],
      'the customer side does not see internal notes',
    )
    assert.equal(res.body.time, null)
    const asStaff = await staff.get(`/tickets/${ticketId}`)
    assert.equal(asStaff.body.messages.length, 2)
  })

  it('time tracking: billable and not, a cancelled entry does not count', async () => {
    const staff = f.call('manager_p1')
    await staff.post(`/tickets/${ticketId}/time-entries`, { minutes: 30, billable: true, entryId: 't1' })
    await staff.post(`/tickets/${ticketId}/time-entries`, { minutes: 20, billable: false, entryId: 't2' })
    const res = await staff.post(`/tickets/${ticketId}/time-entries/t1/cancel`, { reason: 'logged twice' })
    assert.equal(res.status, 200, JSON.stringify(res.body))
    assert.equal(res.body.time.billableMinutes, 0)
    assert.equal(res.body.time.nonBillableMinutes, 20)
    const byCustomer = await f
      .call('fleet_manager_f1')
      .post(`/tickets/${ticketId}/time-entries`, { minutes: 5, billable: true })
    assert.equal(byCustomer.status, 403)
    assert.equal(byCustomer.body.code, 'ROLE_NOT_ALLOWED')
  })

  it('the ticket becomes a real work order, linked both ways; asking again opens nothing more', async () => {
    // Only staff, and only the staff of the ticket's point.
    const byFleet = await f
      .call('fleet_manager_f1')
      .post(`/tickets/${ticketId}/work-order`, { serviceCodes: ['BALANCING'] })
    assert.equal(byFleet.status, 403)
    const otherPoint = await f
      .call('employee_p2')
      .post(`/tickets/${ticketId}/work-order`, { serviceCodes: ['BALANCING'] })
    assert.equal(otherPoint.status, 403)
    const before = await f.eventCount()
    const res = await f
      .call('employee_p1')
      .post(`/tickets/${ticketId}/work-order`, { serviceCodes: ['BALANCING'], workOrderId: 'wo-1', mileageKm: 81_000 })
    assert.equal(res.status, 200, JSON.stringify(res.body))
    assert.equal(res.body.workOrderId, 'wo-1')
    assert.equal(res.body.workOrder.workOrderId, 'wo-1')
    assert.equal(res.body.workOrder.status, 'intake')
    assert.match(res.body.workOrder.trackingCode, /\S{6,}/)
    const events = await f.events()
    const converted = events.find((e) => e.type === 'TicketConvertedToWorkOrder')
    assert.equal(converted?.streamId, `ticket-${ticketId}`)
    assert.deepEqual(
      { ...(converted?.data as Record<string, unknown>), by: undefined, at: undefined },
      {
        ticketId,
        by: undefined,
        at: undefined,
        workOrderId: 'wo-1',
        pointId: 'p1',
        equipmentId: vehicle,
        requester: { customerId: null, fleetId: 'f1' },
        contractId: 'k1',
        serviceCodes: ['BALANCING'],
        description: 'Vibration at 100 km/h\n\nAfter the tyre change last week the car vibrates.',
        priority: 'high',
      },
    )
    // The order's own stream: opened at the ticket's point for its car, the ticket's text as the
    // customer's description, the fleet as the customer, and the ticket recorded.
    const order = events.filter((e) => e.streamId === 'workorder-wo-1')
    assert.deepEqual(
      order.map((e) => e.type),
      ['WorkOrderOpened', 'WorkOrderTicketLinked'],
    )
    const opened = order[0]?.data as {
      pointId: string
      equipment: { equipmentId: string }
      customer: { fleetId: string | null }
      intake: { customerDescription: string; mileageKm: number | null }
    }
    assert.equal(opened.pointId, 'p1')
    assert.equal(opened.equipment.equipmentId, vehicle)
    assert.equal(opened.customer.fleetId, 'f1')
    assert.equal(
      opened.intake.customerDescription,
      'Vibration at 100 km/h\n\nAfter the tyre change last week the car vibrates.',
    )
    assert.equal(opened.intake.mileageKm, 81_000)
    const linked = order[1]?.data as { workOrderId: string; ticketId: string } | undefined
    assert.deepEqual([linked?.workOrderId, linked?.ticketId], ['wo-1', ticketId])
    const view = await f.repair.workOrders.get(f.principal('employee_p1'), 'wo-1', f.now())
    assert.equal(view._tag, 'Right', JSON.stringify(view))
    if (view._tag === 'Right') assert.equal((view.right as { ticketId: string | null }).ticketId, ticketId)
    const written = (await f.eventCount()) - before

    // Asked again (a retry, another member of staff): the same order and code, nothing appended.
    const again = await f.call('manager_p1').post(`/tickets/${ticketId}/work-order`, { serviceCodes: ['BALANCING'] })
    assert.equal(again.status, 200, JSON.stringify(again.body))
    assert.deepEqual(again.body.workOrder, res.body.workOrder)
    assert.equal((await f.eventCount()) - before, written)
    // Another order id for the same ticket: refused, nothing written.
    const other = await f
      .call('employee_p1')
      .post(`/tickets/${ticketId}/work-order`, { serviceCodes: ['BALANCING'], workOrderId: 'wo-2' })
    assert.equal(other.status, 409)
    assert.equal(other.body.code, 'TICKET_ALREADY_CONVERTED')
    assert.equal((await f.eventCount()) - before, written)
    assert.equal((await f.events()).filter((e) => e.streamId === 'workorder-wo-2').length, 0)
  })

  it('rating: 1–6 stars by the customer’s side, once, after resolution', async () => {
    const early = await f.call('fleet_manager_f1').post(`/tickets/${ticketId}/rating`, { stars: 5 })
    assert.equal(early.status, 409)
    assert.equal(early.body.code, 'TICKET_NOT_RESOLVED')
    await f.call('employee_p1').post(`/tickets/${ticketId}/resolve`, { resolution: 'Wheels balanced' })
    assert.equal((await f.call('employee_p1').post(`/tickets/${ticketId}/rating`, { stars: 5 })).status, 403)
    const seven = await f.call('fleet_manager_f1').post(`/tickets/${ticketId}/rating`, { stars: 7 })
    assert.equal(seven.status, 422)
    assert.equal(seven.body.errors[0].path, 'stars')
    const ok = await f
      .call('fleet_manager_f1')
      .post(`/tickets/${ticketId}/rating`, { stars: 6, comment: 'Quick and friendly' })
    assert.equal(ok.status, 200, JSON.stringify(ok.body))
    assert.deepEqual(ok.body.rating, { stars: 6, comment: 'Quick and friendly' })
    const twice = await f.call('fleet_manager_f1').post(`/tickets/${ticketId}/rating`, { stars: 1 })
    assert.equal(twice.status, 409)
    assert.equal(twice.body.code, 'TICKET_ALREADY_RATED')
  })

  it('lists: each sees his own tickets with their SLA state', async () => {
    const own = await f
      .call('customer')
      .post('/tickets', { subject: 'Invoice question', description: 'Where is my invoice?' })
    assert.equal(own.status, 201, JSON.stringify(own.body))
    assert.equal(own.body.sla.state, 'none', 'no contract, no SLA')
    await f.settle()
    const mine = await f.call('customer').get('/tickets?status=all')
    assert.deepEqual(
      mine.body.items.map((t: { ticketId: string }) => t.ticketId),
      [own.body.ticketId],
    )
    const fleet = await f.call('fleet_f1').get('/tickets?status=all')
    assert.deepEqual(
      fleet.body.items.map((t: { ticketId: string }) => t.ticketId),
      [ticketId],
    )
    const point = await f.call('employee_p1').get('/tickets?status=all')
    assert.deepEqual(
      point.body.items.map((t: { ticketId: string }) => t.ticketId),
      [ticketId],
    )
    assert.equal((await f.call('customer').get('/tickets?fleetId=f1')).status, 403)
    const all = await f.call('head_office').get('/tickets?status=all')
    assert.equal(all.body.total, 2)
  })

  it('a customer cannot open a ticket under another holder’s contract', async () => {
    const before = await f.eventCount()
    const res = await f.call('customer').post('/tickets', { subject: 'x', description: 'y', contractId: 'k1' })
    assert.equal(res.status, 422, JSON.stringify(res.body))
    assert.equal(res.body.code, 'TICKET_INVALID')
    assert.equal(await f.eventCount(), before)
  })

  it('two staff members converting one ticket at the same moment open one order', async () => {
    const opened = await f.call('fleet_manager_f1').post('/tickets', {
      subject: 'Puncture',
      description: 'Rear right loses air.',
      equipmentId: vehicle,
      pointId: 'p1',
    })
    assert.equal(opened.status, 201, JSON.stringify(opened.body))
    const id = opened.body.ticketId
    const answers = await Promise.all(
      ['employee_p1', 'manager_p1', 'head_office', 'employee_p1'].map((who) =>
        f.call(who as 'employee_p1').post(`/tickets/${id}/work-order`, { serviceCodes: ['TYRE_CHANGE'] }),
      ),
    )
    for (const a of answers) assert.equal(a.status, 200, JSON.stringify(a.body))
    assert.equal(new Set(answers.map((a) => a.body.workOrder.workOrderId)).size, 1)
    const events = await f.events()
    assert.equal(events.filter((e) => e.streamId === `workorder-wo-${id}` && e.type === 'WorkOrderOpened').length, 1)
    assert.equal(
      events.filter((e) => e.streamId === `workorder-wo-${id}` && e.type === 'WorkOrderTicketLinked').length,
      1,
    )
    assert.equal(
      events.filter((e) => e.streamId === `ticket-${id}` && e.type === 'TicketConvertedToWorkOrder').length,
      1,
    )
  })

  it('a ticket without a vehicle in the registry, or without a point, is refused; nothing written', async () => {
    const opened = await f
      .call('fleet_manager_f1')
      .post('/tickets', { subject: 'Invoice copy', description: 'Please.' })
    assert.equal(opened.status, 201, JSON.stringify(opened.body))
    const id = opened.body.ticketId
    const before = await f.eventCount()
    const res = await f.call('head_office').post(`/tickets/${id}/work-order`, { serviceCodes: ['TYRE_CHANGE'] })
    assert.equal(res.status, 422, JSON.stringify(res.body))
    assert.deepEqual(
      res.body.errors.map((e: { path: string }) => e.path),
      ['pointId', 'equipmentId'],
    )
    const unknown = await f
      .call('head_office')
      .post(`/tickets/${id}/work-order`, { serviceCodes: ['TYRE_CHANGE'], pointId: 'p1', equipmentId: 'eq-nowhere' })
    assert.equal(unknown.status, 404, JSON.stringify(unknown.body))
    assert.equal(unknown.body.code, 'EQUIPMENT_NOT_FOUND')
    assert.equal(await f.eventCount(), before)
  })
})
