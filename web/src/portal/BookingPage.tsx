// One of the customer's bookings: what, where and when, and moving or cancelling it.
import { useState } from 'preact/hooks'
import type { Booking } from '../shared/api/types.js'
import { CancelForm, changeable, RescheduleForm } from '../shared/booking/ChangeBooking.js'
import { serviceNames, useGoods, usePublicPoints, useServices } from '../shared/catalogue.js'
import { useI18n } from '../shared/i18n/i18n.js'
import { href } from '../shared/router.js'
import { useSession } from '../shared/session.js'
import type { PageProps } from '../shared/ui/AppShell.js'
import { ErrorNotice } from '../shared/ui/ErrorNotice.js'
import { Loading, Notice, StatusBadge } from '../shared/ui/Status.js'
import { useLoad } from '../shared/useLoad.js'

export function BookingPage({ location }: PageProps) {
  const { t, date, name, money } = useI18n()
  const { api } = useSession()
  const bookingId = location.rest[0] ?? ''
  const loaded = useLoad(() => api.booking(bookingId), [bookingId])
  const [changed, setChanged] = useState<Booking | null>(null)
  const [mode, setMode] = useState<'view' | 'reschedule' | 'cancel'>('view')
  const [done, setDone] = useState<string | null>(location.params.get('booked') ? t('booking.booked') : null)
  const services = useServices(api)
  const goods = useGoods(api)
  const points = usePublicPoints(api)
  const b = changed ?? loaded.data
  const point = points.data?.find((p) => p.pointId === b?.pointId)

  return (
    <section class="booking-page">
      <h1 tabIndex={-1}>{t('booking.title')}</h1>
      {done && <Notice kind="success">{done}</Notice>}
      <Loading show={loaded.loading} />
      <ErrorNotice error={loaded.error} />
      {b && (
        <div class="card">
          <p>
            <StatusBadge status={b.status} />
          </p>
          <dl class="summary">
            <dt>{t('book.summary.when')}</dt>
            <dd>
              {date(b.date, 'long')}, {b.localTime} ({t('visit.minutes', { minutes: b.durationMinutes })})
            </dd>
            <dt>{t('book.summary.point')}</dt>
            <dd>
              {point ? `${point.name}, ${point.address.street}, ${point.address.city}` : b.pointId}
              {point?.contacts.phone && (
                <>
                  {' · '}
                  <a href={`tel:${point.contacts.phone}`}>{point.contacts.phone}</a>
                </>
              )}
            </dd>
            <dt>{t('vehicle.plate')}</dt>
            <dd>
              {b.vehicle.plate} ({t(`vehicleClass.${b.vehicle.vehicleClass}`)})
            </dd>
            <dt>{t('book.summary.services')}</dt>
            <dd>{serviceNames(b.services, services.data, name)}</dd>
            {b.goods.length > 0 && (
              <>
                <dt>{t('visit.goods')}</dt>
                <dd>
                  <ul class="plain">
                    {b.goods.map((g) => {
                      const item = goods.data?.find((x) => x.sku === g.sku)
                      return (
                        <li key={g.sku}>
                          {g.quantity} × {item ? name(item.names, g.sku) : g.sku} ({money(g.unitPrice)})
                        </li>
                      )
                    })}
                  </ul>
                </dd>
              </>
            )}
            {b.cancellation && (
              <>
                <dt>{t('booking.cancelReason')}</dt>
                <dd>{b.cancellation.reason}</dd>
              </>
            )}
          </dl>
          {changeable(b.status) && mode === 'view' && (
            <div class="button-row">
              <button
                type="button"
                onClick={() => {
                  setMode('reschedule')
                  setDone(null)
                }}
              >
                {t('change.reschedule.open')}
              </button>
              <button
                type="button"
                class="danger"
                onClick={() => {
                  setMode('cancel')
                  setDone(null)
                }}
              >
                {t('change.cancel.open')}
              </button>
            </div>
          )}
          {mode === 'reschedule' && (
            <RescheduleForm
              booking={b}
              onCancel={() => setMode('view')}
              onDone={(next) => {
                setChanged(next)
                setMode('view')
                setDone(t('booking.moved', { date: date(next.date), time: next.localTime }))
              }}
            />
          )}
          {mode === 'cancel' && (
            <CancelForm
              bookingId={b.bookingId}
              onCancel={() => setMode('view')}
              onDone={(next) => {
                setChanged(next)
                setMode('view')
                setDone(t('booking.cancelled'))
              }}
            />
          )}
        </div>
      )}
      <p>
        <a href={href('bookings')}>{t('booking.toList')}</a>
      </p>
    </section>
  )
}
