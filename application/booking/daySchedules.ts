// The day schedules (capacity guard streams `schedule-<pointId>-<date>`) as the booking service
// reads them: folded and cached (streamStateCache.ts), with the moment each slot was reserved,
// which tells a booking still being made from one abandoned half-way (see bookingService.ts).
import {
  type DayScheduleState,
  dayScheduleDecider,
  dayScheduleStream,
  initialDayScheduleState,
} from '../../domain/booking/dayScheduleDecider.js'
import type { DayScheduleEvent } from '../../domain/booking/events.js'
import type { LocalDate } from '../../domain/shared/localTime.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import type { EventStore } from '../ports/eventStore.js'
import { type CachedState, StreamStateCache } from '../serviceNetwork/streamStateCache.js'

export interface DayBook {
  readonly schedule: DayScheduleState
  /** bookingId → occurredAt of its current SlotReserved (UTC ISO-8601). */
  readonly reservedAt: Readonly<Record<string, string>>
}

export class DaySchedules {
  private readonly cache: StreamStateCache<DayBook>

  constructor(store: EventStore, catalogue: EventCatalogue, maxDays = 20_000) {
    this.cache = new StreamStateCache<DayBook>(
      store,
      catalogue,
      {
        initialState: { schedule: initialDayScheduleState, reservedAt: {} },
        evolve: (book, event, recorded) => {
          const e = event as DayScheduleEvent
          const schedule = dayScheduleDecider.evolve(book.schedule, e)
          return e.type === 'SlotReserved'
            ? { schedule, reservedAt: { ...book.reservedAt, [e.data.bookingId]: recorded.metadata.occurredAt } }
            : { schedule, reservedAt: book.reservedAt }
        },
      },
      maxDays,
    )
  }

  load(pointId: string, date: LocalDate): Promise<CachedState<DayBook>> {
    return this.cache.load(dayScheduleStream(pointId, date))
  }
}
