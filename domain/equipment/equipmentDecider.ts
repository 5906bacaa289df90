// The equipment aggregate (stream `equipment-<equipmentId>`): one item's identity, owner, status,
// service dates, odometer and tyres. Refusals are values with stable codes:
//   invalid   EQUIPMENT_INVALID (with the failing fields)
//   not_found EQUIPMENT_NOT_FOUND, TYRE_NOT_MOUNTED, RECOMMENDATION_NOT_FOUND
//   conflict  EQUIPMENT_ALREADY_EXISTS, EQUIPMENT_SCRAPPED, ILLEGAL_EQUIPMENT_STATUS_TRANSITION,
//             MILEAGE_NOT_APPLICABLE, MILEAGE_BELOW_LAST_READING, MILEAGE_READING_OUT_OF_ORDER,
//             TYRES_NOT_APPLICABLE, WHEEL_POSITION_OCCUPIED, TYRE_ALREADY_MOUNTED, NO_TYRE_AT_POSITION,
//             RECOMMENDATION_ALREADY_RESOLVED
import { type Either, isLeft, left, right } from 'fp-ts/lib/Either.js'
import { validatePlate } from '../service-network/plateRegions.js'
import { type Decider, type DomainError, domainError } from '../shared/decider.js'
import { isLocalDate, parseInstant } from '../shared/localTime.js'
import { moneyProblems } from '../shared/money.js'
import { sameValue } from '../shared/sameValue.js'
import { type FieldProblem, nonBlank, validId } from '../shared/validation.js'
import type { EquipmentCommand, EquipmentIdentityInput } from './commands.js'
import type { CustomFieldValues } from './customFields.js'
import { validateCustomFields } from './customFields.js'
import { parseDotDate } from './dotCode.js'
import { canChangeStatus } from './equipmentStatus.js'
import type {
  EquipmentEvent,
  EquipmentKind,
  EquipmentOwner,
  EquipmentStatus,
  Recommendation,
  Registration,
  Tyre,
} from './events.js'
import { parseTyreSize } from './tyreSize.js'
import { checkVin, type VinCheckDigit } from './vin.js'
import { conflictingPositions, positionsFor, type WheelPosition } from './wheelPositions.js'

export const equipmentStream = (equipmentId: string): string => `equipment-${equipmentId}`

export interface MileageReading {
  readonly km: number
  readonly at: string
  readonly odometerReplaced: boolean
  /** Distance driven over the vehicle's life, continuing across odometer replacements. */
  readonly distanceKm: number
}

export interface TyreTreadReading {
  readonly at: string
  readonly depthMm: number
  readonly position: WheelPosition
  readonly odometerKm: number | null
  readonly distanceKm: number | null
  readonly workOrderId: string | null
}

export interface TyreRecord {
  readonly tyre: Tyre
  /** Where it is now; null when dismounted (kept: a stored tyre may come back). */
  readonly position: WheelPosition | null
  readonly mountedAt: string
  readonly dismounted: { readonly at: string; readonly reason: string } | null
  readonly readings: ReadonlyArray<TyreTreadReading>
}

export interface OpenRecommendation extends Recommendation {
  readonly resolution: 'done' | 'dismissed' | null
}

export interface EquipmentState {
  readonly exists: boolean
  readonly equipmentId: string
  readonly kind: EquipmentKind
  readonly typeCode: string
  readonly make: string
  readonly model: string
  readonly vehicleClass: EquipmentIdentityInput['vehicleClass']
  readonly vin: string | null
  readonly vinCheckDigit: VinCheckDigit | null
  readonly registration: Registration | null
  readonly serialNumber: string | null
  readonly owner: EquipmentOwner | null
  readonly customFields: CustomFieldValues
  readonly status: EquipmentStatus
  readonly statusSince: string
  readonly pointId: string | null
  readonly serviceDates: {
    readonly nextInspectionOn: string | null
    readonly warrantyEndsOn: string | null
    readonly insuranceEndsOn: string | null
  }
  readonly mileage: ReadonlyArray<MileageReading>
  /** Added to the odometer to get the distance driven (grows at each odometer replacement). */
  readonly odometerOffsetKm: number
  /** Every tyre ever on this item, by tyreId. */
  readonly tyres: Readonly<Record<string, TyreRecord>>
  readonly positions: Readonly<Partial<Record<WheelPosition, string>>>
  readonly recommendations: Readonly<Record<string, OpenRecommendation>>
}

export const initialEquipmentState: EquipmentState = {
  exists: false,
  equipmentId: '',
  kind: 'vehicle',
  typeCode: '',
  make: '',
  model: '',
  vehicleClass: null,
  vin: null,
  vinCheckDigit: null,
  registration: null,
  serialNumber: null,
  owner: null,
  customFields: {},
  status: 'at_customer',
  statusSince: '',
  pointId: null,
  serviceDates: { nextInspectionOn: null, warrantyEndsOn: null, insuranceEndsOn: null },
  mileage: [],
  odometerOffsetKm: 0,
  tyres: {},
  positions: {},
  recommendations: {},
}

/** Open recommendations, oldest first. */
export function openRecommendations(state: EquipmentState): OpenRecommendation[] {
  return Object.values(state.recommendations)
    .filter((r) => r.resolution === null)
    .sort((a, b) => a.raisedAt.localeCompare(b.raisedAt) || a.recommendationId.localeCompare(b.recommendationId))
}

export const lastMileage = (state: EquipmentState): MileageReading | null => state.mileage.at(-1) ?? null

type Decision = Either<DomainError, ReadonlyArray<EquipmentEvent>>

const MAX_KM = 5_000_000
const MAX_TREAD_MM = 30 // new truck drive tyres are ~20–25 mm; more is a typo

const invalid = (problems: FieldProblem[]): Decision =>
  left(domainError('invalid', 'EQUIPMENT_INVALID', 'the equipment data is invalid', problems))
const conflict = (code: string, message: string): Decision => left(domainError('conflict', code, message))

function nowProblems(now: string): FieldProblem[] {
  return parseInstant(now) === null ? [{ path: 'now', message: 'must be a UTC ISO-8601 instant' }] : []
}

function ownerProblems(owner: EquipmentOwner): FieldProblem[] {
  return owner.kind === 'customer'
    ? validId(owner.customerId, 'owner.customerId')
    : validId(owner.fleetId, 'owner.fleetId')
}

interface CleanIdentity {
  readonly make: string
  readonly model: string
  readonly vehicleClass: EquipmentIdentityInput['vehicleClass']
  readonly vin: string | null
  readonly vinCheckDigit: VinCheckDigit | null
  readonly registration: Registration | null
  readonly serialNumber: string | null
}

function cleanIdentity(
  input: EquipmentIdentityInput,
  kind: EquipmentKind,
): { problems: FieldProblem[]; identity: CleanIdentity } {
  const problems: FieldProblem[] = [...nonBlank(input.make, 'make', 100)]
  if (input.model.length > 100) problems.push({ path: 'model', message: 'must be at most 100 characters' })
  let vin: string | null = null
  let vinCheckDigit: VinCheckDigit | null = null
  let registration: Registration | null = null
  if (kind === 'vehicle') {
    if (input.vehicleClass === null) problems.push({ path: 'vehicleClass', message: 'a vehicle needs its class' })
    if (input.vin === null && input.registration === null)
      problems.push({ path: 'vin', message: 'a vehicle needs a VIN or a registration plate' })
  } else {
    if (input.vin !== null) problems.push({ path: 'vin', message: 'only vehicles have a VIN' })
    if (input.registration !== null) problems.push({ path: 'registration', message: 'only vehicles are registered' })
    if (kind === 'device' && input.vehicleClass !== null)
      problems.push({ path: 'vehicleClass', message: 'a device has no vehicle class' })
  }
  if (kind === 'vehicle' && input.vin !== null) {
    const checked = checkVin(input.vin)
    if (checked.ok) {
      vin = checked.value.vin
      vinCheckDigit = checked.value.checkDigit
    } else problems.push({ path: 'vin', message: checked.reason })
  }
  if (kind === 'vehicle' && input.registration !== null) {
    const { plate, country } = input.registration
    if (country === 'PL') {
      const checked = validatePlate(plate)
      if (isLeft(checked)) problems.push({ path: 'registration.plate', message: checked.left })
      else registration = { plate: checked.right, country }
    } else {
      const normalised = plate.replace(/[\s-]/g, '').toUpperCase()
      if (!/^[A-Z]{1,3}$/.test(country))
        problems.push({ path: 'registration.country', message: 'must be a country code such as PL, RO, UA' })
      if (!/^[A-Z0-9]{2,12}$/.test(normalised))
        problems.push({ path: 'registration.plate', message: 'must be 2-12 letters and digits' })
      registration = { plate: normalised, country }
    }
  }
  const serialNumber = input.serialNumber === null ? null : input.serialNumber.trim()
  if (serialNumber !== null) problems.push(...nonBlank(serialNumber, 'serialNumber', 64))
  return {
    problems,
    identity: {
      make: input.make.trim(),
      model: input.model.trim(),
      vehicleClass: kind === 'device' ? null : input.vehicleClass,
      vin,
      vinCheckDigit,
      registration,
      serialNumber,
    },
  }
}

function requireLive(state: EquipmentState): DomainError | null {
  if (!state.exists) return domainError('not_found', 'EQUIPMENT_NOT_FOUND', 'no such equipment')
  if (state.status === 'scrapped')
    return domainError('conflict', 'EQUIPMENT_SCRAPPED', `equipment ${state.equipmentId} is scrapped`)
  return null
}

const validKm = (km: number): boolean => Number.isSafeInteger(km) && km >= 0 && km <= MAX_KM
// Tread gauges read to 0.1 mm; finer values are noise or unit mistakes.
const validTread = (mm: number): boolean =>
  Number.isFinite(mm) && mm >= 0 && mm <= MAX_TREAD_MM && Math.abs(mm * 10 - Math.round(mm * 10)) < 1e-9

/** The mileage event a reading calls for ([] when it repeats the last one), or the refusal. */
function mileageEvents(
  state: EquipmentState,
  km: number,
  odometerReplaced: boolean,
  workOrderId: string | null,
  now: string,
  path: string,
): Decision {
  if (state.kind !== 'vehicle')
    return conflict('MILEAGE_NOT_APPLICABLE', `a ${state.kind.replace('_', ' ')} has no odometer`)
  if (!validKm(km)) return invalid([{ path, message: `must be a whole number of km between 0 and ${MAX_KM}` }])
  const last = lastMileage(state)
  if (last !== null) {
    if ((parseInstant(now) ?? 0) < (parseInstant(last.at) ?? 0))
      return conflict('MILEAGE_READING_OUT_OF_ORDER', `a later reading (${last.at}) is already recorded`)
    if (!odometerReplaced && km < last.km)
      return conflict(
        'MILEAGE_BELOW_LAST_READING',
        `${km} km is below the last reading of ${last.km} km (${last.at}); flag an odometer replacement if one was fitted`,
      )
    if (!odometerReplaced && km === last.km) return right([])
  }
  return right([
    {
      type: 'EquipmentMileageRecorded',
      data: { equipmentId: state.equipmentId, km, odometerReplaced, workOrderId, at: now },
    },
  ])
}

function requireTyres(state: EquipmentState): DomainError | null {
  return state.kind === 'device' ? domainError('conflict', 'TYRES_NOT_APPLICABLE', 'a device has no tyres') : null
}

/** Whether the position exists on this item and is free (ignoring tyres listed in `leaving`). */
function positionProblem(
  state: EquipmentState,
  positions: Readonly<Partial<Record<WheelPosition, string>>>,
  position: WheelPosition,
): DomainError | null {
  if (!positionsFor(state.vehicleClass).includes(position))
    return domainError(
      'invalid',
      'EQUIPMENT_INVALID',
      `position ${position} does not exist on a ${state.vehicleClass ?? 'tyre set'}`,
      [{ path: 'position', message: `is not a wheel position of a ${state.vehicleClass ?? 'tyre set'}` }],
    )
  const taken = positions[position]
  if (taken !== undefined)
    return domainError('conflict', 'WHEEL_POSITION_OCCUPIED', `tyre ${taken} is already at ${position}`)
  for (const other of conflictingPositions(position)) {
    const tyre = positions[other]
    if (tyre !== undefined)
      return domainError(
        'conflict',
        'WHEEL_POSITION_OCCUPIED',
        `tyre ${tyre} at ${other}: single and twin tyres cannot share a side of the axle`,
      )
  }
  return null
}

function decide(command: EquipmentCommand, state: EquipmentState): Decision {
  const equipmentId = command.equipmentId
  if (command.kind === 'RegisterEquipment') {
    if (state.exists) return conflict('EQUIPMENT_ALREADY_EXISTS', `equipment ${equipmentId} exists`)
    const { problems, identity } = cleanIdentity(command, command.equipmentKind)
    problems.push(
      ...validId(equipmentId, 'equipmentId'),
      ...validId(command.typeCode, 'typeCode'),
      ...ownerProblems(command.owner),
      ...nowProblems(command.now),
      ...(command.pointId === null ? [] : validId(command.pointId, 'pointId')),
    )
    if (command.schema.typeCode !== command.typeCode)
      problems.push({ path: 'schema', message: `is the schema of ${command.schema.typeCode}, not ${command.typeCode}` })
    const fields = validateCustomFields(command.schema, command.customFields)
    if (!fields.ok) problems.push(...fields.problems)
    if (problems.length > 0 || !fields.ok) return invalid(problems)
    return right([
      {
        type: 'EquipmentRegistered',
        data: {
          equipmentId,
          kind: command.equipmentKind,
          typeCode: command.typeCode,
          ...identity,
          owner: command.owner,
          customFields: fields.value,
          status: command.status,
          pointId: command.pointId,
          registeredAt: command.now,
        },
      },
    ])
  }

  // Recommendations for an item that is gone are moot: recording them is a no-op, so the policy
  // that mirrors declined estimate lines never gets stuck on a scrapped car.
  if (command.kind === 'RecordRecommendations' && state.exists && state.status === 'scrapped') return right([])
  const refused = requireLive(state)
  if (refused) return left(refused)

  switch (command.kind) {
    case 'ChangeEquipmentDetails': {
      const { problems, identity } = cleanIdentity(command, state.kind)
      if (problems.length > 0) return invalid(problems)
      const unchanged =
        identity.make === state.make &&
        identity.model === state.model &&
        identity.vehicleClass === state.vehicleClass &&
        identity.vin === state.vin &&
        identity.serialNumber === state.serialNumber &&
        sameValue(identity.registration, state.registration)
      if (unchanged) return right([])
      // Narrowing the class (van → passenger) must not strand twin tyres on positions it lacks.
      const allowed = positionsFor(identity.vehicleClass)
      const stranded = (Object.keys(state.positions) as WheelPosition[]).filter((p) => !allowed.includes(p))
      if (stranded.length > 0)
        return conflict(
          'WHEEL_POSITION_OCCUPIED',
          `dismount the tyres at ${stranded.join(', ')} before changing the class`,
        )
      return right([{ type: 'EquipmentDetailsChanged', data: { equipmentId, ...identity } }])
    }
    case 'SetEquipmentCustomFields': {
      if (command.schema.typeCode !== state.typeCode)
        return invalid([
          { path: 'schema', message: `is the schema of ${command.schema.typeCode}, not ${state.typeCode}` },
        ])
      const fields = validateCustomFields(command.schema, command.customFields)
      if (!fields.ok) return invalid(fields.problems)
      if (sameValue(fields.value, state.customFields)) return right([])
      return right([{ type: 'EquipmentCustomFieldsSet', data: { equipmentId, customFields: fields.value } }])
    }
    case 'ChangeEquipmentOwner': {
      const problems = [...ownerProblems(command.owner), ...nowProblems(command.now)]
      if (problems.length > 0) return invalid(problems)
      const from = state.owner as EquipmentOwner
      if (sameValue(from, command.owner)) return right([])
      return right([{ type: 'EquipmentOwnerChanged', data: { equipmentId, from, to: command.owner, at: command.now } }])
    }
    case 'ChangeEquipmentStatus': {
      const problems = nowProblems(command.now)
      if (command.workOrderId !== null) problems.push(...validId(command.workOrderId, 'workOrderId'))
      if (problems.length > 0) return invalid(problems)
      if (command.to === state.status) return right([]) // a retried policy changes nothing
      if (!canChangeStatus(state.status, command.to))
        return conflict(
          'ILLEGAL_EQUIPMENT_STATUS_TRANSITION',
          `equipment cannot go from ${state.status} to ${command.to}`,
        )
      return right([
        {
          type: 'EquipmentStatusChanged',
          data: {
            equipmentId,
            from: state.status,
            to: command.to,
            workOrderId: command.workOrderId,
            reason: command.reason,
            at: command.now,
          },
        },
      ])
    }
    case 'SetServiceDates': {
      const dates = {
        nextInspectionOn: command.nextInspectionOn,
        warrantyEndsOn: command.warrantyEndsOn,
        insuranceEndsOn: command.insuranceEndsOn,
      }
      const problems = Object.entries(dates)
        .filter(([, v]) => v !== null && !isLocalDate(v))
        .map(([path]) => ({ path, message: 'must be a date YYYY-MM-DD' }))
      if (problems.length > 0) return invalid(problems)
      if (sameValue(dates, state.serviceDates)) return right([])
      return right([{ type: 'EquipmentServiceDatesSet', data: { equipmentId, ...dates } }])
    }
    case 'RecordMileage': {
      const problems = nowProblems(command.now)
      if (command.workOrderId !== null) problems.push(...validId(command.workOrderId, 'workOrderId'))
      if (problems.length > 0) return invalid(problems)
      return mileageEvents(state, command.km, command.odometerReplaced, command.workOrderId, command.now, 'km')
    }
    case 'MountTyre': {
      const noTyres = requireTyres(state)
      if (noTyres) return left(noTyres)
      const problems: FieldProblem[] = [
        ...validId(command.tyreId, 'tyreId'),
        ...nonBlank(command.brand, 'brand', 60),
        ...nowProblems(command.now),
      ]
      if (command.model !== null) problems.push(...nonBlank(command.model, 'model', 100))
      const size = parseTyreSize(command.size)
      if (!size.ok) problems.push({ path: 'size', message: size.reason })
      let dot: Tyre['dot'] = null
      if (command.dotCode !== null) {
        const parsed = parseDotDate(command.dotCode, command.now.slice(0, 10))
        if (parsed.ok) dot = parsed.value
        else problems.push({ path: 'dotCode', message: parsed.reason })
      }
      if (command.treadDepthMm !== null && !validTread(command.treadDepthMm))
        problems.push({ path: 'treadDepthMm', message: `must be 0–${MAX_TREAD_MM} mm in steps of 0.1` })
      if (problems.length > 0 || !size.ok) return invalid(problems)
      const existing = state.tyres[command.tyreId]
      if (existing?.position)
        return conflict('TYRE_ALREADY_MOUNTED', `tyre ${command.tyreId} is at ${existing.position}`)
      const taken = positionProblem(state, state.positions, command.position)
      if (taken) return left(taken)
      const mileage =
        command.mileageKm === null
          ? right([])
          : mileageEvents(state, command.mileageKm, false, null, command.now, 'mileageKm')
      if (isLeft(mileage)) return mileage
      return right([
        ...mileage.right,
        {
          type: 'TyreMounted',
          data: {
            equipmentId,
            tyre: {
              tyreId: command.tyreId,
              brand: command.brand.trim(),
              model: command.model?.trim() ?? null,
              size: size.value.designation,
              dot,
              season: command.season,
            },
            position: command.position,
            treadDepthMm: command.treadDepthMm,
            mileageKm: command.mileageKm,
            at: command.now,
          },
        },
      ])
    }
    case 'DismountTyre': {
      const noTyres = requireTyres(state)
      if (noTyres) return left(noTyres)
      if (nowProblems(command.now).length > 0) return invalid(nowProblems(command.now))
      const position = state.tyres[command.tyreId]?.position
      if (!position)
        return left(domainError('not_found', 'TYRE_NOT_MOUNTED', `tyre ${command.tyreId} is not mounted here`))
      return right([
        {
          type: 'TyreDismounted',
          data: { equipmentId, tyreId: command.tyreId, position, reason: command.reason, at: command.now },
        },
      ])
    }
    case 'RepositionTyres': {
      const noTyres = requireTyres(state)
      if (noTyres) return left(noTyres)
      if (nowProblems(command.now).length > 0) return invalid(nowProblems(command.now))
      if (new Set(command.moves.map((m) => m.tyreId)).size !== command.moves.length)
        return invalid([{ path: 'moves', message: 'must move each tyre once' }])
      const moves: Array<{ tyreId: string; from: WheelPosition; to: WheelPosition }> = []
      for (const m of command.moves) {
        const from = state.tyres[m.tyreId]?.position
        if (!from) return left(domainError('not_found', 'TYRE_NOT_MOUNTED', `tyre ${m.tyreId} is not mounted here`))
        if (from !== m.to) moves.push({ tyreId: m.tyreId, from, to: m.to })
      }
      if (moves.length === 0) return right([])
      // All moves at once: free every source, then place every tyre.
      const positions: Partial<Record<WheelPosition, string>> = { ...state.positions }
      for (const m of moves) delete positions[m.from]
      for (const m of moves) {
        const problem = positionProblem(state, positions, m.to)
        if (problem) return left(problem)
        positions[m.to] = m.tyreId
      }
      return right([{ type: 'TyresRepositioned', data: { equipmentId, moves, at: command.now } }])
    }
    case 'RecordTreadDepths': {
      const noTyres = requireTyres(state)
      if (noTyres) return left(noTyres)
      const problems = nowProblems(command.now)
      if (command.workOrderId !== null) problems.push(...validId(command.workOrderId, 'workOrderId'))
      if (command.readings.length === 0) problems.push({ path: 'readings', message: 'measure at least one tyre' })
      if (new Set(command.readings.map((r) => r.position)).size !== command.readings.length)
        problems.push({ path: 'readings', message: 'must measure each position once' })
      command.readings.forEach((r, i) => {
        if (!validTread(r.depthMm))
          problems.push({ path: `readings[${i}].depthMm`, message: `must be 0–${MAX_TREAD_MM} mm in steps of 0.1` })
      })
      if (problems.length > 0) return invalid(problems)
      const readings = []
      for (const r of command.readings) {
        const tyreId = state.positions[r.position]
        if (tyreId === undefined) return conflict('NO_TYRE_AT_POSITION', `no tyre is mounted at ${r.position}`)
        readings.push({ tyreId, position: r.position, depthMm: r.depthMm })
      }
      const mileage =
        command.mileageKm === null
          ? right([])
          : mileageEvents(state, command.mileageKm, false, command.workOrderId, command.now, 'mileageKm')
      if (isLeft(mileage)) return mileage
      return right([
        ...mileage.right,
        {
          type: 'TreadDepthsMeasured',
          data: {
            equipmentId,
            readings,
            mileageKm: command.mileageKm,
            workOrderId: command.workOrderId,
            at: command.now,
          },
        },
      ])
    }
    case 'RecordRecommendations': {
      const problems: FieldProblem[] = []
      command.recommendations.forEach((r, i) => {
        const p = `recommendations[${i}]`
        problems.push(
          ...nonBlank(r.recommendationId, `${p}.recommendationId`, 201),
          ...validId(r.workOrderId, `${p}.workOrderId`),
          ...nonBlank(r.description, `${p}.description`, 500),
          ...moneyProblems(r.quotedNet, `${p}.quotedNet`),
        )
        if (parseInstant(r.raisedAt) === null)
          problems.push({ path: `${p}.raisedAt`, message: 'must be a UTC ISO-8601 instant' })
      })
      if (problems.length > 0) return invalid(problems)
      // Idempotent: the policy may deliver the same declined lines twice.
      const fresh = command.recommendations.filter((r) => state.recommendations[r.recommendationId] === undefined)
      if (fresh.length === 0) return right([])
      return right([{ type: 'EquipmentRecommendationsRecorded', data: { equipmentId, recommendations: fresh } }])
    }
    case 'ResolveRecommendation': {
      const problems = nowProblems(command.now)
      if (command.workOrderId !== null) problems.push(...validId(command.workOrderId, 'workOrderId'))
      if (problems.length > 0) return invalid(problems)
      const rec = state.recommendations[command.recommendationId]
      if (!rec)
        return left(
          domainError('not_found', 'RECOMMENDATION_NOT_FOUND', `no recommendation ${command.recommendationId}`),
        )
      if (rec.resolution === command.resolution) return right([])
      if (rec.resolution !== null)
        return conflict('RECOMMENDATION_ALREADY_RESOLVED', `the recommendation was already ${rec.resolution}`)
      return right([
        {
          type: 'EquipmentRecommendationResolved',
          data: {
            equipmentId,
            recommendationId: command.recommendationId,
            resolution: command.resolution,
            workOrderId: command.workOrderId,
            at: command.now,
          },
        },
      ])
    }
  }
}

function withTyre(state: EquipmentState, tyreId: string, change: (t: TyreRecord) => TyreRecord): EquipmentState {
  const tyre = state.tyres[tyreId]
  return tyre ? { ...state, tyres: { ...state.tyres, [tyreId]: change(tyre) } } : state
}

function evolve(state: EquipmentState, event: EquipmentEvent): EquipmentState {
  switch (event.type) {
    case 'EquipmentRegistered': {
      const d = event.data
      return {
        ...initialEquipmentState,
        exists: true,
        equipmentId: d.equipmentId,
        kind: d.kind,
        typeCode: d.typeCode,
        make: d.make,
        model: d.model,
        vehicleClass: d.vehicleClass,
        vin: d.vin,
        vinCheckDigit: d.vinCheckDigit,
        registration: d.registration,
        serialNumber: d.serialNumber,
        owner: d.owner,
        customFields: d.customFields,
        status: d.status,
        statusSince: d.registeredAt,
        pointId: d.pointId,
      }
    }
    case 'EquipmentDetailsChanged': {
      const { equipmentId: _, ...identity } = event.data
      return { ...state, ...identity }
    }
    case 'EquipmentCustomFieldsSet':
      return { ...state, customFields: event.data.customFields }
    case 'EquipmentOwnerChanged':
      return { ...state, owner: event.data.to }
    case 'EquipmentStatusChanged':
      return { ...state, status: event.data.to, statusSince: event.data.at }
    case 'EquipmentServiceDatesSet': {
      const { equipmentId: _, ...serviceDates } = event.data
      return { ...state, serviceDates }
    }
    case 'EquipmentMileageRecorded': {
      const last = lastMileage(state)
      // Continuity across a new odometer: the distance at the swap is taken as the last reading's
      // (what was driven between that reading and the swap is unknown, and small).
      const offset =
        event.data.odometerReplaced && last !== null
          ? state.odometerOffsetKm + last.km - event.data.km
          : state.odometerOffsetKm
      return {
        ...state,
        odometerOffsetKm: offset,
        mileage: [
          ...state.mileage,
          {
            km: event.data.km,
            at: event.data.at,
            odometerReplaced: event.data.odometerReplaced,
            distanceKm: offset + event.data.km,
          },
        ],
      }
    }
    case 'TyreMounted': {
      const d = event.data
      const previous = state.tyres[d.tyre.tyreId]
      const reading: TyreTreadReading | null =
        d.treadDepthMm === null
          ? null
          : {
              at: d.at,
              depthMm: d.treadDepthMm,
              position: d.position,
              odometerKm: d.mileageKm,
              distanceKm: d.mileageKm === null ? null : state.odometerOffsetKm + d.mileageKm,
              workOrderId: null,
            }
      const record: TyreRecord = {
        tyre: d.tyre,
        position: d.position,
        mountedAt: d.at,
        dismounted: null,
        readings: [...(previous?.readings ?? []), ...(reading ? [reading] : [])],
      }
      return {
        ...state,
        tyres: { ...state.tyres, [d.tyre.tyreId]: record },
        positions: { ...state.positions, [d.position]: d.tyre.tyreId },
      }
    }
    case 'TyreDismounted': {
      const positions = { ...state.positions }
      delete positions[event.data.position]
      return withTyre({ ...state, positions }, event.data.tyreId, (t) => ({
        ...t,
        position: null,
        dismounted: { at: event.data.at, reason: event.data.reason },
      }))
    }
    case 'TyresRepositioned': {
      const positions = { ...state.positions }
      for (const m of event.data.moves) delete positions[m.from]
      let next: EquipmentState = state
      for (const m of event.data.moves) {
        positions[m.to] = m.tyreId
        next = withTyre(next, m.tyreId, (t) => ({ ...t, position: m.to }))
      }
      return { ...next, positions }
    }
    case 'TreadDepthsMeasured': {
      const d = event.data
      let next = state
      for (const r of d.readings)
        next = withTyre(next, r.tyreId, (t) => ({
          ...t,
          readings: [
            ...t.readings,
            {
              at: d.at,
              depthMm: r.depthMm,
              position: r.position,
              odometerKm: d.mileageKm,
              distanceKm: d.mileageKm === null ? null : state.odometerOffsetKm + d.mileageKm,
              workOrderId: d.workOrderId,
            },
          ],
        }))
      return next
    }
    case 'EquipmentRecommendationsRecorded': {
      const recommendations = { ...state.recommendations }
      for (const r of event.data.recommendations) recommendations[r.recommendationId] = { ...r, resolution: null }
      return { ...state, recommendations }
    }
    case 'EquipmentRecommendationResolved': {
      const rec = state.recommendations[event.data.recommendationId]
      if (!rec) return state
      return {
        ...state,
        recommendations: {
          ...state.recommendations,
          [rec.recommendationId]: { ...rec, resolution: event.data.resolution },
        },
      }
    }
  }
}

export const equipmentDecider: Decider<EquipmentCommand, EquipmentState, EquipmentEvent> = {
  initialState: initialEquipmentState,
  decide,
  evolve,
}
