// An order's status page without a login: the order number and the tracking code the point gave
// (on the intake paper or in the message). Shows the status and the history meant for the
// customer; sends to the estimate page when an estimate waits; after handover, a 1–6 star rating.
import { useState } from 'preact/hooks'
import { officeEndpoints, type TrackingAnswer } from '../shared/api/officeEndpoints.js'
import { useI18n } from '../shared/i18n/i18n.js'
import { href } from '../shared/router.js'
import { useSession } from '../shared/session.js'
import type { PageProps } from '../shared/ui/AppShell.js'
import { ErrorNotice } from '../shared/ui/ErrorNotice.js'
import { TextField } from '../shared/ui/Field.js'
import { RatingForm } from '../shared/ui/RatingForm.js'
import { Notice } from '../shared/ui/Status.js'
import { useAction } from '../shared/useAction.js'
import '../shared/charts/charts.css'

const RATEABLE = new Set(['handed_over', 'returned_unrepaired', 'irreparable'])

export function dateTime(locale: string, iso: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))
}

export function TrackPage(props: PageProps) {
  const { t, locale } = useI18n()
  const { client } = useSession()
  const api = officeEndpoints(client)
  const [orderId, setOrderId] = useState(props.location.rest[0] ?? '')
  const [code, setCode] = useState('')
  const action = useAction()
  const { error, busy } = action
  const [order, setOrder] = useState<TrackingAnswer | null>(null)

  const load = async () => {
    setOrder(null)
    setOrder(await action.run(() => api.track(orderId.trim(), code)))
  }

  return (
    <section>
      <h1 tabIndex={-1}>{t('track.title')}</h1>
      <p class="lead">{t('track.intro')}</p>
      <form
        class="card"
        aria-label={t('track.title')}
        onSubmit={(e) => {
          e.preventDefault()
          void load()
        }}
      >
        <TextField label={t('track.orderId')} value={orderId} onValue={setOrderId} required autoCapitalize="none" />
        <TextField
          label={t('track.code')}
          hint={t('track.code.hint')}
          value={code}
          onValue={setCode}
          required
          autoComplete="off"
          autoCapitalize="characters"
        />
        <ErrorNotice error={error} />
        <button type="submit" class="primary" disabled={busy}>
          {t('track.show')}
        </button>
      </form>
      {order && (
        <article class="card" aria-label={t('track.order', { id: order.workOrderId })}>
          <h2>{t('track.order', { id: order.workOrderId })}</h2>
          {order.equipment && <p>{order.equipment.label}</p>}
          <p>
            {t('track.status')}:{' '}
            <strong class="order-status" data-status={order.status}>
              {locale === 'en' ? order.statusText.en : order.statusText.pl}
            </strong>
          </p>
          {order.promisedAt && !order.closedAt && (
            <p>{t('track.promised', { at: dateTime(locale, order.promisedAt) })}</p>
          )}
          {order.estimateAwaitingDecision && (
            <Notice>
              {t('track.estimateWaits')} <a href={href(`estimate/${order.workOrderId}`)}>{t('track.estimateLink')}</a>
            </Notice>
          )}
          <h3>{t('track.history')}</h3>
          <ol class="history-list">
            {order.history.map((h) => (
              <li key={`${h.at}-${h.kind}-${h.text.pl}`}>
                <time dateTime={h.at}>{dateTime(locale, h.at)}</time>
                {locale === 'en' ? h.text.en : h.text.pl}
              </li>
            ))}
          </ol>
          {RATEABLE.has(order.status) && (
            <RatingForm
              rated={order.rating ?? null}
              maxComment={1000}
              send={async (stars, comment) => setOrder(await api.rate(order.workOrderId, { code, stars, comment }))}
            />
          )}
        </article>
      )}
    </section>
  )
}
