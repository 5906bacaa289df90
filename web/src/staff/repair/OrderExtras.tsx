// Parts of the order page beyond the main run: the links between an order and its comebacks
// (rework orders) and opening one from a handed-over order; sending the item to an external
// repairer and recording its return; lifting the lock on the order's access codes after too many
// wrong tries; changing a draft estimate line; carrying the item's open recommendations (lines
// declined at earlier visits) into the estimate, or dismissing one for good.
import { useState } from 'preact/hooks'
import { useI18n } from '../../shared/i18n/i18n.js'
import { href, navigate } from '../../shared/router.js'
import { TextField } from '../../shared/ui/Field.js'
import { Notice } from '../../shared/ui/Status.js'
import { useLoad } from '../../shared/useLoad.js'
import {
  DateTimeField,
  instantOf,
  NumberField,
  RepairError,
  rememberTrackingCode,
  useAction,
  useRepair,
} from './common.js'
import type { Change, EstimateLine, Order } from './repairApi.js'

interface Props {
  readonly order: Order
  readonly onChange: (c: Change | null) => void
}

/** The order this one redoes, and the comebacks opened for this one, as links. */
export function ReworkLinks({ order: o }: { readonly order: Order }) {
  const { r } = useRepair()
  if (!o.reworkOf && o.reworkOrderIds.length === 0) return null
  return (
    <div class="rework-links">
      {o.reworkOf && (
        <p>
          {r('rework.of')} <a href={href(`order/${o.reworkOf.workOrderId}`)}>{o.reworkOf.workOrderId}</a> —{' '}
          {o.reworkOf.reason}
        </p>
      )}
      {o.reworkOrderIds.length > 0 && (
        <p>
          {r('rework.opened')}{' '}
          {o.reworkOrderIds.map((id, n) => (
            <span key={id}>
              {n > 0 ? ', ' : ''}
              <a href={href(`order/${id}`)}>{id}</a>
            </span>
          ))}
        </p>
      )}
    </div>
  )
}

/** A comeback: a new order for the same item, linked to this handed-over one. */
export function Rework({ order: o }: { readonly order: Order }) {
  const { r, api } = useRepair()
  const action = useAction()
  const [reason, setReason] = useState('')
  const [description, setDescription] = useState('')
  const [promised, setPromised] = useState('')
  if (o.status !== 'handed_over') return null
  return (
    <form
      class="card"
      aria-labelledby="rework-h"
      onSubmit={async (e) => {
        e.preventDefault()
        const opened = await action.run(() =>
          api.rework(o.workOrderId, {
            reason: reason.trim(),
            intake: { customerDescription: description.trim() },
            promisedAt: instantOf(promised),
          }),
        )
        if (opened) {
          rememberTrackingCode(opened.order.workOrderId, opened.trackingCode)
          navigate(`order/${opened.order.workOrderId}`)
        }
      }}
    >
      <h2 id="rework-h">{r('rework.title')}</h2>
      <p class="hint">{r('rework.hint')}</p>
      <RepairError error={action.error} />
      <TextField label={r('rework.reason')} value={reason} onValue={setReason} required />
      <TextField label={r('intake.description')} value={description} onValue={setDescription} required />
      <DateTimeField label={r('intake.promised')} value={promised} onValue={setPromised} />
      <button type="submit" class="primary" disabled={action.busy || !reason.trim() || !description.trim()}>
        {r('rework.submit')}
      </button>
    </form>
  )
}

/** The repairer's id: the same name gives the same id (the network keeps no list of repairers). */
export const repairerIdOf = (name: string): string =>
  `ext-${
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 90) || 'repairer'
  }`

/** A price typed the Polish or the English way ("120,50", "120.5"), in minor units; null: not a price. */
export function minorOf(text: string): number | null {
  const t = text.trim().replace(/\s/g, '').replace(',', '.')
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return null
  return Math.round(Number(t) * 100)
}

export function ExternalRepair({ order: o, onChange }: Props) {
  const { r, api, when } = useRepair()
  const action = useAction()
  const [name, setName] = useState('')
  const [reference, setReference] = useState('')
  const [expected, setExpected] = useState('')
  const [note, setNote] = useState('')
  const [outcome, setOutcome] = useState<'repaired' | 'not_repaired'>('repaired')
  const [cost, setCost] = useState('')
  const [backNote, setBackNote] = useState('')
  const [costError, setCostError] = useState<string | null>(null)
  const go = async (call: () => Promise<Change>) => onChange(await action.run(call))
  const currency = o.lines.find((l) => l.line.kind === 'part')?.line
  const cur = currency?.kind === 'part' ? currency.unitPrice.currency : 'PLN'
  if (o.status === 'in_repair')
    return (
      <form
        class="card"
        aria-labelledby="external-h"
        onSubmit={(e) => {
          e.preventDefault()
          void go(() =>
            api.sendOut(o.workOrderId, {
              repairerId: repairerIdOf(name),
              repairerName: name.trim(),
              reference: reference.trim() || null,
              expectedBackAt: instantOf(expected),
              note: note.trim() || null,
            }),
          )
        }}
      >
        <h2 id="external-h">{r('external.title')}</h2>
        <RepairError error={action.error} />
        <div class="field-row">
          <TextField label={r('external.repairer')} value={name} onValue={setName} required />
          <TextField label={r('external.reference')} value={reference} onValue={setReference} />
          <DateTimeField label={r('external.expected')} value={expected} onValue={setExpected} />
          <TextField label={r('order.note')} value={note} onValue={setNote} />
        </div>
        <button type="submit" disabled={action.busy || !name.trim()}>
          {r('external.send')}
        </button>
      </form>
    )
  if (o.status !== 'at_external_repairer' || !o.external) return null
  return (
    <form
      class="card"
      aria-labelledby="external-h"
      onSubmit={(e) => {
        e.preventDefault()
        const minor = cost.trim() ? minorOf(cost) : null
        if (cost.trim() && minor === null) {
          setCostError(r('external.costInvalid'))
          return
        }
        setCostError(null)
        void go(() =>
          api.receiveBack(
            o.workOrderId,
            outcome,
            minor === null ? null : { amountMinor: minor, currency: cur },
            backNote.trim() || null,
          ),
        )
      }}
    >
      <h2 id="external-h">{r('external.title')}</h2>
      <p>{r('external.at', { name: o.external.repairerName, at: when(o.external.sentAt) })}</p>
      <RepairError error={action.error} />
      <fieldset>
        <legend>{r('external.outcome')}</legend>
        {(['repaired', 'not_repaired'] as const).map((v) => (
          <label key={v} class="choice inline">
            <input type="radio" name="external-outcome" checked={outcome === v} onChange={() => setOutcome(v)} />
            {r(`external.${v}`)}
          </label>
        ))}
      </fieldset>
      <div class="field-row">
        <TextField
          label={r('external.cost', { currency: cur })}
          value={cost}
          onValue={setCost}
          error={costError ?? undefined}
        />
        <TextField label={r('order.note')} value={backNote} onValue={setBackNote} />
      </div>
      <button type="submit" class="primary" disabled={action.busy}>
        {r('external.receive')}
      </button>
    </form>
  )
}

/** Staff lift the lock a run of wrong tracking or estimate codes put on the order (the customer called). */
export function UnlockCodes({ order: o }: { readonly order: Order }) {
  const { r, api } = useRepair()
  const action = useAction()
  const [done, setDone] = useState(false)
  return (
    <section class="card" aria-labelledby="unlock-h">
      <h2 id="unlock-h">{r('unlock.title')}</h2>
      <p class="hint">{r('unlock.hint')}</p>
      <RepairError error={action.error} />
      <button
        type="button"
        disabled={action.busy}
        onClick={async () => {
          setDone(false)
          if (await action.run(() => api.unlockCodes(o.workOrderId))) setDone(true)
        }}
      >
        {r('unlock.submit')}
      </button>
      {done && <Notice kind="success">{r('unlock.done')}</Notice>}
    </section>
  )
}

/** One draft line changed: a part's quantity, labour's description and minutes. */
export function LineEditor(props: {
  readonly order: Order
  readonly line: EstimateLine
  readonly onChange: (c: Change | null) => void
  readonly onClose: () => void
}) {
  const { r, api } = useRepair()
  const action = useAction()
  const l = props.line
  const [amount, setAmount] = useState(String(l.kind === 'part' ? l.quantity : l.minutes))
  const [description, setDescription] = useState(l.description)
  return (
    <form
      class="line-editor"
      aria-labelledby="line-edit-h"
      onSubmit={async (e) => {
        e.preventDefault()
        const done = await action.run(() =>
          api.changeLine(
            props.order.workOrderId,
            l.lineId,
            l.kind === 'part'
              ? { kind: 'goods', sku: l.sku, quantity: Number(amount) }
              : { kind: 'labour', description: description.trim(), minutes: Number(amount) },
          ),
        )
        props.onChange(done)
        if (done) props.onClose()
      }}
    >
      <h3 id="line-edit-h">{r('line.editing', { line: l.description })}</h3>
      <RepairError error={action.error} />
      <div class="field-row">
        {l.kind === 'labour' && (
          <TextField label={r('line.description')} value={description} onValue={setDescription} required />
        )}
        <NumberField
          label={l.kind === 'part' ? r('line.quantity') : r('line.minutes')}
          min={1}
          value={amount}
          onValue={setAmount}
        />
      </div>
      <button type="submit" disabled={action.busy}>
        {r('line.save')}
      </button>{' '}
      <button type="button" onClick={props.onClose}>
        {r('line.cancelEdit')}
      </button>
    </form>
  )
}

/** The item's open recommendations not on this estimate yet, each chosen or not, carried as new lines. */
export function Recommendations({ order: o, onChange }: Props) {
  const { r, api, when } = useRepair()
  const { money } = useI18n()
  const action = useAction()
  const equipmentId = o.equipment?.equipmentId ?? ''
  const carried = new Set(o.lines.map((l) => l.line.recommendationId).filter((id) => id))
  const recs = useLoad(equipmentId ? () => api.recommendations(equipmentId) : null, [equipmentId, carried.size, api])
  const [left, setLeft] = useState<ReadonlySet<string>>(new Set())
  const open = (recs.data?.recommendations ?? []).filter((x) => !carried.has(x.recommendationId))
  if (open.length === 0 && !recs.error) return null
  const chosen = open.filter((x) => !left.has(x.recommendationId)).map((x) => x.recommendationId)
  return (
    <form
      class="recommendations"
      aria-labelledby="recs-h"
      onSubmit={async (e) => {
        e.preventDefault()
        onChange(await action.run(() => api.carryRecommendations(o.workOrderId, chosen)))
      }}
    >
      <h3 id="recs-h">{r('recs.title')}</h3>
      <RepairError error={action.error ?? recs.error} />
      <ul class="plain">
        {open.map((x) => (
          <li key={x.recommendationId}>
            <label class="choice">
              <input
                type="checkbox"
                checked={!left.has(x.recommendationId)}
                onChange={(ev) => {
                  const next = new Set(left)
                  if (ev.currentTarget.checked) next.delete(x.recommendationId)
                  else next.add(x.recommendationId)
                  setLeft(next)
                }}
              />
              {x.description}
              {x.kind === 'part' ? ` (${x.quantity} × ${x.sku})` : ` (${x.minutes} min)`} —{' '}
              {r('recs.quoted', { net: money(x.quotedNet), at: when(x.raisedAt) })}
            </label>{' '}
            <button
              type="button"
              class="link-button"
              disabled={action.busy}
              aria-label={r('recs.dismissWhich', { line: x.description })}
              onClick={async () => {
                if (await action.run(() => api.dismissRecommendation(equipmentId, x.recommendationId)))
                  await recs.reload()
              }}
            >
              {r('recs.dismiss')}
            </button>
          </li>
        ))}
      </ul>
      <button type="submit" disabled={action.busy || chosen.length === 0}>
        {r('recs.carry', { n: chosen.length })}
      </button>
    </form>
  )
}
