// The fields a point's form has in common for a new point and for changing one: name, address and
// position, contacts; opening hours (one range on weekdays, Saturday, Sunday). The drafts are text
// as typed; detailsOf/weeklyHoursOf make the API's bodies of them.
import type { WeeklyHours } from '../../shared/api/officeEndpoints.js'
import type { BayFeature } from '../../shared/api/types.js'
import { useI18n } from '../../shared/i18n/i18n.js'
import { TextField } from '../../shared/ui/Field.js'

export interface PointDraft {
  readonly name: string
  readonly street: string
  readonly postalCode: string
  readonly city: string
  readonly lat: string
  readonly lon: string
  readonly phone: string
  readonly email: string
  readonly weekFrom: string
  readonly weekTo: string
  readonly satFrom: string
  readonly satTo: string
  readonly sunFrom: string
  readonly sunTo: string
}

export const EMPTY_POINT: PointDraft = {
  name: '',
  street: '',
  postalCode: '',
  city: '',
  lat: '',
  lon: '',
  phone: '',
  email: '',
  weekFrom: '08:00',
  weekTo: '18:00',
  satFrom: '09:00',
  satTo: '14:00',
  sunFrom: '',
  sunTo: '',
}

type Range = { readonly from: string; readonly to: string }
const range = (from: string, to: string): Range[] => (from && to ? [{ from, to }] : [])

export const detailsOf = (d: PointDraft) => ({
  name: d.name.trim(),
  address: { street: d.street.trim(), postalCode: d.postalCode.trim(), city: d.city.trim(), country: 'PL' },
  geo: { lat: Number(d.lat), lon: Number(d.lon) },
  contacts: { phone: d.phone.trim() || null, email: d.email.trim() || null },
})

export function weeklyHoursOf(d: PointDraft): WeeklyHours {
  const week = range(d.weekFrom, d.weekTo)
  return {
    mon: week,
    tue: week,
    wed: week,
    thu: week,
    fri: week,
    sat: range(d.satFrom, d.satTo),
    sun: range(d.sunFrom, d.sunTo),
  }
}

/** A point as the API shows it, as a draft (the first range of Monday, Saturday and Sunday). */
export function draftOf(p: {
  readonly name: string
  readonly address: { readonly street: string; readonly postalCode: string; readonly city: string }
  readonly geo: { readonly lat: number; readonly lon: number }
  readonly contacts: { readonly phone: string | null; readonly email: string | null }
  readonly weeklyHours: WeeklyHours
}): PointDraft {
  const first = (day: string) => p.weeklyHours[day]?.[0]
  return {
    name: p.name,
    street: p.address.street,
    postalCode: p.address.postalCode,
    city: p.address.city,
    lat: String(p.geo.lat),
    lon: String(p.geo.lon),
    phone: p.contacts.phone ?? '',
    email: p.contacts.email ?? '',
    weekFrom: first('mon')?.from ?? '',
    weekTo: first('mon')?.to ?? '',
    satFrom: first('sat')?.from ?? '',
    satTo: first('sat')?.to ?? '',
    sunFrom: first('sun')?.from ?? '',
    sunTo: first('sun')?.to ?? '',
  }
}

interface DraftProps {
  readonly draft: PointDraft
  readonly set: (key: keyof PointDraft) => (value: string) => void
}

export function DetailsFields({ draft: f, set }: DraftProps) {
  const { t } = useI18n()
  return (
    <>
      <TextField label={t('office.point.name')} value={f.name} onValue={set('name')} required />
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
    </>
  )
}

export function HoursFields({ draft: f, set }: DraftProps) {
  const { t } = useI18n()
  return (
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
  )
}

/** What a bay can be equipped with, in the order the forms list them. */
export const BAY_FEATURES: readonly BayFeature[] = [
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
