// Work orders (domain/work-order/README.md): opening an order at intake, every later step of it,
// the estimate sent with an access code and answered from an account, technicians, and the
// policies each step triggers (policyRunner.ts).
//
// One user action may be several commands (opening an order and starting its diagnosis; taking
// up three recommendations as lines): they are decided together on the folded state first, so
// a refused one leaves the log as it was, then appended one by one, each with a command id of
// its own derived from the request's (retrying the request repeats each step once).
import { randomUUID } from 'node:crypto'
import { type Either, isLeft, left, right } from 'fp-ts/lib/Either.js'
import { actorOf, type Principal } from '../../domain/access/principal.js'
import { type EquipmentState, equipmentStream } from '../../domain/equipment/equipmentDecider.js'
import { catalogueService } from '../../domain/service-network/catalogueDecider.js'
import { type DomainError, domainError } from '../../domain/shared/decider.js'
import type { FileRef } from '../../domain/shared/fileRef.js'
import { formatLocalTime, toLocal } from '../../domain/shared/localTime.js'
import type { WorkOrderCommand } from '../../domain/work-order/commands.js'
import type { ApprovalChannel, LineDecision } from '../../domain/work-order/events.js'
import { equipmentSnapshot, originalOrderSnapshot } from '../../domain/work-order/snapshots.js'
import { suggestTechnicians, type TechnicianSuggestion } from '../../domain/work-order/technicianSuggestion.js'
import { workOrderDecider, workOrderStream } from '../../domain/work-order/workOrderDecider.js'
import { initialWorkOrderState, type WorkOrderState } from '../../domain/work-order/workOrderState.js'
import { type CommandContext, deterministicUuid, eventIdFor } from '../commands/commandContext.js'
import { handleCommand } from '../commands/handleCommand.js'
import { branchDenied, type FleetBranchLookup } from '../customers/fleetBranchScope.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import type { EventStore } from '../ports/eventStore.js'
import type { FileStore } from '../ports/fileStore.js'
import type { NetworkReader } from '../serviceNetwork/networkReader.js'
import { pointNotFound, type RequestMeta } from '../serviceNetwork/servicePointService.js'
import type { StreamStateCache } from '../serviceNetwork/streamStateCache.js'
import { accessCodeHash, derivedAccessCode, newAccessCode } from './accessCodes.js'
import { serviceCodeOfLine } from './estimateLines.js'
import { type ChangeContext, commandsFor, filesOf, type OrderChange } from './orderChanges.js'
import type { PolicyNote, PolicyRunner, Trigger } from './policyRunner.js'
import type { RepairConfig } from './repairConfig.js'
import type { RepairNotifier } from './repairNotifier.js'
import { isPointStaffRole, mayDecideEstimate, mayRunOrder, maySeeOrder } from './workOrderAccess.js'
import {
  type OrderFold,
  ownerView,
  staffView,
  type WorkOrderOwnerView,
  type WorkOrderStaffView,
} from './workOrderView.js'

export interface CustomerInput {
  readonly customerId?: string | null
  readonly fleetId?: string | null
  readonly name?: string | null
  readonly phone?: string | null
  readonly email?: string | null
}

export interface IntakeBody {
  readonly conditionNotes?: string
  readonly accessories?: ReadonlyArray<string>
  readonly mileageKm?: number | null
  readonly odometerReplaced?: boolean
  readonly customerDescription: string
  readonly photos?: ReadonlyArray<FileRef>
  readonly signature?: { readonly signerName: string; readonly image: FileRef; readonly signedAt?: string } | null
}

export interface OpenOrderInput {
  readonly pointId: string
  readonly equipmentId: string
  /** Defaults to the equipment's owner; contact details may be added. */
  readonly customer?: CustomerInput
  readonly intake: IntakeBody
  readonly promisedAt?: string | null
  readonly bookingId?: string | null
  /** A comeback: the handed-over order this one redoes. */
  readonly reworkOf?: { readonly workOrderId: string; readonly reason: string } | null
  /** Start diagnosis at once, with the equipment type's first checklist. */
  readonly startDiagnosis?: boolean
  readonly technicianId?: string
  /** The helpdesk ticket the order is opened from: recorded on the order (WorkOrderTicketLinked). */
  readonly ticketId?: string | null
  /** The order's id when the caller must know it beforehand (a ticket names its order); else derived. */
  readonly workOrderId?: string
}

export interface SendEstimateInput {
  /** Default: SMS to the order's phone, else e-mail, else handed over in person. */
  readonly channel?: 'sms' | 'email' | 'in_person'
  readonly address?: string | null
}

export interface DecisionInput {
  readonly revision: number
  readonly decisions: ReadonlyArray<{
    readonly lineId: string
    readonly decision: LineDecision
    readonly reason?: string | null
  }>
  readonly decidedByName: string
  /** Staff record how the answer reached them; an owner's own answer is 'portal'. */
  readonly channel?: Exclude<ApprovalChannel, 'link'>
}

export type OrderView = WorkOrderStaffView | WorkOrderOwnerView

export interface ChangeAnswer {
  readonly order: OrderView
  /** What the policies did with the step (reservations, equipment status…), for the people at the desk. */
  readonly policies: ReadonlyArray<PolicyNote>
}

export interface WorkOrderServiceDeps {
  readonly store: EventStore
  readonly catalogue: EventCatalogue
  readonly reader: NetworkReader
  readonly config: RepairConfig
  readonly orders: StreamStateCache<OrderFold>
  readonly equipment: StreamStateCache<EquipmentState>
  readonly policies: PolicyRunner
  /** Derives access codes for retried requests (accessCodes.ts); a server secret. */
  readonly codeSecret: string
  readonly files?: FileStore
  readonly notifier?: RepairNotifier
  /** Minutes of open work per technician at a point (from the work-order read model). */
  readonly workload?: (pointId: string) => Promise<Readonly<Record<string, number>>>
  readonly newId?: () => string
  /** Branch-restricted fleet managers see (and answer estimates of) their branches' vehicles' orders only. */
  readonly fleetBranches?: FleetBranchLookup
}

export const workOrderNotFound = (workOrderId: string): DomainError =>
  domainError('not_found', 'WORK_ORDER_NOT_FOUND', `no work order ${workOrderId}`)

const DAY = 86_400_000

export class WorkOrderService {
  private readonly newId: () => string

  constructor(private readonly deps: WorkOrderServiceDeps) {
    this.newId = deps.newId ?? randomUUID
  }

  // ── reading ──

  /** A branch-restricted fleet manager may not reach orders of vehicles outside his branches. */
  private async branchRefusal(by: Principal, state: WorkOrderState): Promise<DomainError | null> {
    const restricted = this.deps.fleetBranches ? await this.deps.fleetBranches.restrictionOf(by) : null
    return restricted && !restricted.allows(state.equipment?.equipmentId) ? branchDenied('the order’s vehicle') : null
  }

  async get(by: Principal, workOrderId: string, now: string): Promise<Either<DomainError, OrderView>> {
    const loaded = await this.load(workOrderId)
    if (isLeft(loaded)) return loaded
    const { fold, revision } = loaded.right
    const denied = maySeeOrder(by, fold.state) ?? (await this.branchRefusal(by, fold.state))
    if (denied) return left(denied)
    return right(this.viewFor(by, fold, revision, now))
  }

  /** The point's technicians ranked for this order: skills of its catalogue services (or those asked), workload, shift. */
  async suggestTechnicians(
    by: Principal,
    workOrderId: string,
    skills: ReadonlyArray<string> | undefined,
    now: string,
  ): Promise<Either<DomainError, { skills: ReadonlyArray<string>; suggestions: TechnicianSuggestion[] }>> {
    const loaded = await this.load(workOrderId)
    if (isLeft(loaded)) return loaded
    const state = loaded.right.fold.state
    const denied = mayRunOrder(by, state.pointId)
    if (denied) return left(denied)
    const [staff, point, catalogue, workload] = await Promise.all([
      this.deps.reader.staff(state.pointId),
      this.deps.reader.point(state.pointId),
      this.deps.reader.catalogue(),
      this.deps.workload?.(state.pointId) ?? Promise.resolve({} as Readonly<Record<string, number>>),
    ])
    const needed =
      skills ??
      [
        ...new Set(
          state.lines
            .filter((l) => l.decision !== 'declined')
            .map((l) => serviceCodeOfLine(l.line.lineId))
            .flatMap((code) => {
              const skill = code === null ? null : catalogueService(catalogue, code)?.definition.requiredSkill
              return skill ? [skill] : []
            }),
        ),
      ].sort()
    const local = toLocal(point.timeZone || 'Europe/Warsaw', Date.parse(now))
    const localNow = `${local.date}T${formatLocalTime(local.minuteOfDay)}`
    const onShift = new Set((staff.shiftsByDate[local.date] ?? []).map((s) => s.staffId))
    const absent = new Set(staff.absences.filter((a) => a.from <= localNow && localNow < a.to).map((a) => a.staffId))
    const candidates = Object.values(staff.members)
      .filter((m) => m.leftOn === null || m.leftOn > local.date)
      .map((m) => ({
        technicianId: m.staffId,
        skills: m.skills,
        workloadMinutes: workload[m.staffId] ?? 0,
        available: onShift.has(m.staffId) && !absent.has(m.staffId),
      }))
    return right({ skills: needed, suggestions: suggestTechnicians(needed, candidates) })
  }

  // ── opening ──

  async open(
    by: Principal,
    input: OpenOrderInput,
    meta: RequestMeta,
  ): Promise<Either<DomainError, ChangeAnswer & { readonly trackingCode: string }>> {
    const denied = mayRunOrder(by, input.pointId)
    if (denied) return left(denied)
    const point = await this.deps.reader.point(input.pointId)
    if (point.status === 'none') return left(pointNotFound(input.pointId))
    const base = meta.commandId ?? this.newId()
    const workOrderId =
      input.workOrderId ?? (meta.commandId ? deterministicUuid(`workorder|${meta.commandId}`) : this.newId())
    const trackingCode = meta.commandId
      ? derivedAccessCode(this.deps.codeSecret, `tracking|${meta.commandId}`)
      : newAccessCode()
    const equipmentState = (await this.deps.equipment.load(equipmentStream(input.equipmentId))).state
    // A comeback may come to another point than the one that did the work: any point may redo
    // a network order (the original only lends its equipment and status; the link is a policy's).
    const original = input.reworkOf ? await this.load(input.reworkOf.workOrderId) : null
    const owner = equipmentState.owner
    const customer = {
      customerId: input.customer?.customerId ?? (owner?.kind === 'customer' ? owner.customerId : null),
      fleetId: input.customer?.fleetId ?? (owner?.kind === 'fleet' ? owner.fleetId : null),
      name: input.customer?.name ?? null,
      phone: input.customer?.phone ?? null,
      email: input.customer?.email ?? null,
    }
    const actor = actorOf(by)
    const intake = input.intake
    const files = await this.checkFiles([
      ...(intake.photos ?? []).map((ref, i) => ({ ref, path: `intake.photos[${i}]` })),
      ...(intake.signature ? [{ ref: intake.signature.image, path: 'intake.signature.image' }] : []),
    ])
    if (files) return left(files)
    const commands: WorkOrderCommand[] = [
      {
        kind: 'OpenWorkOrder',
        workOrderId,
        actor,
        now: meta.now,
        pointId: input.pointId,
        equipment: equipmentSnapshot(equipmentState),
        customer,
        intake: {
          conditionNotes: intake.conditionNotes ?? '',
          accessories: [...(intake.accessories ?? [])],
          mileageKm: intake.mileageKm ?? null,
          odometerReplaced: intake.odometerReplaced ?? false,
          customerDescription: intake.customerDescription,
          photos: [...(intake.photos ?? [])],
          signature: intake.signature
            ? {
                signerName: intake.signature.signerName,
                image: intake.signature.image,
                signedAt: intake.signature.signedAt ?? meta.now,
              }
            : null,
        },
        promisedAt: input.promisedAt ?? null,
        reworkOf: input.reworkOf
          ? {
              workOrderId: input.reworkOf.workOrderId,
              reason: input.reworkOf.reason,
              original: original && !isLeft(original) ? originalOrderSnapshot(original.right.fold.state) : null,
            }
          : null,
        bookingId: input.bookingId ?? null,
        trackingCodeHash: accessCodeHash(trackingCode),
      },
    ]
    const ctx = this.changeContext(by, initialWorkOrderState, meta, base, input.pointId, input.equipmentId)
    // Built on the state the opening leaves (decided, not yet written): see execute.
    const afterOpen = (cmd: OrderChange) => (state: WorkOrderState) => commandsFor(cmd, { ...ctx, state })
    const follow: Array<(state: WorkOrderState) => Promise<Either<DomainError, WorkOrderCommand[]>>> = []
    const ticketId = input.ticketId
    if (ticketId) follow.push(async () => right([{ kind: 'LinkTicket', workOrderId, actor, now: meta.now, ticketId }]))
    if (input.startDiagnosis) {
      follow.push(afterOpen({ kind: 'StartDiagnosis' }))
      if ((this.deps.config.checklists[equipmentState.typeCode] ?? []).length > 0)
        follow.push(afterOpen({ kind: 'AssignChecklist' }))
    }
    if (input.technicianId) follow.push(afterOpen({ kind: 'AssignTechnician', technicianId: input.technicianId }))
    const done = await this.execute(by, workOrderId, commands, follow, meta, base)
    if (isLeft(done)) return done
    return right({ ...done.right, trackingCode })
  }

  // ── every other step ──

  async change(
    by: Principal,
    workOrderId: string,
    change: OrderChange,
    meta: RequestMeta,
  ): Promise<Either<DomainError, ChangeAnswer>> {
    const loaded = await this.load(workOrderId)
    if (isLeft(loaded)) return loaded
    const state = loaded.right.fold.state
    const denied = mayRunOrder(by, state.pointId)
    if (denied) return left(denied)
    const files = await this.checkFiles(filesOf(change))
    if (files) return left(files)
    const base = meta.commandId ?? this.newId()
    const ctx = this.changeContext(by, state, meta, base, state.pointId, state.equipment?.equipmentId ?? '')
    const commands = await commandsFor(change, ctx)
    if (isLeft(commands)) return commands
    return this.execute(by, workOrderId, commands.right, [], meta, base)
  }

  /** Sends the estimate: a new access code for the link, shown once here (and to the notifier). */
  async sendEstimate(
    by: Principal,
    workOrderId: string,
    input: SendEstimateInput,
    meta: RequestMeta,
  ): Promise<Either<DomainError, ChangeAnswer & { readonly accessCode: string; readonly expiresAt: string }>> {
    const loaded = await this.load(workOrderId)
    if (isLeft(loaded)) return loaded
    const state = loaded.right.fold.state
    const denied = mayRunOrder(by, state.pointId)
    if (denied) return left(denied)
    const base = meta.commandId ?? this.newId()
    const accessCode = meta.commandId
      ? derivedAccessCode(this.deps.codeSecret, `estimate|${meta.commandId}`)
      : newAccessCode()
    const expiresAt = new Date(Date.parse(meta.now) + this.deps.config.estimateCodeValidDays * DAY).toISOString()
    const channel =
      input.channel ?? (state.customer?.phone ? 'sms' : state.customer?.email ? 'email' : ('in_person' as const))
    const address =
      input.address !== undefined
        ? input.address
        : channel === 'sms'
          ? (state.customer?.phone ?? null)
          : channel === 'email'
            ? (state.customer?.email ?? null)
            : null
    const done = await this.execute(
      by,
      workOrderId,
      [
        {
          kind: 'SendEstimate',
          workOrderId,
          actor: actorOf(by),
          now: meta.now,
          accessCodeHash: accessCodeHash(accessCode),
          accessCodeExpiresAt: expiresAt,
          sentTo: { channel, address },
        },
      ],
      [],
      meta,
      base,
    )
    if (isLeft(done)) return done
    const notes = [...done.right.policies]
    if (this.deps.notifier)
      try {
        await this.deps.notifier.estimateSent({
          workOrderId,
          pointId: state.pointId,
          to: { channel, address },
          accessCode,
          expiresAt,
          revision: state.revision,
        })
        notes.push({ policy: 'notify-estimate', eventType: 'EstimateSent', outcome: 'applied' })
      } catch (error) {
        notes.push({
          policy: 'notify-estimate',
          eventType: 'EstimateSent',
          outcome: 'refused',
          code: 'NOTIFICATION_FAILED',
          message: String(error),
        })
      }
    return right({ ...done.right, policies: notes, accessCode, expiresAt })
  }

  /** The customer's answer given from an account (portal), or taken by staff (phone, in person, e-mail). */
  async decide(
    by: Principal,
    workOrderId: string,
    input: DecisionInput,
    meta: RequestMeta,
  ): Promise<Either<DomainError, ChangeAnswer>> {
    const loaded = await this.load(workOrderId)
    if (isLeft(loaded)) return loaded
    const state = loaded.right.fold.state
    const denied = mayDecideEstimate(by, state) ?? (await this.branchRefusal(by, state))
    if (denied) return left(denied)
    const staff = isPointStaffRole(by)
    if (!staff && input.channel !== undefined && input.channel !== 'portal')
      return left(
        domainError('forbidden', 'ROLE_NOT_ALLOWED', 'only staff record answers given by phone, e-mail or in person'),
      )
    return this.execute(
      by,
      workOrderId,
      [
        {
          kind: 'DecideEstimateLines',
          workOrderId,
          actor: actorOf(by),
          now: meta.now,
          revision: input.revision,
          decisions: input.decisions.map((d) => ({ lineId: d.lineId, decision: d.decision, reason: d.reason ?? null })),
          decidedByName: input.decidedByName,
          channel: staff ? (input.channel ?? 'phone') : 'portal',
          accessCodeHash: null,
        },
      ],
      [],
      meta,
      meta.commandId ?? this.newId(),
    )
  }

  /** Re-runs the reservation of the order's approved parts (e.g. after a delivery came in). */
  async reserveParts(
    by: Principal,
    workOrderId: string,
    meta: RequestMeta,
  ): Promise<Either<DomainError, ChangeAnswer>> {
    const loaded = await this.load(workOrderId)
    if (isLeft(loaded)) return loaded
    const { fold, revision } = loaded.right
    const denied = mayRunOrder(by, fold.state.pointId)
    if (denied) return left(denied)
    const trigger: Trigger = {
      event: {
        type: 'EstimateDecided',
        data: {
          workOrderId,
          revision: fold.state.revision,
          outcome: 'approved',
          approvedLineIds: [],
          declinedLineIds: [],
          approvedTotals: null,
          at: meta.now,
        },
      },
      // Not an event of the log: a fresh id per request, so each retry of the reservation is its own try.
      eventId: meta.commandId ? deterministicUuid(`reserve|${meta.commandId}`) : this.newId(),
    }
    const policies = await this.deps.policies.react([trigger], fold.state, meta)
    const after = await this.load(workOrderId)
    const view = isLeft(after)
      ? this.viewFor(by, fold, revision, meta.now)
      : this.viewFor(by, after.right.fold, after.right.revision, meta.now)
    return right({ order: view, policies })
  }

  // ── internals ──

  private async load(workOrderId: string): Promise<Either<DomainError, { fold: OrderFold; revision: number }>> {
    const { state, revision } = await this.deps.orders.load(workOrderStream(workOrderId))
    return state.state.exists ? right({ fold: state, revision }) : left(workOrderNotFound(workOrderId))
  }

  private viewFor(by: Principal, fold: OrderFold, revision: number, now: string): OrderView {
    return isPointStaffRole(by) ? staffView(fold, revision, now) : ownerView(fold, revision, now)
  }

  private changeContext(
    by: Principal,
    state: WorkOrderState,
    meta: RequestMeta,
    base: string,
    pointId: string,
    equipmentId: string,
  ): ChangeContext {
    let ids = 0
    return {
      state,
      actor: actorOf(by),
      now: meta.now,
      config: this.deps.config,
      catalogue: () => this.deps.reader.catalogue(),
      staff: () => this.deps.reader.staff(pointId),
      equipment: async () => (await this.deps.equipment.load(equipmentStream(equipmentId))).state,
      newId: (purpose) => deterministicUuid(`${base}|${purpose}|${++ids}`),
    }
  }

  /** Every file a command names must have been uploaded, with the digest it claims. */
  private async checkFiles(refs: ReadonlyArray<{ ref: FileRef; path: string }>): Promise<DomainError | null> {
    const files = this.deps.files
    if (!files || refs.length === 0) return null
    const problems: Array<{ path: string; message: string }> = []
    for (const { ref, path } of refs) {
      const stored = await files.stat(ref.fileId)
      if (!stored)
        problems.push({ path: `${path}.fileId`, message: `no uploaded file ${ref.fileId} (POST /files first)` })
      else if (stored.sha256 !== ref.sha256)
        problems.push({ path: `${path}.sha256`, message: 'is not the digest of the uploaded file' })
    }
    return problems.length === 0
      ? null
      : domainError('invalid', 'FILE_NOT_UPLOADED', 'the order refers to files that were not uploaded', problems)
  }

  /**
   * Decides `commands` (then the `follow` steps, built on the state the earlier ones leave) on the
   * current state without writing; if all pass, appends them one by one and runs the policies.
   */
  private async execute(
    by: Principal,
    workOrderId: string,
    commands: ReadonlyArray<WorkOrderCommand>,
    follow: ReadonlyArray<(state: WorkOrderState) => Promise<Either<DomainError, WorkOrderCommand[]>>>,
    meta: RequestMeta,
    base: string,
  ): Promise<Either<DomainError, ChangeAnswer>> {
    const streamId = workOrderStream(workOrderId)
    const current = (await this.deps.orders.load(streamId)).state.state
    const all: WorkOrderCommand[] = []
    let simulated = current
    const tryStep = (command: WorkOrderCommand): DomainError | null => {
      const decided = workOrderDecider.decide(command, simulated)
      if (isLeft(decided)) return decided.left
      simulated = decided.right.reduce(workOrderDecider.evolve, simulated)
      all.push(command)
      return null
    }
    let refused: DomainError | null = null
    for (const command of commands) refused ??= tryStep(command)
    for (const step of follow) {
      if (refused) break
      const built = await step(simulated)
      if (isLeft(built)) refused = built.left
      else for (const command of built.right) refused ??= tryStep(command)
    }
    // A retried request finds its first step applied: handleCommand answers each step as it did then.
    if (refused && !(meta.commandId && (await this.applied(streamId, this.stepContext(by, meta, base, 0)))))
      return left(refused)
    const steps = refused ? [...commands] : all
    const triggers: Trigger[] = []
    for (const [i, command] of steps.entries()) {
      const context = this.stepContext(by, meta, base, i)
      const outcome = await handleCommand({
        store: this.deps.store,
        catalogue: this.deps.catalogue,
        decider: workOrderDecider,
        streamId,
        command,
        context,
      })
      if (isLeft(outcome)) {
        if (i === 0) return outcome
        break // an earlier step stands; the answer shows where the order is
      }
      outcome.right.events.forEach((event, j) => {
        triggers.push({ event, eventId: eventIdFor(context, streamId, j) })
      })
    }
    const after = (await this.deps.orders.load(streamId)).state
    const policies = triggers.length > 0 ? await this.deps.policies.react(triggers, after.state, meta) : []
    const final = await this.deps.orders.load(streamId)
    return right({ order: this.viewFor(by, final.state, final.revision, meta.now), policies })
  }

  private stepContext(by: Principal, meta: RequestMeta, base: string, i: number): CommandContext {
    return { ...meta, actor: actorOf(by), commandId: `${base}|${i}` }
  }

  /** Whether a step's first event is already in the stream (the request is a retry). */
  private async applied(streamId: string, context: CommandContext): Promise<boolean> {
    const id = eventIdFor(context, streamId, 0)
    for await (const recorded of this.deps.store.readStream(streamId)) if (recorded.metadata.eventId === id) return true
    return false
  }
}
