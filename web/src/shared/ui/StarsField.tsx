// 1–6 stars as six radio buttons in a fieldset (keyboard: arrows move between them; each is
// announced with its number "of 6 stars"), styled as big tap targets (charts.css `.stars`).
import { useI18n } from '../i18n/i18n.js'

export function StarsField(props: {
  readonly legend: string
  readonly name: string
  readonly value: number
  readonly onValue: (stars: number) => void
}) {
  const { t } = useI18n()
  return (
    <fieldset class="stars">
      <legend>{props.legend}</legend>
      {[1, 2, 3, 4, 5, 6].map((n) => (
        <label key={n}>
          <input
            type="radio"
            name={props.name}
            value={n}
            checked={props.value === n}
            onChange={() => props.onValue(n)}
          />
          <span aria-hidden="true">★</span>
          <span>{n}</span>
          <span class="visually-hidden">{t('rate.starsOf', { n })}</span>
        </label>
      ))}
    </fieldset>
  )
}
