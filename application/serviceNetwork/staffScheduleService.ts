// Staff schedules: who works at a point, with which skills, on which shifts, and when they are
// away. Head office and the point's manager run them; the point's people may read them.
// Several changes (a month of shifts) are decided and appended as one (batchDecider.ts).
import { type Either, isLeft, left, right } from 'fp-ts/lib/Either.js'
import { actorOf, type Principal } from '../../domain/access/principal.js'
import type { StaffScheduleCommand } from '../../domain/service-network/commands.js'
import {
  type Absence,
  type Shift,
  type StaffMember,
  type StaffScheduleState,
  staffScheduleDecider,
  staffScheduleStream,
} from '../../domain/service-network/staffScheduleDecider.js'
import { type DomainError, domainError } from '../../domain/shared/decider.js'
import type { LocalDate } from '../../domain/shared/localTime.js'
import { handleCommand } from '../commands/handleCommand.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import type { EventStore } from '../ports/eventStore.js'
import { batchDecider } from './batchDecider.js'
import type { NetworkReader } from './networkReader.js'
import { mayRunStaffSchedule, mayViewStaffSchedule } from './pointAccess.js'
import { pointNotFound, type RequestMeta } from './servicePointService.js'

type WithoutPoint<C> = C extends unknown ? Omit<C, 'pointId'> : never
export type StaffScheduleChange = WithoutPoint<StaffScheduleCommand>

export interface StaffScheduleView {
  readonly pointId: string
  readonly members: ReadonlyArray<StaffMember>
  /** Shifts from `from` to `to` (inclusive), by date then start. */
  readonly shifts: ReadonlyArray<Shift>
  readonly absences: ReadonlyArray<Absence>
}

/** At most this many changes in one request: a quarter of daily shifts for a large point. */
export const MAX_CHANGES_PER_BATCH = 2_000

export function staffScheduleView(
  pointId: string,
  state: StaffScheduleState,
  range: { from: LocalDate; to: LocalDate },
): StaffScheduleView {
  const shifts = Object.entries(state.shiftsByDate)
    .filter(([date]) => date >= range.from && date <= range.to)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .flatMap(([, day]) => [...day].sort((a, b) => (a.hours.from < b.hours.from ? -1 : 1)))
  const members = Object.values(state.members).sort((a, b) => (a.staffId < b.staffId ? -1 : 1))
  const absences = state.absences.filter((a) => a.to > `${range.from}T00:00` && a.from < `${range.to}T24:00`)
  return { pointId, members, shifts, absences }
}

export interface StaffScheduleServiceDeps {
  readonly store: EventStore
  readonly catalogue: EventCatalogue
  readonly reader: NetworkReader
}

export class StaffScheduleService {
  constructor(private readonly deps: StaffScheduleServiceDeps) {}

  async get(
    by: Principal,
    pointId: string,
    range: { from: LocalDate; to: LocalDate },
  ): Promise<Either<DomainError, StaffScheduleView>> {
    const denied = mayViewStaffSchedule(by, pointId)
    if (denied) return left(denied)
    const point = await this.deps.reader.point(pointId)
    if (point.status === 'none') return left(pointNotFound(pointId))
    return right(staffScheduleView(pointId, await this.deps.reader.staff(pointId), range))
  }

  /** Applies the changes in order, all or none. */
  async change(
    by: Principal,
    pointId: string,
    changes: ReadonlyArray<StaffScheduleChange>,
    meta: RequestMeta,
  ): Promise<Either<DomainError, { readonly applied: number }>> {
    const denied = mayRunStaffSchedule(by, pointId)
    if (denied) return left(denied)
    if (changes.length === 0 || changes.length > MAX_CHANGES_PER_BATCH)
      return left(
        domainError('invalid', 'STAFF_SCHEDULE_INVALID', `send 1 to ${MAX_CHANGES_PER_BATCH} changes at once`, [
          { path: 'changes', message: `must hold 1 to ${MAX_CHANGES_PER_BATCH} changes` },
        ]),
      )
    const point = await this.deps.reader.point(pointId)
    if (point.status === 'none') return left(pointNotFound(pointId))
    const outcome = await handleCommand({
      store: this.deps.store,
      catalogue: this.deps.catalogue,
      decider: batchDecider(staffScheduleDecider),
      streamId: staffScheduleStream(pointId),
      command: changes.map((c) => ({ ...c, pointId }) as StaffScheduleCommand),
      context: { ...meta, actor: actorOf(by) },
    })
    return isLeft(outcome) ? outcome : right({ applied: outcome.right.events.length })
  }
}
