// The repair side of the demo, through the application services like the rest of the seed:
//   - every demo car registered in the equipment registry (its owner, plate, a VIN for some,
//     custom fields), its four tyres mounted months ago with DOT codes, and tread readings at a few
//     later visits, so each car has a wear trend and a predicted replacement date;
//   - stock at every point (a delivery a month ago, minimum levels, a few skus below them);
//   - a handful of work orders in the states a point's board shows: just received, in diagnosis
//     with a checklist and a defect, estimate with the customer, waiting for parts, in repair
//     (one overdue), ready for pickup, handed over (with a declined line left on the car as a
//     recommendation), returned unrepaired after a rejected estimate, cancelled, and a comeback.
// Commands carry the time they would have been issued at, and deterministic ids, like the rest.
import { isLeft } from 'fp-ts/lib/Either.js'
import type { RequestMeta } from '../../application/serviceNetwork/servicePointService.js'
import type { RepairPlatform } from '../../application/workOrders/repairPlatform.js'
import type { ChangeAnswer } from '../../application/workOrders/workOrderService.js'
import type { Principal } from '../../domain/access/principal.js'
import { vinCheckDigit } from '../../domain/equipment/vin.js'
import type { WheelPosition } from '../../domain/equipment/wheelPositions.js'
import type { DomainError } from '../../domain/shared/decider.js'
import { DEMO_CITIES } from './demoData.js'
import { type Random, seededRandom } from './random.js'
import type { DemoCar, DemoSummary } from './seedNetwork.js'

export interface RepairSummary {
  readonly equipment: number
  readonly tyres: number
  readonly workOrders: Readonly<Record<string, number>>
}

const DAY = 86_400_000
const POSITIONS: ReadonlyArray<WheelPosition> = ['FL', 'FR', 'RL', 'RR']
const BRANDS = ['Dębica', 'Michelin', 'Continental', 'Goodyear', 'Bridgestone', 'Pirelli', 'Hankook'] as const

function sizeFor(car: DemoCar): string {
  if (car.vehicleClass === 'van') return car.rimInches <= 15 ? '195/70R15C' : '215/65R16C'
  if (car.vehicleClass === 'suv')
    return (
      ({ 17: '225/65R17', 18: '235/55R18', 19: '235/50R19' } as Record<number, string>)[car.rimInches] ?? '255/45R20'
    )
  return ({ 15: '195/65R15', 16: '205/55R16', 17: '225/45R17' } as Record<number, string>)[car.rimInches] ?? '225/40R18'
}

const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789'
/** A made-up VIN with a correct check digit (position 9). */
function vinFor(random: Random): string {
  const chars = Array.from({ length: 17 }, () => random.pick([...VIN_CHARS]))
  chars[8] = '0'
  const vin = chars.join('')
  return `${vin.slice(0, 8)}${vinCheckDigit(vin)}${vin.slice(9)}`
}

const round1 = (x: number) => Math.round(x * 10) / 10

export async function seedRepairs(
  repair: RepairPlatform,
  demo: DemoSummary,
  options: { readonly now: Date; readonly seed?: number; readonly log?: (line: string) => void },
): Promise<RepairSummary> {
  const log = options.log ?? (() => {})
  const random = seededRandom((options.seed ?? 2026) * 7 + 5)
  const nowMs = options.now.getTime()
  const hq = demo.actors.headOffice
  let n = 0
  const meta = (at: number, name: string): RequestMeta => ({
    correlationId: `demo-repair-${++n}`,
    causationId: null,
    now: new Date(Math.min(at, nowMs - 60_000)).toISOString(),
    commandId: `demo|repair|${name}`,
  })
  const must = <T>(what: string, result: { _tag: 'Left'; left: DomainError } | { _tag: 'Right'; right: T }): T => {
    if (isLeft(result)) throw new Error(`demo seed: ${what}: ${result.left.code} ${result.left.message}`)
    return result.right
  }

  // ── equipment with tyres and tread readings ──
  log(`equipment: ${demo.cars.length} cars with their tyres and tread readings…`)
  const equipmentOf = new Map<string, DemoCar>()
  // Two owners may have drawn the same plate: the first keeps it (one item per plate).
  const cars = demo.cars.filter((car, i) => demo.cars.findIndex((other) => other.plate === car.plate) === i)
  const plans = cars.map((car, i) => {
    const equipmentId = `eq-${car.plate.replace(/\s/g, '').toLowerCase()}`
    equipmentOf.set(equipmentId, car)
    const mountedDaysAgo = random.int(200, 420)
    const firstKm = random.int(15_000, 160_000)
    const kmPerDay = random.int(20, 55)
    // About a millimetre per 6 000–16 000 km; some cars came with part-worn tyres.
    const wearPer1000 = 0.06 + random.next() * 0.1
    const mountedDepth = random.chance(0.7) ? 8 : round1(4.5 + random.next() * 3)
    const mountedAt = nowMs - mountedDaysAgo * DAY
    const month = new Date(mountedAt).getUTCMonth() + 1
    const season =
      car.vehicleClass === 'van' && random.chance(0.3) ? 'all_season' : month >= 10 || month <= 3 ? 'winter' : 'summer'
    const made = new Date(mountedAt - random.int(60, 900) * DAY)
    const week = Math.max(1, Math.min(52, Math.ceil((made.getUTCMonth() * 30.5 + made.getUTCDate()) / 7)))
    const visits = [random.int(90, Math.max(91, mountedDaysAgo - 60)), random.int(5, 60)]
    return {
      i,
      car,
      equipmentId,
      mountedAt,
      firstKm,
      kmPerDay,
      wearPer1000,
      season: season as 'winter' | 'summer' | 'all_season',
      mountedDepth,
      dot: `${String(week).padStart(2, '0')}${String(made.getUTCFullYear()).slice(2)}`,
      brand: random.pick(BRANDS),
      vin: random.chance(0.6) ? vinFor(random) : null,
      fuel: random.pick(['petrol', 'diesel', 'lpg', 'hybrid']),
      visits,
    }
  })
  let tyres = 0
  const equipmentOne = async (p: (typeof plans)[number]) => {
    const { car, equipmentId } = p
    const actor = demo.actors.employees[car.homePointId] ?? hq
    must(
      `equipment ${car.plate}`,
      await repair.equipment.register(
        actor,
        {
          equipmentId,
          typeCode: car.vehicleClass === 'van' ? 'van' : car.vehicleClass === 'suv' ? 'suv' : 'passenger_car',
          make: random.pick(['Škoda', 'Toyota', 'Volkswagen', 'Kia', 'Renault', 'Ford', 'Opel']),
          model: '',
          registration: { plate: car.plate },
          vin: p.vin,
          owner: car.owner,
          customFields: { fuel: p.fuel },
        },
        meta(p.mountedAt - DAY, `equipment|${equipmentId}`),
      ),
    )
    for (const position of POSITIONS) {
      must(
        `tyre ${car.plate} ${position}`,
        await repair.equipment.change(
          actor,
          equipmentId,
          {
            kind: 'MountTyre',
            tyreId: `${equipmentId}-${position.toLowerCase()}`,
            position,
            brand: p.brand,
            size: sizeFor(car),
            dotCode: p.dot,
            season: p.season,
            treadDepthMm: p.mountedDepth,
            mileageKm: p.firstKm,
          },
          meta(p.mountedAt, `mount|${equipmentId}|${position}`),
        ),
      )
      tyres++
    }
    for (const [v, daysAgo] of p.visits.entries()) {
      const at = nowMs - (daysAgo as number) * DAY
      const km = p.firstKm + Math.round(((at - p.mountedAt) / DAY) * p.kmPerDay)
      const worn = (km - p.firstKm) / 1000
      must(
        `tread ${car.plate}`,
        await repair.equipment.change(
          actor,
          equipmentId,
          {
            kind: 'RecordTreadDepths',
            // Driven wheels (front) wear a little faster.
            readings: POSITIONS.map((position) => ({
              position,
              depthMm: Math.max(
                1,
                round1(p.mountedDepth - worn * p.wearPer1000 * (position.startsWith('F') ? 1.15 : 0.9)),
              ),
            })),
            mileageKm: km,
          },
          meta(at, `tread|${equipmentId}|${v}`),
        ),
      )
    }
  }
  // A few cars at a time: each car's commands in order, cars side by side (their streams never meet).
  for (let i = 0; i < plans.length; i += 16) await Promise.all(plans.slice(i, i + 16).map(equipmentOne))

  // ── stock ──
  log('stock at every point…')
  const monthAgo = nowMs - 30 * DAY
  await Promise.all(
    DEMO_CITIES.map(async (city) => {
      const manager = demo.actors.managers[city.pointId] ?? hq
      const r = seededRandom(city.pointId.length * 31 + (options.seed ?? 2026))
      must(
        `stock ${city.pointId}`,
        await repair.stock.change(
          manager,
          city.pointId,
          {
            kind: 'Receive',
            receiptId: `demo-delivery-${city.pointId}`,
            lines: [
              { sku: 'TYRE-DEBICA-FRIGO2-205-55R16', quantity: r.int(8, 24) },
              { sku: 'TYRE-MICHELIN-ALPIN6-205-55R16', quantity: r.int(4, 16) },
              { sku: 'TYRE-BRIDGESTONE-LM005-235-55R18', quantity: r.int(4, 12) },
              { sku: 'TYRE-CONTI-VANWINTER-215-65R16C', quantity: r.int(4, 12) },
              { sku: 'VALVE-TR413', quantity: r.int(60, 200) },
              { sku: 'BOLT-M14X1.5-28', quantity: r.int(20, 80) },
              // Sensors run short at some points: the low-stock list and "waiting for parts" have something to show.
              ...(r.chance(0.5) ? [{ sku: 'TPMS-SCHRADER-EZ-33500', quantity: r.int(1, 6) }] : []),
            ],
            supplier: 'Hurtownia Opon Polska',
            documentRef: `WZ/${city.pointId}/001`,
          },
          meta(monthAgo, `stock|${city.pointId}`),
        ),
      )
      for (const [sku, minimum] of [
        ['TYRE-DEBICA-FRIGO2-205-55R16', 12],
        ['VALVE-TR413', 80],
        ['TPMS-SCHRADER-EZ-33500', 4],
      ] as const)
        must(
          `minimum ${sku}`,
          await repair.stock.change(
            manager,
            city.pointId,
            { kind: 'SetMinimum', sku, minimum },
            meta(monthAgo, `min|${city.pointId}|${sku}`),
          ),
        )
    }),
  )

  // ── work orders ──
  log('work orders in every state of the board…')
  const counts: Record<string, number> = {}
  const scenarios = [
    'handed_over',
    'handed_over',
    'handed_over',
    'ready',
    'in_repair_overdue',
    'waiting_for_parts',
    'estimate',
    'estimate',
    'diagnosis',
    'diagnosis',
    'intake',
    'cancelled',
    'returned_unrepaired',
    'rework',
  ] as const
  const candidates = [...equipmentOf.entries()].filter(([, car]) => car.owner.kind === 'customer')
  let previousHandedOver: { workOrderId: string; equipmentId: string; pointId: string } | null = null
  for (const [k, scenario] of scenarios.entries()) {
    const [equipmentId, car] = candidates[(k * 7) % candidates.length] as [string, DemoCar]
    const pointId: string = scenario === 'rework' && previousHandedOver ? previousHandedOver.pointId : car.homePointId
    const staff: Principal = demo.actors.employees[pointId] ?? hq
    const technicians = demo.actors.staff[pointId] ?? []
    const daysAgo =
      scenario === 'handed_over' ? 20 - k * 5 : scenario === 'returned_unrepaired' || scenario === 'cancelled' ? 6 : 1
    let t = nowMs - daysAgo * DAY - 6 * 3600_000 + k * 60_000
    // Each step of an order twenty minutes after the one before.
    const step = (name: string) => {
      t += 20 * 60_000
      return meta(t, `order|${k}|${name}`)
    }
    const sequence = (
      name: string,
      run: (m: RequestMeta) => Promise<{ _tag: 'Left'; left: DomainError } | { _tag: 'Right'; right: unknown }>,
    ) => run(step(name)).then((r) => must(`order ${k} ${scenario} ${name}`, r))
    const target: string = scenario === 'rework' && previousHandedOver ? previousHandedOver.equipmentId : equipmentId
    // The intake mileage, when the car's last reading is older than the visit (the log stays in time order).
    const item = await repair.equipment.get(staff, target, new Date(t).toISOString())
    const last = isLeft(item) ? null : item.right.mileage
    const km = last?.lastKm != null && last.lastAt !== null && Date.parse(last.lastAt) < t ? last.lastKm : null
    const opened: ChangeAnswer = must(
      `order ${k}`,
      await repair.workOrders.open(
        staff,
        {
          pointId,
          equipmentId: target,
          customer: { name: car.ownerName, phone: car.phone },
          intake: {
            customerDescription:
              scenario === 'rework'
                ? 'Drgania kierownicy wróciły po wyważeniu'
                : random.pick([
                    'Sezonowa wymiana opon',
                    'Stuki z przodu przy hamowaniu',
                    'Spada ciśnienie w lewym przednim kole',
                    'Kontrolka TPMS',
                  ]),
            conditionNotes: random.pick(['Bez uwag', 'Rysa na zderzaku', 'Porysowane felgi']),
            accessories: random.chance(0.5) ? ['klucz do śrub zabezpieczających'] : [],
            mileageKm: km === null ? null : km + random.int(100, 900),
          },
          promisedAt: new Date(scenario === 'in_repair_overdue' ? t + 4 * 3600_000 : t + 2 * DAY).toISOString(),
          ...(scenario === 'rework' && previousHandedOver
            ? { reworkOf: { workOrderId: previousHandedOver.workOrderId, reason: 'drgania wróciły' } }
            : {}),
          ...(scenario === 'intake'
            ? {}
            : { startDiagnosis: true, ...(technicians[0] ? { technicianId: technicians[0] } : {}) }),
        },
        step('open'),
      ),
    )
    const id: string = opened.order.workOrderId
    counts[scenario] = (counts[scenario] ?? 0) + 1
    if (scenario === 'intake') continue
    const change = (name: string, c: Parameters<typeof repair.workOrders.change>[2]) =>
      sequence(name, (m) => repair.workOrders.change(staff, id, c, m))
    await change('checklist', {
      kind: 'RecordChecklistResults',
      checklistId: 'wheels-and-tyres',
      results: [
        { itemId: 'tread-fl', result: 'attention', measurement: { value: 3.2, unit: 'mm' } },
        { itemId: 'pressure', result: 'ok' },
        { itemId: 'valves', result: random.chance(0.5) ? 'fail' : 'ok' },
      ],
    })
    await change('problem', {
      kind: 'RecordProblem',
      problemId: 'p1',
      defectCode: 'TREAD_WORN',
      causeCode: 'normal_wear',
      checklistItemId: 'tread-fl',
    })
    if (scenario === 'diagnosis') continue
    if (scenario === 'rework') continue
    const tyre =
      car.vehicleClass === 'suv'
        ? 'TYRE-BRIDGESTONE-LM005-235-55R18'
        : car.vehicleClass === 'van'
          ? 'TYRE-CONTI-VANWINTER-215-65R16C'
          : 'TYRE-DEBICA-FRIGO2-205-55R16'
    await change('line-service', {
      kind: 'AddLine',
      line: { kind: 'service', serviceCode: 'TYRE_FITTING', lineId: 'fitting', problemId: 'p1' },
    })
    await change('line-tyres', {
      kind: 'AddLine',
      line: { kind: 'goods', sku: tyre, quantity: 2, lineId: 'tyres', problemId: 'p1' },
    })
    await change('line-valves', {
      kind: 'AddLine',
      line: { kind: 'goods', sku: 'VALVE-TR413', quantity: 2, lineId: 'valves' },
    })
    // More sensors than any point keeps: the order that approves them waits for parts.
    const sensors = scenario === 'waiting_for_parts' ? 8 : 1
    await change('line-tpms', {
      kind: 'AddLine',
      line: { kind: 'goods', sku: 'TPMS-SCHRADER-EZ-33500', quantity: sensors, lineId: 'tpms' },
    })
    await sequence('send', (m) => repair.workOrders.sendEstimate(staff, id, { channel: 'in_person' }, m))
    if (scenario === 'estimate') continue
    const declineTpms = scenario !== 'waiting_for_parts'
    const rejected = scenario === 'returned_unrepaired'
    await sequence('decide', (m) =>
      repair.workOrders.decide(
        staff,
        id,
        {
          revision: 1,
          decidedByName: `${car.ownerName} (telefon)`,
          channel: 'phone',
          decisions: ['fitting', 'tyres', 'valves', 'tpms'].map((lineId) => ({
            lineId,
            decision: rejected || (lineId === 'tpms' && declineTpms) ? ('declined' as const) : ('approved' as const),
            reason: lineId === 'tpms' ? 'następnym razem' : null,
          })),
        },
        m,
      ),
    )
    if (scenario === 'returned_unrepaired') {
      await change('return', {
        kind: 'ReturnUnrepaired',
        reason: 'klient odrzucił kosztorys',
        receivedBy: car.ownerName,
      })
      continue
    }
    if (scenario === 'cancelled') {
      await change('cancel', { kind: 'Cancel', reason: 'klient zrezygnował' })
      continue
    }
    if (scenario === 'waiting_for_parts') continue // the reservation policy found no sensor: the order waits for parts
    await change('repair', { kind: 'StartRepair' })
    if (scenario === 'in_repair_overdue') continue
    await change('log', { kind: 'AddLogEntry', text: 'Opony zamontowane, koła wyważone', visibleToCustomer: true })
    await change('ready', { kind: 'MarkReady', summary: 'Wymienione opony przednie' })
    if (scenario === 'ready') continue
    await change('handover', { kind: 'HandOver', receivedBy: car.ownerName })
    previousHandedOver = { workOrderId: id, equipmentId, pointId }
  }
  return { equipment: plans.length, tyres, workOrders: counts }
}
