// One visit in a calendar, with what staff can do with it now: check in on the day, complete, mark a
// no-show after the start, move or cancel. Each step answers with the booking; the calendar (a read
// model) is reloaded until it shows the step.
import { useState } from 'preact/hooks'
import { type ApiError, asApiError } from '../shared/api/problem.js'
import type { Booking, CalendarEntry, CatalogueService } from '../shared/api/types.js'
import { CancelForm, changeable, RescheduleForm } from '../shared/booking/ChangeBooking.js'
import { todayIn } from '../shared/booking/visit.js'
import { serviceNames } from '../shared/catalogue.js'
import { useI18n } from '../shared/i18n/i18n.js'
import { useSession } from '../shared/session.js'
import { ErrorNotice } from '../shared/ui/ErrorNotice.js'
import { StatusBadge } from '../shared/ui/Status.js'

export interface EntryCardProps {
  readonly entry: CalendarEntry
  readonly services: readonly CatalogueService[] | null
  readonly bayName?: string
  /** After a step: the booking as the command answered it. */
  readonly onChanged: (booking: Booking) => void
}

export function EntryCard(props: EntryCardProps) {
  const { t, name } = useI18n()
  const { api } = useSession()
  const e = props.entry
  const [mode, setMode] = useState<'view' | 'reschedule' | 'cancel'>('view')
  const [booking, setBooking] = useState<Booking | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  const step = async (run: () => Promise<Booking>) => {
    setBusy(true)
    setError(null)
    try {
      props.onChanged(await run())
    } catch (err) {
      setError(asApiError(err))
    } finally {
      setBusy(false)
    }
  }
  const startsIn = Date.parse(e.start) - Date.now()
  const label = `${e.localStart} ${e.plate}`

  return (
    <article class={`entry entry-${e.status}`} aria-label={label} data-booking={e.bookingId}>
      <header class="entry-head">
        <span class="entry-time">
          {e.localStart}–{e.localEnd}
        </span>
        <StatusBadge status={e.status} />
      </header>
      <p class="entry-plate">
        <strong>{e.plate}</strong> · {t(`vehicleClass.${e.vehicleClass}`)}
        {props.bayName ? ` · ${props.bayName}` : ''}
      </p>
      <p class="entry-services">{serviceNames(e.services, props.services, name)}</p>
      {(e.contact.name || e.contact.phone) && (
        <p class="entry-contact">
          {e.contact.name}
          {e.contact.phone && (
            <>
              {' · '}
              <a href={`tel:${e.contact.phone}`}>{e.contact.phone}</a>
            </>
          )}
        </p>
      )}
      <p class="entry-meta">
        {t(`channel.${e.channel}`)}
        {e.fleetId ? ` · ${t('calendar.fleet', { fleet: e.fleetId })}` : ''}
        {e.goodsCount > 0 ? ` · ${t('calendar.goods', { count: e.goodsCount })}` : ''}
        {e.note ? ` · ${e.note}` : ''}
        {e.cancelReason ? ` · ${e.cancelReason}` : ''}
      </p>
      <ErrorNotice error={error} />
      {mode === 'view' && (
        <div class="button-row entry-actions">
          {changeable(e.status) && e.date === todayIn(e.timeZone) && (
            <button type="button" class="primary" disabled={busy} onClick={() => step(() => api.checkIn(e.bookingId))}>
              {t('action.checkIn')}
            </button>
          )}
          {e.status === 'checked_in' && (
            <button type="button" class="primary" disabled={busy} onClick={() => step(() => api.complete(e.bookingId))}>
              {t('action.complete')}
            </button>
          )}
          {changeable(e.status) && startsIn < 0 && (
            <button type="button" disabled={busy} onClick={() => step(() => api.noShow(e.bookingId))}>
              {t('action.noShow')}
            </button>
          )}
          {changeable(e.status) && (
            <>
              <button
                type="button"
                disabled={busy}
                onClick={async () => {
                  // The calendar entry lacks the rim size the slot search needs: read the booking.
                  setBusy(true)
                  setError(null)
                  try {
                    setBooking(await api.booking(e.bookingId))
                    setMode('reschedule')
                  } catch (err) {
                    setError(asApiError(err))
                  } finally {
                    setBusy(false)
                  }
                }}
              >
                {t('action.reschedule')}
              </button>
              <button type="button" class="danger" disabled={busy} onClick={() => setMode('cancel')}>
                {t('action.cancel')}
              </button>
            </>
          )}
        </div>
      )}
      {mode === 'reschedule' && booking && (
        <RescheduleForm
          booking={booking}
          onCancel={() => setMode('view')}
          onDone={(b) => {
            setMode('view')
            props.onChanged(b)
          }}
        />
      )}
      {mode === 'cancel' && (
        <CancelForm
          bookingId={e.bookingId}
          onCancel={() => setMode('view')}
          onDone={(b) => {
            setMode('view')
            props.onChanged(b)
          }}
        />
      )}
    </article>
  )
}
