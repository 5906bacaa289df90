// A point's stock: the low-stock list (available below the minimum, worst first) above every level,
// a delivery booked (goods receipt: the point's manager, the point's account or head office; an
// employee is refused in words), unused parts a technician brings back (for an order or not), and
// a sku's minimum level. Every change answers the levels it touched; the lists reload after it.
import { useState } from 'preact/hooks'
import { useGoods } from '../../shared/catalogue.js'
import { useI18n } from '../../shared/i18n/i18n.js'
import { navigate } from '../../shared/router.js'
import { useSession } from '../../shared/session.js'
import type { PageProps } from '../../shared/ui/AppShell.js'
import { SelectField, TextField } from '../../shared/ui/Field.js'
import { Loading, Notice } from '../../shared/ui/Status.js'
import { useLoad } from '../../shared/useLoad.js'
import { PointSelect } from '../PointSelect.js'
import { currentPointId, useNetworkPoints } from '../points.js'
import { NumberField, RepairError, useAction, useRepair } from './common.js'
import type { StockAnswer, StockRow } from './repairApi.js'

export function StockPage({ location }: PageProps) {
  const { r, api } = useRepair()
  const { api: shared, session } = useSession()
  const points = useNetworkPoints(shared)
  const pointId = currentPointId(location, session, points.data)
  const point = points.data?.find((p) => p.pointId === pointId)
  const levels = useLoad(pointId ? () => api.stock(pointId) : null, [pointId, api])
  const low = useLoad(pointId ? () => api.lowStock(pointId) : null, [pointId, api])
  const [done, setDone] = useState<string | null>(null)
  // The read model follows a change by a moment: the change's own answer is shown at once.
  const [touched, setTouched] = useState<StockAnswer | null>(null)
  const changed = (what: string, answer: StockAnswer | null) => {
    if (!answer) return
    setTouched(answer)
    setDone(
      `${what}: ${answer.levels.map((l) => r('stock.after', { sku: l.sku, onHand: l.onHand, available: l.available })).join('; ')}`,
    )
    void levels.reload()
    void low.reload()
  }
  const rowOf = (row: StockRow): StockRow => {
    const fresh = touched?.pointId === pointId ? touched.levels.find((l) => l.sku === row.sku) : undefined
    return fresh ? { ...row, ...fresh } : row
  }

  return (
    <section class="stock-page">
      <h1 tabIndex={-1}>
        {r('stock.title')}
        {point ? ` · ${point.name}` : ''}
      </h1>
      <div class="toolbar">
        <PointSelect
          points={points.data}
          value={pointId}
          onChange={(p) => navigate('stock', { point: p }, { replace: true })}
        />
      </div>
      <Loading show={levels.loading || points.loading} />
      <RepairError error={levels.error ?? low.error ?? points.error} />
      {done && (
        <Notice kind="success">
          <span data-testid="stock-done">{done}</span>
        </Notice>
      )}
      <section class="card" aria-labelledby="low-h">
        <h2 id="low-h">{r('stock.low')}</h2>
        {(low.data?.items ?? []).length === 0 ? (
          <p>{r('stock.lowNone')}</p>
        ) : (
          <ul class="low-stock">
            {(low.data?.items ?? []).map((row) => (
              <li key={row.sku} class="alert-overdue">
                <strong>{row.sku}</strong> —{' '}
                {r('stock.lowRow', {
                  available: row.available,
                  minimum: row.minimum ?? 0,
                  shortBy: row.shortBy ?? 0,
                })}
              </li>
            ))}
          </ul>
        )}
      </section>
      {pointId && <Receipt pointId={pointId} onDone={(a) => changed(r('stock.receipt'), a)} />}
      {pointId && <ReturnParts pointId={pointId} onDone={(a) => changed(r('stock.return'), a)} />}
      <section class="card" aria-labelledby="levels-h">
        <h2 id="levels-h">{r('stock.levels')}</h2>
        {(levels.data?.items ?? []).length === 0 ? (
          <p>{r('stock.empty')}</p>
        ) : (
          <div class="table-wrap">
            <table class="responsive stock-levels">
              <caption class="visually-hidden">{r('stock.levels')}</caption>
              <thead>
                <tr>
                  <th scope="col">{r('parts.sku')}</th>
                  <th scope="col">{r('stock.onHand')}</th>
                  <th scope="col">{r('stock.reserved')}</th>
                  <th scope="col">{r('stock.available')}</th>
                  <th scope="col">{r('stock.minimum')}</th>
                </tr>
              </thead>
              <tbody>
                {(levels.data?.items ?? []).map(rowOf).map((row) => (
                  <tr key={row.sku} class={row.low ? 'low' : undefined}>
                    <th scope="row" data-label={r('parts.sku')}>
                      {row.sku}
                      {row.low ? ` (${r('stock.isLow')})` : ''}
                    </th>
                    <td data-label={r('stock.onHand')}>{row.onHand}</td>
                    <td data-label={r('stock.reserved')}>{row.reserved}</td>
                    <td data-label={r('stock.available')}>{row.available}</td>
                    <td data-label={r('stock.minimum')}>{row.minimum ?? 0}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {pointId && <Minimum pointId={pointId} onDone={() => void low.reload().then(() => levels.reload())} />}
    </section>
  )
}

function useSkus() {
  const { api: shared } = useSession()
  const { name, money } = useI18n()
  const goods = useGoods(shared)
  return {
    error: goods.error,
    first: goods.data?.[0]?.sku ?? '',
    options: (goods.data ?? []).map((g) => ({
      value: g.sku,
      label: `${name(g.names, g.sku)} (${g.sku}) · ${money(g.price)}`,
    })),
  }
}

function Receipt(props: { readonly pointId: string; readonly onDone: (a: StockAnswer | null) => void }) {
  const { r, api } = useRepair()
  const action = useAction()
  const skus = useSkus()
  const [sku, setSku] = useState('')
  const [quantity, setQuantity] = useState('1')
  const [supplier, setSupplier] = useState('')
  const [documentRef, setDocumentRef] = useState('')
  const chosen = sku || skus.first
  return (
    <form
      class="card"
      aria-labelledby="receipt-h"
      onSubmit={async (e) => {
        e.preventDefault()
        const answer = await action.run(() =>
          api.receive(props.pointId, {
            lines: [{ sku: chosen, quantity: Number(quantity) }],
            supplier: supplier.trim() || null,
            documentRef: documentRef.trim() || null,
          }),
        )
        if (answer) {
          setQuantity('1')
          setDocumentRef('')
        }
        props.onDone(answer)
      }}
    >
      <h2 id="receipt-h">{r('stock.receipt')}</h2>
      <p class="hint">{r('stock.receiptWho')}</p>
      <RepairError error={action.error ?? skus.error} />
      <div class="field-row">
        <SelectField label={r('parts.sku')} value={chosen} onValue={setSku} options={skus.options} />
        <NumberField label={r('line.quantity')} min={1} value={quantity} onValue={setQuantity} />
        <TextField label={r('stock.supplier')} value={supplier} onValue={setSupplier} />
        <TextField label={r('stock.documentRef')} value={documentRef} onValue={setDocumentRef} />
      </div>
      <button type="submit" class="primary" disabled={action.busy || !chosen}>
        {r('stock.receiptSubmit')}
      </button>
    </form>
  )
}

function ReturnParts(props: { readonly pointId: string; readonly onDone: (a: StockAnswer | null) => void }) {
  const { r, api } = useRepair()
  const action = useAction()
  const skus = useSkus()
  const staff = useLoad(() => api.staff(props.pointId), [props.pointId, api])
  const [sku, setSku] = useState('')
  const [quantity, setQuantity] = useState('1')
  const [technician, setTechnician] = useState('')
  const [order, setOrder] = useState('')
  const members = staff.data?.members ?? []
  const chosen = sku || skus.first
  const chosenTech = technician || members[0]?.staffId || ''
  return (
    <form
      class="card"
      aria-labelledby="return-h"
      onSubmit={async (e) => {
        e.preventDefault()
        const answer = await action.run(() =>
          api.returnParts(props.pointId, chosenTech, order.trim() || null, [
            { sku: chosen, quantity: Number(quantity) },
          ]),
        )
        if (answer) setQuantity('1')
        props.onDone(answer)
      }}
    >
      <h2 id="return-h">{r('stock.return')}</h2>
      <p class="hint">{r('stock.returnHint')}</p>
      <RepairError error={action.error ?? staff.error ?? skus.error} />
      <div class="field-row">
        <SelectField label={r('parts.sku')} value={chosen} onValue={setSku} options={skus.options} />
        <NumberField label={r('line.quantity')} min={1} value={quantity} onValue={setQuantity} />
        <SelectField
          label={r('order.technician')}
          value={chosenTech}
          onValue={setTechnician}
          options={members.map((m) => ({ value: m.staffId, label: m.name }))}
        />
        <TextField label={r('stock.returnOrder')} value={order} onValue={setOrder} />
      </div>
      <button type="submit" disabled={action.busy || !chosen || !chosenTech}>
        {r('stock.returnSubmit')}
      </button>
    </form>
  )
}

function Minimum(props: { readonly pointId: string; readonly onDone: () => void }) {
  const { r, api } = useRepair()
  const action = useAction()
  const skus = useSkus()
  const [sku, setSku] = useState('')
  const [minimum, setMinimum] = useState('0')
  const chosen = sku || skus.first
  return (
    <form
      class="card"
      aria-labelledby="minimum-h"
      onSubmit={async (e) => {
        e.preventDefault()
        if (await action.run(() => api.setMinimum(props.pointId, chosen, Number(minimum)))) props.onDone()
      }}
    >
      <h2 id="minimum-h">{r('stock.minimumSet')}</h2>
      <RepairError error={action.error} />
      <div class="field-row">
        <SelectField label={r('parts.sku')} value={chosen} onValue={setSku} options={skus.options} />
        <NumberField label={r('stock.minimum')} value={minimum} onValue={setMinimum} />
      </div>
      <button type="submit" disabled={action.busy || !chosen}>
        {r('stock.minimumSubmit')}
      </button>
    </form>
  )
}
