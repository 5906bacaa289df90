// The business side's use cases over one event store and the read models: customers and fleets
// (with the vehicle import and the dashboards), contracts, helpdesk tickets, billing, and the SLA
// escalation policy. Built by the composition root, the demo seed, the benchmark and the tests
// alike, so all of them run the code users call.

import { billingEventDefinitions } from '../../domain/billing/events.js'
import { coverageClaimEventDefinitions } from '../../domain/contract/coverageClaims.js'
import { contractEventDefinitions } from '../../domain/contract/events.js'
import { customerContextEventDefinitions } from '../../domain/customer/events.js'
import { ticketEventDefinitions } from '../../domain/helpdesk/events.js'
import type { CatalogueState } from '../../domain/service-network/catalogueDecider.js'
import { BillingService, type LabourRate } from '../billing/billingService.js'
import type { InvoiceParty } from '../billing/invoiceLayout.js'
import { invoiceNumberEventDefinitions } from '../billing/invoiceNumbering.js'
import { ContractService } from '../contracts/contractService.js'
import { alwaysCaughtUp, type ReadModelSync } from '../contracts/readModelSync.js'
import type { DocumentRenderer } from '../documents/documentLayout.js'
import type { EventCatalogue, EventDefinition } from '../eventLog/eventCatalogue.js'
import { type EscalationAlerts, loggedAlerts, SlaEscalationPolicy } from '../helpdesk/slaEscalation.js'
import { TicketService, type TicketWorkOrderOpener } from '../helpdesk/ticketService.js'
import type { Clock } from '../leases/clock.js'
import { systemClock } from '../leases/clock.js'
import type { DocumentStore } from '../ports/documentStore.js'
import type { EventStore } from '../ports/eventStore.js'
import type { ReadModelReader } from '../queries/readModelReader.js'
import { CustomerContactDirectory } from './customerContactDirectory.js'
import { CustomerReader } from './customerReader.js'
import { CustomerService } from './customerService.js'
import { FleetBranchScope } from './fleetBranchScope.js'
import { FleetDashboardService } from './fleetDashboardService.js'
import type { EquipmentLinker, FleetEquipmentPolicy } from './fleetEquipmentPolicy.js'
import { FleetService } from './fleetService.js'
import { VehicleImportService } from './vehicleImportService.js'

/** Every event type the business side writes: register them in the application's catalogue. */
export const businessEventDefinitions: ReadonlyArray<EventDefinition> = [
  ...customerContextEventDefinitions,
  ...contractEventDefinitions,
  ...coverageClaimEventDefinitions,
  ...ticketEventDefinitions,
  ...billingEventDefinitions,
  ...invoiceNumberEventDefinitions,
]

export interface BusinessPlatformDeps {
  readonly store: EventStore
  /** Must contain businessEventDefinitions. */
  readonly catalogue: EventCatalogue
  readonly readModels: ReadModelReader
  /** Read-your-writes before decisions that read read models (default: none needed). */
  readonly sync?: ReadModelSync
  /** The service network's catalogue, for order prices. */
  readonly networkCatalogue: () => Promise<CatalogueState>
  readonly labourRate?: LabourRate
  readonly clock?: Clock
  /** The SLA check's lease and alerts; without documents every process checks. */
  readonly documents?: DocumentStore
  readonly alerts?: EscalationAlerts
  readonly slaCheckEveryMs?: number
  /** Draws invoice PDFs (infrastructure/pdf). */
  readonly renderer?: DocumentRenderer
  /** The seller printed on invoices. */
  readonly seller?: InvoiceParty
  readonly log?: (line: string) => void
  /** The repair side's work-order opening: a ticket becomes a real order (without it, only the request is recorded). */
  readonly workOrders?: TicketWorkOrderOpener
  /** Links new fleet vehicles to the equipment registry's items with their VIN or plate (registryLinker). */
  readonly equipmentLinker?: EquipmentLinker
  /** Registers fleet vehicles in the equipment registry in the request (the subscriber catches up the rest). */
  readonly fleetEquipment?: FleetEquipmentPolicy
}

export interface BusinessPlatform {
  readonly reader: CustomerReader
  readonly customers: CustomerService
  readonly fleets: FleetService
  readonly imports: VehicleImportService
  readonly dashboards: FleetDashboardService
  readonly contracts: ContractService
  readonly tickets: TicketService
  readonly billing: BillingService
  readonly escalation: SlaEscalationPolicy
  readonly contacts: CustomerContactDirectory
}

export function businessPlatform(deps: BusinessPlatformDeps): BusinessPlatform {
  for (const d of businessEventDefinitions)
    if (!deps.catalogue.has(d.type))
      throw new Error(`the event catalogue lacks ${d.type}: register businessEventDefinitions`)
  const { store, catalogue, readModels } = deps
  const sync = deps.sync ?? alwaysCaughtUp
  const reader = new CustomerReader(store, catalogue)
  // Fleet managers appointed for some branches only see and change those branches' vehicles.
  const branches = new FleetBranchScope(reader)
  const linker = {
    ...(deps.equipmentLinker ? { linker: deps.equipmentLinker } : {}),
    ...(deps.fleetEquipment ? { equipment: deps.fleetEquipment } : {}),
  }
  const log = deps.log ?? ((line: string) => console.error(`[helpdesk] ${line}`))
  return {
    reader,
    customers: new CustomerService({ store, catalogue, reader, readModels }),
    fleets: new FleetService({ store, catalogue, reader, readModels, ...linker }),
    imports: new VehicleImportService({ store, catalogue, reader, ...linker }),
    dashboards: new FleetDashboardService(readModels, branches),
    contracts: new ContractService({ store, catalogue, readModels, sync, customers: reader, branches }),
    tickets: new TicketService({
      store,
      catalogue,
      readModels,
      branches,
      ...(deps.workOrders ? { workOrders: deps.workOrders } : {}),
    }),
    billing: new BillingService({
      store,
      catalogue,
      readModels,
      sync,
      networkCatalogue: deps.networkCatalogue,
      customers: reader,
      ...(deps.labourRate ? { labour: deps.labourRate } : {}),
      ...(deps.renderer ? { renderer: deps.renderer } : {}),
      ...(deps.seller ? { seller: deps.seller } : {}),
      branches,
    }),
    escalation: new SlaEscalationPolicy(
      {
        store,
        catalogue,
        readModels,
        alerts: deps.alerts ?? loggedAlerts(log),
        clock: deps.clock ?? systemClock,
        ...(deps.documents ? { documents: deps.documents } : {}),
        log,
      },
      deps.slaCheckEveryMs,
    ),
    contacts: new CustomerContactDirectory(readModels),
  }
}
