// The customer's own bookings: upcoming ones first; the past on request.
import { useState } from 'preact/hooks'
import { addDays, today } from '../shared/booking/visit.js'
import { serviceNames, usePublicPoints, useServices } from '../shared/catalogue.js'
import { useI18n } from '../shared/i18n/i18n.js'
import { href } from '../shared/router.js'
import { useSession } from '../shared/session.js'
import { ErrorNotice } from '../shared/ui/ErrorNotice.js'
import { Loading, StatusBadge } from '../shared/ui/Status.js'
import { useLoad } from '../shared/useLoad.js'

export function MyBookingsPage() {
  const { t, date, name } = useI18n()
  const { api } = useSession()
  const [past, setPast] = useState(false)
  const from = today()
  const list = useLoad(
    () =>
      api.myBookings(past ? { from: addDays(from, -365), to: addDays(from, -1), limit: 200 } : { from, limit: 200 }),
    [past],
  )
  const services = useServices(api)
  const points = usePublicPoints(api)
  const items = list.data ? (past ? [...list.data.items].reverse() : list.data.items) : []

  return (
    <section>
      <h1 tabIndex={-1}>{t('mine.title')}</h1>
      <fieldset class="tabs">
        <legend class="visually-hidden">{t('mine.which')}</legend>
        <button type="button" aria-pressed={!past} onClick={() => setPast(false)}>
          {t('mine.upcoming')}
        </button>
        <button type="button" aria-pressed={past} onClick={() => setPast(true)}>
          {t('mine.past')}
        </button>
      </fieldset>
      <Loading show={list.loading} />
      <ErrorNotice error={list.error} />
      {list.data && items.length === 0 && (
        <p>
          {t('mine.none')} <a href={href('')}>{t('mine.bookNow')}</a>
        </p>
      )}
      <ul class="booking-list">
        {items.map((b) => {
          const point = points.data?.find((p) => p.pointId === b.pointId)
          return (
            <li key={b.bookingId} class="card booking-item">
              <div class="booking-when">
                <strong>{date(b.date)}</strong> {b.localStart}–{b.localEnd}
              </div>
              <div>
                {point?.name ?? b.pointId}
                {point ? `, ${point.address.city}` : ''}
              </div>
              <div>
                {b.plate} · {serviceNames(b.services, services.data, name)}
              </div>
              <div class="booking-foot">
                <StatusBadge status={b.status} />
                <a href={href(`booking/${b.bookingId}`)}>{t('mine.details')}</a>
              </div>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
