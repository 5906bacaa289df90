// Fleet dashboards from the `fleetDashboard` read model (and open tickets from `tickets`): what a
// fleet manager lives in, and head office's view across every fleet. Everything that depends on
// the moment of asking is computed here, never in the projection: which services are due in the
// coming days (contracts' schedules, inspection/warranty/insurance dates, predicted tyre
// replacements), which tickets' SLAs are breached, the last twelve months of spend.
import { type Either, left, right } from 'fp-ts/lib/Either.js'
import type { Principal } from '../../domain/access/principal.js'
import { type ContractState, dueServicesOf, periodsOf } from '../../domain/contract/contractTimeline.js'
import { type DomainError, domainError } from '../../domain/shared/decider.js'
import { addDays, type LocalDate } from '../../domain/shared/localTime.js'
import { addMonthsToMonth, type YearMonth } from '../../domain/shared/yearMonth.js'
import { TICKETS, type TicketDoc, type TicketListItem, ticketListItem } from '../helpdesk/ticketViews.js'
import type { Filter } from '../ports/documentStore.js'
import type { ReadModelReader } from '../queries/readModelReader.js'
import type { Page, Paging } from '../queries/viewer.js'
import { mayViewFleet } from './customerAccess.js'
import { type BranchRestriction, branchDenied, type FleetBranchScope } from './fleetBranchScope.js'
import {
  ALL_FLEETS,
  type DashboardContractDoc,
  type DashboardVehicleDoc,
  FLEET_DASHBOARD,
  type FleetSummaryDoc,
  type KeyKind,
  keyRange,
  type SpendDoc,
  type VehicleKeyDoc,
  type VehicleStatus,
} from './fleetDashboardViews.js'
import { fleetNotFound } from './fleetService.js'

export type DueKind = 'contract_service' | 'inspection' | 'warranty_ends' | 'insurance_ends' | 'tyre_replacement'

export interface DueItem {
  readonly kind: DueKind
  readonly equipmentId: string
  readonly plate: string | null
  readonly dueDate: LocalDate
  /** Contract services: the service, contract and schedule; the seasonal window to book in. */
  readonly serviceCode: string | null
  readonly contractId: string | null
  readonly window: { readonly from: LocalDate; readonly to: LocalDate } | null
}

export interface SpendMonth {
  readonly month: YearMonth
  readonly netMinor: number
  readonly grossMinor: number
  readonly contractNetMinor: number
  readonly extraNetMinor: number
  readonly byBranch: Readonly<Record<string, number>>
  readonly invoices: number
}

export interface VehicleRow {
  readonly equipmentId: string
  readonly plate: string | null
  readonly make: string | null
  readonly model: string | null
  readonly branchId: string | null
  readonly status: VehicleStatus
  readonly lastService: DashboardVehicleDoc['lastService']
  readonly nextBooking: { readonly bookingId: string; readonly pointId: string; readonly start: string } | null
  readonly nextDueOn: LocalDate | null
  readonly mileageKm: number | null
  readonly minTreadMm: number | null
  readonly tyreReplaceBefore: LocalDate | null
  readonly spendTotalNetMinor: number
}

export interface FleetDashboard {
  readonly fleet: {
    readonly fleetId: string
    readonly name: string
    readonly customerId: string
    readonly branches: Readonly<Record<string, string>>
  }
  /** A branch-restricted fleet manager's dashboard: his branches only (see branchFleet). */
  readonly scope: { readonly branchIds: ReadonlyArray<string> } | null
  readonly asOf: string
  readonly vehicles: {
    readonly inService: number
    readonly byStatus: Readonly<Record<VehicleStatus, number>>
    readonly openOrders: number
  }
  /** Vehicles at a workshop now (open order or checked in), first 20 by plate. */
  readonly inWorkshop: ReadonlyArray<VehicleRow>
  readonly due: {
    readonly from: LocalDate
    readonly to: LocalDate
    /** Due items found: contract services, and the dates of the vehicles listed. */
    readonly total: number
    /** Vehicles with an inspection, warranty, insurance or tyre date due by `to` (overdue included). */
    readonly vehiclesDue: number
    readonly items: ReadonlyArray<DueItem>
  }
  readonly tickets: {
    readonly open: number
    readonly breached: number
    readonly dueSoon: number
    readonly items: ReadonlyArray<TicketListItem>
  }
  readonly spend: {
    readonly months: ReadonlyArray<SpendMonth>
    /** The flat monthly fees of the contracts in force today: what the contract costs anyway. */
    readonly contractMonthlyFeesMinor: number
    readonly currency: string | null
    readonly topVehicles: ReadonlyArray<{
      readonly equipmentId: string
      readonly plate: string | null
      readonly spendTotalNetMinor: number
    }>
  }
  readonly tyres: {
    readonly replaceWithin90Days: number
    readonly items: ReadonlyArray<{
      readonly equipmentId: string
      readonly plate: string | null
      readonly replaceBefore: LocalDate
    }>
  }
}

export interface HeadOfficeDashboard {
  readonly asOf: string
  readonly fleets: ReadonlyArray<
    FleetSummaryDoc & {
      readonly openTickets: number
      readonly breachedTickets: number
      readonly spendLastMonthNetMinor: number
    }
  >
  readonly totals: {
    readonly fleets: number
    readonly vehicles: number
    readonly byStatus: Readonly<Record<VehicleStatus, number>>
    readonly openOrders: number
  }
  readonly tickets: FleetDashboard['tickets']
  readonly spend: { readonly months: ReadonlyArray<SpendMonth> }
  readonly due: FleetDashboard['due']
}

export interface DashboardOptions {
  /** Days ahead for due services (default 30, at most 366). */
  readonly days?: number
}

const DUE_LIMIT = 100
const TICKET_LIMIT = 50

const spendMonth = (d: SpendDoc): SpendMonth => ({
  month: d.month,
  netMinor: d.netMinor,
  grossMinor: d.grossMinor,
  contractNetMinor: d.contractNetMinor,
  extraNetMinor: d.extraNetMinor,
  byBranch: d.byBranch,
  invoices: d.invoices,
})

function vehicleRow(v: DashboardVehicleDoc, now: string): VehicleRow {
  const next = v.openBookings.filter((b) => b.start >= now).sort((a, b) => a.start.localeCompare(b.start))[0] ?? null
  const depths = v.tyres.map((t) => t.depthMm).filter((d): d is number => d !== null)
  return {
    equipmentId: v.equipmentId,
    plate: v.plate,
    make: v.make,
    model: v.model,
    branchId: v.branchId,
    status: v.status,
    lastService: v.lastService,
    nextBooking: next,
    nextDueOn: v.nextDueOn,
    mileageKm: v.mileageKm,
    minTreadMm: depths.length > 0 ? Math.min(...depths) : null,
    tyreReplaceBefore: v.tyreReplaceBefore,
    spendTotalNetMinor: v.spendTotalNetMinor,
  }
}

const contractState = (d: DashboardContractDoc): ContractState => ({
  status: d.status,
  contractId: d.contractId,
  contractNumber: d.contractNumber,
  holder: d.holder,
  currency: d.currency,
  timeZone: d.timeZone,
  validFrom: d.validFrom,
  validTo: d.validTo,
  versions: d.versions,
  amendmentIds: new Set(d.amendmentIds),
})

/** Equipment dates of a vehicle falling due by `to` (overdue ones included: they are still to do). */
function equipmentDue(v: DashboardVehicleDoc, to: LocalDate): DueItem[] {
  const base = { equipmentId: v.equipmentId, plate: v.plate, serviceCode: null, contractId: null, window: null }
  const items: DueItem[] = []
  const add = (kind: DueKind, date: string | null) => {
    if (date !== null && date <= to) items.push({ ...base, kind, dueDate: date })
  }
  add('inspection', v.serviceDates.nextInspectionOn)
  add('warranty_ends', v.serviceDates.warrantyEndsOn)
  add('insurance_ends', v.serviceDates.insuranceEndsOn)
  add('tyre_replacement', v.tyreReplaceBefore)
  return items
}

export class FleetDashboardService {
  constructor(
    private readonly readModels: ReadModelReader,
    /** Branch-restricted fleet managers (fleetBranchScope.ts); without it nobody is restricted. */
    private readonly branches: FleetBranchScope | null = null,
  ) {}

  private async restrictionOf(by: Principal): Promise<BranchRestriction | null> {
    return this.branches ? this.branches.restrictionOf(by) : null
  }

  async fleet(
    by: Principal,
    fleetId: string,
    now: string,
    options: DashboardOptions = {},
  ): Promise<Either<DomainError, FleetDashboard>> {
    const denied = mayViewFleet(by, fleetId)
    if (denied) return left(denied)
    const restricted = await this.restrictionOf(by)
    if (restricted) return this.branchFleet(restricted, fleetId, now, options)
    const [summaries, spend, contracts] = await Promise.all([
      this.readModels.collection<FleetSummaryDoc>(FLEET_DASHBOARD.projection, FLEET_DASHBOARD.summaries),
      this.readModels.collection<SpendDoc>(FLEET_DASHBOARD.projection, FLEET_DASHBOARD.spend),
      this.readModels.collection<DashboardContractDoc>(FLEET_DASHBOARD.projection, FLEET_DASHBOARD.contracts),
    ])
    const summary = await summaries.findOne({ _id: fleetId })
    if (!summary) return left(fleetNotFound(fleetId))
    const today = now.slice(0, 10)
    const to = addDays(today, Math.min(Math.max(options.days ?? 30, 1), 366))
    const f = `${fleetId}|`
    const [inWorkshop, due, tyres, top, months, contractDocs, tickets] = await Promise.all([
      this.keyed('status', `${f}in_workshop|`, `${f}in_workshop|`, 20),
      this.keyed('due', f, `${f}${to}`, DUE_LIMIT, true),
      this.keyed('tyre', f, `${f}${addDays(today, 90)}`, 20, true),
      this.keyed('spend', f, f, 10),
      spend.find({ fleetId, month: { $gte: addMonthsToMonth(today.slice(0, 7), -11) } }, { sort: { month: 1 } }),
      contracts.find({ fleetId }),
      this.openTickets({ fleetId }, now),
    ])
    let fees = 0
    for (const c of contractDocs) {
      const period = periodsOf(contractState(c)).find((p) => p.from <= today && (p.to === null || today <= p.to))
      for (const line of period?.terms.priceList ?? [])
        if (line.term.kind === 'flat_monthly') fees += line.term.monthlyFeeMinor
    }
    return right({
      fleet: { fleetId, name: summary.name, customerId: summary.customerId, branches: summary.branches },
      scope: null,
      asOf: now,
      vehicles: { inService: summary.vehicles, byStatus: summary.byStatus, openOrders: summary.openOrders },
      inWorkshop: inWorkshop.vehicles.map((v) => vehicleRow(v, now)),
      due: await this.dueItems(contractDocs, due.vehicles, due.total ?? 0, today, to),
      tickets,
      spend: {
        months: months.map(spendMonth),
        contractMonthlyFeesMinor: fees,
        currency: months[0]?.currency ?? contractDocs[0]?.currency ?? null,
        topVehicles: top.vehicles.map((v) => ({
          equipmentId: v.equipmentId,
          plate: v.plate,
          spendTotalNetMinor: v.spendTotalNetMinor,
        })),
      },
      tyres: {
        replaceWithin90Days: tyres.total ?? 0,
        items: tyres.vehicles.map((v) => ({
          equipmentId: v.equipmentId,
          plate: v.plate,
          replaceBefore: v.tyreReplaceBefore as string,
        })),
      },
    })
  }

  async vehicles(
    by: Principal,
    fleetId: string,
    query: { readonly status?: VehicleStatus; readonly branchId?: string },
    paging: Paging,
    now: string,
  ): Promise<Either<DomainError, Page<VehicleRow>>> {
    const denied = mayViewFleet(by, fleetId)
    if (denied) return left(denied)
    const restricted = await this.restrictionOf(by)
    if (restricted && query.branchId !== undefined && !restricted.allowsBranch(query.branchId))
      return left(branchDenied('the branch'))
    if (query.branchId === undefined && !restricted) {
      // The fleet's list by plate (in service, or of one status) is a range of one sort key.
      const prefix = query.status ? `${fleetId}|${query.status}|` : `${fleetId}|1|`
      const page = await this.keyed(
        query.status ? 'status' : 'fleet',
        prefix,
        prefix,
        paging.limit,
        true,
        paging.offset,
      )
      return right({
        items: page.vehicles.map((v) => vehicleRow(v, now)),
        total: page.total ?? 0,
        limit: paging.limit,
        offset: paging.offset,
      })
    }
    const vehicles = await this.readModels.collection<DashboardVehicleDoc>(
      FLEET_DASHBOARD.projection,
      FLEET_DASHBOARD.vehicles,
    )
    const filter: Filter = {
      fleetId,
      branchId: query.branchId ?? { $in: [...(restricted?.branchIds ?? [])] },
    }
    if (query.status) filter.status = query.status
    else filter.inService = true
    const total = await vehicles.count(filter)
    const docs = await vehicles.find(filter, { sort: { plate: 1, _id: 1 }, skip: paging.offset, limit: paging.limit })
    return right({ items: docs.map((v) => vehicleRow(v, now)), total, limit: paging.limit, offset: paging.offset })
  }

  async vehicle(
    by: Principal,
    fleetId: string,
    equipmentId: string,
  ): Promise<Either<DomainError, DashboardVehicleDoc>> {
    const denied = mayViewFleet(by, fleetId)
    if (denied) return left(denied)
    const restricted = await this.restrictionOf(by)
    if (restricted && !restricted.allows(equipmentId)) return left(branchDenied())
    const vehicles = await this.readModels.collection<DashboardVehicleDoc>(
      FLEET_DASHBOARD.projection,
      FLEET_DASHBOARD.vehicles,
    )
    const doc = await vehicles.findOne({ _id: equipmentId, fleetId })
    return doc
      ? right(doc)
      : left(domainError('not_found', 'VEHICLE_NOT_FOUND', `no vehicle ${equipmentId} in fleet ${fleetId}`))
  }

  /** Head office: every fleet's summary, open tickets across fleets, spend of all fleets, what is due. */
  async headOffice(
    by: Principal,
    now: string,
    options: DashboardOptions = {},
  ): Promise<Either<DomainError, HeadOfficeDashboard>> {
    if (by.role !== 'head_office')
      return left(domainError('forbidden', 'ROLE_NOT_ALLOWED', 'the network-wide dashboard is head office’s'))
    const summaries = await this.readModels.collection<FleetSummaryDoc>(
      FLEET_DASHBOARD.projection,
      FLEET_DASHBOARD.summaries,
    )
    const spend = await this.readModels.collection<SpendDoc>(FLEET_DASHBOARD.projection, FLEET_DASHBOARD.spend)
    const contracts = await this.readModels.collection<DashboardContractDoc>(
      FLEET_DASHBOARD.projection,
      FLEET_DASHBOARD.contracts,
    )
    const tickets = await this.readModels.collection<TicketDoc>(TICKETS.projection, TICKETS.tickets)
    const today = now.slice(0, 10)
    const to = addDays(today, Math.min(Math.max(options.days ?? 14, 1), 366))
    const lastMonth = addMonthsToMonth(today.slice(0, 7), -1)
    const fleets = await summaries.find({}, { sort: { name: 1, _id: 1 } })
    const openTickets = (await tickets.find({ open: true, fleetId: { $ne: null } })).map((t) => ({
      doc: t,
      item: ticketListItem(t, now),
    }))
    const lastMonthSpend = new Map((await spend.find({ month: lastMonth })).map((s) => [s.fleetId, s.netMinor]))
    const totals = { fleets: fleets.length, vehicles: 0, byStatus: {} as Record<VehicleStatus, number>, openOrders: 0 }
    for (const f of fleets) {
      totals.vehicles += f.vehicles
      totals.openOrders += f.openOrders
      for (const [s, n] of Object.entries(f.byStatus) as Array<[VehicleStatus, number]>)
        totals.byStatus[s] = (totals.byStatus[s] ?? 0) + n
    }
    const due = await this.keyed('dueAll', '', to, DUE_LIMIT, true)
    return right({
      asOf: now,
      fleets: fleets.map((f) => ({
        ...f,
        openTickets: openTickets.filter((t) => t.doc.fleetId === f.fleetId).length,
        breachedTickets: openTickets.filter((t) => t.doc.fleetId === f.fleetId && t.item.sla.state === 'breached')
          .length,
        spendLastMonthNetMinor: lastMonthSpend.get(f.fleetId) ?? 0,
      })),
      totals,
      tickets: summariseTickets(openTickets.map((t) => t.item)),
      spend: {
        months: (
          await spend.find(
            { fleetId: ALL_FLEETS, month: { $gte: addMonthsToMonth(today.slice(0, 7), -11) } },
            { sort: { month: 1 } },
          )
        ).map(spendMonth),
      },
      due: await this.dueItems(await contracts.find({}), due.vehicles, due.total ?? 0, today, to),
    })
  }

  /**
   * A branch-restricted manager's dashboard: the same shape, computed from his branches' vehicle
   * documents (a branch is a few hundred vehicles at most) instead of the fleet's precomputed lists.
   * Spend per month is his branches' net (invoices are split by branch on their net amount only:
   * gross, contract/extra and invoice counts are 0 here) and contract fees, which are the fleet's,
   * are 0; open tickets are those about his vehicles.
   */
  private async branchFleet(
    restricted: BranchRestriction,
    fleetId: string,
    now: string,
    options: DashboardOptions,
  ): Promise<Either<DomainError, FleetDashboard>> {
    const [summaries, spend, contracts, vehicles] = await Promise.all([
      this.readModels.collection<FleetSummaryDoc>(FLEET_DASHBOARD.projection, FLEET_DASHBOARD.summaries),
      this.readModels.collection<SpendDoc>(FLEET_DASHBOARD.projection, FLEET_DASHBOARD.spend),
      this.readModels.collection<DashboardContractDoc>(FLEET_DASHBOARD.projection, FLEET_DASHBOARD.contracts),
      this.readModels.collection<DashboardVehicleDoc>(FLEET_DASHBOARD.projection, FLEET_DASHBOARD.vehicles),
    ])
    const summary = await summaries.findOne({ _id: fleetId })
    if (!summary) return left(fleetNotFound(fleetId))
    const branchIds = [...restricted.branchIds].sort()
    const today = now.slice(0, 10)
    const to = addDays(today, Math.min(Math.max(options.days ?? 30, 1), 366))
    const [docs, months, contractDocs, tickets] = await Promise.all([
      vehicles.find({ fleetId, branchId: { $in: branchIds }, inService: true }, { sort: { plate: 1, _id: 1 } }),
      spend.find({ fleetId, month: { $gte: addMonthsToMonth(today.slice(0, 7), -11) } }, { sort: { month: 1 } }),
      contracts.find({ fleetId }),
      this.openTickets({ fleetId, equipmentId: { $in: restricted.equipmentIds() } }, now),
    ])
    const byStatus = Object.fromEntries(Object.keys(summary.byStatus).map((k) => [k, 0])) as Record<
      VehicleStatus,
      number
    >
    for (const v of docs) byStatus[v.status] = (byStatus[v.status] ?? 0) + 1
    const dueVehicles = docs
      .filter((v) => v.nextDueOn !== null && v.nextDueOn <= to)
      .sort((a, b) => (a.nextDueOn ?? '').localeCompare(b.nextDueOn ?? '') || a._id.localeCompare(b._id))
    const tyreLimit = addDays(today, 90)
    const tyres = docs
      .filter((v) => v.tyreReplaceBefore !== null && v.tyreReplaceBefore <= tyreLimit)
      .sort(
        (a, b) => (a.tyreReplaceBefore ?? '').localeCompare(b.tyreReplaceBefore ?? '') || a._id.localeCompare(b._id),
      )
    const mine = new Set(docs.map((v) => v.equipmentId))
    return right({
      fleet: {
        fleetId,
        name: summary.name,
        customerId: summary.customerId,
        branches: Object.fromEntries(Object.entries(summary.branches).filter(([id]) => restricted.allowsBranch(id))),
      },
      scope: { branchIds },
      asOf: now,
      vehicles: {
        inService: docs.length,
        byStatus,
        openOrders: docs.reduce((n, v) => n + v.openOrders.length, 0),
      },
      inWorkshop: docs
        .filter((v) => v.status === 'in_workshop')
        .slice(0, 20)
        .map((v) => vehicleRow(v, now)),
      due: await this.dueItems(
        contractDocs,
        dueVehicles.slice(0, DUE_LIMIT),
        dueVehicles.length,
        today,
        to,
        (equipmentId) => mine.has(equipmentId),
      ),
      tickets,
      spend: {
        months: months.map((d) => {
          const byBranch = Object.fromEntries(Object.entries(d.byBranch).filter(([id]) => restricted.allowsBranch(id)))
          return {
            month: d.month,
            netMinor: Object.values(byBranch).reduce((a, b) => a + b, 0),
            grossMinor: 0,
            contractNetMinor: 0,
            extraNetMinor: 0,
            byBranch,
            invoices: 0,
          }
        }),
        contractMonthlyFeesMinor: 0,
        currency: months[0]?.currency ?? contractDocs[0]?.currency ?? null,
        topVehicles: [...docs]
          .filter((v) => v.spendTotalNetMinor > 0)
          .sort((a, b) => b.spendTotalNetMinor - a.spendTotalNetMinor || a._id.localeCompare(b._id))
          .slice(0, 10)
          .map((v) => ({ equipmentId: v.equipmentId, plate: v.plate, spendTotalNetMinor: v.spendTotalNetMinor })),
      },
      tyres: {
        replaceWithin90Days: tyres.length,
        items: tyres
          .slice(0, 20)
          .map((v) => ({ equipmentId: v.equipmentId, plate: v.plate, replaceBefore: v.tyreReplaceBefore as string })),
      },
    })
  }

  private async openTickets(filter: Filter, now: string): Promise<FleetDashboard['tickets']> {
    const tickets = await this.readModels.collection<TicketDoc>(TICKETS.projection, TICKETS.tickets)
    const docs = await tickets.find({ ...filter, open: true })
    return summariseTickets(docs.map((d) => ticketListItem(d, now)))
  }

  /** Vehicles in the order of one list key over [from, through…], and how many there are. */
  private async keyed(
    kind: KeyKind,
    from: string,
    through: string,
    limit: number,
    withTotal = false,
    offset = 0,
  ): Promise<{ vehicles: DashboardVehicleDoc[]; total: number | null }> {
    const keys = await this.readModels.collection<VehicleKeyDoc>(FLEET_DASHBOARD.projection, FLEET_DASHBOARD.keys)
    const filter = keyRange(kind, from, through)
    const [rows, total] = await Promise.all([
      keys.find(filter, { sort: { _id: 1 }, skip: offset, limit }),
      withTotal ? keys.count(filter) : Promise.resolve(null),
    ])
    const ids = rows.map((r) => r.equipmentId)
    if (ids.length === 0) return { vehicles: [], total }
    const vehicles = await this.readModels.collection<DashboardVehicleDoc>(
      FLEET_DASHBOARD.projection,
      FLEET_DASHBOARD.vehicles,
    )
    const byId = new Map((await vehicles.find({ _id: { $in: ids } })).map((v) => [v._id, v]))
    return { vehicles: ids.flatMap((id) => byId.get(id) ?? []), total }
  }

  private async dueItems(
    contracts: ReadonlyArray<DashboardContractDoc>,
    dueVehicles: ReadonlyArray<DashboardVehicleDoc>,
    vehiclesDue: number,
    from: LocalDate,
    to: LocalDate,
    vehicleShown: (equipmentId: string) => boolean = () => true,
  ): Promise<FleetDashboard['due']> {
    const fromContracts = contracts
      .flatMap((c) => dueServicesOf(contractState(c), from, to))
      .filter((d) => vehicleShown(d.equipmentId))
    const items: DueItem[] = [
      ...dueVehicles.flatMap((v) => equipmentDue(v, to)),
      ...fromContracts.map((d) => ({
        kind: 'contract_service' as const,
        equipmentId: d.equipmentId,
        plate: null,
        dueDate: d.dueDate,
        serviceCode: d.serviceCode,
        contractId: d.contractId,
        window: d.window,
      })),
    ].sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.equipmentId.localeCompare(b.equipmentId))
    const shown = items.slice(0, DUE_LIMIT)
    const missing = [...new Set(shown.filter((i) => i.plate === null).map((i) => i.equipmentId))]
    const vehicles = await this.readModels.collection<DashboardVehicleDoc>(
      FLEET_DASHBOARD.projection,
      FLEET_DASHBOARD.vehicles,
    )
    const plates = new Map(
      (missing.length > 0 ? await vehicles.find({ _id: { $in: missing } }) : []).map((v) => [v._id, v.plate]),
    )
    return {
      from,
      to,
      total: items.length,
      vehiclesDue,
      items: shown
        .map((i) => (i.plate === null ? { ...i, plate: plates.get(i.equipmentId) ?? null } : i))
        .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || (a.plate ?? '').localeCompare(b.plate ?? '')),
    }
  }
}

function summariseTickets(items: ReadonlyArray<TicketListItem>): FleetDashboard['tickets'] {
  const rank = { breached: 0, due_soon: 1, on_track: 2, paused: 3, met: 4, none: 5 } as const
  const sorted = [...items].sort(
    (a, b) => rank[a.sla.state] - rank[b.sla.state] || a.openedAt.localeCompare(b.openedAt),
  )
  return {
    open: items.length,
    breached: items.filter((t) => t.sla.state === 'breached').length,
    dueSoon: items.filter((t) => t.sla.state === 'due_soon').length,
    items: sorted.slice(0, TICKET_LIMIT),
  }
}
