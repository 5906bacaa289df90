// The changes staff make to an open order, as the API sends them, and the domain commands each
// becomes once the application has added what the domain cannot load: the checklists and defect
// catalogue for the equipment's type, the point's statuses, catalogue prices, technicians' names
// from the staff schedule, and the equipment's open recommendations.
import { type Either, isLeft, left, right } from 'fp-ts/lib/Either.js'
import type { EquipmentState } from '../../domain/equipment/equipmentDecider.js'
import { openRecommendations } from '../../domain/equipment/equipmentDecider.js'
import type { VehicleClass } from '../../domain/service-network/capabilities.js'
import { type CatalogueState, catalogueGoods } from '../../domain/service-network/catalogueDecider.js'
import type { StaffScheduleState } from '../../domain/service-network/staffScheduleDecider.js'
import type { Actor } from '../../domain/shared/actor.js'
import { type DomainError, domainError } from '../../domain/shared/decider.js'
import type { FileRef } from '../../domain/shared/fileRef.js'
import type { Money } from '../../domain/shared/money.js'
import type { WorkOrderCommand } from '../../domain/work-order/commands.js'
import type { ChecklistResult, EstimateLine } from '../../domain/work-order/events.js'
import { carryRecommendations } from '../../domain/work-order/recommendations.js'
import type { WorkOrderState } from '../../domain/work-order/workOrderState.js'
import { type LineInput, lineFromInput } from './estimateLines.js'
import { type RepairConfig, statusesOf } from './repairConfig.js'

export interface HandoverInput {
  readonly receivedBy: string
  readonly signature?: FileRef | null
  readonly mileageKm?: number | null
  readonly note?: string | null
}

export type OrderChange =
  | { readonly kind: 'SignIntake'; readonly signerName: string; readonly image: FileRef; readonly signedAt?: string }
  | { readonly kind: 'StartDiagnosis' }
  | { readonly kind: 'AssignChecklist'; readonly checklistId?: string }
  | {
      readonly kind: 'RecordChecklistResults'
      readonly checklistId: string
      readonly results: ReadonlyArray<{
        readonly itemId: string
        readonly result: ChecklistResult
        readonly note?: string | null
        readonly photos?: ReadonlyArray<FileRef>
        readonly measurement?: { readonly value: number; readonly unit: string } | null
      }>
    }
  | {
      readonly kind: 'RecordProblem'
      readonly problemId?: string
      readonly defectCode: string
      readonly causeCode?: string | null
      readonly note?: string | null
      readonly checklistItemId?: string | null
    }
  | { readonly kind: 'WithdrawProblem'; readonly problemId: string }
  | { readonly kind: 'AddLine'; readonly line: LineInput }
  | { readonly kind: 'ChangeLine'; readonly lineId: string; readonly line: LineInput }
  | { readonly kind: 'RemoveLine'; readonly lineId: string }
  | { readonly kind: 'AttachEstimatePhotos'; readonly photos: ReadonlyArray<FileRef> }
  /** Offers the equipment's open recommendations (declined at earlier visits) as lines, priced as of today. */
  | { readonly kind: 'CarryRecommendations'; readonly recommendationIds?: ReadonlyArray<string> }
  | { readonly kind: 'ReopenEstimate'; readonly reason: string }
  | { readonly kind: 'StartRepair' }
  | {
      readonly kind: 'SendToExternalRepairer'
      readonly repairerId: string
      readonly repairerName: string
      readonly reference?: string | null
      readonly expectedBackAt?: string | null
      readonly note?: string | null
    }
  | {
      readonly kind: 'ReceiveFromExternalRepairer'
      readonly outcome: 'repaired' | 'not_repaired'
      readonly cost?: Money | null
      readonly note?: string | null
    }
  | { readonly kind: 'MarkReady'; readonly summary?: string | null }
  | ({ readonly kind: 'HandOver' } & HandoverInput)
  | ({ readonly kind: 'ReturnUnrepaired'; readonly reason: string } & HandoverInput)
  | { readonly kind: 'DeclareIrreparable'; readonly reason: string }
  | { readonly kind: 'Cancel'; readonly reason: string }
  | { readonly kind: 'EnterCustomStatus'; readonly code: string; readonly note?: string | null }
  | { readonly kind: 'LeaveCustomStatus' }
  | { readonly kind: 'AssignTechnician'; readonly technicianId: string }
  | { readonly kind: 'UnassignTechnician'; readonly technicianId: string }
  | {
      readonly kind: 'AddLogEntry'
      readonly entryId?: string
      readonly text: string
      readonly photos?: ReadonlyArray<FileRef>
      readonly visibleToCustomer?: boolean
    }
  | { readonly kind: 'ClockIn'; readonly technicianId: string; readonly lineId?: string | null }
  | { readonly kind: 'ClockOut'; readonly technicianId: string }
  | { readonly kind: 'SetPromisedDate'; readonly promisedAt: string | null; readonly reason?: string | null }

/** What some changes need loaded; each is fetched only when the change asks for it. */
export interface ChangeContext {
  readonly state: WorkOrderState
  readonly actor: Actor
  readonly now: string
  readonly config: RepairConfig
  readonly catalogue: () => Promise<CatalogueState>
  readonly staff: () => Promise<StaffScheduleState>
  readonly equipment: () => Promise<EquipmentState>
  /** A new id for something the client did not name (a problem, a log entry): deterministic on retries. */
  readonly newId: (purpose: string) => string
}

/** Files a change refers to, so the service can check each was uploaded (and is what it says). */
export function filesOf(change: OrderChange): Array<{ ref: FileRef; path: string }> {
  const list = (refs: ReadonlyArray<FileRef> | undefined, path: string) =>
    (refs ?? []).map((ref, i) => ({ ref, path: `${path}[${i}]` }))
  switch (change.kind) {
    case 'SignIntake':
      return [{ ref: change.image, path: 'image' }]
    case 'RecordChecklistResults':
      return change.results.flatMap((r, i) => list(r.photos, `results[${i}].photos`))
    case 'AddLine':
    case 'ChangeLine':
      return list(change.line.photos, 'line.photos')
    case 'AttachEstimatePhotos':
      return list(change.photos, 'photos')
    case 'AddLogEntry':
      return list(change.photos, 'photos')
    case 'HandOver':
    case 'ReturnUnrepaired':
      return change.signature ? [{ ref: change.signature, path: 'signature' }] : []
    default:
      return []
  }
}

const notFound = (code: string, message: string): DomainError => domainError('not_found', code, message)

function vehicleClassOf(equipment: EquipmentState): VehicleClass {
  return equipment.vehicleClass ?? 'passenger'
}

async function line(
  input: LineInput,
  ctx: ChangeContext,
  taken: ReadonlyArray<string>,
): Promise<Either<DomainError, EstimateLine>> {
  const [catalogue, equipment] = await Promise.all([ctx.catalogue(), ctx.equipment()])
  return lineFromInput(input, {
    catalogue,
    config: ctx.config,
    vehicleClass: vehicleClassOf(equipment),
    takenLineIds: taken,
  })
}

const handover = (h: HandoverInput) => ({
  receivedBy: h.receivedBy,
  signature: h.signature ?? null,
  mileageKm: h.mileageKm ?? null,
  note: h.note ?? null,
})

/** The domain commands a change becomes, in order (usually one). */
export async function commandsFor(
  change: OrderChange,
  ctx: ChangeContext,
): Promise<Either<DomainError, WorkOrderCommand[]>> {
  const base = { workOrderId: ctx.state.workOrderId, actor: ctx.actor, now: ctx.now }
  const one = (command: WorkOrderCommand) => right([command])
  const typeCode = ctx.state.equipment?.typeCode ?? ''
  switch (change.kind) {
    case 'SignIntake':
      return one({
        ...base,
        kind: 'SignIntakeProtocol',
        signature: { signerName: change.signerName, image: change.image, signedAt: change.signedAt ?? ctx.now },
      })
    case 'StartDiagnosis':
      return one({ ...base, kind: 'StartDiagnosis' })
    case 'AssignChecklist': {
      const offered = ctx.config.checklists[typeCode] ?? []
      const checklist = change.checklistId ? offered.find((c) => c.checklistId === change.checklistId) : offered[0]
      if (!checklist)
        return left(
          notFound(
            'CHECKLIST_NOT_FOUND',
            change.checklistId
              ? `${change.checklistId} is not a checklist for ${typeCode}`
              : `no checklist is configured for ${typeCode}`,
          ),
        )
      return one({ ...base, kind: 'AssignChecklist', checklist })
    }
    case 'RecordChecklistResults':
      return one({
        ...base,
        kind: 'RecordChecklistResults',
        checklistId: change.checklistId,
        results: change.results.map((r) => ({
          itemId: r.itemId,
          result: r.result,
          note: r.note ?? null,
          photos: [...(r.photos ?? [])],
          measurement: r.measurement ?? null,
        })),
      })
    case 'RecordProblem':
      return one({
        ...base,
        kind: 'RecordProblem',
        problemId: change.problemId ?? ctx.newId('problem'),
        defectCode: change.defectCode,
        causeCode: change.causeCode ?? null,
        note: change.note ?? null,
        checklistItemId: change.checklistItemId ?? null,
        catalogue: ctx.config.defects[typeCode] ?? [],
      })
    case 'WithdrawProblem':
      return one({ ...base, kind: 'WithdrawProblem', problemId: change.problemId })
    case 'AddLine': {
      const made = await line(
        change.line,
        ctx,
        ctx.state.lines.map((l) => l.line.lineId),
      )
      return isLeft(made) ? made : one({ ...base, kind: 'AddEstimateLine', line: made.right })
    }
    case 'ChangeLine': {
      const current = ctx.state.lines.find((l) => l.line.lineId === change.lineId)
      if (!current) return left(notFound('ESTIMATE_LINE_NOT_FOUND', `no estimate line ${change.lineId}`))
      const made = await line({ ...change.line, lineId: change.lineId }, ctx, [])
      if (isLeft(made)) return made
      // A changed line keeps the recommendation it takes up.
      return one({
        ...base,
        kind: 'ChangeEstimateLine',
        line: { ...made.right, recommendationId: current.line.recommendationId },
      })
    }
    case 'RemoveLine':
      return one({ ...base, kind: 'RemoveEstimateLine', lineId: change.lineId })
    case 'AttachEstimatePhotos':
      return one({ ...base, kind: 'AttachEstimatePhotos', photos: [...change.photos] })
    case 'CarryRecommendations': {
      const [equipment, catalogue] = await Promise.all([ctx.equipment(), ctx.catalogue()])
      const already = new Set(ctx.state.lines.map((l) => l.line.recommendationId).filter((id) => id !== null))
      const open = openRecommendations(equipment).filter(
        (r) =>
          !already.has(r.recommendationId) &&
          (change.recommendationIds === undefined || change.recommendationIds.includes(r.recommendationId)),
      )
      const unknown = (change.recommendationIds ?? []).filter(
        (id) => !open.some((r) => r.recommendationId === id) && !already.has(id),
      )
      if (unknown.length > 0)
        return left(
          notFound('RECOMMENDATION_NOT_FOUND', `no open recommendation ${unknown.join(', ')} on the equipment`),
        )
      const taken = ctx.state.lines.map((l) => l.line.lineId)
      let n = 0
      const carried = carryRecommendations(open, {
        now: ctx.now,
        currentUnitPrice: (sku) => catalogueGoods(catalogue, sku)?.definition.price,
        currentHourlyRate: ctx.config.labourHourlyRate,
        lineIdFor: () => {
          for (;;) {
            const id = `rec:${++n}`
            if (!taken.includes(id)) return id
          }
        },
      })
      return right(carried.map((c) => ({ ...base, kind: 'AddEstimateLine' as const, line: c.line })))
    }
    case 'ReopenEstimate':
      return one({ ...base, kind: 'ReopenEstimate', reason: change.reason })
    case 'StartRepair':
      return one({ ...base, kind: 'StartRepair' })
    case 'SendToExternalRepairer':
      return one({
        ...base,
        kind: 'SendToExternalRepairer',
        repairerId: change.repairerId,
        repairerName: change.repairerName,
        reference: change.reference ?? null,
        expectedBackAt: change.expectedBackAt ?? null,
        note: change.note ?? null,
      })
    case 'ReceiveFromExternalRepairer':
      return one({
        ...base,
        kind: 'ReceiveFromExternalRepairer',
        outcome: change.outcome,
        cost: change.cost ?? null,
        note: change.note ?? null,
      })
    case 'MarkReady':
      return one({ ...base, kind: 'MarkReady', summary: change.summary ?? null })
    case 'HandOver':
      return one({ ...base, kind: 'HandOver', protocol: handover(change) })
    case 'ReturnUnrepaired':
      return one({ ...base, kind: 'ReturnUnrepaired', reason: change.reason, protocol: handover(change) })
    case 'DeclareIrreparable':
      return one({ ...base, kind: 'DeclareIrreparable', reason: change.reason })
    case 'Cancel':
      return one({ ...base, kind: 'CancelWorkOrder', reason: change.reason })
    case 'EnterCustomStatus':
      return one({
        ...base,
        kind: 'EnterCustomStatus',
        code: change.code,
        note: change.note ?? null,
        allowed: statusesOf(ctx.config, ctx.state.pointId),
      })
    case 'LeaveCustomStatus':
      return one({ ...base, kind: 'LeaveCustomStatus' })
    case 'AssignTechnician': {
      const member = (await ctx.staff()).members[change.technicianId]
      if (!member || (member.leftOn !== null && member.leftOn <= ctx.now.slice(0, 10)))
        return left(notFound('STAFF_MEMBER_NOT_FOUND', `${change.technicianId} does not work at ${ctx.state.pointId}`))
      return one({ ...base, kind: 'AssignTechnician', technicianId: change.technicianId, name: member.name })
    }
    case 'UnassignTechnician':
      return one({ ...base, kind: 'UnassignTechnician', technicianId: change.technicianId })
    case 'AddLogEntry':
      return one({
        ...base,
        kind: 'AddLogEntry',
        entryId: change.entryId ?? ctx.newId('log'),
        text: change.text,
        photos: [...(change.photos ?? [])],
        visibleToCustomer: change.visibleToCustomer ?? false,
      })
    case 'ClockIn':
      return one({ ...base, kind: 'ClockIn', technicianId: change.technicianId, lineId: change.lineId ?? null })
    case 'ClockOut':
      return one({ ...base, kind: 'ClockOut', technicianId: change.technicianId })
    case 'SetPromisedDate':
      return one({ ...base, kind: 'SetPromisedDate', promisedAt: change.promisedAt, reason: change.reason ?? null })
  }
}
