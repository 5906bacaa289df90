// Steps the lifecycle forbids and input that cannot be right: a clear problem+json (status, code,
// a detail that names the problem) and the event log exactly as it was.
import assert from 'node:assert/strict'
import { type RepairFixture, repairFixture } from './support/repairFixture.js'

describe('bad work-order, stock and equipment input', () => {
  let fx: RepairFixture
  let rejected: string // an order whose estimate the customer rejected
  let accessCode: string
  let inRepair: string // an approved order being repaired

  before(async () => {
    fx = await repairFixture()
    rejected = (await fx.openOrder('employee_p1', {})).order.workOrderId
    await fx.send('employee_p1', 'post', `/work-orders/${rejected}/estimate/lines`, {
      kind: 'service',
      serviceCode: 'TYRE_CHANGE',
    })
    accessCode = (await fx.send('employee_p1', 'post', `/work-orders/${rejected}/estimate/send`, {})).body.accessCode
    const no = await fx.send(null, 'post', `/tracking/${rejected}/estimate/decisions`, {
      code: accessCode,
      revision: 1,
      decidedByName: 'Jan Kowalski',
      decisions: [{ lineId: 'svc:TYRE_CHANGE:1', decision: 'declined', reason: 'too expensive' }],
    })
    assert.equal(no.body.status, 'rejected', JSON.stringify(no.body))

    inRepair = (await fx.openOrder('employee_p1', { equipmentId: 'car-c2' })).order.workOrderId
    await fx.send('employee_p1', 'post', `/work-orders/${inRepair}/estimate/lines`, {
      kind: 'service',
      serviceCode: 'BALANCING',
    })
    await fx.send('employee_p1', 'post', `/work-orders/${inRepair}/estimate/send`, {})
    await fx.send('employee_p1', 'post', `/work-orders/${inRepair}/estimate/decisions`, {
      revision: 1,
      decidedByName: 'Anna (phone)',
      decisions: [{ lineId: 'svc:BALANCING:1', decision: 'approved' }],
    })
    const started = await fx.send('employee_p1', 'post', `/work-orders/${inRepair}/repair`)
    assert.equal(started.body.order.status, 'in_repair', JSON.stringify(started.body))
  })

  async function refused(
    method: 'get' | 'post' | 'put' | 'delete',
    path: string,
    body: object | undefined,
    status: number,
    code: string,
    detail: RegExp,
    who: Parameters<RepairFixture['send']>[0] = 'employee_p1',
  ) {
    const before = await fx.eventCount()
    const res = await fx.send(who, method, path, body)
    assert.equal(res.status, status, `${method} ${path}: ${JSON.stringify(res.body)}`)
    assert.match(res.headers['content-type'] ?? '', /^application\/problem\+json/)
    assert.equal(res.body.code, code)
    assert.match(res.body.detail, detail)
    assert.equal(await fx.eventCount(), before, 'nothing appended')
    return res.body
  }

  it('approving a rejected estimate: through the link and on the phone', async () => {
    const answer = {
      revision: 1,
      decidedByName: 'Jan Kowalski',
      decisions: [{ lineId: 'svc:TYRE_CHANGE:1', decision: 'approved' }],
    }
    await refused(
      'post',
      `/tracking/${rejected}/estimate/decisions`,
      { ...answer, code: accessCode },
      409,
      'ESTIMATE_REJECTED',
      /rejected/,
      null,
    )
    await refused(
      'post',
      `/work-orders/${rejected}/estimate/decisions`,
      { ...answer, channel: 'phone' },
      409,
      'ESTIMATE_REJECTED',
      /rejected/,
    )
    await refused('post', `/work-orders/${rejected}/repair`, undefined, 409, 'ESTIMATE_REJECTED', /rejected/)
  })

  it('handing over an order that is not ready', async () => {
    await refused(
      'post',
      `/work-orders/${inRepair}/handover`,
      { receivedBy: 'Jan' },
      409,
      'WORK_ORDER_NOT_READY',
      /handed over/,
    )
    await refused(
      'post',
      `/work-orders/${rejected}/handover`,
      { receivedBy: 'Jan' },
      409,
      'WORK_ORDER_NOT_READY',
      /rejected/,
    )
  })

  it('parts not in stock: issuing or reserving more than there is names what is available', async () => {
    const body = await refused(
      'post',
      '/points/p1/stock/issues',
      { technicianId: 'p1-anna', workOrderId: inRepair, lines: [{ sku: 'TYRE-205', quantity: 6 }] },
      409,
      'INSUFFICIENT_STOCK',
      /TYRE-205 6 requested, 4 available/,
    )
    assert.deepEqual(body.errors, [{ path: 'lines[0].quantity', message: '6 requested, 4 available' }])
    await refused(
      'post',
      '/points/p1/stock/reservations',
      {
        workOrderId: inRepair,
        lines: [
          { sku: 'VALVE', quantity: 2 },
          { sku: 'TPMS', quantity: 1 },
        ],
      },
      409,
      'INSUFFICIENT_STOCK',
      /TPMS 1 requested, 0 available/,
    )
    // Goods the catalogue does not know are a typo, not a shortage.
    await refused(
      'post',
      '/points/p1/stock/issues',
      { technicianId: 'p1-anna', lines: [{ sku: 'UNOBTAINIUM', quantity: 1 }] },
      422,
      'UNKNOWN_GOODS',
      /not in the catalogue/,
    )
    // Parts for an order of another point, or a technician who does not work here.
    await refused(
      'post',
      '/points/p1/stock/issues',
      { technicianId: 'p2-anna', lines: [{ sku: 'VALVE', quantity: 1 }] },
      404,
      'STAFF_MEMBER_NOT_FOUND',
      /p2-anna/,
    )
  })

  it('unknown equipment, unknown point, unknown order', async () => {
    await refused(
      'post',
      '/work-orders',
      { pointId: 'p1', equipmentId: 'no-such-car', intake: { customerDescription: 'noise' } },
      404,
      'EQUIPMENT_NOT_FOUND',
      /no such equipment/,
    )
    await refused(
      'post',
      '/work-orders',
      { pointId: 'nowhere', equipmentId: 'car-c1', intake: { customerDescription: 'noise' } },
      404,
      'SERVICE_POINT_NOT_FOUND',
      /nowhere/,
      'head_office',
    )
    await refused(
      'post',
      '/work-orders/no-such-order/diagnosis',
      undefined,
      404,
      'WORK_ORDER_NOT_FOUND',
      /no-such-order/,
    )
    await refused('get', '/equipment/no-such-car', undefined, 404, 'EQUIPMENT_NOT_FOUND', /no-such-car/)
  })

  it('photos that were never uploaded, or whose digest is not the file’s', async () => {
    const body = await refused(
      'post',
      '/work-orders',
      {
        pointId: 'p1',
        equipmentId: 'car-c1',
        intake: {
          customerDescription: 'noise',
          photos: [{ fileId: 'f-ghost', sha256: 'a'.repeat(64), contentType: 'image/jpeg' }],
        },
      },
      422,
      'FILE_NOT_UPLOADED',
      /not uploaded/,
    )
    assert.equal(body.errors[0].path, 'intake.photos[0].fileId')
    const upload = await fx
      .send('employee_p1', 'post', '/files')
      .set('Content-Type', 'image/png')
      .send(Buffer.from('png'))
    const wrong = { fileId: upload.body.fileId, sha256: 'b'.repeat(64), contentType: 'image/png' }
    await refused(
      'post',
      `/work-orders/${inRepair}/log`,
      { text: 'photo', photos: [wrong] },
      422,
      'FILE_NOT_UPLOADED',
      /not uploaded/,
    )
    await refused('post', '/files', undefined, 422, 'UNSUPPORTED_FILE_TYPE', /image\/jpeg/)
  })

  it('malformed bodies and values the domain refuses list every failing field', async () => {
    const missing = await refused(
      'post',
      '/work-orders',
      { pointId: 'p1' },
      400,
      'VALIDATION_FAILED',
      /body is not valid/,
    )
    assert.deepEqual(missing.errors.map((e: { path: string }) => e.path).sort(), ['equipmentId', 'intake'])
    const invalid = await refused(
      'post',
      '/work-orders',
      {
        pointId: 'p1',
        equipmentId: 'car-c1',
        intake: { customerDescription: '  ', mileageKm: -5 },
        promisedAt: '2026-11-20T10:00:00Z',
      },
      422,
      'WORK_ORDER_INVALID',
      /invalid/,
    )
    assert.deepEqual(invalid.errors.map((e: { path: string }) => e.path).sort(), [
      'intake.customerDescription',
      'intake.mileageKm',
      'promisedAt',
    ])
    await refused(
      'post',
      '/work-orders',
      { pointId: 'p1', equipmentId: 'car-c1', intake: { customerDescription: 'noise', mileageKm: 1_000 } },
      409,
      'INTAKE_MILEAGE_BELOW_LAST_READING',
      /below the last recorded 120000 km/,
    )
    await refused(
      'post',
      `/work-orders/${inRepair}/custom-status`,
      { code: 'coffee_break' },
      422,
      'UNKNOWN_CUSTOM_STATUS',
      /coffee_break/,
    )
    await refused(
      'post',
      `/work-orders/${inRepair}/estimate/lines`,
      { kind: 'service', serviceCode: 'TYRE_CHANGE' },
      409,
      'ESTIMATE_LOCKED',
      /reopen it/,
    )
    await refused(
      'post',
      `/work-orders/${rejected}/problems`,
      { defectCode: 'ENGINE_ON_FIRE' },
      422,
      'WORK_ORDER_INVALID',
      /invalid/,
    )
    await refused(
      'post',
      `/work-orders/${inRepair}/technicians`,
      { technicianId: 'p2-anna' },
      404,
      'STAFF_MEMBER_NOT_FOUND',
      /does not work at p1/,
    )
  })

  it('equipment: an unknown type, custom fields against the type’s schema, a bad VIN, a plate registered already', async () => {
    await refused(
      'post',
      '/equipment',
      { typeCode: 'spaceship', make: 'X', owner: { kind: 'customer', customerId: 'c1' } },
      422,
      'UNKNOWN_EQUIPMENT_TYPE',
      /spaceship/,
    )
    const fields = await refused(
      'post',
      '/equipment',
      {
        typeCode: 'passenger_car',
        make: 'Opel',
        vin: 'W0L0AHL48-OOPS',
        registration: { plate: 'DW 55555' },
        owner: { kind: 'customer', customerId: 'c1' },
        customFields: { fuel: 'steam', engineCc: 2.5, wings: true },
      },
      422,
      'EQUIPMENT_INVALID',
      /invalid/,
    )
    assert.deepEqual(fields.errors.map((e: { path: string }) => e.path).sort(), [
      'customFields.engineCc',
      'customFields.fuel',
      'customFields.wings',
      'vin',
    ])
    await fx.refresh()
    await refused(
      'post',
      '/equipment',
      {
        typeCode: 'passenger_car',
        make: 'Opel',
        registration: { plate: 'dw1ab23' },
        owner: { kind: 'customer', customerId: 'c9' },
      },
      409,
      'EQUIPMENT_DUPLICATE',
      /car-c1/,
    )
    await refused(
      'post',
      '/equipment/car-c1/tread-depths',
      { readings: [{ position: 'FL', depthMm: 5 }] },
      409,
      'NO_TYRE_AT_POSITION',
      /FL/,
    )
  })
})
