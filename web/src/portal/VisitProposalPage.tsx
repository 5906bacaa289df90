// The page behind a due-service reminder's link (#/visit-proposals/<id>?code=…), no login: what is
// due for which car, the visit proposed at the customer's usual point (its name, address, local
// date and time), accepted with one click (a booking: its confirmation and a link to the booking's
// page), or moved to another free time at the same point. A time taken meanwhile answers with the
// nearest free times before and after it, to pick from. Expired, accepted, unknown or a wrong code
// are said in words. The code stays in the address's fragment (never sent to a server) and goes to
// the API in the X-Access-Code header or the POST body.
import { useEffect, useState } from 'preact/hooks'
import { ApiError } from '../shared/api/problem.js'
import type { Slot, SlotAlternatives, SlotSearch } from '../shared/api/types.js'
import { distinctStarts } from '../shared/booking/SlotFinder.js'
import { addDays } from '../shared/booking/visit.js'
import { serviceNames, useServices } from '../shared/catalogue.js'
import { useI18n } from '../shared/i18n/i18n.js'
import { href } from '../shared/router.js'
import { useSession } from '../shared/session.js'
import type { PageProps } from '../shared/ui/AppShell.js'
import { ErrorNotice } from '../shared/ui/ErrorNotice.js'
import { TextField } from '../shared/ui/Field.js'
import { Loading, Notice } from '../shared/ui/Status.js'
import { useAction } from '../shared/useAction.js'
import { type ProposalView, proposalApi } from './proposalApi.js'

export function VisitProposalPage(props: PageProps) {
  const { t, maybe, locale, date: fmtDate, name } = useI18n()
  const { client, api } = useSession()
  const links = proposalApi(client)
  const services = useServices(api)
  const proposalId = props.location.rest[0] ?? ''
  const linkCode = props.location.params.get('code') ?? ''
  const [code, setCode] = useState(linkCode)
  const [proposal, setProposal] = useState<ProposalView | null>(null)
  const opening = useAction()
  const booking = useAction()
  const searching = useAction()
  const [moving, setMoving] = useState(false)
  const [day, setDay] = useState('')
  const [search, setSearch] = useState<SlotSearch | null>(null)
  const [chosen, setChosen] = useState<Slot | null>(null)
  const [taken, setTaken] = useState<{ readonly time: string; readonly alternatives: SlotAlternatives } | null>(null)

  const open = async (withCode: string) => {
    const found = await opening.run(() => links.view(proposalId, withCode))
    if (found) {
      setProposal(found)
      setDay((d) => d || found.slot.localDate)
    }
  }
  useEffect(() => {
    setProposal(null)
    setCode(linkCode)
    if (proposalId && linkCode) void open(linkCode)
  }, [proposalId, linkCode])

  const showSlots = async (date: string) => {
    setDay(date)
    setChosen(null)
    setSearch(await searching.run(() => links.slots(proposalId, code, date)))
  }

  const accept = async (slot: { readonly start: string; readonly localTime: string } | null) => {
    setTaken(null)
    const done = await booking.run(async () => {
      try {
        return await links.accept(proposalId, code, slot?.start)
      } catch (error) {
        // The time was taken meanwhile: the nearest free times to pick from, not an error to read.
        if (error instanceof ApiError && error.problem.alternatives) {
          setTaken({
            time: slot?.localTime ?? proposal?.slot.localTime ?? '',
            alternatives: error.problem.alternatives,
          })
          setChosen(null)
          return null
        }
        // Accepted in another tab, or expired while the page was open: show it as it is now.
        if (error instanceof ApiError && /^PROPOSAL_(ALREADY_ACCEPTED|EXPIRED)$/.test(error.code)) void open(code)
        throw error
      }
    })
    if (done) {
      setProposal(done)
      setMoving(false)
      setSearch(null)
      setChosen(null)
    }
  }

  const when = (p: { readonly localDate: string; readonly localTime: string }) =>
    t('proposal.whenValue', { date: fmtDate(p.localDate, 'long'), time: p.localTime })
  const at = (iso: string, timeZone: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(new Date(iso))
  /** Our words for the link's own problems (the shared ones speak of orders), else the usual notice. */
  const problem = (error: ApiError | null) => {
    if (!error) return null
    const words = maybe(`proposal.error.${error.code}`)
    return words ? (
      <div class="error-notice" role="alert" data-code={error.code}>
        <p class="error-words">{words}</p>
      </div>
    ) : (
      <ErrorNotice error={error} />
    )
  }
  const slotButton = (slot: Slot) => (
    <button type="button" class="slot" aria-pressed={chosen?.start === slot.start} onClick={() => setChosen(slot)}>
      {search && slot.date === search.date ? slot.localTime : `${fmtDate(slot.date)} ${slot.localTime}`}
    </button>
  )
  const group = (label: string, slots: readonly Slot[]) =>
    slots.length > 0 && (
      <div class="alt-group">
        <span class="alt-label" aria-hidden="true">
          {label}
        </span>
        <ul class="slot-list" aria-label={label}>
          {slots.map((s) => (
            <li key={s.start}>{slotButton(s)}</li>
          ))}
        </ul>
      </div>
    )
  const bookChosen = chosen && (
    <button type="button" class="primary" disabled={booking.busy} onClick={() => void accept(chosen)}>
      {t('proposal.bookChosen', { date: fmtDate(chosen.date, 'long'), time: chosen.localTime })}
    </button>
  )

  const p = proposal
  const alternatives = taken?.alternatives
  const others = alternatives
    ? [
        ...(alternatives.sameTimeElsewhere ? [alternatives.sameTimeElsewhere] : []),
        ...alternatives.before,
        ...alternatives.after,
      ]
    : []
  const starts = search ? distinctStarts(search.slots) : []
  return (
    <section class="proposal-page">
      <h1 tabIndex={-1}>{t('proposal.title')}</h1>
      {!p && (
        <form
          class="card"
          aria-label={t('proposal.open')}
          onSubmit={(e) => {
            e.preventDefault()
            void open(code)
          }}
        >
          <Loading show={opening.busy} />
          {problem(opening.error)}
          {(!linkCode || opening.error) && (
            <>
              <TextField
                label={t('proposal.code')}
                hint={t('proposal.code.hint')}
                value={code}
                onValue={setCode}
                required
                autoComplete="off"
                autoCapitalize="characters"
              />
              <button type="submit" class="primary" disabled={opening.busy}>
                {t('proposal.open')}
              </button>
            </>
          )}
        </form>
      )}
      {p && (
        <article class="card" aria-label={t('proposal.card')}>
          {p.status === 'proposed' && <p class="lead">{t('proposal.intro')}</p>}
          <dl class="summary">
            <dt>{t('proposal.vehicle')}</dt>
            <dd>{p.vehicle.plate}</dd>
            <dt>{t('proposal.due')}</dt>
            <dd>
              {t('proposal.dueOn', {
                what: maybe(`proposal.kind.${p.due.kind}`) ?? p.due.kind,
                date: fmtDate(p.due.dueDate, 'long'),
              })}
            </dd>
            <dt>{t('proposal.services')}</dt>
            <dd>
              {serviceNames(
                p.services.map((code) => ({ code })),
                services.data,
                name,
              )}
            </dd>
            <dt>{t('proposal.point')}</dt>
            <dd>
              <strong>{p.point.name}</strong>
              <br />
              {p.point.address}
            </dd>
            <dt>{t('proposal.when')}</dt>
            <dd>
              <strong class="proposal-when">{when(p.slot)}</strong>
            </dd>
          </dl>

          {p.status === 'accepted' && p.accepted && (
            <>
              <Notice kind="success">
                {t(p.accepted.moved ? 'proposal.bookedMoved' : 'proposal.booked', {
                  date: fmtDate(p.slot.localDate, 'long'),
                  time: p.slot.localTime,
                  point: p.point.name,
                })}
              </Notice>
              <p>
                <a href={href(`booking/${p.accepted.bookingId}`)}>{t('proposal.toBooking')}</a>
              </p>
            </>
          )}
          {p.status === 'expired' && (
            <>
              <Notice>{t('proposal.expired', { at: at(p.expiresAt, p.point.timeZone) })}</Notice>
              <p>
                <a href={href('')}>{t('proposal.bookYourself')}</a>
              </p>
            </>
          )}
          {p.status === 'proposed' && (
            <>
              <p class="hint">{t('proposal.validUntil', { at: at(p.expiresAt, p.point.timeZone) })}</p>
              {taken && alternatives ? (
                <div class="conflict" role="alert">
                  <p class="error-words">
                    {t(others.length > 0 ? 'proposal.taken' : 'proposal.takenNone', { time: taken.time })}
                  </p>
                  <div class="slot-row">
                    {alternatives.sameTimeElsewhere && group(t('proposal.elsewhere'), [alternatives.sameTimeElsewhere])}
                    {group(t('proposal.earlier'), alternatives.before)}
                    {group(t('proposal.later'), alternatives.after)}
                  </div>
                </div>
              ) : (
                !moving && (
                  <div class="button-row">
                    <button type="button" class="primary" disabled={booking.busy} onClick={() => void accept(null)}>
                      {t('proposal.accept')}
                    </button>
                  </div>
                )
              )}
              {problem(booking.error)}
              {!moving && (
                <div class="button-row">
                  <button
                    type="button"
                    onClick={() => {
                      setMoving(true)
                      setTaken(null)
                      void showSlots(day || p.slot.localDate)
                    }}
                  >
                    {t('proposal.move')}
                  </button>
                </div>
              )}
              {moving && (
                <div class="change-panel">
                  <h2>{t('proposal.moveTitle')}</h2>
                  <form
                    class="field-row"
                    onSubmit={(e) => {
                      e.preventDefault()
                      void showSlots(day)
                    }}
                  >
                    <TextField label={t('proposal.date')} type="date" value={day} required onValue={setDay} />
                    <div class="field field-action">
                      <button type="submit" disabled={searching.busy}>
                        {t('proposal.showSlots')}
                      </button>
                    </div>
                  </form>
                  <Loading show={searching.busy} />
                  {problem(searching.error)}
                  {search &&
                    (starts.length === 0 ? (
                      <>
                        <p>{t('proposal.noSlots')}</p>
                        <button type="button" onClick={() => void showSlots(addDays(search.date, 1))}>
                          {t('proposal.nextDay')}
                        </button>
                      </>
                    ) : (
                      <fieldset class="slots">
                        <legend>{t('proposal.slots', { date: fmtDate(search.date, 'long') })}</legend>
                        <ul class="slot-grid">
                          {starts.map((s) => (
                            <li key={s.start}>{slotButton(s)}</li>
                          ))}
                        </ul>
                      </fieldset>
                    ))}
                </div>
              )}
              {(bookChosen || moving) && (
                <div class="button-row">
                  {bookChosen}
                  {moving && (
                    <button
                      type="button"
                      onClick={() => {
                        // Back to the proposed time, with its one-click accept.
                        setMoving(false)
                        setSearch(null)
                        setChosen(null)
                      }}
                    >
                      {t('common.back')}
                    </button>
                  )}
                </div>
              )}
            </>
          )}
        </article>
      )}
    </section>
  )
}
