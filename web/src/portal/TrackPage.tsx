// An order's status page without a login: the order number and the tracking code the point gave
// (on the intake paper or in the message). Shows the status and the history meant for the
// customer; sends to the estimate page when an estimate waits; after handover, a 1–6 star rating.
import { useState } from 'preact/hooks'
import { type OfficeEndpoints, officeEndpoints, type TrackingAnswer } from '../shared/api/officeEndpoints.js'
import { type ApiError, asApiError } from '../shared/api/problem.js'
import { useI18n } from '../shared/i18n/i18n.js'
import { href } from '../shared/router.js'
import { useSession } from '../shared/session.js'
import type { PageProps } from '../shared/ui/AppShell.js'
import { ErrorNotice } from '../shared/ui/ErrorNotice.js'
import { TextField } from '../shared/ui/Field.js'
import { Notice } from '../shared/ui/Status.js'
import { useAction } from '../shared/useAction.js'
import '../shared/charts/charts.css'

const RATEABLE = new Set(['handed_over', 'closed', 'returned_unrepaired'])

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
            <Rating api={api} order={order} code={code} onRated={(next) => setOrder(next)} />
          )}
        </article>
      )}
    </section>
  )
}

function Rating(props: {
  readonly api: OfficeEndpoints
  readonly order: TrackingAnswer
  readonly code: string
  readonly onRated: (order: TrackingAnswer) => void
}) {
  const { t } = useI18n()
  const [stars, setStars] = useState(0)
  const [comment, setComment] = useState('')
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  const rated = props.order.rating
  if (rated)
    return (
      <Notice kind="success">
        {t('rate.done', { stars: rated.stars })}
        {rated.comment ? ` „${rated.comment}”` : ''}
      </Notice>
    )
  return (
    <form
      aria-label={t('rate.title')}
      onSubmit={async (e) => {
        e.preventDefault()
        if (stars < 1) {
          setError(asApiError(new Error(t('rate.pick'))))
          return
        }
        setBusy(true)
        setError(null)
        try {
          props.onRated(
            await props.api.rate(props.order.workOrderId, {
              code: props.code,
              stars,
              comment: comment.trim() || null,
            }),
          )
        } catch (err) {
          setError(asApiError(err))
        } finally {
          setBusy(false)
        }
      }}
    >
      <h3>{t('rate.title')}</h3>
      <fieldset class="stars">
        <legend>{t('rate.stars')}</legend>
        {[1, 2, 3, 4, 5, 6].map((n) => (
          <label key={n}>
            <input type="radio" name="stars" value={n} checked={stars === n} onChange={() => setStars(n)} />
            <span aria-hidden="true">{'★'.repeat(1)}</span>
            <span>{n}</span>
            <span class="visually-hidden">{t('rate.starsOf', { n })}</span>
          </label>
        ))}
      </fieldset>
      <div class="field">
        <label for="rating-comment">{t('rate.comment')}</label>
        <textarea
          id="rating-comment"
          rows={3}
          maxLength={1000}
          value={comment}
          onInput={(e) => setComment(e.currentTarget.value)}
        />
      </div>
      <ErrorNotice error={error} />
      <button type="submit" class="primary" disabled={busy}>
        {t('rate.send')}
      </button>
    </form>
  )
}
