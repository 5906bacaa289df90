// Customer and equipment search with repair history: a name, phone or e-mail finds customers, a
// plate, VIN or serial number finds equipment; choosing one shows its repairs (newest first) with
// links to the orders. A point's staff see their own point's repairs (the API decides).
import { useState } from 'preact/hooks'
import { href, navigate } from '../../shared/router.js'
import type { PageProps } from '../../shared/ui/AppShell.js'
import { TextField } from '../../shared/ui/Field.js'
import { Loading } from '../../shared/ui/Status.js'
import { useLoad } from '../../shared/useLoad.js'
import { RepairError, useRepair } from './common.js'
import { type HistoryOrder, itemLabel, type OrderStatus } from './repairApi.js'

export function CustomersPage({ location }: PageProps) {
  const { r, api } = useRepair()
  const q = location.params.get('q') ?? ''
  const customerId = location.params.get('customer')
  const equipmentId = location.params.get('equipment')
  const [text, setText] = useState(q)
  const customers = useLoad(q ? () => api.customers(q) : null, [q, api])
  const equipment = useLoad(q ? () => api.equipment(q) : null, [q, api])

  return (
    <section class="customers">
      <h1 tabIndex={-1}>{r('search.title')}</h1>
      <form
        aria-label={r('search.title')}
        onSubmit={(e) => {
          e.preventDefault()
          navigate('customers', { q: text.trim() })
        }}
      >
        <TextField label={r('search.query')} type="search" value={text} onValue={setText} hint={r('search.hint')} />
        <button type="submit" class="primary" disabled={text.trim() === ''}>
          {r('search.submit')}
        </button>
      </form>
      <Loading show={customers.loading || equipment.loading} />
      <RepairError error={customers.error ?? equipment.error} />
      {q && customers.data && equipment.data && (
        <div class="search-results">
          <section aria-labelledby="found-customers">
            <h2 id="found-customers">{r('search.customers', { n: customers.data.items.length })}</h2>
            <ul>
              {customers.data.items.map((c) => (
                <li key={c.customerId}>
                  <a
                    href={href('customers', { q, customer: c.customerId })}
                    aria-current={c.customerId === customerId ? 'true' : undefined}
                  >
                    {c.displayName}
                  </a>{' '}
                  <span class="hint">{[c.contacts.phone, c.contacts.email].filter(Boolean).join(' · ')}</span>
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="found-equipment">
            <h2 id="found-equipment">{r('search.equipment', { n: equipment.data.items.length })}</h2>
            <ul>
              {equipment.data.items.map((e) => (
                <li key={e.equipmentId}>
                  <a
                    href={href('customers', { q, equipment: e.equipmentId })}
                    aria-current={e.equipmentId === equipmentId ? 'true' : undefined}
                  >
                    {itemLabel(e)}
                  </a>{' '}
                  <span class="hint">
                    {e.make} {e.model}
                    {e.lastMileageKm !== null ? ` · ${e.lastMileageKm} km` : ''}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        </div>
      )}
      {customerId && <CustomerHistory customerId={customerId} />}
      {equipmentId && <EquipmentHistory equipmentId={equipmentId} />}
    </section>
  )
}

function CustomerHistory({ customerId }: { readonly customerId: string }) {
  const { r, api } = useRepair()
  const customer = useLoad(() => api.customer(customerId), [customerId, api])
  const history = useLoad(() => api.customerHistory(customerId), [customerId, api])
  return (
    <section class="card" aria-labelledby="history-h">
      <h2 id="history-h">{r('search.historyOf', { who: customer.data?.displayName ?? customerId })}</h2>
      <RepairError error={customer.error ?? history.error} />
      {history.data && <History orders={history.data.orders} />}
    </section>
  )
}

function EquipmentHistory({ equipmentId }: { readonly equipmentId: string }) {
  const { r, api } = useRepair()
  const history = useLoad(() => api.equipmentHistory(equipmentId), [equipmentId, api])
  const e = history.data?.equipment
  return (
    <section class="card" aria-labelledby="history-h">
      <h2 id="history-h">{r('search.historyOf', { who: e ? `${e.label} ${e.make} ${e.model}` : equipmentId })}</h2>
      <RepairError error={history.error} />
      {history.data && <History orders={history.data.orders} />}
    </section>
  )
}

function History({ orders }: { readonly orders: readonly HistoryOrder[] }) {
  const { r, when } = useRepair()
  if (orders.length === 0) return <p>{r('search.noHistory')}</p>
  return (
    <ol class="history">
      {orders.map((o) => (
        <li key={o.workOrderId}>
          <a href={href(`order/${o.workOrderId}`)}>
            {when(o.openedAt)} · {o.equipmentLabel}
          </a>{' '}
          <span class="badge">{r(`status.${o.status as OrderStatus}`)}</span>
          <p>{o.intake.customerDescription}</p>
          {o.lines.length > 0 && (
            <ul>
              {o.lines.map((l) => (
                <li key={l.lineId}>
                  {l.description} — {r(`decided.${l.decision}`)}
                </li>
              ))}
            </ul>
          )}
          {o.summary && <p class="hint">{o.summary}</p>}
        </li>
      ))}
    </ol>
  )
}
