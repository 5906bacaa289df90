// A small realistic service point and staff roster for the domain tests.
import type { PointCalendar, StaffRoster } from '../../../domain/booking/dayResources.js'
import type { Bay } from '../../../domain/service-network/events.js'
import type { TimeRange, WeeklyHours } from '../../../domain/service-network/openingHours.js'
import type { Shift, StaffMember } from '../../../domain/service-network/staffScheduleDecider.js'
import { addDays, type LocalDate } from '../../../domain/shared/localTime.js'

export const WARSAW = 'Europe/Warsaw'
const weekday: TimeRange[] = [
  { from: '08:00', to: '12:00' },
  { from: '12:30', to: '18:00' },
]
export const weeklyHours: WeeklyHours = {
  mon: weekday,
  tue: weekday,
  wed: weekday,
  thu: weekday,
  fri: weekday,
  sat: [{ from: '09:00', to: '14:00' }],
  sun: [],
}

export const bays: Bay[] = [
  {
    bayId: 'bay-1',
    name: 'Stanowisko 1',
    capabilities: { features: ['passenger', 'suv', 'balancing'], rimMaxInches: 19 },
  },
  {
    bayId: 'bay-2',
    name: 'Stanowisko 2',
    capabilities: { features: ['passenger', 'suv', 'run_flat', 'tpms', 'balancing'], rimMaxInches: 22 },
  },
  {
    bayId: 'bay-3',
    name: 'Stanowisko ciężarowe',
    capabilities: { features: ['van', 'truck', 'balancing'], rimMaxInches: 24 },
  },
]

export function point(overrides: Partial<PointCalendar> = {}): PointCalendar {
  return {
    pointId: 'wro-1',
    status: 'active',
    timeZone: WARSAW,
    weeklyHours,
    seasons: [],
    exceptions: {},
    bays,
    ...overrides,
  }
}

export const members: Record<string, StaffMember> = {
  anna: { staffId: 'anna', name: 'Anna', skills: ['tyre_fitting', 'balancing', 'tpms', 'run_flat'], leftOn: null },
  bartek: { staffId: 'bartek', name: 'Bartek', skills: ['tyre_fitting', 'balancing'], leftOn: null },
  czesiek: { staffId: 'czesiek', name: 'Czesiek', skills: ['tyre_fitting', 'truck_tyres', 'balancing'], leftOn: null },
}

/** Everyone works 08:00–18:00 on weekdays and 09:00–14:00 on Saturdays for `days` days from `from`. */
export function roster(from: LocalDate, days: number, overrides: Partial<StaffRoster> = {}): StaffRoster {
  const shiftsByDate: Record<LocalDate, Shift[]> = {}
  for (let i = 0; i < days; i++) {
    const date = addDays(from, i)
    const dow = new Date(`${date}T12:00:00Z`).getUTCDay()
    if (dow === 0) continue
    const hours = dow === 6 ? { from: '09:00', to: '14:00' } : { from: '08:00', to: '18:00' }
    shiftsByDate[date] = Object.keys(members).map((staffId) => ({
      shiftId: `${staffId}-${date}`,
      staffId,
      date,
      hours,
    }))
  }
  return { members, shiftsByDate, absences: [], ...overrides }
}
