// The services of a visit: a checkbox per active service with its minutes for this vehicle and price.
import type { CatalogueService, VehicleClass } from '../api/types.js'
import { useI18n } from '../i18n/i18n.js'
import { serviceMinutes } from './visit.js'

export function ServicePicker(props: {
  readonly services: readonly CatalogueService[]
  readonly vehicleClass: VehicleClass
  readonly selected: readonly string[]
  readonly onChange: (codes: string[]) => void
}) {
  const { t, name, money } = useI18n()
  const toggle = (code: string, on: boolean) =>
    props.onChange(on ? [...props.selected, code] : props.selected.filter((c) => c !== code))
  return (
    <fieldset class="choice-list">
      <legend class="visually-hidden">{t('visit.services')}</legend>
      {props.services
        .filter((s) => s.active)
        .map((s) => (
          <label key={s.code} class="choice">
            <input
              type="checkbox"
              name="service"
              value={s.code}
              checked={props.selected.includes(s.code)}
              onChange={(e) => toggle(s.code, e.currentTarget.checked)}
            />
            <span class="choice-text">
              <span class="choice-title">{name(s.names, s.code)}</span>
              <span class="choice-meta">
                {t('visit.minutes', { minutes: serviceMinutes(s, props.vehicleClass) })} · {money(s.price)}
              </span>
            </span>
          </label>
        ))}
    </fieldset>
  )
}
