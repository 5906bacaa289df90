// Can a visit take [start, end) on this day, and which bay and staff member would take it?
// One answer for both the capacity guard (daySchedule decider) and slot search, so a slot the
// search offers is exactly a slot Reserve accepts.
//
// Choice when the caller names no bay / staff member: among the free ones, the bay with the fewest
// features and the staff member with the fewest skills (ties by id). Best fit keeps the truck bay and
// the alignment specialist free for the visits only they can take.
import { type Either, left, right } from 'fp-ts/lib/Either.js'
import type { CapabilityRequirement, StaffSkill } from '../service-network/capabilities.js'
import { satisfies } from '../service-network/capabilities.js'
import { type DomainError, domainError } from '../shared/decider.js'
import { covers, type Interval, normalize } from '../shared/intervals.js'
import { parseInstant } from '../shared/localTime.js'
import type { DayResources } from './dayResources.js'

/** A held slot, as the day schedule records it (UTC ISO-8601 at the edges). */
export interface Reservation {
  readonly bookingId: string
  readonly bayId: string
  readonly staffId: string
  readonly start: string
  readonly end: string
}

interface IndexedBay {
  readonly bayId: string
  readonly featureCount: number
  readonly capable: boolean
  readonly busy: ReadonlyArray<Interval>
}

interface IndexedStaff {
  readonly staffId: string
  readonly skillCount: number
  readonly qualified: boolean
  readonly available: ReadonlyArray<Interval>
  readonly busy: ReadonlyArray<Interval>
}

/** A day prepared for many questions about one kind of visit: capable bays and qualified staff, best fit first. */
export interface DayCapacity {
  readonly day: DayResources
  readonly bays: ReadonlyArray<IndexedBay>
  readonly staff: ReadonlyArray<IndexedStaff>
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

export function dayCapacity(
  day: DayResources,
  reservations: ReadonlyArray<Reservation>,
  requirement: CapabilityRequirement,
  skills: ReadonlyArray<StaffSkill>,
  /** A booking moving within the day does not block itself. */
  ignoreBookingId?: string,
): DayCapacity {
  const busyByBay = new Map<string, Interval[]>()
  const busyByStaff = new Map<string, Interval[]>()
  for (const r of reservations) {
    if (r.bookingId === ignoreBookingId) continue
    const start = parseInstant(r.start)
    const end = parseInstant(r.end)
    if (start === null || end === null) continue
    const interval = { start, end }
    const bayBusy = busyByBay.get(r.bayId)
    if (bayBusy) bayBusy.push(interval)
    else busyByBay.set(r.bayId, [interval])
    const staffBusy = busyByStaff.get(r.staffId)
    if (staffBusy) staffBusy.push(interval)
    else busyByStaff.set(r.staffId, [interval])
  }
  const bays = day.bays
    .map((b) => ({
      bayId: b.bayId,
      featureCount: b.capabilities.features.length,
      capable: satisfies(b.capabilities, requirement),
      busy: normalize(busyByBay.get(b.bayId) ?? []),
    }))
    .sort((a, b) => a.featureCount - b.featureCount || byId(a.bayId, b.bayId))
  const staff = day.staff
    .map((s) => ({
      staffId: s.staffId,
      skillCount: s.skills.length,
      qualified: skills.every((k) => s.skills.includes(k)),
      available: s.available,
      busy: normalize(busyByStaff.get(s.staffId) ?? []),
    }))
    .sort((a, b) => a.skillCount - b.skillCount || byId(a.staffId, b.staffId))
  return { day, bays, staff }
}

/** No busy interval of a normalized list overlaps [start, end). Binary search: ends are increasing. */
export function isFree(busy: ReadonlyArray<Interval>, start: number, end: number): boolean {
  let lo = 0
  let hi = busy.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((busy[mid] as Interval).end <= start) lo = mid + 1
    else hi = mid
  }
  return lo === busy.length || (busy[lo] as Interval).start >= end
}

export interface Assignment {
  readonly bayId: string
  readonly staffId: string
}

/** The fast question slot search asks at every grid point: the best-fit free bay and staff member, or null. */
export function assignmentAt(capacity: DayCapacity, start: number, end: number): Assignment | null {
  if (!covers(capacity.day.opening, start, end)) return null
  let bayId: string | null = null
  for (const b of capacity.bays)
    if (b.capable && isFree(b.busy, start, end)) {
      bayId = b.bayId
      break
    }
  if (bayId === null) return null
  for (const s of capacity.staff)
    if (s.qualified && covers(s.available, start, end) && isFree(s.busy, start, end))
      return { bayId, staffId: s.staffId }
  return null
}

const refuse = (code: string, message: string): Either<DomainError, never> =>
  left(domainError('conflict', code, message))

/**
 * The capacity guard's question, with a precise reason when the answer is no. With a named bay or
 * staff member it checks that one; otherwise it picks like `assignmentAt` (and agrees with it).
 */
export function assign(
  capacity: DayCapacity,
  start: number,
  end: number,
  wanted: { readonly bayId: string | null; readonly staffId: string | null },
): Either<DomainError, Assignment> {
  if (!covers(capacity.day.opening, start, end))
    return refuse('OUTSIDE_OPENING_HOURS', 'the visit does not fit within the opening hours of the day')

  let bayId: string
  if (wanted.bayId !== null) {
    const bay = capacity.bays.find((b) => b.bayId === wanted.bayId)
    if (!bay) return left(domainError('not_found', 'BAY_NOT_FOUND', `no bay ${wanted.bayId} at this point`))
    if (!bay.capable) return refuse('BAY_NOT_CAPABLE', `bay ${bay.bayId} lacks the equipment this visit needs`)
    if (!isFree(bay.busy, start, end)) return refuse('SLOT_TAKEN', `bay ${bay.bayId} is taken at that time`)
    bayId = bay.bayId
  } else {
    const capable = capacity.bays.filter((b) => b.capable)
    if (capable.length === 0) return refuse('NO_CAPABLE_BAY', 'no bay of this point can take this visit')
    const free = capable.find((b) => isFree(b.busy, start, end))
    if (!free) return refuse('SLOT_TAKEN', 'every suitable bay is taken at that time')
    bayId = free.bayId
  }

  const onShift = (s: IndexedStaff) => covers(s.available, start, end)
  if (wanted.staffId !== null) {
    const member = capacity.staff.find((s) => s.staffId === wanted.staffId)
    if (!member || !onShift(member))
      return refuse('STAFF_NOT_ON_SHIFT', `staff member ${wanted.staffId} is not on shift for the whole visit`)
    if (!member.qualified) return refuse('STAFF_NOT_QUALIFIED', `staff member ${wanted.staffId} lacks a needed skill`)
    if (!isFree(member.busy, start, end)) return refuse('STAFF_BUSY', `staff member ${wanted.staffId} is busy then`)
    return right({ bayId, staffId: member.staffId })
  }
  const available = capacity.staff.filter((s) => s.qualified && onShift(s))
  if (available.length === 0)
    return refuse('NO_QUALIFIED_STAFF_ON_SHIFT', 'nobody with the needed skills is on shift for the whole visit')
  const free = available.find((s) => isFree(s.busy, start, end))
  if (!free) return refuse('STAFF_BUSY', 'every qualified staff member is busy at that time')
  return right({ bayId, staffId: free.staffId })
}
