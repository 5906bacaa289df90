// A helpdesk ticket on the customer's side (the "rate our service" message links here): subject,
// state, the conversation meant for the customer, and once resolved a 1–6 star rating. Customers
// and fleet accounts log in on the portal; the API shows them their own tickets only.
import { officeEndpoints } from '../shared/api/officeEndpoints.js'
import { useI18n } from '../shared/i18n/i18n.js'
import { useSession } from '../shared/session.js'
import type { PageProps } from '../shared/ui/AppShell.js'
import { ErrorNotice } from '../shared/ui/ErrorNotice.js'
import { RatingForm } from '../shared/ui/RatingForm.js'
import { Loading } from '../shared/ui/Status.js'
import { useLoad } from '../shared/useLoad.js'
import '../shared/charts/charts.css'
import { dateTime } from './TrackPage.js'

const RATEABLE = new Set(['resolved', 'closed'])

export function TicketPage({ location }: PageProps) {
  const { t, maybe, locale } = useI18n()
  const { client } = useSession()
  const api = officeEndpoints(client)
  const ticketId = location.rest[0] ?? ''
  const ticket = useLoad(ticketId ? () => api.ticket(ticketId) : null, [ticketId])
  const d = ticket.data
  return (
    <section>
      <h1 tabIndex={-1}>{d ? t('ticket.titleOf', { subject: d.subject }) : t('ticket.title')}</h1>
      <Loading show={ticket.loading} />
      <ErrorNotice error={ticket.error} />
      {d && (
        <article class="card" aria-label={d.subject}>
          <p>
            {t('track.status')}:{' '}
            <strong data-status={d.status}>{maybe(`ticket.status.${d.status}`) ?? d.status}</strong>
          </p>
          <p>{d.description}</p>
          <h2>{t('ticket.messages')}</h2>
          <ol class="history-list">
            {d.messages
              .filter((m) => m.visibility === 'public')
              .map((m) => (
                <li key={m.messageId}>
                  <time dateTime={m.at}>
                    {dateTime(locale, m.at)} · {m.fromStaff ? t('ticket.fromUs') : t('ticket.fromYou')}
                  </time>
                  {m.body}
                </li>
              ))}
          </ol>
          {RATEABLE.has(d.status) && (
            <RatingForm
              rated={d.rating}
              maxComment={2000}
              send={async (stars, comment) => {
                await api.rateTicket(ticketId, { stars, comment })
                await ticket.reload()
              }}
            />
          )}
        </article>
      )}
    </section>
  )
}
