// One work order, from intake to handover: its header (status, customer, promised date, late by),
// the next steps its status allows (and the point's own statuses), the intake protocol, checklist,
// estimate builder from the catalogue with the customer's answer, technicians and their log, parts
// from the point's stock, the status trail, and the PDFs to print.
import { useRef, useState } from 'preact/hooks'
import { saveFile } from '../../shared/api/download.js'
import { useGoods, useServices } from '../../shared/catalogue.js'
import { useI18n } from '../../shared/i18n/i18n.js'
import { href } from '../../shared/router.js'
import { useSession } from '../../shared/session.js'
import type { PageProps } from '../../shared/ui/AppShell.js'
import { SelectField, TextField } from '../../shared/ui/Field.js'
import { Loading, Notice } from '../../shared/ui/Status.js'
import { useLoad } from '../../shared/useLoad.js'
import {
  DateTimeField,
  instantOf,
  lateText,
  NumberField,
  OrderStatusBadge,
  RepairError,
  trackingCodeOf,
  useAction,
  useRepair,
} from './common.js'
import { ExternalRepair, LineEditor, Recommendations, Rework, ReworkLinks, UnlockCodes } from './OrderExtras.js'
import type {
  Change,
  ChecklistResult,
  DocumentFile,
  EquipmentType,
  EstimateLine,
  NewLine,
  Order,
  StockAnswer,
} from './repairApi.js'
import { type SignatureHandle, SignaturePad } from './SignaturePad.js'

const CANCELLABLE = ['intake', 'diagnosis', 'estimate', 'approved', 'partially_approved', 'rejected', 'in_repair']
const CUSTOM_PHASES = ['diagnosis', 'estimate', 'approved', 'partially_approved', 'in_repair']
const REOPENABLE = ['estimate', 'approved', 'partially_approved', 'rejected', 'in_repair']
const DRAFT = ['intake', 'diagnosis']
const RETURNABLE = ['intake', 'diagnosis', 'estimate', 'rejected']
const CLOSED = ['handed_over', 'returned_unrepaired', 'irreparable', 'cancelled']
const IRREPARABLE_FROM = ['diagnosis', 'estimate', 'approved', 'partially_approved', 'in_repair']
const WORKING = ['diagnosis', 'in_repair']

export function lineNetMinor(line: EstimateLine): number {
  return line.kind === 'labour'
    ? Math.round((line.minutes * line.hourlyRate.amountMinor) / 60)
    : line.quantity * line.unitPrice.amountMinor
}

export function OrderPage({ location }: PageProps) {
  const { r, api, when } = useRepair()
  const id = location.rest[0] ?? ''
  const loaded = useLoad(id ? () => api.order(id) : null, [id, api])
  const [order, setOrder] = useState<Order | null>(null)
  // The answer of the last step, unless a later load (a reload, another tab's change) is newer.
  const mine = order?.workOrderId === id ? order : null
  const current = mine && (!loaded.data || mine.streamRevision >= loaded.data.streamRevision) ? mine : loaded.data
  const config = useLoad(current ? () => api.config(current.pointId) : null, [current?.pointId, api])
  const tracking = trackingCodeOf(id)
  const onChange = (c: Change | null) => {
    if (c) setOrder(c.order)
  }

  if (!current)
    return (
      <section>
        <h1 tabIndex={-1}>{r('order.title')}</h1>
        <Loading show={loaded.loading} />
        <RepairError error={loaded.error} />
        <p>
          <a href={href('orders')}>{r('order.toBoard')}</a>
        </p>
      </section>
    )

  const o = current
  return (
    <section class="order-page">
      <h1 tabIndex={-1}>
        {r('order.title')} · {o.equipment?.label ?? o.workOrderId}
      </h1>
      <p class="order-head">
        <OrderStatusBadge status={o.status} custom={o.customStatus} />{' '}
        {o.customer?.name && <span>{o.customer.name}</span>} {o.customer?.phone && <span>{o.customer.phone}</span>}
      </p>
      <dl class="summary">
        <dt>{r('order.number')}</dt>
        <dd>{o.workOrderId}</dd>
        <dt>{r('order.opened')}</dt>
        <dd>{when(o.openedAt)}</dd>
        <dt>{r('order.promised')}</dt>
        <dd>{when(o.promisedAt)}</dd>
      </dl>
      {o.overdueMinutes !== null && o.overdueMinutes > 0 && (
        <p class="alert-overdue" role="status">
          <strong>{lateText(r, o.overdueMinutes)}</strong>
        </p>
      )}
      <ReworkLinks order={o} />
      {tracking && <Notice kind="success">{r('order.trackingCode', { code: tracking })}</Notice>}
      <p>
        <a href={href('orders', { point: o.pointId })}>{r('order.toBoard')}</a>
      </p>

      <NextSteps order={o} statuses={config.data?.statuses ?? []} onChange={onChange} />
      <ExternalRepair order={o} onChange={onChange} />
      <Rework order={o} />
      <Documents order={o} />
      <Intake order={o} />
      <Checklists order={o} onChange={onChange} />
      <Problems
        order={o}
        defects={config.data?.types.find((ty) => ty.typeCode === o.equipment?.typeCode)?.defects ?? []}
        onChange={onChange}
      />
      <Estimate order={o} onChange={onChange} />
      <Work order={o} onChange={onChange} />
      <Parts order={o} />
      <UnlockCodes order={o} />
      <section class="card" aria-labelledby="trail-h">
        <h2 id="trail-h">{r('order.trail')}</h2>
        <ol class="trail">
          {o.statusHistory.map((s) => (
            <li key={`${s.at}-${s.status}-${s.customStatus?.code ?? ''}`}>
              {when(s.at)} — {r(`status.${s.status}`)}
              {s.customStatus ? ` · ${s.customStatus.label}` : ''}
            </li>
          ))}
        </ol>
      </section>
    </section>
  )
}

interface SectionProps {
  readonly order: Order
  readonly onChange: (c: Change | null) => void
}

function NextSteps({
  order: o,
  statuses,
  onChange,
}: SectionProps & { readonly statuses: readonly { code: string; label: string }[] }) {
  const { r, api, when } = useRepair()
  const action = useAction()
  const [summary, setSummary] = useState('')
  const [receivedBy, setReceivedBy] = useState(o.customer?.name ?? '')
  const [mileage, setMileage] = useState('')
  const [note, setNote] = useState('')
  const [reason, setReason] = useState('')
  const [custom, setCustom] = useState(statuses[0]?.code ?? '')
  const [promised, setPromised] = useState('')
  const signature = useRef<SignatureHandle | null>(null)
  const [customNote, setCustomNote] = useState('')
  const id = o.workOrderId
  const go = async (call: () => Promise<Change>) => onChange(await action.run(call))
  const chosenCustom = custom || statuses[0]?.code || ''

  if (CLOSED.includes(o.status))
    return (
      <section class="card next-steps" aria-labelledby="next-h">
        <h2 id="next-h">{r('order.next')}</h2>
        <p>{r('order.closed', { at: when(o.closedAt) })}</p>
      </section>
    )
  return (
    <section class="card next-steps" aria-labelledby="next-h">
      <h2 id="next-h">{r('order.next')}</h2>
      <RepairError error={action.error} />
      <div class="actions">
        {o.status === 'intake' && (
          <button type="button" class="primary" disabled={action.busy} onClick={() => go(() => api.startDiagnosis(id))}>
            {r('order.startDiagnosis')}
          </button>
        )}
        {(o.status === 'approved' || o.status === 'partially_approved') && (
          <button type="button" class="primary" disabled={action.busy} onClick={() => go(() => api.startRepair(id))}>
            {r('order.startRepair')}
          </button>
        )}
      </div>
      {o.status === 'in_repair' && (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void go(() => api.ready(id, summary.trim() || null))
          }}
        >
          <TextField label={r('order.summary')} value={summary} onValue={setSummary} />
          <button type="submit" class="primary" disabled={action.busy}>
            {r('order.ready')}
          </button>
        </form>
      )}
      {o.status === 'ready' && (
        <form
          aria-labelledby="handover-h"
          onSubmit={(e) => {
            e.preventDefault()
            void go(async () => {
              const drawn = await signature.current?.png()
              return api.handOver(
                id,
                receivedBy.trim(),
                mileage.trim() ? Number(mileage) : null,
                note.trim() || null,
                drawn ? await api.uploadRef(drawn) : null,
              )
            })
          }}
        >
          <h3 id="handover-h">{r('order.handover')}</h3>
          <div class="field-row">
            <TextField label={r('order.receivedBy')} value={receivedBy} onValue={setReceivedBy} required />
            <NumberField label={r('order.mileage')} value={mileage} onValue={setMileage} />
            <TextField label={r('order.note')} value={note} onValue={setNote} />
          </div>
          <SignaturePad label={r('order.handover.signature')} handle={signature} />
          <button type="submit" class="primary" disabled={action.busy || receivedBy.trim() === ''}>
            {r('order.handOver')}
          </button>
        </form>
      )}
      {CUSTOM_PHASES.includes(o.status) && statuses.length > 0 && (
        <form
          aria-labelledby="custom-h"
          onSubmit={(e) => {
            e.preventDefault()
            void go(() => api.enterStatus(id, chosenCustom, customNote.trim() || null))
          }}
        >
          <h3 id="custom-h">{r('order.customStatus')}</h3>
          <div class="field-row">
            <SelectField
              label={r('order.customStatus.which')}
              value={chosenCustom}
              onValue={setCustom}
              options={statuses.map((s) => ({ value: s.code, label: s.label }))}
            />
            <TextField label={r('order.note')} value={customNote} onValue={setCustomNote} />
          </div>
          <button type="submit" disabled={action.busy}>
            {r('order.customStatus.enter')}
          </button>
          {o.customStatus && (
            <button type="button" disabled={action.busy} onClick={() => go(() => api.leaveStatus(id))}>
              {r('order.customStatus.leave', { label: o.customStatus.label })}
            </button>
          )}
        </form>
      )}
      <form
        aria-labelledby="promise-h"
        onSubmit={(e) => {
          e.preventDefault()
          void go(() => api.setPromised(id, instantOf(promised), reason.trim() || null))
        }}
      >
        <h3 id="promise-h">{r('order.promise')}</h3>
        <DateTimeField label={r('order.promise.new')} value={promised} onValue={setPromised} />
        <button type="submit" disabled={action.busy}>
          {r('order.promise.set')}
        </button>
      </form>
      {(CANCELLABLE.includes(o.status) || RETURNABLE.includes(o.status) || REOPENABLE.includes(o.status)) && (
        <details>
          <summary>{r('order.other')}</summary>
          <TextField label={r('order.reason')} value={reason} onValue={setReason} required />
          <div class="actions">
            {REOPENABLE.includes(o.status) && (
              <button
                type="button"
                disabled={action.busy || !reason.trim()}
                onClick={() => go(() => api.reopenEstimate(id, reason.trim()))}
              >
                {r('order.reopen')}
              </button>
            )}
            {RETURNABLE.includes(o.status) && (
              <button
                type="button"
                disabled={action.busy || !reason.trim() || !receivedBy.trim()}
                onClick={() => go(() => api.returnUnrepaired(id, receivedBy.trim(), reason.trim()))}
              >
                {r('order.returnUnrepaired')}
              </button>
            )}
            {IRREPARABLE_FROM.includes(o.status) && (
              <button
                type="button"
                disabled={action.busy || !reason.trim()}
                onClick={() => go(() => api.irreparable(id, reason.trim()))}
              >
                {r('order.irreparable')}
              </button>
            )}
            {CANCELLABLE.includes(o.status) && (
              <button
                type="button"
                class="danger"
                disabled={action.busy || !reason.trim()}
                onClick={() => go(() => api.cancel(id, reason.trim()))}
              >
                {r('order.cancel')}
              </button>
            )}
          </div>
        </details>
      )}
    </section>
  )
}

const DOCUMENTS: readonly {
  file: DocumentFile
  key: 'doc.intake' | 'doc.estimate' | 'doc.workOrder' | 'doc.handover'
}[] = [
  { file: 'intake-protocol', key: 'doc.intake' },
  { file: 'estimate', key: 'doc.estimate' },
  { file: 'work-order', key: 'doc.workOrder' },
  { file: 'handover-protocol', key: 'doc.handover' },
]

function Documents({ order: o }: { readonly order: Order }) {
  const { r, api, locale } = useRepair()
  const action = useAction()
  const closed = o.status === 'handed_over' || o.status === 'returned_unrepaired'
  return (
    <section class="card" aria-labelledby="docs-h">
      <h2 id="docs-h">{r('order.documents')}</h2>
      <RepairError error={action.error} />
      <ul class="documents">
        {DOCUMENTS.filter((d) => d.file !== 'handover-protocol' || closed).map((d) => (
          <li key={d.file}>
            <button
              type="button"
              class="link-button"
              disabled={action.busy}
              onClick={async () => {
                const got = await action.run(() => api.document(o.workOrderId, d.file, locale))
                if (got) saveFile(got.blob, got.filename ?? `${d.file}-${o.workOrderId}.pdf`)
              }}
            >
              {r(d.key)} (PDF)
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}

function Intake({ order: o }: { readonly order: Order }) {
  const { r } = useRepair()
  const i = o.intake
  if (!i) return null
  return (
    <section class="card" aria-labelledby="intake-h">
      <h2 id="intake-h">{r('order.intake')}</h2>
      <dl class="summary">
        <dt>{r('intake.description')}</dt>
        <dd>{i.customerDescription}</dd>
        <dt>{r('intake.condition')}</dt>
        <dd>{i.conditionNotes || '—'}</dd>
        <dt>{r('intake.accessories')}</dt>
        <dd>{i.accessories.join(', ') || '—'}</dd>
        <dt>{r('intake.mileage')}</dt>
        <dd>{i.mileageKm ?? '—'}</dd>
        <dt>{r('intake.photos')}</dt>
        <dd>{r('order.photos', { n: i.photos.length })}</dd>
      </dl>
      {i.photos.length > 0 && (
        <ul class="photos">
          {i.photos.map((p, n) => (
            <li key={p.fileId}>
              <Photo fileId={p.fileId} alt={r('order.photo', { n: n + 1 })} />
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

/**
 * A photo behind the login: fetched with the token and shown as a data: URL (the page's security
 * policy lets images come from this origin and data: only). A format the browser cannot show
 * (HEIC) leaves its text.
 */
function Photo(props: { readonly fileId: string; readonly alt: string }) {
  const { api } = useRepair()
  const photo = useLoad(
    () =>
      api.file(props.fileId).then(
        ({ blob }) =>
          new Promise<string>((resolve, reject) => {
            const reader = new FileReader()
            reader.onload = () => resolve(String(reader.result))
            reader.onerror = () => reject(reader.error)
            reader.readAsDataURL(blob)
          }),
      ),
    [props.fileId, api],
  )
  if (photo.error) return <span class="hint">{props.alt}</span>
  return photo.data ? <img src={photo.data} alt={props.alt} width={160} /> : <span class="hint">…</span>
}

const RESULTS: readonly ChecklistResult[] = ['ok', 'attention', 'fail']

function Checklists({ order: o, onChange }: SectionProps) {
  const { r, api } = useRepair()
  const action = useAction()
  // What was changed on screen and not saved yet, per "checklist/item".
  const [draft, setDraft] = useState<Record<string, { result?: ChecklistResult; note?: string }>>({})
  const lists = Object.values(o.checklists)
  const working = !CLOSED.includes(o.status)
  const edit = (key: string, change: { result?: ChecklistResult; note?: string }) =>
    setDraft({ ...draft, [key]: { ...draft[key], ...change } })
  return (
    <section class="card" aria-labelledby="check-h">
      <h2 id="check-h">{r('order.checklist')}</h2>
      <RepairError error={action.error} />
      {lists.length === 0 && working && (
        <button
          type="button"
          disabled={action.busy}
          onClick={async () => onChange(await action.run(() => api.assignChecklist(o.workOrderId)))}
        >
          {r('order.checklist.assign')}
        </button>
      )}
      {lists.map(({ checklist, results }) => {
        const keyOf = (itemId: string) => `${checklist.checklistId}/${itemId}`
        const changed = checklist.items.flatMap((it) => {
          const d = draft[keyOf(it.itemId)]
          const result = d?.result ?? results[it.itemId]?.result
          if (!d || !result) return []
          return [{ itemId: it.itemId, result, note: (d.note ?? results[it.itemId]?.note ?? '').trim() || null }]
        })
        return (
          <form
            key={checklist.checklistId}
            onSubmit={async (e) => {
              e.preventDefault()
              const done = await action.run(() => api.recordChecklist(o.workOrderId, checklist.checklistId, changed))
              if (done) setDraft({})
              onChange(done)
            }}
          >
            <h3>{checklist.name}</h3>
            {checklist.items.map((it) => {
              const key = keyOf(it.itemId)
              const value = draft[key]?.result ?? results[it.itemId]?.result
              return (
                <fieldset key={it.itemId} class="checklist-item">
                  <legend>{it.label}</legend>
                  {RESULTS.map((res) => (
                    <label key={res} class="choice inline">
                      <input
                        type="radio"
                        name={key}
                        value={res}
                        checked={value === res}
                        disabled={!working}
                        onChange={() => edit(key, { result: res })}
                      />
                      {r(`check.${res}`)}
                    </label>
                  ))}
                  {(value === 'attention' || value === 'fail') &&
                    (working ? (
                      <TextField
                        label={r('check.note', { item: it.label })}
                        value={draft[key]?.note ?? results[it.itemId]?.note ?? ''}
                        onValue={(note) => edit(key, { note })}
                      />
                    ) : (
                      results[it.itemId]?.note && <p class="hint">{results[it.itemId]?.note}</p>
                    ))}
                </fieldset>
              )
            })}
            {working && (
              <button type="submit" disabled={action.busy || changed.length === 0}>
                {r('order.checklist.save')}
              </button>
            )}
          </form>
        )
      })}
    </section>
  )
}

function Problems({ order: o, defects, onChange }: SectionProps & { readonly defects: EquipmentType['defects'] }) {
  const { r, api } = useRepair()
  const action = useAction()
  const [defect, setDefect] = useState('')
  const [cause, setCause] = useState('')
  const [note, setNote] = useState('')
  const recorded = Object.values(o.problems)
  const open = !CLOSED.includes(o.status) && o.status !== 'at_external_repairer'
  const chosen = defects.find((d) => d.code === defect) ?? defects[0]
  const chosenCause = chosen?.causes.some((c) => c.code === cause) ? cause : ''
  if (!open && recorded.length === 0) return null
  return (
    <section class="card" aria-labelledby="problems-h">
      <h2 id="problems-h">{r('order.problems')}</h2>
      <RepairError error={action.error} />
      {recorded.length === 0 ? (
        <p>{r('order.problems.none')}</p>
      ) : (
        <ul class="log">
          {recorded.map((p) => (
            <li key={p.problemId}>
              <strong>{p.defectLabel}</strong>
              {p.causeLabel ? ` — ${p.causeLabel}` : ''}
              {p.note ? <p>{p.note}</p> : null}
              {open && (
                <button
                  type="button"
                  class="link-button"
                  disabled={action.busy}
                  aria-label={r('order.problems.withdrawWhich', { problem: p.defectLabel })}
                  onClick={async () =>
                    onChange(await action.run(() => api.withdrawProblem(o.workOrderId, p.problemId)))
                  }
                >
                  {r('order.problems.withdraw')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {open && chosen && (
        <form
          aria-labelledby="problem-add-h"
          onSubmit={async (e) => {
            e.preventDefault()
            const done = await action.run(() =>
              api.recordProblem(o.workOrderId, chosen.code, chosenCause || null, note.trim() || null),
            )
            if (done) setNote('')
            onChange(done)
          }}
        >
          <h3 id="problem-add-h">{r('order.problems.add')}</h3>
          <div class="field-row">
            <SelectField
              label={r('order.problems.defect')}
              value={chosen.code}
              onValue={(code) => {
                setDefect(code)
                setCause('')
              }}
              options={defects.map((d) => ({ value: d.code, label: d.label }))}
            />
            <SelectField
              label={r('order.problems.cause')}
              value={chosenCause}
              onValue={setCause}
              options={[
                { value: '', label: r('order.problems.causeUnknown') },
                ...chosen.causes.map((c) => ({ value: c.code, label: c.label })),
              ]}
            />
            <TextField label={r('order.note')} value={note} onValue={setNote} />
          </div>
          <button type="submit" disabled={action.busy}>
            {r('order.problems.addSubmit')}
          </button>
        </form>
      )}
    </section>
  )
}

function Estimate({ order: o, onChange }: SectionProps) {
  const { r, api } = useRepair()
  const { money, name } = useI18n()
  const { api: shared } = useSession()
  const services = useServices(shared)
  const goods = useGoods(shared)
  const action = useAction()
  const [kind, setKind] = useState<'service' | 'goods' | 'labour'>('service')
  const [code, setCode] = useState('')
  const [sku, setSku] = useState('')
  const [quantity, setQuantity] = useState('1')
  const [description, setDescription] = useState('')
  const [minutes, setMinutes] = useState('30')
  const [decidedBy, setDecidedBy] = useState(o.customer?.name ?? '')
  const [channel, setChannel] = useState<'in_person' | 'phone' | 'email'>('in_person')
  const [decisions, setDecisions] = useState<Record<string, 'approved' | 'declined'>>({})
  const [sentCode, setSentCode] = useState<string | null>(null)
  const [editing, setEditing] = useState<string | null>(null)
  const edited = o.lines.find((l) => l.line.lineId === editing)?.line
  const draft = DRAFT.includes(o.status)
  const currency = o.lines[0]?.line.kind === 'part' ? o.lines[0].line.unitPrice.currency : 'PLN'
  const total = o.lines.filter((l) => l.decision !== 'declined').reduce((s, l) => s + lineNetMinor(l.line), 0)
  const serviceCode = code || services.data?.[0]?.code || ''
  const goodsSku = sku || goods.data?.[0]?.sku || ''
  const go = async (call: () => Promise<Change>) => onChange(await action.run(call))

  const add = () => {
    const line: NewLine =
      kind === 'service'
        ? { kind, serviceCode }
        : kind === 'goods'
          ? { kind, sku: goodsSku, quantity: Number(quantity) }
          : { kind, description: description.trim(), minutes: Number(minutes) }
    void go(() => api.addLine(o.workOrderId, line))
  }

  return (
    <section class="card" aria-labelledby="estimate-h">
      <h2 id="estimate-h">
        {r('order.estimate')} ({r('order.revision', { n: o.revision })})
      </h2>
      <RepairError error={action.error ?? services.error ?? goods.error} />
      {o.lines.length === 0 ? (
        <p>{r('order.estimate.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table class="responsive estimate-lines">
            <caption class="visually-hidden">{r('order.estimate')}</caption>
            <thead>
              <tr>
                <th scope="col">{r('line.description')}</th>
                <th scope="col">{r('line.amount')}</th>
                <th scope="col">{r('line.net')}</th>
                <th scope="col">{r('line.decision')}</th>
                <th scope="col">
                  <span class="visually-hidden">{r('line.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {o.lines.map(({ line, decision }) => (
                <tr key={line.lineId}>
                  <th scope="row" data-label={r('line.description')}>
                    {line.description}
                  </th>
                  <td data-label={r('line.amount')}>
                    {line.kind === 'labour' ? `${line.minutes} min` : `${line.quantity} × ${line.sku}`}
                  </td>
                  <td data-label={r('line.net')}>
                    {money({
                      amountMinor: lineNetMinor(line),
                      currency: line.kind === 'labour' ? line.hourlyRate.currency : line.unitPrice.currency,
                    })}
                  </td>
                  <td data-label={r('line.decision')}>
                    {o.status === 'estimate' && decision === 'pending' ? (
                      <select
                        aria-label={r('line.decisionFor', { line: line.description })}
                        value={decisions[line.lineId] ?? 'approved'}
                        onChange={(e) =>
                          setDecisions({
                            ...decisions,
                            [line.lineId]: e.currentTarget.value as 'approved' | 'declined',
                          })
                        }
                      >
                        <option value="approved">{r('decision.approved')}</option>
                        <option value="declined">{r('decision.declined')}</option>
                      </select>
                    ) : (
                      r(`decided.${decision}`)
                    )}
                  </td>
                  <td>
                    {draft && (
                      <button
                        type="button"
                        class="link-button"
                        disabled={action.busy}
                        aria-label={r('line.editWhich', { line: line.description })}
                        onClick={() => setEditing(line.lineId)}
                      >
                        {r('line.edit')}
                      </button>
                    )}{' '}
                    {draft && (
                      <button
                        type="button"
                        class="link-button"
                        disabled={action.busy}
                        aria-label={r('line.removeWhich', { line: line.description })}
                        onClick={() => go(() => api.removeLine(o.workOrderId, line.lineId))}
                      >
                        {r('line.remove')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="estimate-total">{r('order.estimate.total', { net: money({ amountMinor: total, currency }) })}</p>
        </div>
      )}
      {draft && edited && (
        <LineEditor key={edited.lineId} order={o} line={edited} onChange={onChange} onClose={() => setEditing(null)} />
      )}
      {draft && <Recommendations order={o} onChange={onChange} />}
      {draft && (
        <form
          class="add-line"
          aria-labelledby="add-line-h"
          onSubmit={(e) => {
            e.preventDefault()
            add()
          }}
        >
          <h3 id="add-line-h">{r('order.estimate.add')}</h3>
          <div class="field-row">
            <SelectField
              label={r('line.kind')}
              value={kind}
              onValue={setKind}
              options={[
                { value: 'service', label: r('line.kind.service') },
                { value: 'goods', label: r('line.kind.goods') },
                { value: 'labour', label: r('line.kind.labour') },
              ]}
            />
            {kind === 'service' && (
              <SelectField
                label={r('line.service')}
                value={serviceCode}
                onValue={setCode}
                options={(services.data ?? []).map((s) => ({
                  value: s.code,
                  label: `${name(s.names, s.code)} · ${money(s.price)}`,
                }))}
              />
            )}
            {kind === 'goods' && (
              <>
                <SelectField
                  label={r('line.goods')}
                  value={goodsSku}
                  onValue={setSku}
                  options={(goods.data ?? []).map((g) => ({
                    value: g.sku,
                    label: `${name(g.names, g.sku)} · ${money(g.price)}`,
                  }))}
                />
                <NumberField label={r('line.quantity')} min={1} value={quantity} onValue={setQuantity} />
              </>
            )}
            {kind === 'labour' && (
              <>
                <TextField label={r('line.description')} value={description} onValue={setDescription} required />
                <NumberField label={r('line.minutes')} min={1} value={minutes} onValue={setMinutes} />
              </>
            )}
          </div>
          <button type="submit" disabled={action.busy}>
            {r('order.estimate.addSubmit')}
          </button>
        </form>
      )}
      {draft && o.lines.length > 0 && (
        <button
          type="button"
          class="primary"
          disabled={action.busy}
          onClick={async () => {
            const sent = await action.run(() => api.sendEstimate(o.workOrderId))
            if (sent) setSentCode(sent.accessCode)
            onChange(sent)
          }}
        >
          {r('order.estimate.send')}
        </button>
      )}
      {sentCode && <Notice kind="success">{r('order.estimate.sent', { code: sentCode })}</Notice>}
      {o.status === 'estimate' && (
        <form
          aria-labelledby="decide-h"
          onSubmit={(e) => {
            e.preventDefault()
            const pending = o.lines.filter((l) => l.decision === 'pending')
            void go(() =>
              api.decide(
                o.workOrderId,
                o.revision,
                decidedBy.trim(),
                channel,
                pending.map((l) => ({ lineId: l.line.lineId, decision: decisions[l.line.lineId] ?? 'approved' })),
              ),
            )
          }}
        >
          <h3 id="decide-h">{r('order.estimate.decide')}</h3>
          <div class="field-row">
            <TextField label={r('order.estimate.decidedBy')} value={decidedBy} onValue={setDecidedBy} required />
            <SelectField
              label={r('order.estimate.channel')}
              value={channel}
              onValue={setChannel}
              options={[
                { value: 'in_person', label: r('channel.in_person') },
                { value: 'phone', label: r('channel.phone') },
                { value: 'email', label: r('channel.email') },
              ]}
            />
          </div>
          <button type="submit" class="primary" disabled={action.busy || decidedBy.trim() === ''}>
            {r('order.estimate.record')}
          </button>
        </form>
      )}
    </section>
  )
}

function Work({ order: o, onChange }: SectionProps) {
  const { r, api, when } = useRepair()
  const action = useAction()
  const staff = useLoad(() => api.staff(o.pointId), [o.pointId, api])
  // The point's ranking for this order: skills its services need, then open work; those on shift only.
  const ranking = useLoad(() => api.suggestions(o.workOrderId), [o.workOrderId, o.lines.length, api])
  const [technician, setTechnician] = useState('')
  const [text, setText] = useState('')
  const [visible, setVisible] = useState(false)
  const rank = ranking.data?.suggestions ?? []
  const place = (staffId: string) => {
    const i = rank.findIndex((x) => x.technicianId === staffId)
    return i < 0 ? rank.length : i
  }
  const members = [...(staff.data?.members ?? [])].sort((a, b) => place(a.staffId) - place(b.staffId))
  const chosen = technician || members[0]?.staffId || ''
  const labelOf = (m: { staffId: string; name: string }) => {
    const x = rank.find((y) => y.technicianId === m.staffId)
    if (!x) return `${m.name} (${r('order.technician.offShift')})`
    const fits = x.fits ? r('order.technician.fits') : r('order.technician.lacks')
    return `${m.name} (${fits}, ${r('order.technician.load', { minutes: x.workloadMinutes })})`
  }
  const go = async (call: () => Promise<Change>) => {
    const done = await action.run(call)
    onChange(done)
    return done
  }
  const assigned = Object.entries(o.technicians)
  const closed = CLOSED.includes(o.status)
  return (
    <section class="card" aria-labelledby="work-h">
      <h2 id="work-h">{r('order.work')}</h2>
      <RepairError error={action.error ?? staff.error} />
      <p>
        {r('order.technicians')}: {assigned.length === 0 ? '—' : assigned.map(([, t]) => t.name).join(', ')}
      </p>
      {assigned.length > 0 && (
        <ul class="labour">
          {assigned.map(([technicianId, t]) => {
            const clock = o.labour.perTechnician.find((p) => p.technicianId === technicianId)
            const running = clock?.clockRunning ?? false
            return (
              <li key={technicianId}>
                {r('order.clocked', { name: t.name, minutes: clock?.clockedMinutes ?? 0 })}{' '}
                {WORKING.includes(o.status) && (
                  <button
                    type="button"
                    disabled={action.busy}
                    onClick={() => go(() => (running ? api.clockOut : api.clockIn)(o.workOrderId, technicianId))}
                  >
                    {r(running ? 'order.clockOut' : 'order.clockIn', { name: t.name })}
                  </button>
                )}
              </li>
            )
          })}
        </ul>
      )}
      {members.length > 0 && !closed && (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void go(() => api.assignTechnician(o.workOrderId, chosen))
          }}
        >
          <div class="field-row">
            <SelectField
              label={r('order.technician')}
              value={chosen}
              onValue={setTechnician}
              options={members.map((m) => ({ value: m.staffId, label: labelOf(m) }))}
            />
          </div>
          <button type="submit" disabled={action.busy}>
            {r('order.assign')}
          </button>
        </form>
      )}
      <h3>{r('order.log')}</h3>
      <ul class="log">
        {o.log.map((e) => (
          <li key={e.entryId}>
            <span class="hint">
              {when(e.at)} · {e.author.name ?? ''}
              {e.visibleToCustomer ? ` · ${r('order.log.visible')}` : ''}
            </span>
            <p>{e.text}</p>
          </li>
        ))}
      </ul>
      {!closed && (
        <form
          onSubmit={async (e) => {
            e.preventDefault()
            if (await go(() => api.addLog(o.workOrderId, text.trim(), visible))) setText('')
          }}
        >
          <TextField label={r('order.log.entry')} value={text} onValue={setText} required />
          <label class="choice">
            <input type="checkbox" checked={visible} onChange={(e) => setVisible(e.currentTarget.checked)} />
            {r('order.log.visible')}
          </label>
          <button type="submit" disabled={action.busy || text.trim() === ''}>
            {r('order.log.add')}
          </button>
        </form>
      )}
    </section>
  )
}

function Parts({ order: o }: { readonly order: Order }) {
  const { r, api } = useRepair()
  const action = useAction()
  const stock = useLoad(() => api.stock(o.pointId), [o.pointId, api])
  const staff = useLoad(() => api.staff(o.pointId), [o.pointId, api])
  const [answer, setAnswer] = useState<StockAnswer | null>(null)
  const [technician, setTechnician] = useState('')
  const parts = o.lines.filter(
    (l): l is typeof l & { line: Extract<EstimateLine, { kind: 'part' }> } =>
      l.line.kind === 'part' && l.decision === 'approved',
  )
  const [sku, setSku] = useState('')
  const [quantity, setQuantity] = useState('1')
  const allParts = o.lines.flatMap((l) => (l.line.kind === 'part' ? [l.line] : []))
  if (allParts.length === 0) return null
  const members = staff.data?.members ?? []
  const chosenTech = technician || Object.keys(o.technicians)[0] || members[0]?.staffId || ''
  const chosenSku = sku || parts[0]?.line.sku || ''
  const level = (s: string) => (answer?.levels ?? stock.data?.items ?? []).find((l) => l.sku === s)
  return (
    <section class="card" aria-labelledby="parts-h">
      <h2 id="parts-h">{r('order.parts')}</h2>
      <RepairError error={action.error ?? stock.error} />
      <p>
        <a href={href('stock', { point: o.pointId })}>{r('parts.toStock')}</a>
      </p>
      <ul>
        {allParts.map((p) => {
          const l = level(p.sku)
          return (
            <li key={p.lineId}>
              {p.sku} × {p.quantity} —{' '}
              {l
                ? r('parts.level', { onHand: l.onHand, reserved: l.reserved, available: l.available })
                : r('parts.none')}
            </li>
          )
        })}
      </ul>
      {answer?.heldByOrder && (
        <p role="status">
          {r('parts.held', { parts: answer.heldByOrder.map((h) => `${h.sku} × ${h.quantity}`).join(', ') || '—' })}
        </p>
      )}
      {parts.length > 0 && !CLOSED.includes(o.status) && (
        <>
          <button
            type="button"
            disabled={action.busy}
            onClick={async () => {
              const done = await action.run(() => api.reserveParts(o.workOrderId))
              if (done) {
                void stock.reload()
                setAnswer(null)
              }
            }}
          >
            {r('parts.reserve')}
          </button>
          <form
            aria-labelledby="issue-h"
            onSubmit={async (e) => {
              e.preventDefault()
              const issued = await action.run(() =>
                api.issue(o.pointId, o.workOrderId, chosenTech, [{ sku: chosenSku, quantity: Number(quantity) }]),
              )
              if (issued) setAnswer(issued)
            }}
          >
            <h3 id="issue-h">{r('parts.issue')}</h3>
            <div class="field-row">
              <SelectField
                label={r('parts.sku')}
                value={chosenSku}
                onValue={setSku}
                options={parts.map((p) => ({ value: p.line.sku, label: `${p.line.description} (${p.line.sku})` }))}
              />
              <NumberField label={r('line.quantity')} min={1} value={quantity} onValue={setQuantity} />
              <SelectField
                label={r('order.technician')}
                value={chosenTech}
                onValue={setTechnician}
                options={members.map((m) => ({ value: m.staffId, label: m.name }))}
              />
            </div>
            <button type="submit" disabled={action.busy || !chosenTech}>
              {r('parts.issueSubmit')}
            </button>
          </form>
        </>
      )}
    </section>
  )
}
