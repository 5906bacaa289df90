// Where to go: the points nearest to the customer (the browser's location) or to the car's
// registration region (the plate's prefix), or found by city or name; only points with a bay that
// can do the chosen services for this vehicle are offered.
import { useState } from 'preact/hooks'
import { type ApiError, asApiError } from '../shared/api/problem.js'
import type { Address, BayFeature } from '../shared/api/types.js'
import { useI18n } from '../shared/i18n/i18n.js'
import { useSession } from '../shared/session.js'
import { ErrorNotice } from '../shared/ui/ErrorNotice.js'
import { TextField } from '../shared/ui/Field.js'

export interface PointChoice {
  readonly pointId: string
  readonly name: string
  readonly address: Address | null
  readonly distanceKm?: number
  readonly lastService?: boolean
}

export function PointChooser(props: {
  readonly features: readonly BayFeature[]
  readonly rimInches: number | null
  readonly plate: string
  readonly selected: PointChoice | null
  readonly onSelect: (point: PointChoice) => void
}) {
  const { t } = useI18n()
  const { api } = useSession()
  const [text, setText] = useState('')
  const [found, setFound] = useState<readonly PointChoice[] | null>(null)
  const [origin, setOrigin] = useState<string | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [geoProblem, setGeoProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const filter = { features: props.features, rimInches: props.rimInches }

  const run = async (load: () => Promise<{ points: readonly PointChoice[]; origin: string | null }>) => {
    setBusy(true)
    setError(null)
    setGeoProblem(null)
    try {
      const answer = await load()
      setFound(answer.points)
      setOrigin(answer.origin)
      const first = answer.points[0]
      if (first && !props.selected) props.onSelect(first)
    } catch (e) {
      setFound(null)
      setError(asApiError(e))
    } finally {
      setBusy(false)
    }
  }

  const byPlate = () =>
    run(async () => {
      const a = await api.nearest({ plate: props.plate }, filter)
      return {
        points: a.points,
        origin: a.origin.region ? t('point.nearRegion', { region: a.origin.region.name }) : null,
      }
    })

  const byLocation = () => {
    if (!('geolocation' in navigator)) {
      setGeoProblem(t('point.geo.unavailable'))
      return
    }
    setBusy(true)
    navigator.geolocation.getCurrentPosition(
      (pos) =>
        void run(async () => {
          const a = await api.nearest({ lat: pos.coords.latitude, lon: pos.coords.longitude }, filter)
          return { points: a.points, origin: t('point.nearYou') }
        }),
      (err) => {
        setBusy(false)
        setGeoProblem(err.code === err.PERMISSION_DENIED ? t('point.geo.denied') : t('point.geo.unavailable'))
      },
      { timeout: 10_000, maximumAge: 600_000 },
    )
  }

  const byText = () =>
    run(async () => {
      const a = await api.points({ q: text.trim() || undefined, features: props.features, rimInches: props.rimInches })
      return { points: a.items, origin: null }
    })

  return (
    <div class="point-chooser">
      <div class="button-row">
        <button type="button" onClick={byLocation} disabled={busy}>
          {t('point.byLocation')}
        </button>
        <button type="button" onClick={() => void byPlate()} disabled={busy || props.plate.trim().length < 4}>
          {t('point.byPlate')}
        </button>
      </div>
      <form
        class="field-row"
        onSubmit={(e) => {
          e.preventDefault()
          void byText()
        }}
      >
        <TextField
          label={t('point.search')}
          type="search"
          value={text}
          onValue={setText}
          hint={t('point.search.hint')}
        />
        <div class="field field-action">
          <button type="submit" disabled={busy}>
            {t('point.searchButton')}
          </button>
        </div>
      </form>
      {geoProblem && (
        <p class="error-notice" role="alert">
          {geoProblem}
        </p>
      )}
      <ErrorNotice error={error} />
      {found && found.length === 0 && <p role="status">{t('point.none')}</p>}
      {found && found.length > 0 && (
        <fieldset class="choice-list">
          <legend>{origin ?? t('point.choose')}</legend>
          {found.map((p) => (
            <label key={p.pointId} class="choice">
              <input
                type="radio"
                name="point"
                value={p.pointId}
                checked={props.selected?.pointId === p.pointId}
                onChange={() => props.onSelect(p)}
              />
              <span class="choice-text">
                <span class="choice-title">{p.name}</span>
                <span class="choice-meta">
                  {p.address ? `${p.address.street}, ${p.address.city}` : ''}
                  {p.distanceKm !== undefined ? ` · ${t('point.distance', { km: p.distanceKm.toFixed(1) })}` : ''}
                  {p.lastService ? ` · ${t('point.lastService')}` : ''}
                </span>
              </span>
            </label>
          ))}
        </fieldset>
      )}
    </div>
  )
}
