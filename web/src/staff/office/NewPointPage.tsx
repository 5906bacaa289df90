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

const FEATURES: readonly BayFeature[] = [
  'passenger',
  'suv',
  'van',
  'truck',
  'balancing',
  'wheel_alignment',
  'tpms',
  'run_flat',
  'tyre_repair',
  'tyre_storage',
  'nitrogen_inflation',
  'rim_repair',
]

interface BayDraft {
  name: string
  features: BayFeature[]
  rim: string
}

const hours = (from: string, to: string) => (from && to ? [{ from, to }] : [])

export function NewPointPage() {
  const { t, maybe } = useI18n()
  const { client } = useSession()
  const api = officeEndpoints(client)
  const [f, setF] = useState({
    pointId: '',
    name: '',
    street: '',
    postalCode: '',
    city: '',
    lat: '',
    lon: '',
    phone: '',
    email: '',
    timeZone: 'Europe/Warsaw',
    weekFrom: '08:00',
    weekTo: '18:00',
    satFrom: '09:00',
    satTo: '14:00',
    sunFrom: '',
    sunTo: '',
  })
  const [bays, setBays] = useState<BayDraft[]>([{ name: '', features: ['passenger'], rim: '' }])
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  const [created, setCreated] = useState<{ pointId: string; name: string } | null>(null)
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v })
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
          const week = hours(f.weekFrom, f.weekTo)
          const point: NewPoint = {
            ...(f.pointId.trim() ? { pointId: f.pointId.trim() } : {}),
            name: f.name.trim(),
            address: { street: f.street.trim(), postalCode: f.postalCode.trim(), city: f.city.trim(), country: 'PL' },
            geo: { lat: Number(f.lat), lon: Number(f.lon) },
            contacts: { phone: f.phone.trim() || null, email: f.email.trim() || null },
            timeZone: f.timeZone.trim(),
            weeklyHours: {
              mon: week,
              tue: week,
              wed: week,
              thu: week,
              fri: week,
              sat: hours(f.satFrom, f.satTo),
              sun: hours(f.sunFrom, f.sunTo),
            },
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
        <TextField label={t('office.point.name')} value={f.name} onValue={set('name')} required />
        <TextField
          label={t('office.point.id')}
          hint={t('office.point.id.hint')}
          value={f.pointId}
          onValue={set('pointId')}
          autoCapitalize="none"
        />
        <fieldset>
          <legend>{t('office.point.address')}</legend>
          <TextField label={t('office.point.street')} value={f.street} onValue={set('street')} required />
          <div class="field-row">
            <TextField label={t('office.point.postalCode')} value={f.postalCode} onValue={set('postalCode')} required />
            <TextField label={t('office.point.city')} value={f.city} onValue={set('city')} required />
          </div>
          <div class="field-row">
            <TextField
              label={t('office.point.lat')}
              type="number"
              step={0.0001}
              value={f.lat}
              onValue={set('lat')}
              required
            />
            <TextField
              label={t('office.point.lon')}
              type="number"
              step={0.0001}
              value={f.lon}
              onValue={set('lon')}
              required
            />
          </div>
        </fieldset>
        <div class="field-row">
          <TextField label={t('office.point.phone')} type="tel" value={f.phone} onValue={set('phone')} />
          <TextField label={t('office.point.email')} type="email" value={f.email} onValue={set('email')} />
        </div>
        <TextField label={t('office.point.timeZone')} value={f.timeZone} onValue={set('timeZone')} required />
        <fieldset>
          <legend>{t('office.point.hours')}</legend>
          <div class="field-row">
            <TextField label={t('office.point.weekFrom')} type="time" value={f.weekFrom} onValue={set('weekFrom')} />
            <TextField label={t('office.point.weekTo')} type="time" value={f.weekTo} onValue={set('weekTo')} />
          </div>
          <div class="field-row">
            <TextField label={t('office.point.satFrom')} type="time" value={f.satFrom} onValue={set('satFrom')} />
            <TextField label={t('office.point.satTo')} type="time" value={f.satTo} onValue={set('satTo')} />
          </div>
          <div class="field-row">
            <TextField label={t('office.point.sunFrom')} type="time" value={f.sunFrom} onValue={set('sunFrom')} />
            <TextField label={t('office.point.sunTo')} type="time" value={f.sunTo} onValue={set('sunTo')} />
          </div>
        </fieldset>
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
