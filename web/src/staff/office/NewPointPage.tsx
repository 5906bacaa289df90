// Head office opens a new service point: address, position, contacts, time zone, opening hours
// (weekdays, Saturday, Sunday) and its bays with what each can do.
import { useState } from 'preact/hooks'
import { type NewPoint, officeEndpoints } from '../../shared/api/officeEndpoints.js'
import { type ApiError, asApiError } from '../../shared/api/problem.js'
import type { BayFeature } from '../../shared/api/types.js'
import '../../shared/charts/charts.css'
import { useI18n } from '../../shared/i18n/i18n.js'
import { href } from '../../shared/router.js'
import { useSession } from '../../shared/session.js'
import { ErrorNotice } from '../../shared/ui/ErrorNotice.js'
import { TextField } from '../../shared/ui/Field.js'
import { Notice } from '../../shared/ui/Status.js'
import { OfficeTabs } from './OfficeTabs.js'
import {
  DetailsFields,
  detailsOf,
  EMPTY_POINT,
  BAY_FEATURES as FEATURES,
  HoursFields,
  type PointDraft,
  weeklyHoursOf,
} from './pointForm.js'

interface BayDraft {
  name: string
  features: BayFeature[]
  rim: string
}

export function NewPointPage() {
  const { t, maybe } = useI18n()
  const { client } = useSession()
  const api = officeEndpoints(client)
  const [f, setF] = useState<PointDraft>(EMPTY_POINT)
  const [pointId, setPointId] = useState('')
  const [timeZone, setTimeZone] = useState('Europe/Warsaw')
  const [bays, setBays] = useState<BayDraft[]>([{ name: '', features: ['passenger'], rim: '' }])
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  const [created, setCreated] = useState<{ pointId: string; name: string } | null>(null)
  const set = (k: keyof PointDraft) => (v: string) => setF({ ...f, [k]: v })
  const setBay = (i: number, change: Partial<BayDraft>) =>
    setBays(bays.map((b, k) => (k === i ? { ...b, ...change } : b)))

  return (
    <section>
      <h1 tabIndex={-1}>{t('office.point.title')}</h1>
      <OfficeTabs current="office-point" />
      {created && (
        <Notice kind="success">
          {t('office.point.created', { name: created.name, id: created.pointId })}{' '}
          <a href={href('calendar', { point: created.pointId })}>{t('staff.points.calendar')}</a>
          {' · '}
          <a href={href('points')}>{t('staff.nav.points')}</a>
        </Notice>
      )}
      <form
        class="card"
        aria-label={t('office.point.title')}
        onSubmit={async (e) => {
          e.preventDefault()
          setBusy(true)
          setError(null)
          const point: NewPoint = {
            ...(pointId.trim() ? { pointId: pointId.trim() } : {}),
            ...detailsOf(f),
            timeZone: timeZone.trim(),
            weeklyHours: weeklyHoursOf(f),
            bays: bays.map((b, i) => ({
              bayId: `bay-${i + 1}`,
              name: b.name.trim() || t('office.point.bayN', { n: i + 1 }),
              capabilities: { features: b.features, rimMaxInches: b.rim ? Number(b.rim) : null },
            })),
          }
          try {
            setCreated(await api.createPoint(point))
          } catch (err) {
            setError(asApiError(err))
          } finally {
            setBusy(false)
          }
        }}
      >
        <DetailsFields draft={f} set={set} />
        <TextField
          label={t('office.point.id')}
          hint={t('office.point.id.hint')}
          value={pointId}
          onValue={setPointId}
          autoCapitalize="none"
        />
        <TextField label={t('office.point.timeZone')} value={timeZone} onValue={setTimeZone} required />
        <HoursFields draft={f} set={set} />
        {bays.map((b, i) => (
          <fieldset key={i}>
            <legend>{t('office.point.bayN', { n: i + 1 })}</legend>
            <div class="field-row">
              <TextField label={t('office.point.bayName')} value={b.name} onValue={(v) => setBay(i, { name: v })} />
              <TextField
                label={t('office.point.rim')}
                type="number"
                min={10}
                max={30}
                value={b.rim}
                onValue={(v) => setBay(i, { rim: v })}
              />
            </div>
            <div class="choice-list">
              {FEATURES.map((feature) => (
                <label key={feature} class="check">
                  <input
                    type="checkbox"
                    checked={b.features.includes(feature)}
                    onChange={(e) =>
                      setBay(i, {
                        features: e.currentTarget.checked
                          ? [...b.features, feature]
                          : b.features.filter((x) => x !== feature),
                      })
                    }
                  />
                  {maybe(`feature.${feature}`) ?? maybe(`vehicleClass.${feature}`) ?? feature}
                </label>
              ))}
            </div>
            {bays.length > 1 && (
              <button type="button" onClick={() => setBays(bays.filter((_, k) => k !== i))}>
                {t('office.point.removeBay', { n: i + 1 })}
              </button>
            )}
          </fieldset>
        ))}
        <div class="button-row">
          <button type="button" onClick={() => setBays([...bays, { name: '', features: ['passenger'], rim: '' }])}>
            {t('office.point.addBay')}
          </button>
        </div>
        <ErrorNotice error={error} />
        <button type="submit" class="primary" disabled={busy}>
          {t('office.point.create')}
        </button>
      </form>
    </section>
  )
}
