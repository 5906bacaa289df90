// A small network with the repair side on a memory event store, driven through the application
// services (no HTTP): a catalogue, points p1 and p2 with two technicians each, and helpers that
// run a step with a moving clock. For the repair read models' and policies' tests.
import assert from 'node:assert/strict'
import { isRight } from 'fp-ts/lib/Either.js'
import { bookingPlatform } from '../../../../../application/booking/bookingPlatform.js'
import { EventCatalogue } from '../../../../../application/eventLog/eventCatalogue.js'
import type { RecordedEvent } from '../../../../../application/ports/eventStore.js'
import type { RequestMeta } from '../../../../../application/serviceNetwork/servicePointService.js'
import { repairEventDefinitions } from '../../../../../application/workOrders/repairEvents.js'
import { repairPlatform } from '../../../../../application/workOrders/repairPlatform.js'
import type { Principal } from '../../../../../domain/access/principal.js'
import { bookingContextEventDefinitions } from '../../../../../domain/booking/events.js'
import type { GoodsDefinition, ServiceDefinition } from '../../../../../domain/service-network/events.js'
import { serviceNetworkEventDefinitions } from '../../../../../domain/service-network/events.js'
import type { DomainError } from '../../../../../domain/shared/decider.js'
import { MemoryEventStore } from '../../../../../infrastructure/event-store/memory/memoryEventStore.js'
import { MemoryFileStore } from '../../../../../infrastructure/files/memoryFileStore.js'

export const HQ = { id: 'hq', role: 'head_office', tenant: { scope: 'network' } } as unknown as Principal
export const staffOf = (pointId: string) =>
  ({
    id: `emp-${pointId}`,
    role: 'service_point_employee',
    tenant: { scope: 'point', pointId },
  }) as unknown as Principal

const PLN = (amountMinor: number) => ({ amountMinor, currency: 'PLN' })
const SERVICES: ServiceDefinition[] = [
  {
    code: 'TYRE_CHANGE',
    names: { pl: 'Wymiana opon', en: 'Tyre change' },
    baseMinutes: 60,
    durationRules: [{ vehicleClass: 'van', wheels: null, minutes: 90 }],
    price: PLN(12_000),
    vatRatePercent: 23,
    requiredFeatures: [],
    requiredSkill: 'tyre_fitting',
  },
]
const GOODS: GoodsDefinition[] = [
  { sku: 'VALVE', kind: 'valve', names: { pl: 'Zawór', en: 'Valve' }, price: PLN(800), vatRatePercent: 23 },
  { sku: 'TYRE', kind: 'tyre', names: { pl: 'Opona', en: 'Tyre' }, price: PLN(30_000), vatRatePercent: 23 },
]

export type Answer<T> = { _tag: 'Left'; left: DomainError } | { _tag: 'Right'; right: T }

export async function repairWorld(start = '2026-03-02T08:00:00.000Z') {
  const store = new MemoryEventStore()
  const catalogue = new EventCatalogue([
    ...serviceNetworkEventDefinitions,
    ...bookingContextEventDefinitions,
    ...repairEventDefinitions,
  ])
  const network = bookingPlatform({
    store,
    catalogue,
    directory: { points: async () => [], lastPointOf: async () => null },
  })
  const repair = repairPlatform({
    store,
    catalogue,
    reader: network.reader,
    codeSecret: 'world',
    files: new MemoryFileStore(),
  })
  let clock = Date.parse(start)
  let n = 0
  /** Request metadata one minute after the previous request's. */
  const meta = (commandId?: string): RequestMeta => {
    clock += 60_000
    return {
      correlationId: `req-${++n}`,
      causationId: null,
      now: new Date(clock).toISOString(),
      ...(commandId ? { commandId } : {}),
    }
  }
  const ok = <T>(answer: Answer<T>): T => {
    assert.ok(isRight(answer), JSON.stringify(answer))
    return answer.right
  }
  for (const service of SERVICES) ok(await network.catalogue.change(HQ, { kind: 'AddService', service }, meta()))
  for (const goods of GOODS) ok(await network.catalogue.change(HQ, { kind: 'AddGoods', goods }, meta()))
  for (const pointId of ['p1', 'p2']) {
    ok(
      await network.points.create(
        HQ,
        {
          pointId,
          name: `Opony ${pointId}`,
          address: { street: 'ul. Testowa 1', postalCode: '50-001', city: 'Wrocław', country: 'PL' },
          geo: { lat: 51.1, lon: 17.03 },
          contacts: { phone: '+48 71 123 45 67', email: `${pointId}@tyres.example` },
          timeZone: 'Europe/Warsaw',
          weeklyHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
          bays: [],
          managerId: null,
        },
        meta(),
      ),
    )
    ok(
      await network.staff.change(
        HQ,
        pointId,
        ['anna', 'jan'].map((name) => ({
          kind: 'RegisterStaffMember' as const,
          staffId: `${pointId}-${name}`,
          name,
          skills: ['tyre_fitting' as const],
        })),
        meta(),
      ),
    )
  }
  const events = async (): Promise<RecordedEvent[]> => {
    const out: RecordedEvent[] = []
    for await (const e of store.readAll()) out.push(e)
    return out
  }
  return {
    store,
    catalogue,
    network,
    repair,
    meta,
    ok,
    events,
    advance: (minutes: number) => {
      clock += minutes * 60_000
    },
  }
}

export type RepairWorld = Awaited<ReturnType<typeof repairWorld>>
