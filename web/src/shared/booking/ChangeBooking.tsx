// Moving and cancelling a booking, for the customer and for staff alike: the same slot search as
// when booking (with alternatives when the new time is taken), and a cancellation with a reason.
import { useState } from 'preact/hooks'
import { type ApiError, asApiError } from '../api/problem.js'
import type { Booking, Slot } from '../api/types.js'
import { useI18n } from '../i18n/i18n.js'
import { useSession } from '../session.js'
import { ErrorNotice } from '../ui/ErrorNotice.js'
import { TextField } from '../ui/Field.js'
import { type SlotConflict, SlotFinder } from './SlotFinder.js'

export function RescheduleForm(props: {
  readonly booking: Booking
  readonly onDone: (booking: Booking) => void
  readonly onCancel: () => void
}) {
  const { t, date } = useI18n()
  const { api } = useSession()
  const b = props.booking
  const [slot, setSlot] = useState<Slot | null>(null)
  const [conflict, setConflict] = useState<SlotConflict | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  return (
    <div class="change-panel">
      <h3>{t('change.reschedule.title')}</h3>
      <SlotFinder
        pointId={b.pointId}
        query={{
          services: b.services.map((s) => s.code),
          vehicleClass: b.vehicle.vehicleClass,
          rimInches: b.vehicle.rimInches,
        }}
        selected={slot}
        onSelect={setSlot}
        conflict={conflict}
        initialDate={b.date}
      />
      <ErrorNotice error={error} />
      <div class="button-row">
        <button
          type="button"
          class="primary"
          disabled={!slot || busy}
          onClick={async () => {
            if (!slot) return
            setBusy(true)
            setError(null)
            try {
              props.onDone(await api.reschedule(b.bookingId, slot.start))
            } catch (e) {
              const err = asApiError(e)
              if (err.problem.alternatives) {
                setConflict({ alternatives: err.problem.alternatives, wanted: slot })
                setSlot(null)
              } else setError(err)
            } finally {
              setBusy(false)
            }
          }}
        >
          {slot
            ? t('change.reschedule.to', { date: date(slot.date), time: slot.localTime })
            : t('change.reschedule.submit')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('common.back')}
        </button>
      </div>
    </div>
  )
}

export function CancelForm(props: {
  readonly bookingId: string
  readonly onDone: (booking: Booking) => void
  readonly onCancel: () => void
}) {
  const { t } = useI18n()
  const { api } = useSession()
  const [reason, setReason] = useState('')
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  return (
    <form
      class="change-panel"
      onSubmit={async (e) => {
        e.preventDefault()
        setBusy(true)
        setError(null)
        try {
          props.onDone(await api.cancel(props.bookingId, reason.trim() || undefined))
        } catch (err) {
          setError(asApiError(err))
        } finally {
          setBusy(false)
        }
      }}
    >
      <h3>{t('change.cancel.title')}</h3>
      <TextField label={t('change.cancel.reason')} value={reason} onValue={setReason} />
      <ErrorNotice error={error} />
      <div class="button-row">
        <button type="submit" class="danger" disabled={busy}>
          {t('change.cancel.submit')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('common.back')}
        </button>
      </div>
    </form>
  )
}

/** A booking can still be moved or cancelled. */
export const changeable = (status: Booking['status']) => status === 'confirmed' || status === 'requested'
