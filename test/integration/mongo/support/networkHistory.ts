// A realistic service-network log for running the built-in projections end to end: two points,
// catalogue changes, and bookings that are made, confirmed, moved, cancelled, checked in,
// completed or missed, all written through the real deciders (NetworkLog, shared with the
// projection unit tests). Steps are drawn from a seeded generator, so every run sees the same
// history; the domain refuses some steps (a full slot, a closed day) and those are skipped.

import type { Bay } from '../../../../domain/service-network/events.js'
import { addDays } from '../../../../domain/shared/localTime.js'
import {
  PLN,
  runFlat,
  seasonalChange,
  sensor,
  valve,
} from '../../../unit/projections/serviceNetwork/support/catalogueItems.js'
import { HQ, NETWORK, NetworkLog } from '../../../unit/projections/serviceNetwork/support/networkLog.js'

const POINTS = ['wro-1', 'waw-1'] as const
const MONDAY = '2026-03-02'
const BOOKINGS = 60
const EXTRA_BAY: Bay = { bayId: 'bay-x', name: 'Extra', capabilities: { features: ['passenger'], rimMaxInches: 18 } }
const PLATES = ['DW 1AB23', 'WA 12345', 'KR 9XY12', 'PO 55501', 'GD 7TT70'] as const

/** mulberry32: a small seeded PRNG, so the history is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function time(slot: number): string {
  const minutes = 8 * 60 + slot * 30
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

export interface NetworkHistory {
  readonly log: NetworkLog
  /** Events appended so far. */
  readonly events: () => Promise<number>
  /** Appends `steps` more generated steps (bookings and their lives, point and catalogue edits). */
  readonly grow: (steps: number) => Promise<void>
}

export async function networkHistory(seed = 7): Promise<NetworkHistory> {
  const log = new NetworkLog()
  const next = random(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T
  const int = (max: number) => Math.floor(next() * max)
  await log.openPoint({ pointId: 'wro-1', name: 'Wrocław', city: 'Wrocław', lat: 51.1, lon: 17.03 }, MONDAY, 7)
  await log.openPoint({ pointId: 'waw-1', name: 'Warszawa', city: 'Warszawa', lat: 52.2, lon: 21.0 }, MONDAY, 7)
  for (const service of [seasonalChange, runFlat])
    await log.catalogue({ kind: 'AddService', networkId: NETWORK, service })
  for (const goods of [valve, sensor]) await log.catalogue({ kind: 'AddGoods', networkId: NETWORK, goods })

  const step = async (): Promise<void> => {
    const roll = next()
    const booking = `bk-${int(BOOKINGS)}`
    const point = pick(POINTS)
    if (roll < 0.35) {
      const who = pick(['c1', 'c2', 'f1', 'walk-in'] as const)
      await log.book(
        {
          bookingId: booking,
          pointId: point,
          date: addDays(MONDAY, int(6)),
          time: time(int(18)),
          minutes: pick([30, 45, 60, 90]),
          customerId: who === 'c1' || who === 'c2' ? who : null,
          fleetId: who === 'f1' ? 'f1' : null,
          plate: pick(PLATES),
          confirm: next() < 0.6,
        },
        who === 'f1' ? { id: 'fm-1', role: 'fleet_manager' } : HQ,
      )
    } else if (roll < 0.47) await log.reschedule(booking, addDays(MONDAY, int(6)), time(int(18)))
    else if (roll < 0.55) await log.cancel(booking)
    else if (roll < 0.66) await log.checkIn(booking)
    else if (roll < 0.76) await log.complete(booking)
    else if (roll < 0.8) await log.noShow(booking)
    else if (roll < 0.85) await log.booking({ kind: 'ConfirmBooking', bookingId: booking })
    else if (roll < 0.88) {
      const p = log.pointState(point)
      await log.point(point, {
        kind: 'ChangeServicePointDetails',
        actor: HQ,
        name: pick(['Łódź Górna', 'Kraków', 'Nowy']),
        address: p.address,
        geo: p.geo,
        contacts: p.contacts,
      })
    } else if (roll < 0.91) {
      const date = addDays(MONDAY, int(6))
      if (next() < 0.5)
        await log.point(point, { kind: 'SetOpeningHoursException', actor: HQ, date, hours: [], note: 'closed' })
      else await log.point(point, { kind: 'RemoveOpeningHoursException', actor: HQ, date })
    } else if (roll < 0.94) {
      if (next() < 0.5) await log.point(point, { kind: 'AddBay', actor: HQ, bay: EXTRA_BAY })
      else await log.point(point, { kind: 'RemoveBay', actor: HQ, bayId: EXTRA_BAY.bayId })
    } else if (roll < 0.96) {
      const managerId = pick(['mgr-1', 'mgr-2', null])
      await log.point(
        point,
        managerId === null ? { kind: 'UnassignManager', actor: HQ } : { kind: 'AssignManager', actor: HQ, managerId },
      )
    } else {
      const which = int(4)
      if (which === 0)
        await log.catalogue({
          kind: 'ChangeService',
          networkId: NETWORK,
          service: { ...seasonalChange, price: PLN(99) },
        })
      else if (which === 1)
        await log.catalogue({ kind: 'ChangeGoods', networkId: NETWORK, goods: { ...valve, price: PLN(7) } })
      else if (which === 2) await log.catalogue({ kind: 'RetireGoods', networkId: NETWORK, sku: sensor.sku })
      else await log.catalogue({ kind: 'AddGoods', networkId: NETWORK, goods: sensor })
    }
  }

  return {
    log,
    events: () => log.events.headPosition(),
    async grow(steps) {
      for (let i = 0; i < steps; i++) await step()
    },
  }
}
