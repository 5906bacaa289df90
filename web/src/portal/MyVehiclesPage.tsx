// A logged-in customer's own vehicles: each with its tyres and what falls due (inspection,
// warranty, insurance, predicted tyre replacement, work left as a recommendation), the visits
// booked ahead, and the repair history (orders, what was done, what was declined).
import { officeEndpoints, type RegistryItem } from '../shared/api/officeEndpoints.js'
import { today } from '../shared/booking/visit.js'
import { usePublicPoints } from '../shared/catalogue.js'
import { useI18n } from '../shared/i18n/i18n.js'
import { href } from '../shared/router.js'
import { useSession } from '../shared/session.js'
import { ErrorNotice } from '../shared/ui/ErrorNotice.js'
import { Loading, StatusBadge } from '../shared/ui/Status.js'
import { TyreTable } from '../shared/ui/TyreTable.js'
import { useLoad } from '../shared/useLoad.js'
import '../shared/charts/charts.css'
import { dateTime } from './TrackPage.js'

interface Upcoming {
  readonly date: string
  readonly what: string
  readonly vehicle: string
}

function upcomingOf(
  v: RegistryItem,
  t: (k: 'mine.v.inspection' | 'mine.v.warranty' | 'mine.v.insurance' | 'mine.v.tyres') => string,
): Upcoming[] {
  const label = v.plate ?? `${v.make} ${v.model}`
  const items: Upcoming[] = []
  const add = (date: string | null, what: string) => {
    if (date) items.push({ date, what, vehicle: label })
  }
  add(v.nextInspectionOn, t('mine.v.inspection'))
  add(v.warrantyEndsOn, t('mine.v.warranty'))
  add(v.insuranceEndsOn, t('mine.v.insurance'))
  add(v.tyreAdvice.replaceBefore?.slice(0, 10) ?? null, t('mine.v.tyres'))
  return items
}

export function MyVehiclesPage() {
  const { t, maybe, date, money, locale } = useI18n()
  const { client, api, session } = useSession()
  const office = officeEndpoints(client)
  const tenant = session?.account.tenant
  const customerId = tenant?.scope === 'customer' ? tenant.customerId : null
  const vehicles = useLoad(() => office.myEquipment(), [])
  const history = useLoad(customerId ? () => office.customerHistory(customerId) : null, [customerId])
  const from = today()
  const bookings = useLoad(() => api.myBookings({ from, limit: 50 }), [])
  const points = usePublicPoints(api)
  const pointName = (id: string) => points.data?.find((p) => p.pointId === id)?.name ?? id

  const upcoming = (vehicles.data?.items ?? [])
    .flatMap((v) => upcomingOf(v, t))
    .sort((a, b) => a.date.localeCompare(b.date))

  return (
    <section>
      <h1 tabIndex={-1}>{t('mine.v.title')}</h1>
      <Loading show={vehicles.loading} />
      <ErrorNotice error={vehicles.error} />
      {vehicles.data && vehicles.data.items.length === 0 && <p>{t('mine.v.none')}</p>}
      <div class="grid-2">
        {vehicles.data?.items.map((v) => (
          <article key={v.equipmentId} class="card vehicle-card" aria-label={v.plate ?? v.equipmentId}>
            <h2>
              {v.plate ?? v.equipmentId} <span class="hint">{`${v.make} ${v.model}`.trim()}</span>
            </h2>
            {v.lastMileageKm !== null && <p>{t('mine.v.mileage', { km: v.lastMileageKm })}</p>}
            {v.tyres.length > 0 && <TyreTable tyres={v.tyres} caption={t('mine.v.tyresNow')} />}
            {v.tyreAdvice.replaceBefore && (
              <p>{t('mine.v.replaceBefore', { date: date(v.tyreAdvice.replaceBefore.slice(0, 10), 'long') })}</p>
            )}
            {v.openRecommendations > 0 && <p>{t('mine.v.recommendations', { n: v.openRecommendations })}</p>}
            <a href={href('', { plate: v.plate ?? undefined })}>{t('mine.v.book')}</a>
          </article>
        ))}
      </div>

      <h2>{t('mine.v.upcoming')}</h2>
      <ErrorNotice error={bookings.error} />
      {upcoming.length === 0 && (bookings.data?.items.length ?? 0) === 0 && <p>{t('mine.v.nothingDue')}</p>}
      <ul class="plain upcoming-list">
        {bookings.data?.items
          .filter((b) => b.status === 'confirmed' || b.status === 'requested')
          .map((b) => (
            <li key={b.bookingId}>
              <strong>{date(b.date)}</strong> {b.localStart} · {b.plate} ·{' '}
              {t('mine.v.visitAt', { point: pointName(b.pointId) })} <StatusBadge status={b.status} />{' '}
              <a href={href(`booking/${b.bookingId}`)}>{t('mine.details')}</a>
            </li>
          ))}
        {upcoming.map((u) => (
          <li key={`${u.vehicle}-${u.what}`}>
            <strong>{date(u.date)}</strong> · {u.vehicle} · {u.what}
            {u.date < from ? ` (${t('mine.v.overdue')})` : ''}
          </li>
        ))}
      </ul>

      <h2>{t('mine.v.history')}</h2>
      <Loading show={history.loading} />
      <ErrorNotice error={history.error} />
      {history.data && history.data.orders.length === 0 && <p>{t('mine.v.noHistory')}</p>}
      <ul class="plain">
        {history.data?.orders.map((o) => (
          <li key={o.workOrderId} class="card">
            <h3>
              {dateTime(locale, o.openedAt)} · {o.equipmentLabel}
            </h3>
            <p>
              {pointName(o.pointId)} · <span data-status={o.status}>{maybe(`wo.status.${o.status}`) ?? o.status}</span>
            </p>
            {o.summary && <p>{o.summary}</p>}
            <ul>
              {o.lines.map((l) => (
                <li key={l.lineId}>
                  {l.description} — {money({ amountMinor: l.netMinor, currency: l.currency })}{' '}
                  {l.decision === 'declined' ? `(${t('estimate.declined')})` : ''}
                </li>
              ))}
            </ul>
            <a href={href(`track/${o.workOrderId}`)}>{t('mine.v.track')}</a>
          </li>
        ))}
      </ul>
    </section>
  )
}
