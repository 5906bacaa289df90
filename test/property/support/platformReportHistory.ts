// Histories for the built-in reports: the demo seed at a small scale (written through the application
// services: points, bookings, equipment with tyres, stock, work orders, customers, fleets, contracts,
// tickets, monthly billing), then generated steps that add what the seed does not write, as events
// shaped like the seed's own (copied from its first events of each type and given new ids): visits
// booked, moved, cancelled, missed and completed; bays added and removed; work orders opened, clocked,
// handed over and billed; parts issued and returned; tickets opened, assigned, answered, resolved,
// reopened and rated; fleet vehicles added, moved between branches and removed; due dates; tyres
// mounted, measured and dismounted; contract months billed.
import fc from 'fast-check'
import { bookingPlatform } from '../../../application/booking/bookingPlatform.js'
import type { RecordedEvent } from '../../../application/ports/eventStore.js'
import { eventCatalogue } from '../../../infrastructure/composition.js'
import { MemoryDocumentStore } from '../../../infrastructure/documents/memory/memoryDocumentStore.js'
import { MemoryEventStore } from '../../../infrastructure/event-store/memory/memoryEventStore.js'
import { seedDemoPlatform } from '../../../scripts/demo/seedPlatform.js'

export const SEED_NOW = new Date('2026-11-26T10:00:00.000Z')
export const POINTS = ['waw-bemowo', 'krk-podgorze'] as const
export const FLEET = 'fleet-kurier-express'
export const BRANCHES = ['wro', 'waw', null] as const
export const CUSTOMERS = ['cust-001', 'cust-002'] as const

export interface SeededBase {
  /** The seed's events, in log order. */
  readonly events: readonly RecordedEvent[]
  readonly templates: Readonly<Record<string, RecordedEvent>>
}

let cached: Promise<SeededBase> | null = null

/** The demo seed's log (written once per test process). */
export function seededBase(): Promise<SeededBase> {
  cached ??= (async () => {
    const store = new MemoryEventStore()
    const catalogue = eventCatalogue()
    await seedDemoPlatform(
      {
        stores: { eventStore: store, documentStore: new MemoryDocumentStore() },
        catalogue,
        network: bookingPlatform({ store, catalogue }),
      },
      { now: SEED_NOW, customers: 4, bookingsPerBayDay: 0.1, pastDays: 2, futureDays: 1, seed: 11 },
    )
    const events: RecordedEvent[] = []
    const templates: Record<string, RecordedEvent> = {}
    for await (const e of store.readAll()) {
      events.push(e)
      templates[e.type] ??= e
    }
    return { events, templates }
  })()
  return cached
}

/** Writes the seed's events into another store, stream by stream, in log order. */
export async function copyBase(base: SeededBase, into: MemoryEventStore): Promise<void> {
  for (const e of base.events) {
    const {
      prevHash: _p,
      hash: _h,
      ...metadata
    } = e.metadata as typeof e.metadata & { prevHash?: string; hash?: string }
    await into.appendToStream(e.streamId, [{ type: e.type, data: e.data, metadata }], { expectedRevision: 'any' })
  }
}

export type Step =
  | { kind: 'book'; id: number; point: number; day: number; slot: number; who: number }
  | { kind: 'reschedule'; id: number; day: number; slot: number }
  | { kind: 'cancel' | 'noShow' | 'complete'; id: number }
  | { kind: 'addBay' | 'removeBay'; point: number }
  | { kind: 'open'; order: number; point: number; vehicle: number; who: number }
  | { kind: 'clock'; order: number; tech: number; minutes: number }
  | { kind: 'handOver'; order: number }
  | { kind: 'rateOrder'; order: number; stars: number }
  | { kind: 'bill'; order: number; labour: number; parts: number }
  | { kind: 'issue' | 'return'; point: number; sku: number; quantity: number }
  | { kind: 'ticket'; ticket: number; point: number; priority: number }
  | { kind: 'assign'; ticket: number; point: number }
  | { kind: 'answer' | 'resolve' | 'reopen'; ticket: number }
  | { kind: 'rate'; ticket: number; stars: number }
  | { kind: 'fleetAdd' | 'fleetMove'; vehicle: number; branch: number }
  | { kind: 'fleetRemove'; vehicle: number }
  | { kind: 'dues'; vehicle: number; month: number }
  | { kind: 'own'; vehicle: number; who: number }
  | { kind: 'mount' | 'dismount'; vehicle: number; tyre: number }
  | { kind: 'measure'; vehicle: number; tyre: number; depth: number }
  | { kind: 'contractMonth'; month: number }

const n = (max: number) => fc.integer({ min: 0, max })
const k = <K extends string>(...kinds: K[]) => fc.constantFrom(...kinds)

export const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: k('book'), id: n(7), point: n(1), day: n(40), slot: n(16), who: n(3) }),
  fc.record({ kind: k('reschedule'), id: n(7), day: n(40), slot: n(16) }),
  fc.record({ kind: k('cancel', 'noShow', 'complete'), id: n(7) }),
  fc.record({ kind: k('addBay', 'removeBay'), point: n(1) }),
  fc.record({ kind: k('open'), order: n(5), point: n(1), vehicle: n(3), who: n(3) }),
  fc.record({ kind: k('clock'), order: n(5), tech: n(2), minutes: fc.integer({ min: 5, max: 180 }) }),
  fc.record({ kind: k('handOver'), order: n(5) }),
  fc.record({ kind: k('rateOrder'), order: n(5), stars: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: k('bill'), order: n(5), labour: fc.integer({ min: 0, max: 240 }), parts: n(3) }),
  fc.record({ kind: k('issue', 'return'), point: n(1), sku: n(2), quantity: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: k('ticket'), ticket: n(4), point: n(1), priority: n(3) }),
  fc.record({ kind: k('assign'), ticket: n(4), point: n(1) }),
  fc.record({ kind: k('answer', 'resolve', 'reopen'), ticket: n(4) }),
  fc.record({ kind: k('rate'), ticket: n(4), stars: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: k('fleetAdd', 'fleetMove'), vehicle: n(3), branch: n(2) }),
  fc.record({ kind: k('fleetRemove'), vehicle: n(3) }),
  fc.record({ kind: k('dues'), vehicle: n(3), month: n(11) }),
  fc.record({ kind: k('own'), vehicle: n(3), who: n(2) }),
  fc.record({ kind: k('mount', 'dismount'), vehicle: n(3), tyre: n(3) }),
  fc.record({ kind: k('measure'), vehicle: n(3), tyre: n(3), depth: fc.integer({ min: 10, max: 90 }) }),
  fc.record({ kind: k('contractMonth'), month: n(2) }),
)

/** A seed event's data, changed field by field (its shape is the codec's; the catalogue checks it on reading). */
// biome-ignore lint/suspicious/noExplicitAny: copied JSON reshaped in place; decoded by the projections' codecs
type Template = Record<string, any>

const SKUS = ['TYRE-205-55-16', 'VALVE-TR413', 'WEIGHT-5G'] as const
const PRIORITIES = ['critical', 'high', 'normal', 'low'] as const
const vehicleId = (v: number) => `eq-report-${v}`

/** Appends generated steps after the base; times advance 47 minutes a step from the seed's "now". */
export class ReportHistoryWriter {
  private step = 0
  private readonly opened = new Map<number, string>()
  private readonly rated = new Set<number>()
  private readonly tickets = new Map<number, 'open' | 'resolved'>()
  private readonly booked = new Map<number, 'live' | 'done'>()
  private readonly bays = new Set<number>()
  private readonly members = new Set<number>()
  private readonly tyres = new Set<string>()
  private readonly owners = new Map<number, string>()

  constructor(
    private readonly store: MemoryEventStore,
    private readonly base: SeededBase,
  ) {}

  private now(): string {
    return new Date(SEED_NOW.getTime() + 3_600_000 + this.step * 47 * 60_000).toISOString()
  }

  private template(type: string): Record<string, unknown> {
    const t = this.base.templates[type]
    if (!t) throw new Error(`the seed wrote no ${type} to copy`)
    return structuredClone(t.data) as Record<string, unknown>
  }

  private async append(streamId: string, type: string, data: unknown): Promise<void> {
    const at = this.now()
    await this.store.appendToStream(
      streamId,
      [
        {
          type,
          data,
          metadata: {
            eventId: crypto.randomUUID(),
            correlationId: `report-history-${this.step}`,
            causationId: null,
            actor: { id: 'report-history', role: 'head_office' },
            occurredAt: at,
            schemaVersion: 1,
          },
        },
      ],
      { expectedRevision: 'any' },
    )
  }

  async perform(s: Step): Promise<void> {
    this.step++
    const at = this.now()
    const by = { id: 'report-history', role: 'head_office' }
    switch (s.kind) {
      case 'book': {
        if (this.booked.has(s.id)) return
        const data = this.template('BookingRequested') as Template
        const start = new Date(Date.parse('2026-11-27T07:00:00.000Z') + s.day * 86_400_000 + s.slot * 30 * 60_000)
        data.bookingId = `rb-${s.id}`
        data.pointId = POINTS[s.point]
        data.slot = {
          ...data.slot,
          start: start.toISOString(),
          end: new Date(start.getTime() + 3_600_000).toISOString(),
        }
        data.customer = {
          ...data.customer,
          customerId: s.who < 2 ? CUSTOMERS[s.who] : null,
          fleetId: s.who >= 2 ? FLEET : null,
        }
        data.vehicle = { ...data.vehicle, plate: `PLATE${s.who}` }
        this.booked.set(s.id, 'live')
        return this.append(`booking-rb-${s.id}`, 'BookingRequested', data)
      }
      case 'reschedule': {
        if (this.booked.get(s.id) !== 'live') return
        const start = new Date(Date.parse('2026-11-27T07:00:00.000Z') + s.day * 86_400_000 + s.slot * 30 * 60_000)
        const slot = {
          bayId: 'bay-1',
          staffId: 's1',
          start: start.toISOString(),
          end: new Date(start.getTime() + 45 * 60_000).toISOString(),
        }
        return this.append(`booking-rb-${s.id}`, 'BookingRescheduled', {
          bookingId: `rb-${s.id}`,
          from: slot,
          to: slot,
          reason: null,
        })
      }
      case 'cancel':
      case 'noShow':
      case 'complete': {
        if (this.booked.get(s.id) !== 'live') return
        this.booked.set(s.id, 'done')
        const bookingId = `rb-${s.id}`
        if (s.kind === 'cancel')
          return this.append(`booking-${bookingId}`, 'BookingCancelled', {
            bookingId,
            reason: 'customer',
            cancelledAt: at,
          })
        return this.append(`booking-${bookingId}`, s.kind === 'noShow' ? 'BookingMarkedNoShow' : 'BookingCompleted', {
          bookingId,
          at,
        })
      }
      case 'addBay':
      case 'removeBay': {
        const pointId = POINTS[s.point] as string
        const has = this.bays.has(s.point)
        if ((s.kind === 'addBay') === has) return
        if (has) this.bays.delete(s.point)
        else this.bays.add(s.point)
        return s.kind === 'addBay'
          ? this.append(`servicepoint-${pointId}`, 'BayAdded', {
              pointId,
              bay: { bayId: 'bay-report', name: 'Extra', capabilities: { features: ['passenger'], rimMaxInches: 18 } },
            })
          : this.append(`servicepoint-${pointId}`, 'BayRemoved', { pointId, bayId: 'bay-report' })
      }
      case 'open': {
        if (this.opened.has(s.order)) return
        this.opened.set(s.order, POINTS[s.point] as string)
        const data = this.template('WorkOrderOpened') as Template
        data.workOrderId = `rwo-${s.order}`
        data.pointId = POINTS[s.point]
        data.equipment = { ...data.equipment, equipmentId: vehicleId(s.vehicle), label: `PLATE${s.who}` }
        data.customer = {
          ...data.customer,
          customerId: s.who < 2 ? CUSTOMERS[s.who] : null,
          fleetId: s.who >= 2 ? FLEET : null,
        }
        data.openedAt = at
        return this.append(`workorder-rwo-${s.order}`, 'WorkOrderOpened', data)
      }
      case 'clock': {
        if (!this.opened.has(s.order)) return
        const startedAt = new Date(Date.parse(at) - s.minutes * 60_000).toISOString()
        return this.append(`workorder-rwo-${s.order}`, 'LabourClockedOut', {
          workOrderId: `rwo-${s.order}`,
          technicianId: `tech-${s.tech}`,
          lineId: null,
          startedAt,
          minutes: s.minutes,
          automatic: false,
          at,
        })
      }
      case 'handOver':
        if (!this.opened.has(s.order)) return
        return this.append(`workorder-rwo-${s.order}`, 'WorkOrderHandedOver', {
          workOrderId: `rwo-${s.order}`,
          protocol: { receivedBy: 'Jan', signature: null, mileageKm: null, note: null },
          at,
        })
      case 'rateOrder': {
        const pointId = this.opened.get(s.order)
        if (!pointId || this.rated.has(s.order)) return
        this.rated.add(s.order)
        return this.append(`servicerating-rwo-${s.order}`, 'ServiceRated', {
          workOrderId: `rwo-${s.order}`,
          pointId,
          stars: s.stars,
          comment: null,
          channel: 'tracking_link',
          at,
        })
      }
      case 'bill': {
        if (!this.opened.has(s.order)) return
        const lines = []
        const line = (kind: string, code: string, quantity: number, unit: string, net: number) => ({
          kind,
          basis: 'catalogue',
          code,
          equipmentId: vehicleId(s.order % 4),
          tier: null,
          quantity,
          unit,
          unitPriceMinor: net,
          proration: null,
          amountMinor: net,
          discountMinor: 0,
          netMinor: net,
          vatRatePercent: 23,
          vatMinor: Math.round(net * 0.23),
          grossMinor: net + Math.round(net * 0.23),
        })
        if (s.labour > 0) lines.push(line('labour', 'LABOUR', s.labour, 'minute', s.labour * 300))
        for (let p = 0; p < s.parts; p++) lines.push(line('part', SKUS[p] as string, 1, 'piece', 1000 + p * 250))
        const net = lines.reduce((x, l) => x + l.netMinor, 0)
        const vat = lines.reduce((x, l) => x + l.vatMinor, 0)
        const who = s.order % 4
        const invoice = lines.length
          ? {
              invoiceId: `inv-rwo-${s.order}-${this.step}`,
              invoiceNumber: `R/${this.step}`,
              issuedAt: at,
              currency: 'PLN',
              buyer: { customerId: who < 2 ? CUSTOMERS[who] : null, fleetId: who >= 2 ? FLEET : null },
              contractId: null,
              orderId: `rwo-${s.order}`,
              period: { from: at.slice(0, 10), to: at.slice(0, 10) },
              lines,
              totals: {
                netMinor: net,
                vatMinor: vat,
                grossMinor: net + vat,
                byVatRate: [{ vatRatePercent: 23, netMinor: net, vatMinor: vat, grossMinor: net + vat }],
              },
            }
          : null
        return this.append(`orderbilling-rwo-${s.order}-${this.step}`, 'WorkOrderBilled', {
          orderId: `rwo-${s.order}`,
          contractId: null,
          workDate: at.slice(0, 10),
          deferredUsage: [],
          invoice,
          at,
        })
      }
      case 'issue':
      case 'return': {
        const pointId = POINTS[s.point] as string
        const lines = [{ sku: SKUS[s.sku] as string, quantity: s.quantity }]
        return s.kind === 'issue'
          ? this.append(`stock-${pointId}`, 'StockIssued', {
              pointId,
              issueId: `iss-${this.step}`,
              workOrderId: null,
              technicianId: 'tech-0',
              lines: lines.map((l) => ({ ...l, fromReservation: 0 })),
              at,
            })
          : this.append(`stock-${pointId}`, 'StockReturned', {
              pointId,
              returnId: `ret-${this.step}`,
              workOrderId: null,
              technicianId: 'tech-0',
              lines,
              at,
            })
      }
      case 'ticket': {
        if (this.tickets.has(s.ticket)) return
        this.tickets.set(s.ticket, 'open')
        const data = this.template('TicketOpened') as Template
        data.ticketId = `rt-${s.ticket}`
        data.pointId = POINTS[s.point]
        data.priority = PRIORITIES[s.priority]
        if (s.ticket === 4) data.sla = null
        data.at = at
        return this.append(`ticket-rt-${s.ticket}`, 'TicketOpened', data)
      }
      case 'assign':
        if (!this.tickets.has(s.ticket)) return
        return this.append(`ticket-rt-${s.ticket}`, 'TicketAssigned', {
          ticketId: `rt-${s.ticket}`,
          by,
          at,
          assigneeId: 'staff-1',
          pointId: POINTS[s.point],
        })
      case 'answer':
        if (this.tickets.get(s.ticket) !== 'open') return
        return this.append(`ticket-rt-${s.ticket}`, 'TicketMessagePosted', {
          ticketId: `rt-${s.ticket}`,
          messageId: `m-${this.step}`,
          author: by,
          fromStaff: true,
          visibility: 'public',
          body: 'Zajmujemy się tym.',
          at,
        })
      case 'resolve':
        if (this.tickets.get(s.ticket) !== 'open') return
        this.tickets.set(s.ticket, 'resolved')
        return this.append(`ticket-rt-${s.ticket}`, 'TicketResolved', {
          ticketId: `rt-${s.ticket}`,
          by,
          at,
          resolution: 'done',
        })
      case 'reopen':
        if (this.tickets.get(s.ticket) !== 'resolved') return
        this.tickets.set(s.ticket, 'open')
        return this.append(`ticket-rt-${s.ticket}`, 'TicketReopened', {
          ticketId: `rt-${s.ticket}`,
          by,
          at,
          reason: 'again',
        })
      case 'rate':
        if (!this.tickets.has(s.ticket)) return
        return this.append(`ticket-rt-${s.ticket}`, 'TicketRated', {
          ticketId: `rt-${s.ticket}`,
          by,
          at,
          stars: s.stars,
          comment: null,
        })
      case 'fleetAdd':
      case 'fleetMove': {
        const branchId = BRANCHES[s.branch] ?? null
        const equipmentId = vehicleId(s.vehicle)
        if (s.kind === 'fleetAdd') {
          if (this.members.has(s.vehicle)) return
          this.members.add(s.vehicle)
          const vehicle = { ...(this.template('FleetVehicleAdded').vehicle as object), equipmentId, branchId }
          return this.append(`fleet-${FLEET}`, 'FleetVehicleAdded', { fleetId: FLEET, vehicle, at })
        }
        if (!this.members.has(s.vehicle)) return
        return this.append(`fleet-${FLEET}`, 'FleetVehicleAssignedToBranch', {
          fleetId: FLEET,
          equipmentId,
          branchId,
          at,
        })
      }
      case 'fleetRemove':
        if (!this.members.delete(s.vehicle)) return
        return this.append(`fleet-${FLEET}`, 'FleetVehicleRemoved', {
          fleetId: FLEET,
          equipmentId: vehicleId(s.vehicle),
          reason: 'sold',
          at,
        })
      case 'own': {
        // A vehicle sold to one of two customers, or (who = 2) to the fleet.
        const to =
          s.who < 2 ? { kind: 'customer', customerId: CUSTOMERS[s.who] as string } : { kind: 'fleet', fleetId: FLEET }
        const key = JSON.stringify(to)
        const from = this.owners.get(s.vehicle)
        if (from === key) return
        this.owners.set(s.vehicle, key)
        return this.append(`equipment-${vehicleId(s.vehicle)}`, 'EquipmentOwnerChanged', {
          equipmentId: vehicleId(s.vehicle),
          from: from ? JSON.parse(from) : { kind: 'fleet', fleetId: FLEET },
          to,
          at,
        })
      }
      case 'dues': {
        const month = String((s.month % 12) + 1).padStart(2, '0')
        return this.append(`equipment-${vehicleId(s.vehicle)}`, 'EquipmentServiceDatesSet', {
          equipmentId: vehicleId(s.vehicle),
          nextInspectionOn: `2027-${month}-15`,
          warrantyEndsOn: s.month % 3 === 0 ? null : `2027-${month}-01`,
          insuranceEndsOn: s.month % 2 === 0 ? `2026-12-${String(10 + s.month).padStart(2, '0')}` : null,
        })
      }
      case 'mount':
      case 'dismount': {
        const tyreId = `${vehicleId(s.vehicle)}-t${s.tyre}`
        const position = (['FL', 'FR', 'RL', 'RR'] as const)[s.tyre]
        if ((s.kind === 'mount') === this.tyres.has(tyreId)) return
        if (s.kind === 'mount') {
          this.tyres.add(tyreId)
          const tyre = { ...(this.template('TyreMounted').tyre as object), tyreId }
          return this.append(`equipment-${vehicleId(s.vehicle)}`, 'TyreMounted', {
            equipmentId: vehicleId(s.vehicle),
            tyre,
            position,
            treadDepthMm: s.tyre === 3 ? null : 8,
            mileageKm: null,
            at,
          })
        }
        this.tyres.delete(tyreId)
        return this.append(`equipment-${vehicleId(s.vehicle)}`, 'TyreDismounted', {
          equipmentId: vehicleId(s.vehicle),
          tyreId,
          position,
          reason: 'worn',
          at,
        })
      }
      case 'measure': {
        const tyreId = `${vehicleId(s.vehicle)}-t${s.tyre}`
        if (!this.tyres.has(tyreId)) return
        return this.append(`equipment-${vehicleId(s.vehicle)}`, 'TreadDepthsMeasured', {
          equipmentId: vehicleId(s.vehicle),
          readings: [{ tyreId, position: (['FL', 'FR', 'RL', 'RR'] as const)[s.tyre], depthMm: s.depth / 10 }],
          mileageKm: null,
          workOrderId: null,
          at,
        })
      }
      case 'contractMonth': {
        const data = this.template('ContractMonthBilled') as Template
        const month = `2026-${String(9 + s.month).padStart(2, '0')}`
        data.month = month
        data.at = at
        data.invoice = { ...data.invoice, invoiceId: `inv-r-${this.step}`, issuedAt: at }
        return this.append(`billing-r-${this.step}`, 'ContractMonthBilled', data)
      }
    }
  }
}
