// What the staff console's repair test needs on top of the small network, made through the
// application services: valves in the Wola point's stock, an order at Wola already past its
// promised date (the board's overdue alert), a helpdesk ticket at Wola under its owner's contract
// whose SLA reaction time has passed (the board's SLA alert), and a second point (Mokotów) with an
// order of its own that Wola's employee must not see.
import { isLeft } from 'fp-ts/lib/Either.js'
import type { Principal } from '../../../../domain/access/principal.js'
import type { DomainError } from '../../../../domain/shared/decider.js'
import type { Platform } from '../../../../infrastructure/composition.js'
import { terms } from '../../../integration/contracts/support/terms.js'
import type { SmallNetwork } from './smallNetwork.js'

export interface RepairNetwork {
  /** An open order at Wola whose promised date has passed. */
  readonly overdue: { readonly workOrderId: string; readonly plate: string }
  /** A ticket at Wola past its SLA's reaction time. */
  readonly breachedTicket: { readonly subject: string }
  /** Another point's order. */
  readonly other: { readonly pointId: string; readonly workOrderId: string; readonly plate: string }
}

const ALL_DAY = [{ from: '06:00', to: '22:00' }]
const WEEK = { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY }

export async function seedRepairNetwork(platform: Platform, network: SmallNetwork): Promise<RepairNetwork> {
  const hq = { id: 'web-e2e-head-office', role: 'head_office', tenant: { scope: 'network' } } as unknown as Principal
  const { repair } = platform
  let n = 0
  const meta = (at = new Date()) => ({ correlationId: `web-repair-${++n}`, causationId: null, now: at.toISOString() })
  const must = <T>(what: string, r: { _tag: 'Left'; left: DomainError } | { _tag: 'Right'; right: T }): T => {
    if (isLeft(r)) throw new Error(`seed: ${what}: ${r.left.code} ${r.left.message}`)
    return r.right
  }

  must(
    'valves',
    await repair.stock.change(
      hq,
      network.pointId,
      { kind: 'Receive', receiptId: 'web-e2e-valves', lines: [{ sku: 'VALVE-TR413', quantity: 10 }], supplier: null },
      meta(),
    ),
  )

  const register = async (equipmentId: string, plate: string) =>
    must(
      equipmentId,
      await repair.equipment.register(
        hq,
        {
          equipmentId,
          typeCode: 'passenger_car',
          make: 'Škoda',
          model: 'Fabia',
          registration: { plate },
          owner: { kind: 'customer', customerId: 'web-e2e-owner' },
        },
        meta(),
      ),
    )
  await register('car-overdue', 'WE 4040P')
  const overdue = must(
    'overdue order',
    await repair.workOrders.open(
      hq,
      {
        pointId: network.pointId,
        equipmentId: 'car-overdue',
        customer: { name: 'Ewa Spóźniona', phone: '+48 600 700 800' },
        intake: { customerDescription: 'Przebita opona' },
        promisedAt: new Date(Date.now() + 3_600_000).toISOString(),
      },
      meta(),
    ),
  ).order.workOrderId
  // Promised two hours ago (opening takes only a future promise; a changed promise may lie in the past).
  must(
    'promise passed',
    await repair.workOrders.change(
      hq,
      overdue,
      {
        kind: 'SetPromisedDate',
        promisedAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
        reason: 'czeka na oponę',
      },
      meta(),
    ),
  )

  // The owner has a contract covering the car; a critical ticket opened two hours ago has had 30
  // minutes for a reaction and got none.
  const { business } = platform
  const owner = 'web-e2e-owner'
  must(
    'owner',
    await business.customers.register(
      hq,
      {
        customerId: owner,
        party: { kind: 'individual', firstName: 'Ewa', lastName: 'Spóźniona' },
        contacts: { email: null, phone: '+48600700800' },
      },
      meta(),
    ),
  )
  const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000)
  must(
    'contract',
    await business.contracts.sign(
      hq,
      {
        contractId: 'web-e2e-contract',
        holder: { kind: 'customer', customerId: owner },
        currency: 'PLN',
        timeZone: network.timeZone,
        validFrom: new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10),
        validTo: null,
        terms: terms(['car-overdue'], { SEASONAL_CHANGE: { kind: 'fixed_price', pricePerServiceMinor: 10_000 } }),
      },
      meta(twoHoursAgo),
    ),
  )
  const subject = 'Auto potrzebne na jutro rano'
  must(
    'ticket',
    await business.tickets.open(
      hq,
      {
        subject,
        description: 'Klientka pyta, czy zdążymy.',
        priority: 'critical',
        contractId: 'web-e2e-contract',
        pointId: network.pointId,
        equipmentId: 'car-overdue',
        requester: { customerId: owner, fleetId: null },
        channel: 'phone',
      },
      meta(twoHoursAgo),
    ),
  )

  const otherPoint = 'test-mokotow'
  must(
    'second point',
    await platform.network.points.create(
      hq,
      {
        pointId: otherPoint,
        name: 'Opony Test Mokotów',
        address: { street: 'ul. Puławska 2', postalCode: '02-002', city: 'Warszawa', country: 'PL' },
        geo: { lat: 52.19, lon: 21.02 },
        contacts: { phone: '+48 22 200 30 40', email: 'mokotow@test.pl' },
        timeZone: network.timeZone,
        weeklyHours: WEEK,
        bays: [{ bayId: 'bay-1', name: 'Stanowisko 1', capabilities: { features: ['passenger'], rimMaxInches: 19 } }],
        managerId: null,
      },
      meta(),
    ),
  )
  await register('car-mokotow', 'WB 9090M')
  const other = must(
    'other point’s order',
    await repair.workOrders.open(
      hq,
      {
        pointId: otherPoint,
        equipmentId: 'car-mokotow',
        customer: { name: 'Klient Mokotowa', phone: '+48 600 900 900' },
        intake: { customerDescription: 'Wymiana opon' },
      },
      meta(),
    ),
  ).order.workOrderId
  return {
    overdue: { workOrderId: overdue, plate: 'WE4040P' },
    breachedTicket: { subject },
    other: { pointId: otherPoint, workOrderId: other, plate: 'WB9090M' },
  }
}
