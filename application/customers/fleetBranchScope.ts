// Branch-restricted fleet managers. A fleet manager appointed with `branchIds` (FleetManagerAppointed,
// his managerId is his account id) sees and changes only the vehicles of those branches, and what
// hangs off them: their dashboard rows, work orders, tickets and per-order invoices. The company
// account (fleet_client), head office and a manager appointed for the whole fleet (branchIds null)
// are not restricted. A vehicle with no branch belongs to no manager's branches.
//
// Every service that serves fleet people asks `restrictionOf(by)` first (one folded fleet stream
// from the CustomerReader cache) and, when restricted, checks a single vehicle with `allows` or
// filters its lists to `equipmentIds`; refusals are BRANCH_ACCESS_DENIED (403).
//
// A dismissed manager (FleetManagerDismissed, not appointed again) has no access to the fleet at
// all: `dismissal(by)` answers FLEET_MANAGER_DISMISSED (403), which the API asks of every fleet
// account before any route runs (createApp's `admit`, wired with `fleetAccountAdmission`), and
// `restrictionOf` gives him a restriction to no branch, so a service called directly refuses too.
// A fleet_manager account never appointed keeps the fleet-wide access every fleet account has.
import type { Principal } from '../../domain/access/principal.js'
import type { FleetState } from '../../domain/customer/fleetDecider.js'
import { bucketEntries, bucketGet } from '../../domain/shared/bucketMap.js'
import { type DomainError, domainError } from '../../domain/shared/decider.js'
import type { CustomerReader } from './customerReader.js'

export const managerDismissed = (): DomainError =>
  domainError(
    'forbidden',
    'FLEET_MANAGER_DISMISSED',
    'this fleet manager was dismissed from the fleet; ask the fleet’s company account to appoint him again',
  )

export const branchDenied = (what = 'the vehicle'): DomainError =>
  domainError(
    'forbidden',
    'BRANCH_ACCESS_DENIED',
    `${what} belongs to a branch of the fleet this fleet manager is not appointed for`,
  )

/** What a restricted fleet manager may reach; null from `restrictionOf` means no branch restriction. */
export class BranchRestriction {
  constructor(
    readonly fleetId: string,
    readonly branchIds: ReadonlySet<string>,
    private readonly fleet: FleetState,
  ) {}

  /** A vehicle of one of his branches (in service or removed). */
  allows(equipmentId: string | null | undefined): boolean {
    if (!equipmentId) return false
    const vehicle = bucketGet(this.fleet.vehicles, equipmentId)
    return vehicle !== undefined && vehicle.branchId !== null && this.branchIds.has(vehicle.branchId)
  }

  /** A vehicle of his branches with this plate (normalised: upper case, no spaces or dashes). */
  allowsPlate(plate: string | null | undefined): boolean {
    if (!plate) return false
    const key = plate.replace(/[\s-]/g, '').toUpperCase()
    return bucketEntries(this.fleet.vehicles).some(
      ([, v]) => v.plate === key && v.branchId !== null && this.branchIds.has(v.branchId),
    )
  }

  allowsBranch(branchId: string | null | undefined): boolean {
    return branchId !== null && branchId !== undefined && this.branchIds.has(branchId)
  }

  /** Every vehicle of his branches (removed ones too), for filtering read-model lists. */
  equipmentIds(): string[] {
    return bucketEntries(this.fleet.vehicles)
      .filter(([, v]) => v.branchId !== null && this.branchIds.has(v.branchId))
      .map(([id]) => id)
  }
}

/** What other sides (work orders) ask about the caller's branches. */
export interface FleetBranchLookup {
  restrictionOf(by: Principal): Promise<BranchRestriction | null>
}

/** Whether a fleet account may use the fleet at all (a dismissed manager may not). */
export interface FleetAccountAdmission {
  dismissal(by: Principal): Promise<DomainError | null>
}

export class FleetBranchScope implements FleetBranchLookup, FleetAccountAdmission {
  constructor(private readonly reader: CustomerReader) {}

  /** FLEET_MANAGER_DISMISSED for a fleet manager dismissed from his fleet (and not appointed again). */
  async dismissal(by: Principal): Promise<DomainError | null> {
    if (by.role !== 'fleet_manager' || by.tenant.scope !== 'fleet') return null
    const fleet = await this.reader.fleet(by.tenant.fleetId)
    return fleet.dismissedManagers.has(by.id) ? managerDismissed() : null
  }

  /** The caller's branch restriction, or null: not a fleet manager, or one for the whole fleet. */
  async restrictionOf(by: Principal): Promise<BranchRestriction | null> {
    if (by.role !== 'fleet_manager' || by.tenant.scope !== 'fleet') return null
    const fleet = await this.reader.fleet(by.tenant.fleetId)
    // Dismissed: a restriction to no branch, so every vehicle is refused and every list empty.
    if (fleet.dismissedManagers.has(by.id)) return new BranchRestriction(by.tenant.fleetId, new Set(), fleet)
    const branchIds = fleet.managers.get(by.id)?.branchIds ?? null
    return branchIds === null ? null : new BranchRestriction(by.tenant.fleetId, new Set(branchIds), fleet)
  }
}
