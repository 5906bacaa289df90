// Head office changes a point: its details (name, address, position, contacts), its opening hours,
// and whether it takes bookings (deactivated with a reason, or reactivated). Each part is its own
// command, sent on its own; the page shows the point as the read model has it, and each answer.
import { useEffect, useState } from 'preact/hooks'
import { officeEndpoints } from '../../shared/api/officeEndpoints.js'
import { useI18n } from '../../shared/i18n/i18n.js'
import { href } from '../../shared/router.js'
import { useSession } from '../../shared/session.js'
import type { PageProps } from '../../shared/ui/AppShell.js'
import { ErrorNotice } from '../../shared/ui/ErrorNotice.js'
import { TextField } from '../../shared/ui/Field.js'
import { Loading, Notice } from '../../shared/ui/Status.js'
import { useAction } from '../../shared/useAction.js'
import { useLoad } from '../../shared/useLoad.js'
import { OfficeTabs } from './OfficeTabs.js'
import {
  DetailsFields,
  detailsOf,
  draftOf,
  EMPTY_POINT,
  HoursFields,
  type PointDraft,
  weeklyHoursOf,
} from './pointForm.js'

export function EditPointPage({ location }: PageProps) {
  const { t } = useI18n()
  const { client } = useSession()
  const api = officeEndpoints(client)
  const pointId = location.rest[0] ?? ''
  const point = useLoad(pointId ? () => api.networkPoint(pointId) : null, [pointId])
  const [f, setF] = useState<PointDraft>(EMPTY_POINT)
  const [reason, setReason] = useState('')
  const [active, setActive] = useState<boolean | null>(null)
  const action = useAction()
  useEffect(() => {
    if (point.data) {
      setF(draftOf(point.data))
      setActive(point.data.active)
    }
  }, [point.data])
  const set = (k: keyof PointDraft) => (v: string) => setF({ ...f, [k]: v })
  const name = point.data?.name ?? pointId

  return (
    <section>
      <h1 tabIndex={-1}>{t('office.edit.title', { name })}</h1>
      <OfficeTabs current="points" />
      <Loading show={point.loading} />
      <ErrorNotice error={point.error} />
      {action.done && <Notice kind="success">{action.done}</Notice>}
      <ErrorNotice error={action.error} />
      {point.data && (
        <>
          <p>
            <a href={href('calendar', { point: pointId })}>{t('staff.points.calendar')}</a>
            {' · '}
            <a href={href(`office-point-setup/${encodeURIComponent(pointId)}`)}>{t('office.nav.pointSetup')}</a>
          </p>
          <form
            class="card"
            aria-label={t('office.edit.details')}
            onSubmit={(e) => {
              e.preventDefault()
              void action.run(
                () => api.changePointDetails(pointId, detailsOf(f)),
                () => t('office.edit.saved'),
              )
            }}
          >
            <h2>{t('office.edit.details')}</h2>
            <DetailsFields draft={f} set={set} />
            <button type="submit" class="primary" disabled={action.busy}>
              {t('office.edit.saveDetails')}
            </button>
          </form>
          <form
            class="card"
            aria-label={t('office.point.hours')}
            onSubmit={(e) => {
              e.preventDefault()
              void action.run(
                () => api.changeOpeningHours(pointId, weeklyHoursOf(f)),
                () => t('office.edit.saved'),
              )
            }}
          >
            <HoursFields draft={f} set={set} />
            <button type="submit" class="primary" disabled={action.busy}>
              {t('office.edit.saveHours')}
            </button>
          </form>
          <form
            class="card"
            aria-label={t('office.edit.state')}
            onSubmit={async (e) => {
              e.preventDefault()
              if (active) {
                const done = await action.run(
                  () => api.deactivatePoint(pointId, reason.trim()),
                  () => t('office.edit.deactivated'),
                )
                if (done) setActive(false)
              } else {
                const done = await action.run(
                  () => api.reactivatePoint(pointId),
                  () => t('office.edit.reactivated'),
                )
                if (done) setActive(true)
              }
            }}
          >
            <h2>{t('office.edit.state')}</h2>
            <p>{active ? t('staff.points.active') : t('staff.points.inactive')}</p>
            {active && <TextField label={t('office.edit.reason')} value={reason} onValue={setReason} required />}
            <button type="submit" class={active ? 'danger' : ''} disabled={action.busy}>
              {active ? t('office.edit.deactivate') : t('office.edit.reactivate')}
            </button>
          </form>
        </>
      )}
    </section>
  )
}
