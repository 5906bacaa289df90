// Date, wanted time and the free slots: the visit's computed duration, every free start of the day,
// and when the wanted time is taken, why and the 3 nearest free slots before and after it. A 409
// from the booking itself (somebody took the slot first) comes in as `conflict` with the API's
// alternatives and is shown the same way.
import { useEffect, useState } from 'preact/hooks'
import type { ApiError } from '../api/problem.js'
import { asApiError } from '../api/problem.js'
import type { Slot, SlotAlternatives, SlotSearch, VehicleClass } from '../api/types.js'
import { useI18n } from '../i18n/i18n.js'
import { useSession } from '../session.js'
import { ErrorNotice } from '../ui/ErrorNotice.js'
import { TextField } from '../ui/Field.js'
import { addDays, today } from './visit.js'

export interface SlotQueryDraft {
  readonly services: readonly string[]
  readonly vehicleClass: VehicleClass
  readonly rimInches: number | null
}

export interface SlotConflict {
  readonly alternatives: SlotAlternatives
  /** The slot that was asked for, to name its time. */
  readonly wanted: Slot | null
}

export interface SlotFinderProps {
  readonly pointId: string | null
  readonly query: SlotQueryDraft
  readonly selected: Slot | null
  readonly onSelect: (slot: Slot | null) => void
  readonly conflict?: SlotConflict | null
  /** Why a search cannot run yet (no point, no service), in words. */
  readonly blockedBy?: string | null
  readonly initialDate?: string
}

/** One slot per start time: several bays free at 10:00 are one choice for the customer. */
export function distinctStarts(slots: readonly Slot[]): Slot[] {
  const seen = new Set<string>()
  return slots.filter((s) => {
    if (seen.has(s.start)) return false
    seen.add(s.start)
    return true
  })
}

export function SlotFinder(props: SlotFinderProps) {
  const { t, maybe, date: fmtDate } = useI18n()
  const { api } = useSession()
  const [date, setDate] = useState(props.initialDate ?? addDays(today(), 1))
  const [time, setTime] = useState('')
  const [search, setSearch] = useState<SlotSearch | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  const key = `${props.pointId}|${props.query.services.join(',')}|${props.query.vehicleClass}|${props.query.rimInches}`

  // A result for another point or other services is no answer any more.
  // `key` sums up what the result depends on.
  useEffect(() => {
    setSearch(null)
    props.onSelect(null)
  }, [key])

  const run = async (forDate = date, forTime = time) => {
    if (!props.pointId || props.blockedBy) return
    setBusy(true)
    setError(null)
    try {
      const answer = await api.slots(props.pointId, {
        date: forDate,
        services: props.query.services,
        vehicleClass: props.query.vehicleClass,
        rimInches: props.query.rimInches,
        ...(forTime ? { time: forTime } : {}),
      })
      setSearch(answer)
      const desired = answer.desired
      props.onSelect(desired?.free && desired.slot ? desired.slot : null)
    } catch (e) {
      setSearch(null)
      setError(asApiError(e))
    } finally {
      setBusy(false)
    }
  }

  // Somebody took the slot first: search the day again, so the taken time is gone from the list.
  // Only a new conflict triggers this.
  useEffect(() => {
    if (props.conflict) void run()
  }, [props.conflict])

  const slotLabel = (slot: Slot) =>
    search && slot.date !== search.date ? `${fmtDate(slot.date)} ${slot.localTime}` : slot.localTime
  const pick = (slot: Slot) => props.onSelect(slot)
  // Plain functions, not components: a component declared in render would be remounted on every
  // render and the pressed button would lose the keyboard focus.
  const slotButton = (slot: Slot) => (
    <button type="button" class="slot" aria-pressed={props.selected?.start === slot.start} onClick={() => pick(slot)}>
      {slotLabel(slot)}
    </button>
  )
  const alternatives = (p: { before: readonly Slot[]; after: readonly Slot[]; extra?: Slot | null }) => (
    <div class="alternatives">
      {p.before.length + p.after.length === 0 && !p.extra ? (
        <p>{t('slots.noAlternatives')}</p>
      ) : (
        <>
          <p>{t('slots.alternatives')}</p>
          <div class="slot-row">
            {p.extra && (
              <div class="alt-group">
                <span class="alt-label" aria-hidden="true">
                  {t('slots.sameTime')}
                </span>
                <ul class="slot-list" aria-label={t('slots.sameTime')}>
                  <li>{slotButton(p.extra)}</li>
                </ul>
              </div>
            )}
            {p.before.length > 0 && (
              <div class="alt-group">
                <span class="alt-label" aria-hidden="true">
                  {t('slots.earlier')}
                </span>
                <ul class="slot-list" aria-label={t('slots.earlier')}>
                  {p.before.map((s) => (
                    <li key={s.start}>{slotButton(s)}</li>
                  ))}
                </ul>
              </div>
            )}
            {p.after.length > 0 && (
              <div class="alt-group">
                <span class="alt-label" aria-hidden="true">
                  {t('slots.later')}
                </span>
                <ul class="slot-list" aria-label={t('slots.later')}>
                  {p.after.map((s) => (
                    <li key={s.start}>{slotButton(s)}</li>
                  ))}
                </ul>
              </div>
            )}
          </div>
        </>
      )}
    </div>
  )

  const desired = search?.desired
  const starts = search ? distinctStarts(search.slots) : []
  const conflict = props.conflict
  return (
    <div class="slot-finder">
      <form
        class="field-row"
        onSubmit={(e) => {
          e.preventDefault()
          void run()
        }}
      >
        <TextField
          label={t('slots.date')}
          type="date"
          value={date}
          min={addDays(today(), -1)}
          required
          onValue={(d) => setDate(d)}
        />
        <TextField
          label={t('slots.time')}
          type="time"
          value={time}
          step={300}
          hint={t('slots.time.hint')}
          onValue={(v) => setTime(v)}
        />
        <div class="field field-action">
          <button type="submit" class="primary" disabled={busy || !!props.blockedBy || !props.pointId}>
            {t('slots.find')}
          </button>
        </div>
      </form>
      {props.blockedBy && <p class="hint">{props.blockedBy}</p>}
      <ErrorNotice error={error} />
      {conflict && (
        <div class="conflict" role="alert">
          <p class="error-words">
            {t('slots.conflict', {
              time: conflict.wanted ? slotLabel(conflict.wanted) : '',
              reason: maybe(`error.${conflict.alternatives.reason}`) ?? conflict.alternatives.reason,
            })}
          </p>
          {alternatives({
            before: conflict.alternatives.before,
            after: conflict.alternatives.after,
            extra: conflict.alternatives.sameTimeElsewhere,
          })}
        </div>
      )}
      {busy && (
        <p class="loading" role="status">
          {t('common.loading')}
        </p>
      )}
      {search && (
        <div class="slot-result" aria-live="polite">
          <p class="duration">
            {t('slots.duration', { minutes: search.durationMinutes })} · {fmtDate(search.date, 'long')}
          </p>
          {desired && !desired.free && !conflict && (
            <div class="taken" role="alert">
              <p class="error-words">
                {t('slots.taken', {
                  time: time,
                  reason: desired.reason ? (maybe(`error.${desired.reason}`) ?? desired.reason) : '',
                })}
              </p>
              {alternatives({ before: desired.before, after: desired.after })}
            </div>
          )}
          {desired?.free && <p class="notice notice-success">{t('slots.wantedFree', { time })}</p>}
          {starts.length === 0 ? (
            <p>{t('slots.none')}</p>
          ) : (
            <fieldset class="slots">
              <legend>{t('slots.all', { date: fmtDate(search.date) })}</legend>
              <ul class="slot-grid">
                {starts.map((s) => (
                  <li key={s.start}>{slotButton(s)}</li>
                ))}
              </ul>
            </fieldset>
          )}
          {starts.length === 0 && (
            <button
              type="button"
              onClick={() => {
                const next = addDays(date, 1)
                setDate(next)
                void run(next, '')
              }}
            >
              {t('slots.nextDay')}
            </button>
          )}
        </div>
      )}
      {props.selected && (
        <p class="selected-slot" role="status">
          {t('slots.selected', { date: fmtDate(props.selected.date, 'long'), time: props.selected.localTime })}
        </p>
      )}
    </div>
  )
}
