// The work-order aggregate (stream `workorder-<workOrderId>`): one item's visit from intake to
// handover. See lifecycle.ts for the statuses; the state and its fold are in workOrderState.ts.
//
// Refusals are values with stable codes:
//   invalid   WORK_ORDER_INVALID (with the failing fields), UNKNOWN_CUSTOM_STATUS
//   not_found WORK_ORDER_NOT_FOUND, EQUIPMENT_NOT_FOUND, ORIGINAL_WORK_ORDER_NOT_FOUND, CHECKLIST_NOT_FOUND,
//             PROBLEM_NOT_FOUND, ESTIMATE_LINE_NOT_FOUND, TECHNICIAN_NOT_ASSIGNED
//   forbidden ACCESS_CODE_INVALID, ACCESS_CODE_EXPIRED
//   conflict  WORK_ORDER_ALREADY_EXISTS, WORK_ORDER_CLOSED, ILLEGAL_WORK_ORDER_TRANSITION, EQUIPMENT_SCRAPPED,
//             INTAKE_MILEAGE_BELOW_LAST_READING, INTAKE_ALREADY_SIGNED, REWORK_EQUIPMENT_MISMATCH,
//             REWORK_OF_UNFINISHED_ORDER, CHECKLIST_ALREADY_ASSIGNED, PROBLEM_ALREADY_RECORDED,
//             PROBLEM_REFERENCED_BY_ESTIMATE, ESTIMATE_LOCKED, ESTIMATE_LINE_EXISTS, ESTIMATE_ALREADY_SENT,
//             ESTIMATE_NOTHING_TO_APPROVE, ESTIMATE_NOT_SENT, ESTIMATE_REJECTED, ESTIMATE_ALREADY_DECIDED,
//             ESTIMATE_REVISION_STALE, ESTIMATE_LINE_ALREADY_DECIDED, ESTIMATE_NOT_APPROVED,
//             WORK_ORDER_NOT_IN_REPAIR, AT_EXTERNAL_REPAIRER, NOT_AT_EXTERNAL_REPAIRER, WORK_ORDER_NOT_READY,
//             WORK_NOT_IN_PROGRESS, TECHNICIAN_ALREADY_CLOCKED_IN, TECHNICIAN_NOT_CLOCKED_IN,
//             TECHNICIAN_CLOCKED_IN, LOG_ENTRY_EXISTS
import { type Either, left, right } from 'fp-ts/lib/Either.js'
import { type Decider, type DomainError, domainError } from '../shared/decider.js'
import { fileRefsProblems } from '../shared/fileRef.js'
import { parseInstant } from '../shared/localTime.js'
import { moneyProblems } from '../shared/money.js'
import { type FieldProblem, nonBlank, validId } from '../shared/validation.js'
import type { WorkOrderCommand } from './commands.js'
import { estimateTotals, lineCurrency, lineProblems } from './estimate.js'
import {
  type EstimateLine,
  WorkOrderStatus as StatusCodec,
  type WorkOrderEvent,
  type WorkOrderStatus,
} from './events.js'
import { customerProblems, handoverProblems, intakeProblems, signatureProblems } from './intake.js'
import {
  CANCELLABLE,
  CUSTOM_STATUS_PHASES,
  DRAFT_ESTIMATE_STATUSES,
  IRREPARABLE_FROM,
  isFinal,
  REOPENABLE_STATUSES,
  RETURN_UNREPAIRED_FROM,
  WORKING_STATUSES,
} from './lifecycle.js'
import { recommendationsFromDeclined } from './recommendations.js'
import { evolveWorkOrder, initialWorkOrderState, type WorkOrderState } from './workOrderState.js'

export const workOrderStream = (workOrderId: string): string => `workorder-${workOrderId}`

type Decision = Either<DomainError, ReadonlyArray<WorkOrderEvent>>
type Cmd<K extends WorkOrderCommand['kind']> = Extract<WorkOrderCommand, { kind: K }>

const SHA256_HEX = /^[0-9a-f]{64}$/

const invalid = (problems: FieldProblem[]): Decision =>
  left(domainError('invalid', 'WORK_ORDER_INVALID', 'the work order command is invalid', problems))
const conflict = (code: string, message: string): Decision => left(domainError('conflict', code, message))
const done = (events: ReadonlyArray<WorkOrderEvent>): Decision => right(events)
const nothing: Decision = right([])

const optionalText = (value: string | null, path: string, max: number): FieldProblem[] =>
  value !== null && value.length > max ? [{ path, message: `must be at most ${max} characters` }] : []

function instantProblem(value: string | null, path: string, afterMs?: number): FieldProblem[] {
  if (value === null) return []
  const ms = parseInstant(value)
  if (ms === null) return [{ path, message: 'must be a UTC ISO-8601 instant' }]
  if (afterMs !== undefined && ms <= afterMs) return [{ path, message: 'must be in the future' }]
  return []
}

/** Closed orders refuse everything; otherwise the status must be one of `allowed`. */
function guard(
  state: WorkOrderState,
  allowed: ReadonlyArray<WorkOrderStatus>,
  action: string,
  code = 'ILLEGAL_WORK_ORDER_TRANSITION',
): DomainError | null {
  if (isFinal(state.status))
    return domainError(
      'conflict',
      'WORK_ORDER_CLOSED',
      `the order is ${state.status.replace(/_/g, ' ')}: it cannot ${action}`,
    )
  if (!allowed.includes(state.status))
    return domainError('conflict', code, `cannot ${action} while the order is ${state.status.replace(/_/g, ' ')}`)
  return null
}

/** Where checklists, problems and signatures may be recorded: the item is here and the order open. */
const OPEN_FOR_RECORDS: ReadonlyArray<WorkOrderStatus> = (Object.keys(StatusCodec.keys) as WorkOrderStatus[]).filter(
  (s) => !isFinal(s) && s !== 'at_external_repairer',
)

/**
 * What leaving the current phase for `to` brings with it: a point-defined status on top of the
 * phase ends, and labour clocks stop when the order leaves the working phases (a technician who
 * forgot to clock out is not billed the night).
 */
function leaving(state: WorkOrderState, to: WorkOrderStatus, at: string): WorkOrderEvent[] {
  const out: WorkOrderEvent[] = []
  if (state.customStatus && to !== state.status)
    out.push({
      type: 'CustomStatusLeft',
      data: { workOrderId: state.workOrderId, code: state.customStatus.code, phase: state.status, at },
    })
  if (WORKING_STATUSES.includes(state.status) && !WORKING_STATUSES.includes(to))
    for (const [technicianId, clock] of Object.entries(state.clocks).sort(([a], [b]) => a.localeCompare(b)))
      out.push(clockOut(state, technicianId, clock, at, true))
  return out
}

function clockOut(
  state: WorkOrderState,
  technicianId: string,
  clock: { lineId: string | null; since: string },
  at: string,
  automatic: boolean,
): WorkOrderEvent {
  const minutes = Math.max(0, Math.floor(((parseInstant(at) ?? 0) - (parseInstant(clock.since) ?? 0)) / 60_000))
  return {
    type: 'LabourClockedOut',
    data: {
      workOrderId: state.workOrderId,
      technicianId,
      lineId: clock.lineId,
      startedAt: clock.since,
      minutes,
      automatic,
      at,
    },
  }
}

function open(command: Cmd<'OpenWorkOrder'>, state: WorkOrderState, nowMs: number): Decision {
  if (state.exists) return conflict('WORK_ORDER_ALREADY_EXISTS', `work order ${command.workOrderId} exists`)
  const { equipment, intake, reworkOf } = command
  if (equipment === null) return left(domainError('not_found', 'EQUIPMENT_NOT_FOUND', 'no such equipment'))
  const problems: FieldProblem[] = [
    ...validId(command.workOrderId, 'workOrderId'),
    ...validId(command.pointId, 'pointId'),
    ...validId(equipment.equipmentId, 'equipment.equipmentId'),
    ...nonBlank(equipment.label, 'equipment.label', 100),
    ...customerProblems(command.customer),
    ...intakeProblems(intake, nowMs),
    ...instantProblem(command.promisedAt, 'promisedAt', nowMs),
  ]
  if (command.bookingId !== null) problems.push(...validId(command.bookingId, 'bookingId'))
  if (command.trackingCodeHash !== null && !SHA256_HEX.test(command.trackingCodeHash))
    problems.push({ path: 'trackingCodeHash', message: 'must be 64 lower-case hex digits (SHA-256)' })
  if (equipment.kind !== 'vehicle' && intake.mileageKm !== null)
    problems.push({ path: 'intake.mileageKm', message: 'only vehicles have an odometer' })
  if (reworkOf !== null) {
    problems.push(
      ...validId(reworkOf.workOrderId, 'reworkOf.workOrderId'),
      ...nonBlank(reworkOf.reason, 'reworkOf.reason', 500),
    )
    if (reworkOf.workOrderId === command.workOrderId)
      problems.push({ path: 'reworkOf.workOrderId', message: 'an order cannot redo itself' })
    if (reworkOf.original !== null && reworkOf.original.workOrderId !== reworkOf.workOrderId)
      problems.push({ path: 'reworkOf.original', message: 'is a different order' })
  }
  if (problems.length > 0) return invalid(problems)
  if (equipment.status === 'scrapped')
    return conflict('EQUIPMENT_SCRAPPED', `equipment ${equipment.equipmentId} is scrapped`)
  if (
    intake.mileageKm !== null &&
    equipment.lastMileageKm !== null &&
    intake.mileageKm < equipment.lastMileageKm &&
    !intake.odometerReplaced
  )
    return conflict(
      'INTAKE_MILEAGE_BELOW_LAST_READING',
      `${intake.mileageKm} km is below the last recorded ${equipment.lastMileageKm} km; flag an odometer replacement if one was fitted`,
    )
  if (reworkOf !== null) {
    const original = reworkOf.original
    if (original === null)
      return left(domainError('not_found', 'ORIGINAL_WORK_ORDER_NOT_FOUND', `no work order ${reworkOf.workOrderId}`))
    if (original.equipmentId !== equipment.equipmentId)
      return conflict('REWORK_EQUIPMENT_MISMATCH', `order ${original.workOrderId} was for other equipment`)
    if (original.status !== 'handed_over')
      return conflict(
        'REWORK_OF_UNFINISHED_ORDER',
        `order ${original.workOrderId} is ${original.status}, not handed over`,
      )
  }
  const { signature, ...protocol } = intake
  const opened: WorkOrderEvent = {
    type: 'WorkOrderOpened',
    data: {
      workOrderId: command.workOrderId,
      pointId: command.pointId,
      equipment: {
        equipmentId: equipment.equipmentId,
        kind: equipment.kind,
        typeCode: equipment.typeCode,
        label: equipment.label.trim(),
      },
      customer: command.customer,
      intake: {
        ...protocol,
        conditionNotes: protocol.conditionNotes.trim(),
        customerDescription: protocol.customerDescription.trim(),
        accessories: protocol.accessories.map((a) => a.trim()),
        photos: [...protocol.photos],
      },
      promisedAt: command.promisedAt,
      reworkOf: reworkOf === null ? null : { workOrderId: reworkOf.workOrderId, reason: reworkOf.reason.trim() },
      bookingId: command.bookingId,
      trackingCodeHash: command.trackingCodeHash,
      openedBy: command.actor,
      openedAt: command.now,
    },
  }
  return done(
    signature === null
      ? [opened]
      : [opened, { type: 'IntakeProtocolSigned', data: { workOrderId: command.workOrderId, signature } }],
  )
}

// ── estimate ──────────────────────────────────────────────────────────────────────────────────

function estimateLocked(state: WorkOrderState, action: string): DomainError | null {
  if (isFinal(state.status)) return guard(state, [], action)
  if (DRAFT_ESTIMATE_STATUSES.includes(state.status)) return null
  return domainError(
    'conflict',
    'ESTIMATE_LOCKED',
    `the estimate is ${state.status === 'estimate' ? 'with the customer' : state.status.replace(/_/g, ' ')}: reopen it to ${action}`,
  )
}

/** The estimate's currency: that of its lines other than `exceptLineId`, or null when there are none. */
function currencyOf(state: WorkOrderState, exceptLineId: string | null): string | null {
  const other = state.lines.find((l) => l.line.lineId !== exceptLineId)
  return other ? lineCurrency(other.line) : null
}

function lineReferenceProblems(state: WorkOrderState, line: EstimateLine): FieldProblem[] {
  const p: FieldProblem[] = []
  if (line.problemId !== null && state.problems[line.problemId] === undefined)
    p.push({ path: 'line.problemId', message: `no recorded problem ${line.problemId}` })
  if (
    line.recommendationId !== null &&
    state.lines.some((l) => l.line.lineId !== line.lineId && l.line.recommendationId === line.recommendationId)
  )
    p.push({ path: 'line.recommendationId', message: 'another line already takes up this recommendation' })
  return p
}

function sendEstimate(command: Cmd<'SendEstimate'>, state: WorkOrderState, nowMs: number): Decision {
  if (state.status === 'estimate')
    return conflict('ESTIMATE_ALREADY_SENT', 'the estimate is already with the customer; reopen it to send a new one')
  const locked = estimateLocked(state, 'send it again')
  if (locked) return left(locked)
  const problems: FieldProblem[] = [...instantProblem(command.accessCodeExpiresAt, 'accessCodeExpiresAt', nowMs)]
  if (!SHA256_HEX.test(command.accessCodeHash))
    problems.push({ path: 'accessCodeHash', message: 'must be 64 lower-case hex digits (SHA-256)' })
  if (command.sentTo.channel !== 'in_person' && (command.sentTo.address ?? '').trim() === '')
    problems.push({
      path: 'sentTo.address',
      message: `a phone number or e-mail address is needed for ${command.sentTo.channel}`,
    })
  if (problems.length > 0) return invalid(problems)
  const pending = state.lines.filter((l) => l.decision === 'pending')
  if (pending.length === 0)
    return conflict('ESTIMATE_NOTHING_TO_APPROVE', 'the estimate has no lines waiting for approval')
  const currency = lineCurrency((pending[0] as (typeof pending)[number]).line)
  return done([
    ...leaving(state, 'estimate', command.now),
    {
      type: 'EstimateSent',
      data: {
        workOrderId: state.workOrderId,
        revision: state.revision,
        lines: state.lines.map((l) => l.line),
        pendingLineIds: pending.map((l) => l.line.lineId),
        // What the customer pays if they approve all that waits: approved and pending lines.
        totals: estimateTotals(
          state.lines.filter((l) => l.decision !== 'declined').map((l) => l.line),
          currency,
        ),
        accessCodeHash: command.accessCodeHash,
        accessCodeExpiresAt: command.accessCodeExpiresAt,
        sentTo: {
          channel: command.sentTo.channel,
          address: command.sentTo.address === null ? null : command.sentTo.address.trim(),
        },
        at: command.now,
      },
    },
  ])
}

function decideLines(command: Cmd<'DecideEstimateLines'>, state: WorkOrderState, nowMs: number): Decision {
  if (isFinal(state.status)) return left(guard(state, [], 'take an estimate decision') as DomainError)
  if (state.status === 'rejected')
    return conflict('ESTIMATE_REJECTED', 'the estimate was rejected; it must be reopened and sent again')
  if (DRAFT_ESTIMATE_STATUSES.includes(state.status))
    return conflict('ESTIMATE_NOT_SENT', 'the estimate has not been sent')
  if (state.status !== 'estimate')
    return conflict('ESTIMATE_ALREADY_DECIDED', 'every line of the estimate has been decided; reopen it to change that')
  if (command.revision !== state.revision)
    return conflict(
      'ESTIMATE_REVISION_STALE',
      `the answer is to revision ${command.revision}, but revision ${state.revision} is the current one`,
    )
  const access = state.access
  if (command.channel === 'link') {
    if (access === null || command.accessCodeHash !== access.codeHash)
      return left(domainError('forbidden', 'ACCESS_CODE_INVALID', 'the access code does not open this estimate'))
    if (nowMs > (parseInstant(access.expiresAt) ?? 0))
      return left(domainError('forbidden', 'ACCESS_CODE_EXPIRED', 'the access code has expired'))
  }
  const problems: FieldProblem[] = [...nonBlank(command.decidedByName, 'decidedByName', 200)]
  if (command.decisions.length === 0) problems.push({ path: 'decisions', message: 'decide at least one line' })
  if (new Set(command.decisions.map((d) => d.lineId)).size !== command.decisions.length)
    problems.push({ path: 'decisions', message: 'must decide each line once' })
  command.decisions.forEach((d, i) => {
    problems.push(...optionalText(d.reason, `decisions[${i}].reason`, 500))
  })
  if (problems.length > 0) return invalid(problems)
  for (const d of command.decisions) {
    const line = state.lines.find((l) => l.line.lineId === d.lineId)
    if (!line) return left(domainError('not_found', 'ESTIMATE_LINE_NOT_FOUND', `no estimate line ${d.lineId}`))
    if (line.decision !== 'pending')
      return conflict('ESTIMATE_LINE_ALREADY_DECIDED', `line ${d.lineId} was already ${line.decision}`)
  }
  const decided: WorkOrderEvent = {
    type: 'EstimateLinesDecided',
    data: {
      workOrderId: state.workOrderId,
      revision: state.revision,
      decisions: command.decisions.map((d) => ({ lineId: d.lineId, decision: d.decision, reason: d.reason })),
      decidedBy: { name: command.decidedByName.trim(), actor: command.actor },
      channel: command.channel,
      at: command.now,
    },
  }
  const after = evolveWorkOrder(state, decided)
  if (after.lines.some((l) => l.decision === 'pending')) return done([decided])
  const approved = after.lines.filter((l) => l.decision === 'approved')
  const declined = after.lines.filter((l) => l.decision === 'declined')
  const outcome = declined.length === 0 ? 'approved' : approved.length === 0 ? 'rejected' : 'partially_approved'
  const recommendations = recommendationsFromDeclined(after, declined, command.now)
  return done([
    decided,
    ...leaving(after, outcome, command.now),
    {
      type: 'EstimateDecided',
      data: {
        workOrderId: state.workOrderId,
        revision: state.revision,
        outcome,
        approvedLineIds: approved.map((l) => l.line.lineId),
        declinedLineIds: declined.map((l) => l.line.lineId),
        approvedTotals:
          approved.length === 0
            ? null
            : estimateTotals(
                approved.map((l) => l.line),
                lineCurrency((approved[0] as (typeof approved)[number]).line),
              ),
        at: command.now,
      },
    },
    ...(recommendations.length > 0
      ? [
          {
            type: 'RecommendationsRaised' as const,
            data: {
              workOrderId: state.workOrderId,
              equipmentId: state.equipment?.equipmentId ?? '',
              recommendations,
            },
          },
        ]
      : []),
  ])
}

// ── the command dispatch ──────────────────────────────────────────────────────────────────────

function decide(command: WorkOrderCommand, state: WorkOrderState): Decision {
  const nowMs = parseInstant(command.now)
  if (nowMs === null) return invalid([{ path: 'now', message: 'must be a UTC ISO-8601 instant' }])
  if (command.kind === 'OpenWorkOrder') return open(command, state, nowMs)
  if (!state.exists)
    return left(domainError('not_found', 'WORK_ORDER_NOT_FOUND', `no work order ${command.workOrderId}`))
  const workOrderId = state.workOrderId
  const at = command.now

  switch (command.kind) {
    case 'SignIntakeProtocol': {
      const refused = guard(state, OPEN_FOR_RECORDS, 'take a signature')
      if (refused) return left(refused)
      if (state.signature !== null) return conflict('INTAKE_ALREADY_SIGNED', 'the intake protocol is already signed')
      const problems = signatureProblems(command.signature, nowMs, 'signature')
      if (problems.length > 0) return invalid(problems)
      return done([{ type: 'IntakeProtocolSigned', data: { workOrderId, signature: command.signature } }])
    }
    case 'StartDiagnosis': {
      if (state.status === 'diagnosis') return nothing
      const refused = guard(state, ['intake'], 'start diagnosis')
      if (refused) return left(refused)
      return done([...leaving(state, 'diagnosis', at), { type: 'DiagnosisStarted', data: { workOrderId, at } }])
    }
    case 'AssignChecklist': {
      const refused = guard(state, OPEN_FOR_RECORDS, 'take a checklist')
      if (refused) return left(refused)
      const { checklist } = command
      const problems: FieldProblem[] = [
        ...validId(checklist.checklistId, 'checklist.checklistId'),
        ...nonBlank(checklist.name, 'checklist.name', 200),
      ]
      if (checklist.items.length === 0 || checklist.items.length > 200)
        problems.push({ path: 'checklist.items', message: 'must have 1–200 items' })
      if (new Set(checklist.items.map((i) => i.itemId)).size !== checklist.items.length)
        problems.push({ path: 'checklist.items', message: 'must not repeat an item id' })
      checklist.items.forEach((item, i) => {
        problems.push(
          ...validId(item.itemId, `checklist.items[${i}].itemId`),
          ...nonBlank(item.label, `checklist.items[${i}].label`, 300),
        )
      })
      if (problems.length > 0) return invalid(problems)
      const existing = state.checklists[checklist.checklistId]
      if (existing)
        return JSON.stringify(existing.checklist) === JSON.stringify(checklist)
          ? nothing
          : conflict('CHECKLIST_ALREADY_ASSIGNED', `checklist ${checklist.checklistId} is already on the order`)
      return done([{ type: 'ChecklistAssigned', data: { workOrderId, checklist, at } }])
    }
    case 'RecordChecklistResults': {
      const refused = guard(state, OPEN_FOR_RECORDS, 'record checklist results')
      if (refused) return left(refused)
      const entry = state.checklists[command.checklistId]
      if (!entry)
        return left(domainError('not_found', 'CHECKLIST_NOT_FOUND', `no checklist ${command.checklistId} on the order`))
      const items = new Set(entry.checklist.items.map((i) => i.itemId))
      const problems: FieldProblem[] = []
      if (command.results.length === 0) problems.push({ path: 'results', message: 'record at least one item' })
      if (new Set(command.results.map((r) => r.itemId)).size !== command.results.length)
        problems.push({ path: 'results', message: 'must record each item once' })
      command.results.forEach((r, i) => {
        const p = `results[${i}]`
        if (!items.has(r.itemId))
          problems.push({ path: `${p}.itemId`, message: `is not an item of ${command.checklistId}` })
        problems.push(...optionalText(r.note, `${p}.note`, 2000), ...fileRefsProblems(r.photos, `${p}.photos`))
        if (r.measurement !== null) {
          if (!Number.isFinite(r.measurement.value))
            problems.push({ path: `${p}.measurement.value`, message: 'must be a number' })
          problems.push(...nonBlank(r.measurement.unit, `${p}.measurement.unit`, 20))
        }
      })
      if (problems.length > 0) return invalid(problems)
      return done([
        {
          type: 'ChecklistResultsRecorded',
          data: {
            workOrderId,
            checklistId: command.checklistId,
            results: command.results.map((r) => ({ ...r, photos: [...r.photos] })),
            recordedBy: command.actor,
            at,
          },
        },
      ])
    }
    case 'RecordProblem': {
      const refused = guard(state, OPEN_FOR_RECORDS, 'record a problem')
      if (refused) return left(refused)
      const problems: FieldProblem[] = [
        ...validId(command.problemId, 'problemId'),
        ...optionalText(command.note, 'note', 2000),
      ]
      const defect = command.catalogue.find((d) => d.code === command.defectCode)
      if (!defect)
        problems.push({
          path: 'defectCode',
          message: `is not a defect known for ${state.equipment?.typeCode ?? 'this equipment'}`,
        })
      const cause = command.causeCode === null ? null : defect?.causes.find((c) => c.code === command.causeCode)
      if (defect && command.causeCode !== null && !cause)
        problems.push({ path: 'causeCode', message: `is not a known cause of ${command.defectCode}` })
      if (
        command.checklistItemId !== null &&
        !Object.values(state.checklists).some((c) =>
          c.checklist.items.some((i) => i.itemId === command.checklistItemId),
        )
      )
        problems.push({ path: 'checklistItemId', message: 'is not an item of a checklist on the order' })
      if (problems.length > 0 || !defect) return invalid(problems)
      if (state.problems[command.problemId])
        return conflict('PROBLEM_ALREADY_RECORDED', `problem ${command.problemId} is already recorded`)
      return done([
        {
          type: 'ProblemRecorded',
          data: {
            workOrderId,
            problem: {
              problemId: command.problemId,
              defectCode: defect.code,
              defectLabel: defect.label,
              causeCode: cause?.code ?? null,
              causeLabel: cause?.label ?? null,
              note: command.note,
              checklistItemId: command.checklistItemId,
            },
            recordedBy: command.actor,
            at,
          },
        },
      ])
    }
    case 'WithdrawProblem': {
      const refused = guard(state, OPEN_FOR_RECORDS, 'withdraw a problem')
      if (refused) return left(refused)
      if (!state.problems[command.problemId])
        return left(domainError('not_found', 'PROBLEM_NOT_FOUND', `no problem ${command.problemId}`))
      if (state.lines.some((l) => l.line.problemId === command.problemId))
        return conflict('PROBLEM_REFERENCED_BY_ESTIMATE', `an estimate line fixes problem ${command.problemId}`)
      return done([{ type: 'ProblemWithdrawn', data: { workOrderId, problemId: command.problemId, at } }])
    }
    case 'AddEstimateLine': {
      const locked = estimateLocked(state, 'add a line')
      if (locked) return left(locked)
      const problems = [
        ...lineProblems(command.line, currencyOf(state, null)),
        ...lineReferenceProblems(state, command.line),
      ]
      if (problems.length > 0) return invalid(problems)
      if (state.lines.some((l) => l.line.lineId === command.line.lineId))
        return conflict('ESTIMATE_LINE_EXISTS', `line ${command.line.lineId} exists`)
      return done([
        {
          type: 'EstimateLineAdded',
          data: { workOrderId, line: { ...command.line, photos: [...command.line.photos] } },
        },
      ])
    }
    case 'ChangeEstimateLine': {
      const locked = estimateLocked(state, 'change a line')
      if (locked) return left(locked)
      const current = state.lines.find((l) => l.line.lineId === command.line.lineId)
      if (!current)
        return left(domainError('not_found', 'ESTIMATE_LINE_NOT_FOUND', `no estimate line ${command.line.lineId}`))
      const problems = [
        ...lineProblems(command.line, currencyOf(state, command.line.lineId)),
        ...lineReferenceProblems(state, command.line),
      ]
      if (problems.length > 0) return invalid(problems)
      if (JSON.stringify(current.line) === JSON.stringify(command.line)) return nothing
      return done([
        {
          type: 'EstimateLineChanged',
          data: { workOrderId, line: { ...command.line, photos: [...command.line.photos] } },
        },
      ])
    }
    case 'RemoveEstimateLine': {
      const locked = estimateLocked(state, 'remove a line')
      if (locked) return left(locked)
      if (!state.lines.some((l) => l.line.lineId === command.lineId))
        return left(domainError('not_found', 'ESTIMATE_LINE_NOT_FOUND', `no estimate line ${command.lineId}`))
      return done([{ type: 'EstimateLineRemoved', data: { workOrderId, lineId: command.lineId } }])
    }
    case 'AttachEstimatePhotos': {
      const locked = estimateLocked(state, 'attach photos')
      if (locked) return left(locked)
      const problems = fileRefsProblems([...state.estimatePhotos, ...command.photos], 'photos', 100)
      if (command.photos.length === 0) problems.push({ path: 'photos', message: 'attach at least one photo' })
      if (problems.length > 0) return invalid(problems)
      return done([{ type: 'EstimatePhotosAttached', data: { workOrderId, photos: [...command.photos] } }])
    }
    case 'SendEstimate':
      return sendEstimate(command, state, nowMs)
    case 'DecideEstimateLines':
      return decideLines(command, state, nowMs)
    case 'ReopenEstimate': {
      if (DRAFT_ESTIMATE_STATUSES.includes(state.status))
        return conflict('ESTIMATE_NOT_SENT', 'the estimate has not been sent: it can be edited as it is')
      const refused = guard(state, REOPENABLE_STATUSES, 'reopen the estimate')
      if (refused) return left(refused)
      const problems = nonBlank(command.reason, 'reason', 500)
      if (problems.length > 0) return invalid(problems)
      return done([
        ...leaving(state, 'diagnosis', at),
        {
          type: 'EstimateReopened',
          data: { workOrderId, revision: state.revision + 1, reason: command.reason.trim(), at },
        },
      ])
    }
    case 'StartRepair': {
      if (state.status === 'in_repair') return nothing
      // A comeback redoes work the customer already paid for: no new approval needed.
      const allowed: WorkOrderStatus[] = [
        'approved',
        'partially_approved',
        ...(state.reworkOf ? (['diagnosis'] as const) : []),
      ]
      if (state.status === 'rejected') return conflict('ESTIMATE_REJECTED', 'the customer rejected the estimate')
      const code = ['intake', 'diagnosis', 'estimate'].includes(state.status) ? 'ESTIMATE_NOT_APPROVED' : undefined
      const refused = guard(state, allowed, 'start the repair', code)
      if (refused) return left(refused)
      return done([...leaving(state, 'in_repair', at), { type: 'RepairStarted', data: { workOrderId, at } }])
    }
    case 'SendToExternalRepairer': {
      const refused = guard(state, ['in_repair'], 'go to an external repairer', 'WORK_ORDER_NOT_IN_REPAIR')
      if (refused) return left(refused)
      const problems: FieldProblem[] = [
        ...validId(command.repairerId, 'repairerId'),
        ...nonBlank(command.repairerName, 'repairerName', 200),
        ...optionalText(command.reference, 'reference', 100),
        ...optionalText(command.note, 'note', 2000),
        ...instantProblem(command.expectedBackAt, 'expectedBackAt', nowMs),
      ]
      if (problems.length > 0) return invalid(problems)
      return done([
        ...leaving(state, 'at_external_repairer', at),
        {
          type: 'SentToExternalRepairer',
          data: {
            workOrderId,
            repairerId: command.repairerId,
            repairerName: command.repairerName.trim(),
            reference: command.reference,
            expectedBackAt: command.expectedBackAt,
            note: command.note,
            at,
          },
        },
      ])
    }
    case 'ReceiveFromExternalRepairer': {
      if (isFinal(state.status)) return left(guard(state, [], 'come back from a repairer') as DomainError)
      if (state.status !== 'at_external_repairer' || state.external === null)
        return conflict('NOT_AT_EXTERNAL_REPAIRER', 'the item is not at an external repairer')
      const problems = [
        ...(command.cost === null ? [] : moneyProblems(command.cost, 'cost')),
        ...optionalText(command.note, 'note', 2000),
      ]
      if (problems.length > 0) return invalid(problems)
      return done([
        {
          type: 'ReturnedFromExternalRepairer',
          data: {
            workOrderId,
            repairerId: state.external.repairerId,
            outcome: command.outcome,
            cost: command.cost,
            note: command.note,
            at,
          },
        },
      ])
    }
    case 'MarkReady': {
      if (state.status === 'ready') return nothing
      if (state.status === 'at_external_repairer')
        return conflict('AT_EXTERNAL_REPAIRER', 'the item is still at the external repairer')
      const refused = guard(state, ['in_repair'], 'be ready', 'WORK_ORDER_NOT_IN_REPAIR')
      if (refused) return left(refused)
      const problems = optionalText(command.summary, 'summary', 4000)
      if (problems.length > 0) return invalid(problems)
      return done([
        ...leaving(state, 'ready', at),
        { type: 'WorkOrderReady', data: { workOrderId, summary: command.summary, at } },
      ])
    }
    case 'HandOver': {
      const refused = guard(state, ['ready'], 'be handed over', 'WORK_ORDER_NOT_READY')
      if (refused) return left(refused)
      const problems = handoverProblems(command.protocol)
      const intakeKm = state.intake?.mileageKm ?? null
      if (command.protocol.mileageKm !== null && intakeKm !== null && command.protocol.mileageKm < intakeKm)
        problems.push({ path: 'protocol.mileageKm', message: `is below the ${intakeKm} km recorded at intake` })
      if (problems.length > 0) return invalid(problems)
      return done([{ type: 'WorkOrderHandedOver', data: { workOrderId, protocol: command.protocol, at } }])
    }
    case 'ReturnUnrepaired': {
      const refused = guard(state, RETURN_UNREPAIRED_FROM, 'be returned unrepaired')
      if (refused) return left(refused)
      const problems = [...nonBlank(command.reason, 'reason', 500), ...handoverProblems(command.protocol)]
      if (problems.length > 0) return invalid(problems)
      return done([
        ...leaving(state, 'returned_unrepaired', at),
        {
          type: 'WorkOrderReturnedUnrepaired',
          data: { workOrderId, reason: command.reason.trim(), protocol: command.protocol, at },
        },
      ])
    }
    case 'DeclareIrreparable': {
      const refused = guard(state, IRREPARABLE_FROM, 'be declared irreparable')
      if (refused) return left(refused)
      const problems = nonBlank(command.reason, 'reason', 500)
      if (problems.length > 0) return invalid(problems)
      return done([
        ...leaving(state, 'irreparable', at),
        { type: 'WorkOrderDeclaredIrreparable', data: { workOrderId, reason: command.reason.trim(), at } },
      ])
    }
    case 'CancelWorkOrder': {
      if (state.status === 'at_external_repairer')
        return conflict('AT_EXTERNAL_REPAIRER', 'the item is at the external repairer: get it back first')
      const refused = guard(state, CANCELLABLE, 'be cancelled')
      if (refused) return left(refused)
      const problems = nonBlank(command.reason, 'reason', 500)
      if (problems.length > 0) return invalid(problems)
      return done([
        ...leaving(state, 'cancelled', at),
        { type: 'WorkOrderCancelled', data: { workOrderId, reason: command.reason.trim(), at } },
      ])
    }
    case 'EnterCustomStatus': {
      if (isFinal(state.status)) return left(guard(state, [], 'enter a status') as DomainError)
      const definition = command.allowed.find((s) => s.code === command.code)
      // A point's status named like a built-in one would make the lifecycle ambiguous.
      if (!definition || Object.hasOwn(StatusCodec.keys, command.code))
        return left(
          domainError('invalid', 'UNKNOWN_CUSTOM_STATUS', `${command.code} is not a status this point has set up`, [
            { path: 'code', message: 'is not one of the point’s statuses' },
          ]),
        )
      const refused = guard(state, CUSTOM_STATUS_PHASES, `enter ${command.code}`)
      if (refused) return left(refused)
      const problems = optionalText(command.note, 'note', 2000)
      if (problems.length > 0) return invalid(problems)
      if (state.customStatus?.code === command.code) return nothing
      return done([
        ...(state.customStatus
          ? [
              {
                type: 'CustomStatusLeft' as const,
                data: { workOrderId, code: state.customStatus.code, phase: state.status, at },
              },
            ]
          : []),
        {
          type: 'CustomStatusEntered',
          data: {
            workOrderId,
            code: definition.code,
            label: definition.label,
            phase: state.status,
            note: command.note,
            at,
          },
        },
      ])
    }
    case 'LeaveCustomStatus': {
      if (isFinal(state.status)) return left(guard(state, [], 'leave a status') as DomainError)
      if (state.customStatus === null) return nothing
      return done([
        { type: 'CustomStatusLeft', data: { workOrderId, code: state.customStatus.code, phase: state.status, at } },
      ])
    }
    case 'AssignTechnician': {
      if (isFinal(state.status)) return left(guard(state, [], 'take a technician') as DomainError)
      const problems = [...validId(command.technicianId, 'technicianId'), ...nonBlank(command.name, 'name', 200)]
      if (problems.length > 0) return invalid(problems)
      if (state.technicians[command.technicianId]) return nothing
      return done([
        {
          type: 'TechnicianAssigned',
          data: { workOrderId, technicianId: command.technicianId, name: command.name.trim(), at },
        },
      ])
    }
    case 'UnassignTechnician': {
      if (isFinal(state.status)) return left(guard(state, [], 'change technicians') as DomainError)
      if (!state.technicians[command.technicianId])
        return left(domainError('not_found', 'TECHNICIAN_NOT_ASSIGNED', `${command.technicianId} is not on this order`))
      if (state.clocks[command.technicianId])
        return conflict('TECHNICIAN_CLOCKED_IN', `${command.technicianId} is clocked in: clock out first`)
      return done([{ type: 'TechnicianUnassigned', data: { workOrderId, technicianId: command.technicianId, at } }])
    }
    case 'AddLogEntry': {
      // The log stays open after closing: what happens afterwards (a call, parts collected) is part of the story.
      const problems = [
        ...validId(command.entryId, 'entryId'),
        ...nonBlank(command.text, 'text', 4000),
        ...fileRefsProblems(command.photos, 'photos'),
      ]
      if (problems.length > 0) return invalid(problems)
      if (state.log.some((e) => e.entryId === command.entryId))
        return conflict('LOG_ENTRY_EXISTS', `log entry ${command.entryId} exists`)
      return done([
        {
          type: 'TechnicianLogEntryAdded',
          data: {
            workOrderId,
            entryId: command.entryId,
            author: command.actor,
            text: command.text.trim(),
            photos: [...command.photos],
            visibleToCustomer: command.visibleToCustomer,
            at,
          },
        },
      ])
    }
    case 'ClockIn': {
      const refused = guard(state, WORKING_STATUSES, 'clock labour', 'WORK_NOT_IN_PROGRESS')
      if (refused) return left(refused)
      if (!state.technicians[command.technicianId])
        return left(domainError('not_found', 'TECHNICIAN_NOT_ASSIGNED', `${command.technicianId} is not on this order`))
      if (
        command.lineId !== null &&
        !state.lines.some((l) => l.line.lineId === command.lineId && l.line.kind === 'labour')
      )
        return invalid([{ path: 'lineId', message: 'is not a labour line of the estimate' }])
      if (state.clocks[command.technicianId])
        return conflict('TECHNICIAN_ALREADY_CLOCKED_IN', `${command.technicianId} is already clocked in`)
      return done([
        {
          type: 'LabourClockedIn',
          data: { workOrderId, technicianId: command.technicianId, lineId: command.lineId, at },
        },
      ])
    }
    case 'ClockOut': {
      const clock = state.clocks[command.technicianId]
      if (!clock) return conflict('TECHNICIAN_NOT_CLOCKED_IN', `${command.technicianId} is not clocked in`)
      if (nowMs < (parseInstant(clock.since) ?? 0))
        return invalid([{ path: 'now', message: `is before the clock-in at ${clock.since}` }])
      return done([clockOut(state, command.technicianId, clock, at, false)])
    }
    case 'SetPromisedDate': {
      if (isFinal(state.status)) return left(guard(state, [], 'change its promised date') as DomainError)
      const problems = [
        ...instantProblem(command.promisedAt, 'promisedAt'),
        ...optionalText(command.reason, 'reason', 500),
      ]
      if (problems.length > 0) return invalid(problems)
      if (command.promisedAt === state.promisedAt) return nothing
      return done([
        { type: 'PromisedDateSet', data: { workOrderId, promisedAt: command.promisedAt, reason: command.reason, at } },
      ])
    }
    case 'LinkReworkOrder': {
      if (state.status !== 'handed_over')
        return conflict(
          'REWORK_OF_UNFINISHED_ORDER',
          `the order is ${state.status}: only a handed-over order can be redone`,
        )
      const problems = [...validId(command.reworkOrderId, 'reworkOrderId'), ...nonBlank(command.reason, 'reason', 500)]
      if (command.reworkOrderId === workOrderId)
        problems.push({ path: 'reworkOrderId', message: 'an order cannot redo itself' })
      if (problems.length > 0) return invalid(problems)
      if (state.reworkOrderIds.includes(command.reworkOrderId)) return nothing
      return done([
        {
          type: 'ReworkOrderLinked',
          data: { workOrderId, reworkOrderId: command.reworkOrderId, reason: command.reason.trim(), at },
        },
      ])
    }
    case 'LinkTicket': {
      const problems = validId(command.ticketId, 'ticketId')
      if (problems.length > 0) return invalid(problems)
      if (state.ticketId === command.ticketId) return nothing
      if (state.ticketId !== null)
        return conflict('WORK_ORDER_TICKET_LINKED', `the order was opened from ticket ${state.ticketId}`)
      return done([{ type: 'WorkOrderTicketLinked', data: { workOrderId, ticketId: command.ticketId, at } }])
    }
  }
}

export const workOrderDecider: Decider<WorkOrderCommand, WorkOrderState, WorkOrderEvent> = {
  initialState: initialWorkOrderState,
  decide,
  evolve: evolveWorkOrder,
}
