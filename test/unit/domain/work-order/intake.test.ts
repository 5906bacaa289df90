import assert from 'node:assert/strict'
import { equipmentDecider } from '../../../../domain/equipment/equipmentDecider.js'
import type { WorkOrderEvent } from '../../../../domain/work-order/events.js'
import { equipmentSnapshot, originalOrderSnapshot } from '../../../../domain/work-order/snapshots.js'
import { workOrderDecider } from '../../../../domain/work-order/workOrderDecider.js'
import { carRegistered, mileage } from '../equipment/fixtures.js'
import { scenario } from '../givenWhenThen.js'
import { car, cmd, openCommand, opened, photo, reception, sha, T, workOrderId } from './fixtures.js'

const { given } = scenario(workOrderDecider)
const signature = { signerName: 'Jan Kowalski', image: photo('sig-1'), signedAt: T.open }

describe('work order intake', () => {
  it('opens with the intake protocol: condition, accessories, mileage, description, photos; opener recorded', () => {
    const state = given([]).when(openCommand).then([opened])
    assert.equal(state.status, 'intake')
    assert.equal(state.signature, null)
    assert.deepEqual(state.intake?.accessories, ['locking wheel nut key', 'spare wheel'])
    given([opened]).when(openCommand).thenError('WORK_ORDER_ALREADY_EXISTS', 'conflict')
  })

  it('a signature given at the desk is recorded with the protocol; a later one once', () => {
    const signed: WorkOrderEvent = { type: 'IntakeProtocolSigned', data: { workOrderId, signature } }
    given([])
      .when({ ...openCommand, intake: { ...openCommand.intake, signature } })
      .then([opened, signed])
    const state = given([opened])
      .when(cmd('SignIntakeProtocol', { signature }, T.open, reception))
      .then([signed])
    assert.equal(state.signature?.signerName, 'Jan Kowalski')
    given([opened, signed])
      .when(cmd('SignIntakeProtocol', { signature }, T.open, reception))
      .thenError('INTAKE_ALREADY_SIGNED', 'conflict')
    given([opened])
      .when(cmd('SignIntakeProtocol', { signature: { ...signature, signedAt: '2026-03-05T00:00:00.000Z' } }, T.open))
      .thenError('WORK_ORDER_INVALID')
  })

  it('refuses a bad protocol with every failing field', () => {
    const error = given([])
      .when({
        ...openCommand,
        intake: {
          ...openCommand.intake,
          customerDescription: '  ',
          accessories: [''],
          mileageKm: -3,
          photos: [{ fileId: 'ph 1', sha256: 'xyz', contentType: 'jpeg' }],
        },
        promisedAt: '2026-03-01T00:00:00.000Z',
        trackingCodeHash: 'secret',
      })
      .thenError('WORK_ORDER_INVALID', 'invalid')
    assert.deepEqual((error.fields ?? []).map((f) => f.path).sort(), [
      'intake.accessories[0]',
      'intake.customerDescription',
      'intake.mileageKm',
      'intake.photos[0].contentType',
      'intake.photos[0].fileId',
      'intake.photos[0].sha256',
      'promisedAt',
      'trackingCodeHash',
    ])
  })

  it('unknown or scrapped equipment, and an odometer lower than recorded, are refused', () => {
    given([])
      .when({ ...openCommand, equipment: null })
      .thenError('EQUIPMENT_NOT_FOUND', 'not_found')
    given([])
      .when({ ...openCommand, equipment: { ...car, status: 'scrapped' } })
      .thenError('EQUIPMENT_SCRAPPED', 'conflict')
    given([])
      .when({ ...openCommand, intake: { ...openCommand.intake, mileageKm: 90_000 } })
      .thenError('INTAKE_MILEAGE_BELOW_LAST_READING', 'conflict')
    given([])
      .when({ ...openCommand, intake: { ...openCommand.intake, mileageKm: 90, odometerReplaced: true } })
      .events()
    given([])
      .when({ ...openCommand, equipment: { ...car, kind: 'device', lastMileageKm: null } })
      .thenError('WORK_ORDER_INVALID')
  })

  it('a rework order names the handed-over order it redoes, for the same equipment', () => {
    const reworkOf = {
      workOrderId: 'wo-0',
      reason: 'vibration came back',
      original: { workOrderId: 'wo-0', equipmentId: 'eq-car-1', status: 'handed_over' as const },
    }
    const [event] = given([])
      .when({ ...openCommand, reworkOf })
      .events()
    assert.deepEqual(event?.type === 'WorkOrderOpened' && event.data.reworkOf, {
      workOrderId: 'wo-0',
      reason: 'vibration came back',
    })
    given([])
      .when({ ...openCommand, reworkOf: { ...reworkOf, original: null } })
      .thenError('ORIGINAL_WORK_ORDER_NOT_FOUND', 'not_found')
    given([])
      .when({ ...openCommand, reworkOf: { ...reworkOf, original: { ...reworkOf.original, equipmentId: 'eq-9' } } })
      .thenError('REWORK_EQUIPMENT_MISMATCH', 'conflict')
    given([])
      .when({ ...openCommand, reworkOf: { ...reworkOf, original: { ...reworkOf.original, status: 'in_repair' } } })
      .thenError('REWORK_OF_UNFINISHED_ORDER', 'conflict')
  })

  it('the original order records its comebacks once, and only when it was handed over', () => {
    const handedOver: WorkOrderEvent = {
      type: 'WorkOrderHandedOver',
      data: {
        workOrderId,
        protocol: { receivedBy: 'Jan', signature: null, mileageKm: null, note: null },
        at: T.handover,
      },
    }
    const link = cmd('LinkReworkOrder', { reworkOrderId: 'wo-2', reason: 'vibration came back' }, T.handover, reception)
    const linked: WorkOrderEvent = {
      type: 'ReworkOrderLinked',
      data: { workOrderId, reworkOrderId: 'wo-2', reason: 'vibration came back', at: T.handover },
    }
    given([opened]).when(link).thenError('REWORK_OF_UNFINISHED_ORDER', 'conflict')
    const state = given([opened, handedOver]).when(link).then([linked])
    assert.deepEqual(state.reworkOrderIds, ['wo-2'])
    given([opened, handedOver, linked]).when(link).then([])
  })

  it('commands to an order that does not exist are not_found; a bad time is invalid', () => {
    given([]).when(cmd('StartDiagnosis', {})).thenError('WORK_ORDER_NOT_FOUND', 'not_found')
    given([opened])
      .when({ ...cmd('StartDiagnosis', {}), now: '2026-03-02 10:00' })
      .thenError('WORK_ORDER_INVALID')
    assert.equal(sha('x').length, 64)
  })
})

describe('snapshots the application passes in', () => {
  it('are built from the equipment and original order states', () => {
    const equipment = [carRegistered, mileage(121_500, T.open)].reduce(
      equipmentDecider.evolve,
      equipmentDecider.initialState,
    )
    assert.deepEqual(equipmentSnapshot(equipment), {
      equipmentId: 'eq-car-1',
      kind: 'vehicle',
      typeCode: 'passenger_car',
      status: 'at_customer',
      label: 'DW1AB23',
      lastMileageKm: 121_500,
    })
    assert.equal(equipmentSnapshot(equipmentDecider.initialState), null)
    const order = [opened].reduce(workOrderDecider.evolve, workOrderDecider.initialState)
    assert.deepEqual(originalOrderSnapshot(order), { workOrderId, equipmentId: 'eq-car-1', status: 'intake' })
    assert.equal(originalOrderSnapshot(workOrderDecider.initialState), null)
  })
})
