// The service point aggregate (stream `servicepoint-<pointId>`): identity, address and position,
// time zone, opening hours with seasons and exceptions, bays with their capabilities, its manager.
import { type Either, left, right } from 'fp-ts/lib/Either.js'
import type { Actor } from '../shared/actor.js'
import { type Decider, type DomainError, domainError } from '../shared/decider.js'
import { isValidTimeZone } from '../shared/localTime.js'
import { type FieldProblem, nonBlank, validId } from '../shared/validation.js'
import { type Capabilities, capabilitiesProblems, unionOfCapabilities } from './capabilities.js'
import type { ServicePointCommand } from './commands.js'
import type { Address, Bay, Contacts, ServicePointEvent } from './events.js'
import {
  CLOSED_ALL_WEEK,
  type DateException,
  dateProblems,
  type OpeningRules,
  rangesProblems,
  type SeasonalHours,
  weeklyProblems,
} from './openingHours.js'

export const servicePointStream = (pointId: string): string => `servicepoint-${pointId}`

export interface ServicePointState extends OpeningRules {
  readonly status: 'none' | 'active' | 'inactive'
  readonly pointId: string
  readonly networkId: string
  readonly name: string
  readonly address: Address
  readonly geo: { readonly lat: number; readonly lon: number }
  readonly contacts: Contacts
  readonly timeZone: string
  readonly bays: ReadonlyArray<Bay>
  readonly managerId: string | null
}

export const initialServicePointState: ServicePointState = {
  status: 'none',
  pointId: '',
  networkId: '',
  name: '',
  address: { street: '', postalCode: '', city: '', country: '' },
  geo: { lat: 0, lon: 0 },
  contacts: { phone: null, email: null },
  timeZone: 'UTC',
  weeklyHours: CLOSED_ALL_WEEK,
  seasons: [],
  exceptions: {},
  bays: [],
  managerId: null,
}

/** What the point can do: the union of its bays' capabilities. */
export function pointCapabilities(state: Pick<ServicePointState, 'bays'>): Capabilities {
  return unionOfCapabilities(state.bays.map((b) => b.capabilities))
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const PHONE = /^\+?[0-9][0-9 -]{5,19}$/
const PL_POSTAL_CODE = /^\d{2}-\d{3}$/

function detailsProblems(d: {
  name: string
  address: Address
  geo: { lat: number; lon: number }
  contacts: Contacts
}): FieldProblem[] {
  const p: FieldProblem[] = [
    ...nonBlank(d.name, 'name'),
    ...nonBlank(d.address.street, 'address.street'),
    ...nonBlank(d.address.city, 'address.city'),
  ]
  if (!/^[A-Z]{2}$/.test(d.address.country))
    p.push({ path: 'address.country', message: 'must be an ISO 3166 alpha-2 code such as PL' })
  else if (d.address.country === 'PL' && !PL_POSTAL_CODE.test(d.address.postalCode))
    p.push({ path: 'address.postalCode', message: 'must be a Polish postal code NN-NNN' })
  else if (d.address.postalCode.trim() === '') p.push({ path: 'address.postalCode', message: 'must not be blank' })
  if (!Number.isFinite(d.geo.lat) || Math.abs(d.geo.lat) > 90)
    p.push({ path: 'geo.lat', message: 'must be a latitude between -90 and 90' })
  if (!Number.isFinite(d.geo.lon) || Math.abs(d.geo.lon) > 180)
    p.push({ path: 'geo.lon', message: 'must be a longitude between -180 and 180' })
  if (d.contacts.email !== null && !EMAIL.test(d.contacts.email))
    p.push({ path: 'contacts.email', message: 'must be an e-mail address' })
  if (d.contacts.phone !== null && !PHONE.test(d.contacts.phone))
    p.push({ path: 'contacts.phone', message: 'must be a phone number such as +48 22 123 45 67' })
  return p
}

function bayProblems(bay: Bay, path: string): FieldProblem[] {
  return [
    ...validId(bay.bayId, `${path}.bayId`),
    ...nonBlank(bay.name, `${path}.name`, 60),
    ...capabilitiesProblems(bay.capabilities, `${path}.capabilities`),
  ]
}

function timeZoneProblems(timeZone: string): FieldProblem[] {
  return isValidTimeZone(timeZone)
    ? []
    : [{ path: 'timeZone', message: 'must be an IANA time zone such as Europe/Warsaw' }]
}

const invalid = (problems: FieldProblem[]): Either<DomainError, never> =>
  left(domainError('invalid', 'SERVICE_POINT_INVALID', 'the service point data is invalid', problems))

// Head office (and the system, e.g. seeding) runs every point; a point's manager edits his own
// point's details, hours and bays, but does not create, close, re-zone or staff-assign points.
const MANAGER_MAY: ReadonlySet<ServicePointCommand['kind']> = new Set([
  'ChangeServicePointDetails',
  'SetWeeklyOpeningHours',
  'SetOpeningHoursException',
  'RemoveOpeningHoursException',
  'SetSeasonalOpeningHours',
  'RemoveSeasonalOpeningHours',
  'AddBay',
  'ChangeBay',
  'RemoveBay',
])

function mayAct(actor: Actor, kind: ServicePointCommand['kind'], state: ServicePointState): boolean {
  if (actor.role === 'head_office' || actor.role === 'system') return true
  return actor.role === 'service_point_manager' && state.managerId === actor.id && MANAGER_MAY.has(kind)
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

type Decision = Either<DomainError, ReadonlyArray<ServicePointEvent>>
const emit = (...events: ServicePointEvent[]): Decision => right(events)
const nothing: Decision = right([])

function decide(command: ServicePointCommand, state: ServicePointState): Decision {
  if (command.kind === 'CreateServicePoint') {
    if (!mayAct(command.actor, command.kind, state))
      return left(domainError('forbidden', 'SERVICE_POINT_FORBIDDEN', 'only head office creates service points'))
    if (state.status !== 'none')
      return left(domainError('conflict', 'SERVICE_POINT_ALREADY_EXISTS', `service point ${state.pointId} exists`))
    const bayIds = command.bays.map((b) => b.bayId)
    const problems = [
      ...validId(command.pointId, 'pointId'),
      ...validId(command.networkId, 'networkId'),
      ...detailsProblems(command),
      ...timeZoneProblems(command.timeZone),
      ...weeklyProblems(command.weeklyHours, 'weeklyHours'),
      ...command.bays.flatMap((b, i) => bayProblems(b, `bays[${i}]`)),
      ...(new Set(bayIds).size === bayIds.length ? [] : [{ path: 'bays', message: 'bay ids must be unique' }]),
      ...(command.managerId === null ? [] : validId(command.managerId, 'managerId')),
    ]
    if (problems.length > 0) return invalid(problems)
    return emit({
      type: 'ServicePointCreated',
      data: {
        pointId: command.pointId,
        networkId: command.networkId,
        name: command.name.trim(),
        address: command.address,
        geo: command.geo,
        contacts: command.contacts,
        timeZone: command.timeZone,
        weeklyHours: command.weeklyHours,
        bays: [...command.bays],
        managerId: command.managerId,
      },
    })
  }
  if (state.status === 'none') return left(domainError('not_found', 'SERVICE_POINT_NOT_FOUND', 'no such service point'))
  if (!mayAct(command.actor, command.kind, state))
    return left(domainError('forbidden', 'SERVICE_POINT_FORBIDDEN', `${command.actor.role} may not ${command.kind}`))
  const pointId = state.pointId

  switch (command.kind) {
    case 'ChangeServicePointDetails': {
      const problems = detailsProblems(command)
      if (problems.length > 0) return invalid(problems)
      const data = {
        pointId,
        name: command.name.trim(),
        address: command.address,
        geo: command.geo,
        contacts: command.contacts,
      }
      const current = { pointId, name: state.name, address: state.address, geo: state.geo, contacts: state.contacts }
      return same(data, current) ? nothing : emit({ type: 'ServicePointDetailsChanged', data })
    }
    case 'ChangeTimeZone': {
      const problems = timeZoneProblems(command.timeZone)
      if (problems.length > 0) return invalid(problems)
      return command.timeZone === state.timeZone
        ? nothing
        : emit({ type: 'ServicePointTimeZoneChanged', data: { pointId, timeZone: command.timeZone } })
    }
    case 'SetWeeklyOpeningHours': {
      const problems = weeklyProblems(command.weeklyHours, 'weeklyHours')
      if (problems.length > 0) return invalid(problems)
      return same(command.weeklyHours, state.weeklyHours)
        ? nothing
        : emit({ type: 'WeeklyOpeningHoursSet', data: { pointId, weeklyHours: command.weeklyHours } })
    }
    case 'SetOpeningHoursException': {
      const problems = [...dateProblems(command.date, 'date'), ...rangesProblems(command.hours, 'hours')]
      if (problems.length > 0) return invalid(problems)
      const exception: DateException = { date: command.date, hours: [...command.hours], note: command.note }
      return same(exception, state.exceptions[command.date])
        ? nothing
        : emit({ type: 'OpeningHoursExceptionSet', data: { pointId, exception } })
    }
    case 'RemoveOpeningHoursException':
      return state.exceptions[command.date]
        ? emit({ type: 'OpeningHoursExceptionRemoved', data: { pointId, date: command.date } })
        : nothing
    case 'SetSeasonalOpeningHours': {
      const problems = [
        ...validId(command.seasonId, 'seasonId'),
        ...dateProblems(command.from, 'from'),
        ...dateProblems(command.to, 'to'),
        ...weeklyProblems(command.weeklyHours, 'weeklyHours'),
      ]
      if (problems.length === 0 && command.to < command.from)
        problems.push({ path: 'to', message: 'must not be before from' })
      if (problems.length > 0) return invalid(problems)
      // Overlapping seasons would make a date's hours depend on the order they were entered.
      const clash = state.seasons.find(
        (s) => s.seasonId !== command.seasonId && s.from <= command.to && command.from <= s.to,
      )
      if (clash)
        return left(
          domainError('conflict', 'SEASONS_OVERLAP', `season ${clash.seasonId} (${clash.from}..${clash.to}) overlaps`),
        )
      const season: SeasonalHours = {
        seasonId: command.seasonId,
        from: command.from,
        to: command.to,
        weekly: command.weeklyHours,
        note: command.note,
      }
      return same(
        season,
        state.seasons.find((s) => s.seasonId === command.seasonId),
      )
        ? nothing
        : emit({ type: 'SeasonalOpeningHoursSet', data: { pointId, season } })
    }
    case 'RemoveSeasonalOpeningHours':
      return state.seasons.some((s) => s.seasonId === command.seasonId)
        ? emit({ type: 'SeasonalOpeningHoursRemoved', data: { pointId, seasonId: command.seasonId } })
        : nothing
    case 'AddBay': {
      const problems = bayProblems(command.bay, 'bay')
      if (problems.length > 0) return invalid(problems)
      const existing = state.bays.find((b) => b.bayId === command.bay.bayId)
      if (existing)
        return same(existing, command.bay)
          ? nothing
          : left(domainError('conflict', 'BAY_ALREADY_EXISTS', `bay ${command.bay.bayId} exists`))
      return emit({ type: 'BayAdded', data: { pointId, bay: command.bay } })
    }
    case 'ChangeBay': {
      const problems = bayProblems(command.bay, 'bay')
      if (problems.length > 0) return invalid(problems)
      const existing = state.bays.find((b) => b.bayId === command.bay.bayId)
      if (!existing) return left(domainError('not_found', 'BAY_NOT_FOUND', `no bay ${command.bay.bayId}`))
      return same(existing, command.bay) ? nothing : emit({ type: 'BayChanged', data: { pointId, bay: command.bay } })
    }
    case 'RemoveBay':
      return state.bays.some((b) => b.bayId === command.bayId)
        ? emit({ type: 'BayRemoved', data: { pointId, bayId: command.bayId } })
        : left(domainError('not_found', 'BAY_NOT_FOUND', `no bay ${command.bayId}`))
    case 'AssignManager': {
      const problems = validId(command.managerId, 'managerId')
      if (problems.length > 0) return invalid(problems)
      return state.managerId === command.managerId
        ? nothing
        : emit({ type: 'ServicePointManagerAssigned', data: { pointId, managerId: command.managerId } })
    }
    case 'UnassignManager':
      return state.managerId === null
        ? nothing
        : emit({ type: 'ServicePointManagerUnassigned', data: { pointId, managerId: state.managerId } })
    case 'DeactivateServicePoint':
      if (state.status === 'inactive')
        return left(domainError('conflict', 'SERVICE_POINT_ALREADY_INACTIVE', 'the service point is already inactive'))
      if (command.reason.trim() === '') return invalid([{ path: 'reason', message: 'must not be blank' }])
      return emit({ type: 'ServicePointDeactivated', data: { pointId, reason: command.reason.trim() } })
    case 'ReactivateServicePoint':
      if (state.status === 'active')
        return left(domainError('conflict', 'SERVICE_POINT_ALREADY_ACTIVE', 'the service point is active'))
      return emit({ type: 'ServicePointReactivated', data: { pointId } })
  }
}

function evolve(state: ServicePointState, event: ServicePointEvent): ServicePointState {
  switch (event.type) {
    case 'ServicePointCreated': {
      const { bays, ...rest } = event.data
      return { ...state, ...rest, bays, status: 'active', seasons: [], exceptions: {} }
    }
    case 'ServicePointDetailsChanged':
      return { ...state, ...event.data }
    case 'ServicePointTimeZoneChanged':
      return { ...state, timeZone: event.data.timeZone }
    case 'WeeklyOpeningHoursSet':
      return { ...state, weeklyHours: event.data.weeklyHours }
    case 'OpeningHoursExceptionSet':
      return { ...state, exceptions: { ...state.exceptions, [event.data.exception.date]: event.data.exception } }
    case 'OpeningHoursExceptionRemoved': {
      const { [event.data.date]: _removed, ...exceptions } = state.exceptions
      return { ...state, exceptions }
    }
    case 'SeasonalOpeningHoursSet':
      return {
        ...state,
        seasons: [...state.seasons.filter((s) => s.seasonId !== event.data.season.seasonId), event.data.season].sort(
          (a, b) => (a.from < b.from ? -1 : 1),
        ),
      }
    case 'SeasonalOpeningHoursRemoved':
      return { ...state, seasons: state.seasons.filter((s) => s.seasonId !== event.data.seasonId) }
    case 'BayAdded':
      return { ...state, bays: [...state.bays, event.data.bay] }
    case 'BayChanged':
      return { ...state, bays: state.bays.map((b) => (b.bayId === event.data.bay.bayId ? event.data.bay : b)) }
    case 'BayRemoved':
      return { ...state, bays: state.bays.filter((b) => b.bayId !== event.data.bayId) }
    case 'ServicePointManagerAssigned':
      return { ...state, managerId: event.data.managerId }
    case 'ServicePointManagerUnassigned':
      return { ...state, managerId: null }
    case 'ServicePointDeactivated':
      return { ...state, status: 'inactive' }
    case 'ServicePointReactivated':
      return { ...state, status: 'active' }
  }
}

export const servicePointDecider: Decider<ServicePointCommand, ServicePointState, ServicePointEvent> = {
  initialState: initialServicePointState,
  decide,
  evolve,
}
