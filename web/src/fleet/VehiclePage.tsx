// One fleet vehicle's card: status, dates, tyres per position with the predicted replacement, and
// spend per month. Another fleet's vehicle is refused by the API, and the refusal is shown in words.
import { officeEndpoints } from '../shared/api/officeEndpoints.js'
import { BarChart } from '../shared/charts/Charts.js'
import '../shared/charts/charts.css'
import { useI18n } from '../shared/i18n/i18n.js'
import { href } from '../shared/router.js'
import { useSession } from '../shared/session.js'
import type { PageProps } from '../shared/ui/AppShell.js'
import { ErrorNotice } from '../shared/ui/ErrorNotice.js'
import { Loading } from '../shared/ui/Status.js'
import { TyreTable } from '../shared/ui/TyreTable.js'
import { useLoad } from '../shared/useLoad.js'
import { useFleetId } from './DashboardPage.js'

export function VehiclePage({ location }: PageProps) {
  const { t, maybe, money, date } = useI18n()
  const { client } = useSession()
  const api = officeEndpoints(client)
  const { fleetId, own } = useFleetId(location.params)
  const equipmentId = location.rest[0] ?? ''
  const card = useLoad(fleetId && equipmentId ? () => api.fleetVehicle(fleetId, equipmentId) : null, [
    fleetId,
    equipmentId,
  ])
  const v = card.data
  const m = (minor: number) => money({ amountMinor: minor, currency: 'PLN' })
  const months = Object.entries(v?.spendByMonth ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .slice(-12)
  return (
    <section>
      <h1 tabIndex={-1}>{v ? t('fleetd.vehicleOf', { plate: v.plate ?? v.equipmentId }) : t('fleetd.vehicle')}</h1>
      <p>
        <a href={href('dashboard', { fleet: own ? undefined : fleetId })}>{t('fleetd.back')}</a>
      </p>
      <Loading show={card.loading} />
      <ErrorNotice error={card.error} context={t('fleetd.vehicleRefused', { id: equipmentId })} />
      {v && (
        <>
          <dl class="summary">
            <dt>{t('fleetd.car')}</dt>
            <dd>{[v.make, v.model, v.year].filter(Boolean).join(' ') || '—'}</dd>
            <dt>{t('fleetd.state')}</dt>
            <dd>{maybe(`fleetd.status.${v.status}`) ?? v.status}</dd>
            <dt>{t('fleetd.mileage')}</dt>
            <dd>{v.mileageKm === null ? '—' : `${v.mileageKm} km`}</dd>
            <dt>{t('fleetd.lastService')}</dt>
            <dd>{v.lastService ? date(v.lastService.at.slice(0, 10)) : '—'}</dd>
            <dt>{t('fleetd.due.inspection')}</dt>
            <dd>{v.serviceDates.nextInspectionOn ? date(v.serviceDates.nextInspectionOn) : '—'}</dd>
            <dt>{t('fleetd.due.insurance_ends')}</dt>
            <dd>{v.serviceDates.insuranceEndsOn ? date(v.serviceDates.insuranceEndsOn) : '—'}</dd>
            <dt>{t('fleetd.spendTotal')}</dt>
            <dd>{m(v.spendTotalNetMinor)}</dd>
          </dl>
          <h2>{t('fleetd.tyreState')}</h2>
          {v.tyres.length === 0 ? <p>{t('fleetd.noTyres')}</p> : <TyreTable tyres={v.tyres} />}
          {months.length > 0 && (
            <BarChart
              title={t('fleetd.spend')}
              bars={months.map(([month, net]) => ({ label: month.slice(2), parts: [net] }))}
              series={[t('fleetd.net')]}
              format={m}
              summary={t('fleetd.spendSummary', {
                total: m(months.reduce((a, [, n]) => a + n, 0)),
                months: months.length,
              })}
            />
          )}
        </>
      )}
    </section>
  )
}
