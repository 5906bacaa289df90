// The point's calendar: a day (every bay side by side, stacked on a phone), one bay's day, or a
// week; the visits with what staff can do next. Everything the view shows is in the address
// (#/calendar?point=…&view=day&date=…&bay=…), so a reload or a shared link shows the same.
import type { Booking, CalendarEntry, PointWeek } from '../shared/api/types.js'
import { addDays, todayIn } from '../shared/booking/visit.js'
import { useServices } from '../shared/catalogue.js'
import { useI18n } from '../shared/i18n/i18n.js'
import { href, navigate, type Params } from '../shared/router.js'
import { useSession } from '../shared/session.js'
import type { PageProps } from '../shared/ui/AppShell.js'
import { ErrorNotice } from '../shared/ui/ErrorNotice.js'
import { Loading } from '../shared/ui/Status.js'
import { reloadUntil, useLoad } from '../shared/useLoad.js'
import { EntryCard } from './EntryCard.js'
import { PointSelect } from './PointSelect.js'
import { currentPointId, useNetworkPoints } from './points.js'

type View = 'day' | 'week'

/** The calendar shows the booking as the command left it (moved, cancelled, checked in…). */
const shows = (entries: readonly CalendarEntry[], b: Booking, day: string, includeCancelled: boolean) => {
  const e = entries.find((x) => x.bookingId === b.bookingId)
  // Moved to another day, or cancelled while cancelled visits are hidden: gone from this day.
  if (b.date !== day || (b.status === 'cancelled' && !includeCancelled)) return !e
  return e !== undefined && e.status === b.status && e.start === b.slot.start
}

export function CalendarPage({ location }: PageProps) {
  const { t, date: fmtDate, percent } = useI18n()
  const { api, session } = useSession()
  const points = useNetworkPoints(api)
  const services = useServices(api)
  const pointId = currentPointId(location, session, points.data)
  const point = points.data?.find((p) => p.pointId === pointId) ?? null
  const view: View = location.params.get('view') === 'week' ? 'week' : 'day'
  const date = location.params.get('date') ?? todayIn(point?.timeZone ?? 'Europe/Warsaw')
  const bayId = location.params.get('bay') ?? ''
  const includeCancelled = location.params.get('cancelled') === '1'

  const go = (change: Params) =>
    navigate(
      'calendar',
      {
        point: pointId,
        view,
        date,
        bay: bayId || undefined,
        cancelled: includeCancelled ? 1 : undefined,
        ...change,
      },
      { replace: true },
    )

  const day = useLoad(
    pointId && view === 'day' && !bayId ? () => api.pointDay(pointId, date, includeCancelled) : null,
    [pointId, view, date, bayId, includeCancelled],
  )
  const bay = useLoad(
    pointId && view === 'day' && bayId ? () => api.bayDay(pointId, bayId, date, includeCancelled) : null,
    [pointId, view, date, bayId, includeCancelled],
  )
  const week = useLoad(pointId && view === 'week' ? () => api.pointWeek(pointId, date) : null, [pointId, view, date])

  const changed = (b: Booking) => {
    if (bayId) void reloadUntil(bay.reload, (d) => shows(d.entries, b, date, includeCancelled))
    else
      void reloadUntil(day.reload, (d) =>
        shows([...d.bays.flatMap((x) => x.entries), ...d.unassigned], b, date, includeCancelled),
      )
  }
  const step = view === 'week' ? 7 : 1
  const bays = point?.bays ?? day.data?.bays ?? []
  const bayName = (id: string) => bays.find((b) => b.bayId === id)?.name ?? id

  return (
    <section class="calendar-page">
      <h1 tabIndex={-1}>
        {t('calendar.title')}
        {point ? ` · ${point.name}` : ''}
      </h1>
      <ErrorNotice error={points.error} />
      <div class="toolbar">
        <PointSelect points={points.data} value={pointId} onChange={(point) => go({ point, bay: undefined })} />
        <fieldset class="segmented">
          <legend class="visually-hidden">{t('calendar.view')}</legend>
          <button type="button" aria-pressed={view === 'day'} onClick={() => go({ view: 'day' })}>
            {t('calendar.day')}
          </button>
          <button type="button" aria-pressed={view === 'week'} onClick={() => go({ view: 'week', bay: undefined })}>
            {t('calendar.week')}
          </button>
        </fieldset>
        <div class="date-nav">
          <button type="button" onClick={() => go({ date: addDays(date, -step) })}>
            <span aria-hidden="true">‹ </span>
            {t(view === 'week' ? 'calendar.prevWeek' : 'calendar.prevDay')}
          </button>
          <label class="field">
            <span class="visually-hidden">{t('calendar.date')}</span>
            <input
              type="date"
              value={date}
              onChange={(e) => e.currentTarget.value && go({ date: e.currentTarget.value })}
            />
          </label>
          <button type="button" onClick={() => go({ date: addDays(date, step) })}>
            {t(view === 'week' ? 'calendar.nextWeek' : 'calendar.nextDay')}
            <span aria-hidden="true"> ›</span>
          </button>
          <button type="button" onClick={() => go({ date: todayIn(point?.timeZone ?? 'Europe/Warsaw') })}>
            {t('calendar.today')}
          </button>
        </div>
        {view === 'day' && bays.length > 0 && (
          <label class="field">
            <span>{t('calendar.bay')}</span>
            <select value={bayId} onChange={(e) => go({ bay: e.currentTarget.value || undefined })}>
              <option value="">{t('calendar.allBays')}</option>
              {bays.map((b) => (
                <option key={b.bayId} value={b.bayId}>
                  {b.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {view === 'day' && (
          <label class="check">
            <input
              type="checkbox"
              checked={includeCancelled}
              onChange={(e) => go({ cancelled: e.currentTarget.checked ? 1 : undefined })}
            />
            {t('calendar.showCancelled')}
          </label>
        )}
      </div>

      <Loading show={day.loading || bay.loading || week.loading || points.loading} />
      <ErrorNotice error={day.error ?? bay.error ?? week.error} />

      {view === 'day' && day.data && !bayId && (
        <>
          <p class="day-summary">
            <strong>{fmtDate(day.data.date, 'long')}</strong> ·{' '}
            {day.data.open.length > 0
              ? t('calendar.open', { hours: day.data.open.map((r) => `${r.from}–${r.to}`).join(', ') })
              : t('calendar.closed')}{' '}
            · {t('calendar.bookings', { count: day.data.load.bookings })}
            {day.data.load.utilisation !== null
              ? ` · ${t('calendar.utilisation', { percent: percent(day.data.load.utilisation) })}`
              : ''}
          </p>
          <div class="bays">
            {day.data.bays.map((b) => (
              <section key={b.bayId} class="bay" aria-labelledby={`bay-${b.bayId}`}>
                <h2 id={`bay-${b.bayId}`}>
                  <a href={href('calendar', { point: pointId, view: 'day', date, bay: b.bayId })}>{b.name}</a>
                </h2>
                {b.entries.length === 0 && <p class="hint">{t('calendar.free')}</p>}
                {b.entries.map((e) => (
                  <EntryCard key={e.bookingId} entry={e} services={services.data} onChanged={changed} />
                ))}
              </section>
            ))}
            {day.data.unassigned.length > 0 && (
              <section class="bay" aria-labelledby="bay-unassigned">
                <h2 id="bay-unassigned">{t('calendar.unassigned')}</h2>
                {day.data.unassigned.map((e) => (
                  <EntryCard key={e.bookingId} entry={e} services={services.data} onChanged={changed} />
                ))}
              </section>
            )}
          </div>
        </>
      )}

      {view === 'day' && bay.data && bayId && (
        <section class="bay bay-single" aria-labelledby="bay-one">
          <h2 id="bay-one">
            {bay.data.bay.name} · {fmtDate(bay.data.date, 'long')}
          </h2>
          <p class="hint">
            {bay.data.open.length > 0
              ? t('calendar.open', { hours: bay.data.open.map((r) => `${r.from}–${r.to}`).join(', ') })
              : t('calendar.closed')}
          </p>
          {bay.data.entries.length === 0 && <p class="hint">{t('calendar.free')}</p>}
          {bay.data.entries.map((e) => (
            <EntryCard key={e.bookingId} entry={e} services={services.data} onChanged={changed} />
          ))}
        </section>
      )}

      {view === 'week' && week.data && <WeekView week={week.data} pointId={pointId} bayName={bayName} />}
    </section>
  )
}

function WeekView(props: { week: PointWeek; pointId: string | null; bayName: (id: string) => string }) {
  const { t, date: fmtDate, percent } = useI18n()
  return (
    <div class="week">
      {props.week.days.map((d) => (
        <section key={d.date} class="week-day" aria-labelledby={`day-${d.date}`}>
          <h2 id={`day-${d.date}`}>
            <a href={href('calendar', { point: props.pointId, view: 'day', date: d.date })}>{fmtDate(d.date)}</a>
          </h2>
          <p class="hint">
            {d.open.length === 0 ? t('calendar.closed') : t('calendar.bookings', { count: d.load.bookings })}
            {d.load.utilisation !== null ? ` · ${percent(d.load.utilisation)}` : ''}
          </p>
          <ul class="week-entries">
            {d.entries.map((e) => (
              <li key={e.bookingId} class={`entry-line entry-${e.status}`}>
                <span class="entry-time">{e.localStart}</span> <strong>{e.plate}</strong>{' '}
                <span class="entry-bay">{props.bayName(e.bayId)}</span>{' '}
                <span class="visually-hidden">{t(`status.${e.status}`)}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  )
}
