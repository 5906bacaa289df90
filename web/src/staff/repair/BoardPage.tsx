// The point's work-order board: open orders in columns by status (oldest first), orders past their
// promised date highlighted, and above the board the alerts: overdue orders and helpdesk tickets
// of the point whose SLA is breached or due soon.
import { useEffect } from 'preact/hooks'
import { href, navigate } from '../../shared/router.js'
import { useSession } from '../../shared/session.js'
import type { PageProps } from '../../shared/ui/AppShell.js'
import { Loading } from '../../shared/ui/Status.js'
import { useLoad } from '../../shared/useLoad.js'
import { PointSelect } from '../PointSelect.js'
import { currentPointId, useNetworkPoints } from '../points.js'
import { lateText, OrderStatusBadge, orderLabel, RepairError, useRepair } from './common.js'
import type { OrderListItem } from './repairApi.js'

const ALERT_SLA = new Set(['breached', 'due_soon'])
const REFRESH_MS = 60_000

export function BoardPage({ location }: PageProps) {
  const { r, api, when } = useRepair()
  const { api: shared, session } = useSession()
  const points = useNetworkPoints(shared)
  const pointId = currentPointId(location, session, points.data)
  const point = points.data?.find((p) => p.pointId === pointId)
  const board = useLoad(pointId ? () => api.board(pointId) : null, [pointId, api])
  const overdue = useLoad(pointId ? () => api.overdue(pointId) : null, [pointId, api])
  const tickets = useLoad(pointId ? () => api.slaTickets(pointId) : null, [pointId, api])
  // A board on the workshop's screen stays current: lateness is decided when asked.
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState !== 'visible') return
      void board.reload()
      void overdue.reload()
      void tickets.reload()
    }, REFRESH_MS)
    return () => clearInterval(timer)
  }, [board.reload, overdue.reload, tickets.reload])
  const slaAlerts = (tickets.data?.items ?? []).filter((tk) => ALERT_SLA.has(tk.sla.state))
  const total = board.data?.columns.reduce((n, c) => n + c.orders.length, 0) ?? 0

  return (
    <section class="repair-board">
      <h1 tabIndex={-1}>
        {r('board.title')}
        {point ? ` · ${point.name}` : ''}
      </h1>
      <div class="toolbar">
        <PointSelect
          points={points.data}
          value={pointId}
          onChange={(p) => navigate('orders', { point: p }, { replace: true })}
        />
        <a class="button primary" href={href('intake', { point: pointId })}>
          {r('board.intake')}
        </a>
        <button
          type="button"
          onClick={() => {
            void board.reload()
            void overdue.reload()
            void tickets.reload()
          }}
        >
          {r('board.refresh')}
        </button>
      </div>
      <RepairError error={points.error ?? board.error ?? overdue.error} />
      <Loading show={board.loading} />

      {(overdue.data?.items.length ?? 0) > 0 || slaAlerts.length > 0 ? (
        <section class="card alerts" aria-labelledby="alerts-h">
          <h2 id="alerts-h">{r('board.alerts')}</h2>
          <ul>
            {overdue.data?.items.map((o) => (
              <li key={o.workOrderId} class="alert-overdue">
                <a href={href(`order/${o.workOrderId}`)}>{orderLabel(o)}</a> — {lateText(r, o.overdueMinutes)} (
                {r('board.promised', { at: when(o.promisedAt) })})
              </li>
            ))}
            {slaAlerts.map((tk) => (
              <li key={tk.ticketId} class={`alert-sla sla-${tk.sla.state}`}>
                {r(tk.sla.state === 'breached' ? 'board.slaBreached' : 'board.slaDueSoon')}: {tk.subject}
                {tk.sla.state === 'breached' && tk.sla.breachedAt
                  ? ` (${r('board.breachedAt', { at: when(tk.sla.breachedAt) })})`
                  : tk.sla.resolutionDeadline
                    ? ` (${r('board.deadline', { at: when(tk.sla.resolutionDeadline) })})`
                    : ''}
                {tk.workOrderId && (
                  <>
                    {' '}
                    <a href={href(`order/${tk.workOrderId}`)}>{r('board.toOrder')}</a>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {tickets.error && (
        <p class="hint">
          {r('board.slaUnavailable')} <RepairError error={tickets.error} />
        </p>
      )}

      {board.data && total === 0 && <p>{r('board.empty')}</p>}
      {board.data && (
        <div class="board-columns">
          {board.data.columns
            .filter((c) => c.orders.length > 0)
            .map((c) => (
              <section key={c.status} class="board-column" aria-labelledby={`col-${c.status}`}>
                <h2 id={`col-${c.status}`}>
                  {r(`status.${c.status}`)} <span class="count">({c.orders.length})</span>
                </h2>
                <ul>
                  {c.orders.map((o) => (
                    <OrderCard key={o.workOrderId} order={o} />
                  ))}
                </ul>
              </section>
            ))}
        </div>
      )}
    </section>
  )
}

function OrderCard({ order: o }: { readonly order: OrderListItem }) {
  const { r, when } = useRepair()
  const late = o.overdueMinutes ?? null
  return (
    <li class={`order-card${late !== null ? ' overdue' : ''}`}>
      <a href={href(`order/${o.workOrderId}`)} class="order-link">
        <strong>{orderLabel(o)}</strong>
      </a>
      {o.customerName && <span>{o.customerName}</span>}
      {o.customStatus && <OrderStatusBadge status={o.status} custom={o.customStatus} />}
      <span class="hint">{r('board.opened', { at: when(o.openedAt) })}</span>
      {o.promisedAt && <span class="hint">{r('board.promised', { at: when(o.promisedAt) })}</span>}
      {late !== null && <strong class="late">{lateText(r, late)}</strong>}
    </li>
  )
}
