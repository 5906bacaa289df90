// Head office: the network's points (active or not), each with a way into its calendar.
import { useI18n } from '../shared/i18n/i18n.js'
import { href } from '../shared/router.js'
import { useSession } from '../shared/session.js'
import { ErrorNotice } from '../shared/ui/ErrorNotice.js'
import { Loading } from '../shared/ui/Status.js'
import { useNetworkPoints } from './points.js'

export function PointsPage() {
  const { t } = useI18n()
  const { api } = useSession()
  const points = useNetworkPoints(api)
  return (
    <section>
      <h1 tabIndex={-1}>{t('staff.points.title')}</h1>
      <Loading show={points.loading} />
      <ErrorNotice error={points.error} />
      {points.data && (
        <div class="table-wrap">
          <table class="responsive">
            <caption class="visually-hidden">{t('staff.points.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('staff.points.name')}</th>
                <th scope="col">{t('staff.points.address')}</th>
                <th scope="col">{t('staff.points.bays')}</th>
                <th scope="col">{t('staff.points.state')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('staff.points.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {points.data.map((p) => (
                <tr key={p.pointId}>
                  <th scope="row" data-label={t('staff.points.name')}>
                    {p.name}
                  </th>
                  <td data-label={t('staff.points.address')}>
                    {p.address.street}, {p.address.postalCode} {p.address.city}
                  </td>
                  <td data-label={t('staff.points.bays')}>{p.bays.length}</td>
                  <td data-label={t('staff.points.state')}>
                    {p.active ? t('staff.points.active') : t('staff.points.inactive')}
                  </td>
                  <td>
                    <a href={href('calendar', { point: p.pointId })}>{t('staff.points.calendar')}</a>
                    {' · '}
                    <a href={href('new', { point: p.pointId })}>{t('staff.points.book')}</a>
                    {' · '}
                    <a href={href(`office-point-edit/${p.pointId}`)} aria-label={`${t('office.edit.edit')}: ${p.name}`}>
                      {t('office.edit.edit')}
                    </a>
                    {' · '}
                    <a
                      href={href(`office-point-setup/${p.pointId}`)}
                      aria-label={`${t('office.nav.pointSetup')}: ${p.name}`}
                    >
                      {t('office.nav.pointSetup')}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
