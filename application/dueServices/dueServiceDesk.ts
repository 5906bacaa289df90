// Due services and visit proposals for people with accounts: what falls due for a vehicle, and a
// visit proposed for one of its items by staff, its customer or its fleet's people.
//   - the equipment's owner (customer, or the fleet's people), head office, and the staff of the
//     point that registered it may see its due items and propose a visit;
//   - staff propose at their own point; others at the usual point or one they name.
import { randomUUID } from 'node:crypto'
import { type Either, isLeft, left, right } from 'fp-ts/lib/Either.js'
import type { Principal } from '../../domain/access/principal.js'
import { actorOf } from '../../domain/access/principal.js'
import { tenantCanAccess } from '../../domain/access/tenant.js'
import type { DueItem, DueKind } from '../../domain/due-service/dueItems.js'
import type { EquipmentState } from '../../domain/equipment/equipmentDecider.js'
import { type DomainError, domainError } from '../../domain/shared/decider.js'
import { deterministicUuid } from '../commands/commandContext.js'
import { branchDenied, type FleetBranchLookup } from '../customers/fleetBranchScope.js'
import { tenantDenied } from '../serviceNetwork/pointAccess.js'
import type { RequestMeta } from '../serviceNetwork/servicePointService.js'
import { dueReminderJobId } from './dueReminderJobs.js'
import type { DueServiceReconciler } from './dueServiceReconciler.js'
import {
  isNoProposal,
  type MadeProposal,
  type ProposalError,
  type VisitProposalService,
} from './visitProposalService.js'

export interface DueItemView extends DueItem {
  /** The reminder job's id: what the worker schedules for this item. */
  readonly reminderId: string
  /** A visit was accepted for it: no reminder. */
  readonly booked: boolean
}

export interface EquipmentDue {
  readonly equipmentId: string
  readonly asOf: string
  readonly items: ReadonlyArray<DueItemView>
}

export interface ProposeInput {
  readonly kind: DueKind
  readonly ref: string
  readonly dueDate: string
  readonly pointId?: string
}

export class DueServiceDesk {
  constructor(
    private readonly reconciler: DueServiceReconciler,
    private readonly proposals: VisitProposalService,
    private readonly newId: () => string = randomUUID,
    /** Branch-restricted fleet managers: only their branches' vehicles (customers/fleetBranchScope.ts). */
    private readonly fleetBranches: FleetBranchLookup | null = null,
  ) {}

  private async mayAccess(by: Principal, equipment: EquipmentState): Promise<DomainError | null> {
    const denied = this.tenantRefusal(by, equipment)
    if (denied || !this.fleetBranches) return denied
    const restricted = await this.fleetBranches.restrictionOf(by)
    return restricted && !restricted.allows(equipment.equipmentId) ? branchDenied() : null
  }

  private tenantRefusal(by: Principal, equipment: EquipmentState): DomainError | null {
    if (!equipment.exists)
      return domainError('not_found', 'EQUIPMENT_NOT_FOUND', `no equipment ${equipment.equipmentId}`)
    const owner = equipment.owner
    const ownership = {
      ...(equipment.pointId ? { pointId: equipment.pointId } : {}),
      ...(owner?.kind === 'customer' ? { customerId: owner.customerId } : {}),
      ...(owner?.kind === 'fleet' ? { fleetId: owner.fleetId } : {}),
    }
    return tenantCanAccess(by.tenant, ownership) ? null : tenantDenied()
  }

  async dueFor(by: Principal, equipmentId: string, now: string): Promise<Either<DomainError, EquipmentDue>> {
    const snapshot = await this.reconciler.snapshot(equipmentId, now)
    const denied = await this.mayAccess(by, { ...snapshot.equipment, equipmentId })
    if (denied) return left(denied)
    return right({
      equipmentId,
      asOf: now,
      items: snapshot.items.map((item) => {
        const reminderId = dueReminderJobId(item)
        return { ...item, reminderId, booked: snapshot.booked.has(reminderId) }
      }),
    })
  }

  async propose(
    by: Principal,
    equipmentId: string,
    input: ProposeInput,
    meta: RequestMeta,
  ): Promise<Either<ProposalError, MadeProposal>> {
    const snapshot = await this.reconciler.snapshot(equipmentId, meta.now)
    const denied = await this.mayAccess(by, { ...snapshot.equipment, equipmentId })
    if (denied) return left(denied)
    const item = snapshot.items.find((i) => i.kind === input.kind && i.ref === input.ref && i.dueDate === input.dueDate)
    if (!item)
      return left(
        domainError(
          'not_found',
          'DUE_ITEM_NOT_FOUND',
          `nothing of kind ${input.kind} (${input.ref}) is due on ${input.dueDate}`,
        ),
      )
    const staffPoint = by.tenant.scope === 'point' ? by.tenant.pointId : null
    if (staffPoint && input.pointId !== undefined && input.pointId !== staffPoint) return left(tenantDenied())
    const pointId = input.pointId ?? staffPoint ?? undefined
    const proposalId = meta.commandId ? deterministicUuid(`visitproposal|desk|${meta.commandId}`) : this.newId()
    const made = await this.proposals.propose(
      item,
      snapshot.equipment,
      proposalId,
      { ...meta, actor: actorOf(by) },
      pointId ? { pointId } : {},
    )
    if (isLeft(made) && isNoProposal(made.left)) {
      if (made.left.noProposal === 'already_proposed' && meta.commandId) {
        // A retried request: answer with the proposal it made.
        const view = await this.proposals.view(proposalId, { principal: by }, meta.now)
        if (!isLeft(view)) return right({ proposal: view.right, accessCode: this.proposals.accessCodeOf(proposalId) })
      }
      return left(domainError('conflict', 'NO_VISIT_POSSIBLE', `${made.left.detail} (${made.left.noProposal})`))
    }
    return made as Either<ProposalError, MadeProposal>
  }
}
