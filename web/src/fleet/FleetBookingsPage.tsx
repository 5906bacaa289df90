// The fleet's bookings at every point: a count per status and the visits in time order, filtered by
// dates and status. Fleet accounts see their own fleet (the API refuses any other); head office
// names the fleet. Spend, due services and tyre state come with the fleet projections (issue 6).
import { useState } from 'preact/hooks'
import type { BookingStatus } from '../shared/api/types.js'
import { addDays, today } from '../shared/booking/visit.js'
import { serviceNames, usePublicPoints, useServices } from '../shared/catalogue.js'
import { useI18n } from '../shared/i18n/i18n.js'
import { navigate } from '../shared/router.js'
import { useSession } from '../shared/session.js'
import type { PageProps } from '../shared/ui/AppShell.js'
import { ErrorNotice } from '../shared/ui/ErrorNotice.js'
import { SelectField, TextField } from '../shared/ui/Field.js'
import { Loading, StatusBadge } from '../shared/ui/Status.js'
import { useLoad } from '../shared/useLoad.js'

const STATUSES: readonly BookingStatus[] = ['confirmed', 'checked_in', 'completed', 'no_show', 'cancelled']

export function FleetBookingsPage({ location }: PageProps) {
  const { t, date, name } = useI18n()
  const { api, session } = useSession()
  const tenant = session?.account.tenant
  const ownFleet = tenant?.scope === 'fleet' ? tenant.fleetId : null
  const p = location.params
  const fleetId = ownFleet ?? p.get('fleet') ?? ''
  const from = p.get('from') ?? addDays(today(), -30)
  const to = p.get('to') ?? addDays(today(), 60)
  const status = (p.get('status') ?? '') as BookingStatus | ''
  const [draft, setDraft] = useState({ fleetId, from, to, status })
  const list = useLoad(
    fleetId ? () => api.fleetBookings(fleetId, { from, to, limit: 200, ...(status ? { status } : {}) }) : null,
    [fleetId, from, to, status],
  )
  const services = useServices(api)
  const points = usePublicPoints(api)
  const items = list.data?.items ?? []
  const counts = STATUSES.map((s) => [s, items.filter((b) => b.status === s).length] as const)

  return (
    <section>
      <h1 tabIndex={-1}>{t('fleet.title')}</h1>
      <p class="lead">{fleetId ? t('fleet.of', { fleet: fleetId }) : t('fleet.chooseFleet')}</p>
      <form
        class="card field-row filters"
        aria-label={t('fleet.filters')}
        onSubmit={(e) => {
          e.preventDefault()
          navigate('', {
            fleet: ownFleet ? undefined : draft.fleetId.trim(),
            from: draft.from,
            to: draft.to,
            status: draft.status || undefined,
          })
        }}
      >
        {!ownFleet && (
          <TextField
            label={t('fleet.fleetId')}
            value={draft.fleetId}
            onValue={(v) => setDraft({ ...draft, fleetId: v })}
            required
          />
        )}
        <TextField
          label={t('fleet.from')}
          type="date"
          value={draft.from}
          onValue={(v) => setDraft({ ...draft, from: v })}
        />
        <TextField label={t('fleet.to')} type="date" value={draft.to} onValue={(v) => setDraft({ ...draft, to: v })} />
        <SelectField<BookingStatus | ''>
          label={t('fleet.status')}
          value={draft.status}
          onValue={(v) => setDraft({ ...draft, status: v })}
          options={[
            { value: '', label: t('fleet.anyStatus') },
            ...STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
          ]}
        />
        <div class="field field-action">
          <button type="submit" class="primary">
            {t('fleet.show')}
          </button>
        </div>
      </form>
      <Loading show={list.loading} />
      <ErrorNotice error={list.error} />
      {list.data && (
        <>
          <ul class="stat-row" aria-label={t('fleet.summary')}>
            <li class="stat">
              <span class="stat-value">{list.data.total}</span>
              <span class="stat-label">{t('fleet.total')}</span>
            </li>
            {counts
              .filter(([, n]) => n > 0)
              .map(([s, n]) => (
                <li key={s} class="stat">
                  <span class="stat-value">{n}</span>
                  <span class="stat-label">{t(`status.${s}`)}</span>
                </li>
              ))}
          </ul>
          {items.length === 0 ? (
            <p>{t('fleet.none')}</p>
          ) : (
            <div class="table-wrap">
              <table class="responsive fleet-table">
                <caption class="visually-hidden">{t('fleet.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('fleet.when')}</th>
                    <th scope="col">{t('vehicle.plate')}</th>
                    <th scope="col">{t('fleet.point')}</th>
                    <th scope="col">{t('book.summary.services')}</th>
                    <th scope="col">{t('fleet.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((b) => (
                    <tr key={b.bookingId} data-booking={b.bookingId}>
                      <td data-label={t('fleet.when')}>
                        {date(b.date)} {b.localStart}
                      </td>
                      <th scope="row" data-label={t('vehicle.plate')}>
                        {b.plate}
                      </th>
                      <td data-label={t('fleet.point')}>
                        {points.data?.find((x) => x.pointId === b.pointId)?.name ?? b.pointId}
                      </td>
                      <td data-label={t('book.summary.services')}>{serviceNames(b.services, services.data, name)}</td>
                      <td data-label={t('fleet.status')}>
                        <StatusBadge status={b.status} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  )
}
