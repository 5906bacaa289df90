// The due-service use cases the API serves (what is due, proposals, the link), over the same
// stores and booking services as the rest of the platform. Reading what is due needs no job queue;
// the worker (dueServiceWorker.ts) owns the queue. Both derive the links' codes from one secret.

import type { ApiModule } from '../../api/apiKit.js'
import { dueServiceModule } from '../../api/dueServices/dueServiceRoutes.js'
import type { BookingPlatform } from '../../application/booking/bookingPlatform.js'
import type { FleetBranchLookup } from '../../application/customers/fleetBranchScope.js'
import { DueServiceDesk } from '../../application/dueServices/dueServiceDesk.js'
import { DueServiceReconciler } from '../../application/dueServices/dueServiceReconciler.js'
import { VisitProposalService } from '../../application/dueServices/visitProposalService.js'
import type { EventCatalogue } from '../../application/eventLog/eventCatalogue.js'
import type { DocumentStore } from '../../application/ports/documentStore.js'
import type { EventStore } from '../../application/ports/eventStore.js'
import type { DueServiceRules } from '../../domain/due-service/dueItems.js'

/** The secret the proposal links' codes derive from, given the platform's token secret. */
export const visitProposalSecret = (tokenSecret: string): string => `${tokenSecret}|visit-proposals`

export interface DueServiceApi {
  readonly desk: DueServiceDesk
  readonly proposals: VisitProposalService
  readonly module: ApiModule
}

export function dueServiceApi(deps: {
  readonly events: EventStore
  readonly documents: DocumentStore
  readonly catalogue: EventCatalogue
  readonly network: BookingPlatform
  readonly tokenSecret: string
  readonly rules?: DueServiceRules
  /** Branch-restricted fleet managers see and answer only their branches' vehicles' due services. */
  readonly fleetBranches?: FleetBranchLookup
}): DueServiceApi {
  const reconciler = new DueServiceReconciler({
    events: deps.events,
    catalogue: deps.catalogue,
    documents: deps.documents,
    ...(deps.rules ? { rules: deps.rules } : {}),
  })
  const proposals = new VisitProposalService({
    events: deps.events,
    catalogue: deps.catalogue,
    bookings: deps.network.bookings,
    nearest: deps.network.nearest,
    reader: deps.network.reader,
    codeSecret: visitProposalSecret(deps.tokenSecret),
    ...(deps.fleetBranches ? { fleetBranches: deps.fleetBranches } : {}),
  })
  const desk = new DueServiceDesk(reconciler, proposals, undefined, deps.fleetBranches ?? null)
  return { desk, proposals, module: dueServiceModule({ desk, proposals }) }
}
