// Realistic repair histories for the audit, repair-history and document tests and the benchmark:
// commands go through the real deciders and land in an event store with full metadata (who, role,
// when), the way the application will append them. Each stream's state is kept here, so a history
// of thousands of events is written without re-reading streams.
import { randomUUID } from 'node:crypto'
import { documentTemplateEventDefinitions } from '../../../../application/documents/templateEvents.js'
import { EventCatalogue } from '../../../../application/eventLog/eventCatalogue.js'
import type { EventStore, NewEvent } from '../../../../application/ports/eventStore.js'
import { bookingContextEventDefinitions } from '../../../../domain/booking/events.js'
import type { EquipmentCommand } from '../../../../domain/equipment/commands.js'
import type { EquipmentTypeSchema } from '../../../../domain/equipment/customFields.js'
import { equipmentDecider, equipmentStream } from '../../../../domain/equipment/equipmentDecider.js'
import { equipmentEventDefinitions } from '../../../../domain/equipment/events.js'
import { serviceNetworkEventDefinitions } from '../../../../domain/service-network/events.js'
import type { Actor } from '../../../../domain/shared/actor.js'
import type { Decider } from '../../../../domain/shared/decider.js'
import type { StockCommand } from '../../../../domain/stock/commands.js'
import { stockEventDefinitions } from '../../../../domain/stock/events.js'
import { stockDecider, stockStream } from '../../../../domain/stock/stockDecider.js'
import type { WorkOrderCommand } from '../../../../domain/work-order/commands.js'
import { type EstimateLine, workOrderEventDefinitions } from '../../../../domain/work-order/events.js'
import { workOrderDecider, workOrderStream } from '../../../../domain/work-order/workOrderDecider.js'

/** Every event type these histories contain (and the others the audit registry folds). */
export function workshopCatalogue(): EventCatalogue {
  return new EventCatalogue([
    ...serviceNetworkEventDefinitions,
    ...bookingContextEventDefinitions,
    ...equipmentEventDefinitions,
    ...workOrderEventDefinitions,
    ...stockEventDefinitions,
    ...documentTemplateEventDefinitions,
  ])
}

export const POINT = 'p1'
export const receptionist: Actor = { id: 'emp-ola', role: 'service_point_employee' }
export const mechanic: Actor = { id: 'tech-lukasz', role: 'service_point_employee' }
export const manager: Actor = { id: 'mgr-p1', role: 'service_point_manager' }
export const linkCustomer: Actor = { id: 'access-code', role: 'customer' }
export const system: Actor = { id: 'system', role: 'system' }

export const sha = (c: string): string => c.repeat(64).slice(0, 64)
const photo = (id: string) => ({ fileId: id, sha256: sha('a'), contentType: 'image/jpeg' })

export const carSchema: EquipmentTypeSchema = { typeCode: 'passenger_car', fields: [] }

const PLN = (amountMinor: number) => ({ amountMinor, currency: 'PLN' })

/** Keeps each stream's state and revision, decides, and appends what the decider said. */
export class Recorder {
  private readonly streams = new Map<string, { state: unknown; revision: number | 'no_stream' }>()
  /** Instants advance by a minute per command unless set. */
  private clock: number

  constructor(
    readonly store: EventStore,
    readonly catalogue: EventCatalogue,
    start = '2026-03-02T08:00:00.000Z',
  ) {
    this.clock = Date.parse(start)
  }

  now(): string {
    return new Date(this.clock).toISOString()
  }

  /** Moves the clock on (minutes) and answers the new instant. */
  tick(minutes = 1): string {
    this.clock += minutes * 60_000
    return this.now()
  }

  setClock(at: string): void {
    this.clock = Date.parse(at)
  }

  async run<C, S, E extends { type: string; data: unknown }>(
    decider: Decider<C, S, E>,
    streamId: string,
    command: C,
    actor: Actor,
  ): Promise<E[]> {
    const known = this.streams.get(streamId) ?? { state: decider.initialState, revision: 'no_stream' as const }
    const decided = decider.decide(command, known.state as S)
    if (decided._tag === 'Left') throw new Error(`${streamId}: ${JSON.stringify(decided.left)}`)
    const events = [...decided.right]
    if (events.length === 0) return events
    const correlationId = randomUUID()
    const batch: NewEvent[] = events.map((event) => {
      const { type, data, schemaVersion } = this.catalogue.encode(event)
      return {
        type,
        data,
        metadata: {
          eventId: randomUUID(),
          correlationId,
          causationId: null,
          actor,
          occurredAt: this.now(),
          schemaVersion,
        },
      }
    })
    const result = await this.store.appendToStream(streamId, batch, { expectedRevision: known.revision })
    this.streams.set(streamId, {
      state: events.reduce(decider.evolve, known.state as S),
      revision: result.nextExpectedRevision,
    })
    return events
  }

  workOrder(command: WorkOrderCommand): Promise<unknown[]> {
    return this.run(workOrderDecider, workOrderStream(command.workOrderId), command, command.actor)
  }

  equipment(command: EquipmentCommand, actor: Actor = receptionist): Promise<unknown[]> {
    return this.run(equipmentDecider, equipmentStream(command.equipmentId), command, actor)
  }

  stock(command: StockCommand, actor: Actor = mechanic): Promise<unknown[]> {
    return this.run(stockDecider, stockStream(command.pointId), command, actor)
  }
}

export interface CarOptions {
  readonly equipmentId: string
  readonly plate?: string
  readonly owner?: { kind: 'customer'; customerId: string } | { kind: 'fleet'; fleetId: string }
  readonly pointId?: string
}

export async function registerCar(r: Recorder, o: CarOptions): Promise<void> {
  await r.equipment({
    kind: 'RegisterEquipment',
    equipmentId: o.equipmentId,
    equipmentKind: 'vehicle',
    typeCode: 'passenger_car',
    schema: carSchema,
    make: 'Škoda',
    model: 'Octavia',
    vehicleClass: 'passenger',
    vin: null,
    registration: { plate: o.plate ?? 'DW1AB23', country: 'PL' },
    serialNumber: null,
    owner: o.owner ?? { kind: 'customer', customerId: 'c1' },
    customFields: {},
    status: 'at_customer',
    pointId: o.pointId ?? POINT,
    now: r.now(),
  })
  for (const [i, position] of (['FL', 'FR', 'RL', 'RR'] as const).entries())
    await r.equipment({
      kind: 'MountTyre',
      equipmentId: o.equipmentId,
      tyreId: `${o.equipmentId}-t${i}`,
      position,
      brand: 'Dębica',
      model: 'Frigo HP2',
      size: '205/55R16 91H',
      dotCode: '1224',
      season: 'winter',
      treadDepthMm: 8,
      mileageKm: null,
      now: r.tick(),
    })
}

export async function receiveParts(r: Recorder, pointId = POINT): Promise<void> {
  await r.stock({
    kind: 'ReceiveStock',
    pointId,
    receiptId: randomUUID(),
    lines: [
      { sku: 'BRK-PAD-F', quantity: 10_000, unitCost: PLN(9_000) },
      { sku: 'VALVE-TR413', quantity: 10_000, unitCost: PLN(300) },
    ],
    supplier: 'Inter Cars',
    documentRef: 'FV/2026/03/001',
    now: r.tick(),
  })
}

export interface OrderOptions {
  readonly workOrderId: string
  readonly equipmentId: string
  readonly plate?: string
  readonly customerId?: string | null
  readonly fleetId?: string | null
  readonly customerName?: string
  readonly pointId?: string
  readonly mileageKm: number
  /** Skip handover: the order stays in repair. */
  readonly open?: boolean
}

const labour = (lineId: string, description: string, minutes: number): EstimateLine => ({
  lineId,
  kind: 'labour',
  description,
  minutes,
  hourlyRate: PLN(16_000),
  vatRatePercent: 23,
  photos: [],
  problemId: null,
  recommendationId: null,
})

const part = (lineId: string, description: string, sku: string, quantity: number, unitMinor: number): EstimateLine => ({
  lineId,
  kind: 'part',
  description,
  sku,
  quantity,
  unitPrice: PLN(unitMinor),
  vatRatePercent: 23,
  photos: [photo(`ph-${lineId}`)],
  problemId: null,
  recommendationId: null,
})

/**
 * One visit from intake to handover (about 30 events across the order, the equipment and the
 * stock): intake with a signature, checklist with a tread measurement, a recorded problem, three
 * estimate lines of which the customer approves two by link, parts issued, labour clocked, tread
 * depths and mileage on the equipment, ready, handed over.
 */
export async function completeOrder(r: Recorder, o: OrderOptions): Promise<void> {
  const workOrderId = o.workOrderId
  const base = { workOrderId }
  const pointId = o.pointId ?? POINT
  const by = (actor: Actor) => ({ ...base, actor, now: r.tick(7) })
  await r.workOrder({
    kind: 'OpenWorkOrder',
    ...by(receptionist),
    pointId,
    equipment: {
      equipmentId: o.equipmentId,
      kind: 'vehicle',
      typeCode: 'passenger_car',
      status: 'at_customer',
      label: o.plate ?? 'DW1AB23',
      lastMileageKm: null,
    },
    customer: {
      customerId: o.customerId === undefined ? 'c1' : o.customerId,
      fleetId: o.fleetId ?? null,
      name: o.customerName ?? 'Zażółć Gęślą-Jaźń',
      phone: '+48600100200',
      email: 'klient@example.pl',
    },
    intake: {
      conditionNotes: 'Rysa na tylnym zderzaku, wgniecenie na błotniku',
      accessories: ['klucz do śrub zabezpieczających', 'koło zapasowe'],
      mileageKm: o.mileageKm,
      odometerReplaced: false,
      customerDescription: 'Piszczą hamulce przy zjeździe; drgania kierownicy przy 120 km/h',
      photos: [photo('ph-intake-1')],
      signature: { signerName: 'Zażółć Gęślą-Jaźń', image: photo('sig-1'), signedAt: r.now() },
    },
    promisedAt: '2026-12-31T16:00:00.000Z',
    reworkOf: null,
    bookingId: null,
    trackingCodeHash: sha('b'),
  })
  await r.equipment(
    {
      kind: 'ChangeEquipmentStatus',
      equipmentId: o.equipmentId,
      to: 'in_service',
      workOrderId,
      reason: null,
      now: r.now(),
    },
    system,
  )
  await r.workOrder({ kind: 'StartDiagnosis', ...by(mechanic) })
  await r.workOrder({ kind: 'AssignTechnician', ...by(manager), technicianId: mechanic.id, name: 'Łukasz Wiśniewski' })
  await r.workOrder({
    kind: 'AssignChecklist',
    ...by(mechanic),
    checklist: {
      checklistId: 'cl-car',
      name: 'Przegląd kół',
      items: [
        { itemId: 'brakes', label: 'Hamulce przednie' },
        { itemId: 'tread', label: 'Głębokość bieżnika' },
      ],
    },
  })
  await r.workOrder({
    kind: 'RecordChecklistResults',
    ...by(mechanic),
    checklistId: 'cl-car',
    results: [
      { itemId: 'brakes', result: 'fail', note: 'klocki zużyte', photos: [], measurement: null },
      { itemId: 'tread', result: 'ok', note: null, photos: [], measurement: { value: 5.5, unit: 'mm' } },
    ],
  })
  await r.workOrder({
    kind: 'RecordProblem',
    ...by(mechanic),
    problemId: 'pr-1',
    defectCode: 'BRAKE_PADS_WORN',
    causeCode: 'WEAR',
    note: 'Grubość okładziny 2 mm',
    checklistItemId: 'brakes',
    catalogue: [
      { code: 'BRAKE_PADS_WORN', label: 'Zużyte klocki hamulcowe', causes: [{ code: 'WEAR', label: 'Zużycie' }] },
    ],
  })
  await r.workOrder({ kind: 'AddEstimateLine', ...by(mechanic), line: labour('L1', 'Wymiana klocków przód', 45) })
  await r.workOrder({
    kind: 'AddEstimateLine',
    ...by(mechanic),
    line: part('L2', 'Klocki hamulcowe przód (komplet)', 'BRK-PAD-F', 1, 18_999),
  })
  await r.workOrder({ kind: 'AddEstimateLine', ...by(mechanic), line: labour('L3', 'Wyważanie czterech kół', 40) })
  await r.workOrder({
    kind: 'SendEstimate',
    ...by(receptionist),
    accessCodeHash: sha('c'),
    accessCodeExpiresAt: '2027-01-31T10:00:00.000Z',
    sentTo: { channel: 'sms', address: '+48600100200' },
  })
  await r.workOrder({
    kind: 'DecideEstimateLines',
    ...by(linkCustomer),
    revision: 1,
    decisions: [
      { lineId: 'L1', decision: 'approved', reason: null },
      { lineId: 'L2', decision: 'approved', reason: null },
      { lineId: 'L3', decision: 'declined', reason: 'następnym razem' },
    ],
    decidedByName: 'Zażółć Gęślą-Jaźń',
    channel: 'link',
    accessCodeHash: sha('c'),
  })
  await r.workOrder({ kind: 'StartRepair', ...by(mechanic) })
  await r.stock({
    kind: 'IssueStock',
    pointId,
    issueId: `${workOrderId}-issue-1`,
    workOrderId,
    technicianId: mechanic.id,
    lines: [{ sku: 'BRK-PAD-F', quantity: 1 }],
    now: r.tick(),
  })
  await r.workOrder({ kind: 'ClockIn', ...by(mechanic), technicianId: mechanic.id, lineId: 'L1' })
  await r.workOrder({ kind: 'ClockOut', ...by(mechanic), technicianId: mechanic.id })
  await r.workOrder({
    kind: 'AddLogEntry',
    ...by(mechanic),
    entryId: `${workOrderId}-log-1`,
    text: 'Wymieniono klocki; tarcze w normie (ść).',
    photos: [],
    visibleToCustomer: true,
  })
  await r.equipment(
    {
      kind: 'RecordTreadDepths',
      equipmentId: o.equipmentId,
      readings: [
        { position: 'FL', depthMm: 5.5 },
        { position: 'FR', depthMm: 5.4 },
        { position: 'RL', depthMm: 6.1 },
        { position: 'RR', depthMm: 6 },
      ],
      mileageKm: o.mileageKm,
      workOrderId,
      now: r.now(),
    },
    mechanic,
  )
  if (o.open) return
  await r.workOrder({ kind: 'MarkReady', ...by(mechanic), summary: 'Klocki wymienione, jazda próbna OK' })
  await r.workOrder({
    kind: 'HandOver',
    ...by(receptionist),
    protocol: {
      receivedBy: 'Zażółć Gęślą-Jaźń',
      signature: photo('sig-2'),
      mileageKm: o.mileageKm + 3,
      note: 'Odebrano bez zastrzeżeń',
    },
  })
  await r.equipment(
    {
      kind: 'ChangeEquipmentStatus',
      equipmentId: o.equipmentId,
      to: 'at_customer',
      workOrderId,
      reason: null,
      now: r.now(),
    },
    system,
  )
}

/** Grows an order's own stream by technician log entries and clock cycles to `events` events in all. */
export async function padOrder(r: Recorder, workOrderId: string, existing: number, events: number): Promise<void> {
  let count = existing
  let i = 0
  while (count < events) {
    const now = r.tick()
    if (events - count >= 2 && i % 3 === 2) {
      await r.workOrder({ kind: 'ClockIn', workOrderId, actor: mechanic, now, technicianId: mechanic.id, lineId: null })
      await r.workOrder({ kind: 'ClockOut', workOrderId, actor: mechanic, now: r.tick(), technicianId: mechanic.id })
      count += 2
    } else {
      await r.workOrder({
        kind: 'AddLogEntry',
        workOrderId,
        actor: mechanic,
        now,
        entryId: `${workOrderId}-pad-${i}`,
        text: `Wpis ${i}: sprawdzono połączenia`,
        photos: [],
        visibleToCustomer: false,
      })
      count++
    }
    i++
  }
}
