// What the repair pages share: their texts in the chosen language, the repair routes, an error in
// words (repair codes first, then the console's own), the order status badge, times, and a runner
// for buttons that call the API (busy while it runs, the refusal shown, never swallowed).
import { useId, useMemo, useState } from 'preact/hooks'
import { type ApiError, asApiError } from '../../shared/api/problem.js'
import { useI18n } from '../../shared/i18n/i18n.js'
import { useSession } from '../../shared/session.js'
import { ErrorNotice } from '../../shared/ui/ErrorNotice.js'
import { TextField } from '../../shared/ui/Field.js'
import { type OrderListItem, type OrderStatus, type RepairApi, repairApi } from './repairApi.js'
import { type RepairKey, repairTexts } from './texts.js'
import './repair.css'

export type Vars = Readonly<Record<string, string | number>>

const fill = (text: string, vars?: Vars) =>
  vars ? text.replace(/\{(\w+)\}/g, (all, name: string) => (name in vars ? String(vars[name]) : all)) : text

export interface Repair {
  readonly api: RepairApi
  readonly locale: string
  r(key: RepairKey, vars?: Vars): string
  /** A date and time as the user reads them. */
  when(iso: string | null): string
}

export function useRepair(): Repair {
  const { locale } = useI18n()
  const { api } = useSession()
  return useMemo(() => {
    const texts = repairTexts(locale)
    const format = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' })
    return {
      api: repairApi(api.client),
      locale,
      r: (key, vars) => fill(texts[key], vars),
      when: (iso) => (iso ? format.format(new Date(iso)) : '—'),
    }
  }, [locale, api])
}

/** An API error in words: the repair texts know the work-order codes, the console's the rest. */
export function RepairError(props: { readonly error: ApiError | null }) {
  const { locale } = useI18n()
  const error = props.error
  if (!error) return null
  const words = (repairTexts(locale) as Readonly<Record<string, string>>)[`error.${error.code}`]
  if (!words) return <ErrorNotice error={error} />
  return (
    <div class="error-notice" role="alert" data-code={error.code}>
      <p class="error-words">{words}</p>
      {error.problem.errors && error.problem.errors.length > 0 && (
        <ul class="error-fields">
          {error.problem.errors.map((e) => (
            <li key={`${e.path}:${e.message}`}>
              {e.path}: {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

export function OrderStatusBadge(props: {
  readonly status: OrderStatus
  readonly custom?: { readonly label: string } | null
}) {
  const { r } = useRepair()
  return (
    <span class={`badge order-status order-${props.status}`}>
      {r(`status.${props.status}`)}
      {props.custom ? ` · ${props.custom.label}` : ''}
    </span>
  )
}

/** "2 h 5 min" late. */
export function lateText(r: Repair['r'], minutes: number): string {
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  return r('board.late', { time: h > 0 ? `${h} h ${m} min` : `${m} min` })
}

export const orderLabel = (o: Pick<OrderListItem, 'equipmentLabel' | 'workOrderId'>) =>
  o.equipmentLabel || o.workOrderId

/** A whole number (a quantity, minutes, kilometres) with the phone's number keyboard. */
export function NumberField(props: {
  readonly label: string
  readonly value: string
  readonly onValue: (value: string) => void
  readonly min?: number
}) {
  return (
    <TextField
      label={props.label}
      type="number"
      min={props.min ?? 0}
      inputMode="numeric"
      value={props.value}
      onValue={props.onValue}
    />
  )
}

/** A local date and time (the browser's zone), as the API's UTC instant; empty: none. */
export const instantOf = (local: string): string | null => (local ? new Date(local).toISOString() : null)

/** A date and time picked in the browser's own control. */
export function DateTimeField(props: {
  readonly label: string
  readonly value: string
  readonly onValue: (value: string) => void
}) {
  const id = useId()
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <input id={id} type="datetime-local" value={props.value} onInput={(e) => props.onValue(e.currentTarget.value)} />
    </div>
  )
}

/** Runs one API call at a time for a part of a page: busy while it runs, its refusal kept to show. */
export function useAction() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const run = async <T,>(action: () => Promise<T>): Promise<T | null> => {
    setBusy(true)
    setError(null)
    try {
      return await action()
    } catch (e) {
      setError(asApiError(e))
      return null
    } finally {
      setBusy(false)
    }
  }
  return { busy, error, run, setError }
}

// The tracking code of an order just opened: the API shows it once, in the answer to the opening.
// Kept in this tab's memory (not in the address or storage: it is the customer's key to the status
// page) so the order page can show it to hand to the customer.
const trackingCodes = new Map<string, string>()

export function rememberTrackingCode(workOrderId: string, code: string): void {
  trackingCodes.set(workOrderId, code)
}

export function trackingCodeOf(workOrderId: string): string | null {
  return trackingCodes.get(workOrderId) ?? null
}
