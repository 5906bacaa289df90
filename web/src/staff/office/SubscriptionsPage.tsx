// Reports by e-mail (api/reports subscriptions): subscribe an address to a report or a saved/built-in
// variant with a cadence (daily, weekly, monthly) and an attachment format; the subscriptions (head
// office: everyone's) with their next sending, each ended from its row.
import { useState } from 'preact/hooks'
import { officeEndpoints } from '../../shared/api/officeEndpoints.js'
import { useI18n } from '../../shared/i18n/i18n.js'
import { useSession } from '../../shared/session.js'
import { SelectField, TextField } from '../../shared/ui/Field.js'
import { Loading, Notice } from '../../shared/ui/Status.js'
import { useAction } from '../../shared/useAction.js'
import { useLoad } from '../../shared/useLoad.js'
import { OfficeTabs } from './OfficeTabs.js'
import type { Cadence, MailFormat, SubscriptionView } from './setupApi.js'
import { SetupError, useSetup } from './setupCommon.js'

const CADENCES: readonly Cadence[] = ['daily', 'weekly', 'monthly']
const FORMATS: readonly MailFormat[] = ['csv', 'xlsx', 'pdf']

export function SubscriptionsPage() {
  const { s, api } = useSetup()
  const { locale } = useI18n()
  const { client, session } = useSession()
  const reports = useLoad(() => officeEndpoints(client).reports(), [])
  const variants = useLoad(() => api.variants(), [])
  const list = useLoad(() => api.subscriptions(), [])
  const action = useAction()
  const [f, setF] = useState({
    what: '',
    email: session?.account.email ?? '',
    cadence: 'weekly' as Cadence,
    format: 'csv' as MailFormat,
  })
  const titleOf = (report: string) => reports.data?.items.find((r) => r.report === report)?.title ?? report
  const choices = [
    ...(reports.data?.items ?? []).map((r) => ({
      value: `r:${r.report}`,
      label: s('subs.report', { title: r.title }),
    })),
    ...(variants.data?.items ?? []).map((v) => ({
      value: `v:${v.variantId}`,
      label: s('subs.variant', { title: v.title ?? v.name ?? v.variantId }),
    })),
  ]
  const what = f.what || choices[0]?.value || ''
  const labelOf = (x: SubscriptionView) => x.title ?? titleOf(x.report)
  const when = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso))
  const items = [...(list.data?.items ?? [])].sort((a, b) => Number(b.active) - Number(a.active))

  return (
    <section>
      <h1 tabIndex={-1}>{s('subs.title')}</h1>
      <OfficeTabs current="office-subscriptions" />
      {action.done && <Notice kind="success">{action.done}</Notice>}
      <SetupError error={action.error} />
      <SetupError error={reports.error ?? variants.error} />
      <form
        class="card"
        aria-label={s('subs.new')}
        onSubmit={(e) => {
          e.preventDefault()
          const target = what.startsWith('v:') ? { variantId: what.slice(2) } : { report: what.slice(2) }
          void action
            .run(
              () => api.subscribe({ ...target, cadence: f.cadence, email: f.email.trim(), format: f.format }),
              (x) =>
                s('subs.subscribed', {
                  title: labelOf(x),
                  cadence: s(`subs.cadence.${x.cadence}`),
                  email: x.email,
                }),
            )
            .then((done) => (done ? list.reload() : null))
        }}
      >
        <h2>{s('subs.new')}</h2>
        <SelectField label={s('subs.what')} value={what} onValue={(v) => setF({ ...f, what: v })} options={choices} />
        <TextField
          label={s('subs.email')}
          type="email"
          value={f.email}
          onValue={(v) => setF({ ...f, email: v })}
          required
        />
        <div class="field-row">
          <SelectField
            label={s('subs.cadence')}
            value={f.cadence}
            onValue={(v) => setF({ ...f, cadence: v })}
            options={CADENCES.map((c) => ({ value: c, label: s(`subs.cadence.${c}`) }))}
          />
          <SelectField
            label={s('subs.format')}
            value={f.format}
            onValue={(v) => setF({ ...f, format: v })}
            options={FORMATS.map((x) => ({ value: x, label: x.toUpperCase() }))}
          />
        </div>
        <button type="submit" class="primary" disabled={action.busy || !what}>
          {s('subs.subscribe')}
        </button>
      </form>
      <h2>{s('subs.list')}</h2>
      <Loading show={list.loading} />
      <SetupError error={list.error} />
      {list.data && items.length === 0 && <p>{s('subs.none')}</p>}
      {items.length > 0 && (
        <div class="table-wrap">
          <table class="responsive subscriptions">
            <thead>
              <tr>
                <th scope="col">{s('subs.what')}</th>
                <th scope="col">{s('subs.email')}</th>
                <th scope="col">{s('subs.cadence')}</th>
                <th scope="col">{s('subs.format')}</th>
                <th scope="col">{s('subs.next')}</th>
                <th scope="col">{s('subs.state')}</th>
                <th scope="col">
                  <span class="visually-hidden">{s('subs.end')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((x) => (
                <tr key={x.subscriptionId}>
                  <th scope="row" data-label={s('subs.what')}>
                    {labelOf(x)}
                  </th>
                  <td data-label={s('subs.email')}>{x.email}</td>
                  <td data-label={s('subs.cadence')}>{s(`subs.cadence.${x.cadence}`)}</td>
                  <td data-label={s('subs.format')}>{x.format.toUpperCase()}</td>
                  <td data-label={s('subs.next')}>{x.next ? when(x.next.at) : '—'}</td>
                  <td data-label={s('subs.state')}>{x.active ? s('subs.active') : s('subs.ended')}</td>
                  <td>
                    {x.active && (
                      <button
                        type="button"
                        class="danger"
                        disabled={action.busy}
                        aria-label={s('subs.endOne', { title: labelOf(x), email: x.email })}
                        onClick={() =>
                          void action
                            .run(
                              () => api.unsubscribe(x.subscriptionId),
                              () => s('subs.endedOne', { title: labelOf(x), email: x.email }),
                            )
                            .then(() => list.reload())
                        }
                      >
                        {s('subs.end')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
