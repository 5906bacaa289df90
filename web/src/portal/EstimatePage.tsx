// The estimate behind the approval link: the order number and the link's code open it; the
// customer answers each line (approve or decline), gives his name, and sends. Lines answered
// before show their answer; a declined line stays on the car as a recommendation for later.
import { useEffect, useState } from 'preact/hooks'
import { type EstimateAnswer, type LineDecision, officeEndpoints } from '../shared/api/officeEndpoints.js'
import { useI18n } from '../shared/i18n/i18n.js'
import { useSession } from '../shared/session.js'
import type { PageProps } from '../shared/ui/AppShell.js'
import { ErrorNotice } from '../shared/ui/ErrorNotice.js'
import { TextField } from '../shared/ui/Field.js'
import { Notice } from '../shared/ui/Status.js'
import { useAction } from '../shared/useAction.js'
import '../shared/charts/charts.css'

export function EstimatePage(props: PageProps) {
  const { t, money } = useI18n()
  const { client, session } = useSession()
  const api = officeEndpoints(client)
  const [orderId, setOrderId] = useState(props.location.rest[0] ?? '')
  // The message's signed link (…#/estimate/<order>?token=…) stands for the code: nothing to type.
  const token = props.location.params.get('token')
  const [code, setCode] = useState(token ?? '')
  const [estimate, setEstimate] = useState<EstimateAnswer | null>(null)
  const [choices, setChoices] = useState<Record<string, LineDecision>>({})
  const [name, setName] = useState(session?.account.displayName ?? '')
  const action = useAction()
  const { error, busy } = action
  const [sent, setSent] = useState(false)

  const run = (step: () => Promise<void>) => action.run(step)
  const open = () =>
    run(async () => {
      setSent(false)
      setChoices({})
      setEstimate(null)
      setEstimate(await api.estimate(orderId.trim(), code))
    })
  // Opened from the signed link: show the estimate at once.
  useEffect(() => {
    if (token && orderId) void open()
  }, [token])
  const cur = estimate?.currency ?? 'PLN'
  const m = (minor: number) => money({ amountMinor: minor, currency: cur })
  const pending = estimate?.lines.filter((l) => l.decision === 'pending') ?? []
  const unanswered = pending.filter((l) => !choices[l.lineId])

  return (
    <section>
      <h1 tabIndex={-1}>{t('estimate.title')}</h1>
      <p class="lead">{t('estimate.intro')}</p>
      <form
        class="card"
        aria-label={t('estimate.open')}
        onSubmit={(e) => {
          e.preventDefault()
          void open()
        }}
      >
        <TextField label={t('track.orderId')} value={orderId} onValue={setOrderId} required autoCapitalize="none" />
        {!token && (
          <TextField
            label={t('estimate.code')}
            hint={t('estimate.code.hint')}
            value={code}
            onValue={setCode}
            required
            autoComplete="off"
            autoCapitalize="characters"
          />
        )}
        {!estimate && <ErrorNotice error={error} />}
        <button type="submit" class="primary" disabled={busy}>
          {t('estimate.open')}
        </button>
      </form>
      {estimate && (
        <form
          class="card"
          aria-label={t('estimate.lines')}
          onSubmit={(e) => {
            e.preventDefault()
            void run(async () => {
              const decisions = pending.flatMap((l) => {
                const d = choices[l.lineId]
                return d ? [{ lineId: l.lineId, decision: d }] : []
              })
              const next = await api.decide(estimate.workOrderId, {
                code,
                revision: estimate.revision,
                decidedByName: name.trim(),
                decisions,
              })
              setEstimate(next)
              setChoices({})
              setSent(true)
            })
          }}
        >
          <h2>
            {t('track.order', { id: estimate.workOrderId })}
            {estimate.equipment ? ` · ${estimate.equipment.label}` : ''}
          </h2>
          {!estimate.open && pending.length > 0 && <Notice>{t('estimate.closed')}</Notice>}
          <ul class="estimate-lines">
            {estimate.lines.map((l) => (
              <li key={l.lineId} class={`estimate-line decision-${l.decision}`} aria-label={l.description}>
                <div class="line-head">
                  <strong>{l.description}</strong>
                  <span>{m(l.grossMinor)}</span>
                </div>
                <div class="hint">
                  {l.kind === 'part'
                    ? t('estimate.qty', { n: l.quantity ?? 1 })
                    : t('estimate.minutes', { n: l.minutes ?? 0 })}
                  {' · '}
                  {t('estimate.net', { net: m(l.netMinor), vat: l.vatRatePercent })}
                </div>
                {l.decision === 'pending' && estimate.open ? (
                  <fieldset>
                    <legend class="visually-hidden">{t('estimate.decisionFor', { line: l.description })}</legend>
                    {(['approved', 'declined'] as const).map((d) => (
                      <label key={d} class="check">
                        <input
                          type="radio"
                          name={`line-${l.lineId}`}
                          checked={choices[l.lineId] === d}
                          onChange={() => setChoices({ ...choices, [l.lineId]: d })}
                        />
                        {t(d === 'approved' ? 'estimate.approve' : 'estimate.decline')}
                      </label>
                    ))}
                  </fieldset>
                ) : (
                  <p class="line-decision">
                    {t(
                      l.decision === 'approved'
                        ? 'estimate.approved'
                        : l.decision === 'declined'
                          ? 'estimate.declined'
                          : 'estimate.pending',
                    )}
                  </p>
                )}
              </li>
            ))}
          </ul>
          {estimate.totals && (
            <p class="estimate-total">
              {t('estimate.total', { gross: m(estimate.totals.grossMinor), net: m(estimate.totals.netMinor) })}
            </p>
          )}
          {sent && <Notice kind="success">{t('estimate.sent')}</Notice>}
          {estimate.open && pending.length > 0 && (
            <>
              <TextField label={t('estimate.name')} value={name} onValue={setName} required autoComplete="name" />
              {unanswered.length > 0 && Object.keys(choices).length > 0 && (
                <p class="hint">{t('estimate.partly', { n: unanswered.length })}</p>
              )}
              <ErrorNotice error={error} />
              <button type="submit" class="primary" disabled={busy || Object.keys(choices).length === 0}>
                {t('estimate.send')}
              </button>
            </>
          )}
          {(!estimate.open || pending.length === 0) && <ErrorNotice error={error} />}
        </form>
      )}
    </section>
  )
}
