// Head office changes a catalogue service's names (one per language: Polish and English required,
// others added by their code) and durations: the base duration and rules per vehicle class and
// number of wheels (the first matching rule applies). Price, VAT, equipment and skill stay as they
// are (the catalogue page changes the price).
import { useEffect, useState } from 'preact/hooks'
import type { VehicleClass } from '../../shared/api/types.js'
import { useI18n } from '../../shared/i18n/i18n.js'
import { href } from '../../shared/router.js'
import type { PageProps } from '../../shared/ui/AppShell.js'
import { SelectField, TextField } from '../../shared/ui/Field.js'
import { Loading, Notice } from '../../shared/ui/Status.js'
import { useAction } from '../../shared/useAction.js'
import { useLoad } from '../../shared/useLoad.js'
import { OfficeTabs } from './OfficeTabs.js'
import type { ServiceItem } from './setupApi.js'
import { SetupError, useSetup } from './setupCommon.js'

const CLASSES: readonly VehicleClass[] = ['passenger', 'suv', 'van', 'truck']

interface RuleDraft {
  vehicleClass: VehicleClass | ''
  wheels: string
  minutes: string
}

export function ServiceEditPage({ location }: PageProps) {
  const { maybe } = useI18n()
  const { s, api } = useSetup()
  const code = location.rest[0] ?? ''
  const loaded = useLoad(code ? () => api.service(code) : null, [code])
  const [service, setService] = useState<ServiceItem | null>(null)
  const [names, setNames] = useState<[string, string][]>([])
  const [base, setBase] = useState('')
  const [rules, setRules] = useState<RuleDraft[]>([])
  const [locale, setLocale] = useState('')
  const action = useAction()
  useEffect(() => {
    const x = loaded.data
    if (!x) return
    setService(x)
    const entries = Object.entries(x.names)
    for (const required of ['pl', 'en']) if (!x.names[required]) entries.push([required, ''])
    setNames(entries.sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b)))
    setBase(String(x.baseMinutes))
    setRules(
      x.durationRules.map((r) => ({
        vehicleClass: r.vehicleClass ?? '',
        wheels: r.wheels === null ? '' : String(r.wheels),
        minutes: String(r.minutes),
      })),
    )
  }, [loaded.data])
  const setRule = (i: number, change: Partial<RuleDraft>) =>
    setRules(rules.map((r, k) => (k === i ? { ...r, ...change } : r)))

  return (
    <section>
      <h1 tabIndex={-1}>{s('service.title', { code })}</h1>
      <OfficeTabs current="office-catalogue" />
      <p>
        <a href={href('office-catalogue')}>{s('service.back')}</a>
      </p>
      <Loading show={loaded.loading} />
      <SetupError error={loaded.error} />
      {loaded.data === null && !loaded.loading && !loaded.error && <p>{s('service.notFound', { code })}</p>}
      {action.done && <Notice kind="success">{action.done}</Notice>}
      <SetupError error={action.error} />
      {service && (
        <form
          class="card"
          aria-label={s('service.edit', { code })}
          onSubmit={(e) => {
            e.preventDefault()
            const changed: ServiceItem = {
              ...service,
              names: Object.fromEntries(names.map(([l, n]) => [l, n.trim()]).filter(([, n]) => n)),
              baseMinutes: Number(base),
              durationRules: rules.map((r) => ({
                vehicleClass: r.vehicleClass || null,
                wheels: r.wheels.trim() ? Number(r.wheels) : null,
                minutes: Number(r.minutes),
              })),
            }
            void action.run(
              () => api.changeService(changed),
              () => {
                setService(changed)
                return s('service.saved', { code })
              },
            )
          }}
        >
          <fieldset>
            <legend>{s('service.names')}</legend>
            {names.map(([l, n], i) => (
              <div class="field-row" key={l}>
                <TextField
                  label={s('service.name', { locale: l })}
                  value={n}
                  onValue={(v) => setNames(names.map((x, k) => (k === i ? [l, v] : x)))}
                  required={l === 'pl' || l === 'en'}
                />
                {l !== 'pl' && l !== 'en' && (
                  <button type="button" class="field-action" onClick={() => setNames(names.filter((_, k) => k !== i))}>
                    {s('service.removeLocale', { locale: l })}
                  </button>
                )}
              </div>
            ))}
            <div class="field-row">
              <TextField
                label={s('service.locale')}
                value={locale}
                onValue={setLocale}
                autoCapitalize="none"
                minLength={2}
              />
              <button
                type="button"
                class="field-action"
                onClick={() => {
                  const l = locale.trim().toLowerCase()
                  if (/^[a-z]{2,3}(-[a-z0-9]{2,8})?$/i.test(l) && !names.some(([x]) => x === l)) {
                    setNames([...names, [l, '']])
                    setLocale('')
                  }
                }}
              >
                {s('service.addLocale')}
              </button>
            </div>
          </fieldset>
          <fieldset>
            <legend>{s('service.durations')}</legend>
            <TextField label={s('service.baseMinutes')} type="number" min={5} value={base} onValue={setBase} required />
            <p class="hint">{s('service.rulesHint')}</p>
            {rules.map((r, i) => (
              <fieldset key={i} class="rule">
                <legend>{s('service.rule', { n: i + 1 })}</legend>
                <div class="field-row">
                  <SelectField
                    label={s('service.vehicleClass')}
                    value={r.vehicleClass}
                    onValue={(v) => setRule(i, { vehicleClass: v })}
                    options={[
                      { value: '' as VehicleClass | '', label: s('service.anyClass') },
                      ...CLASSES.map((c) => ({ value: c, label: maybe(`vehicleClass.${c}`) ?? c })),
                    ]}
                  />
                  <TextField
                    label={s('service.wheels')}
                    hint={s('service.anyWheels')}
                    type="number"
                    min={1}
                    max={22}
                    value={r.wheels}
                    onValue={(v) => setRule(i, { wheels: v })}
                  />
                  <TextField
                    label={s('service.minutes')}
                    type="number"
                    min={5}
                    value={r.minutes}
                    onValue={(v) => setRule(i, { minutes: v })}
                    required
                  />
                  <button type="button" class="field-action" onClick={() => setRules(rules.filter((_, k) => k !== i))}>
                    {s('service.removeRule', { n: i + 1 })}
                  </button>
                </div>
              </fieldset>
            ))}
            <button
              type="button"
              onClick={() => setRules([...rules, { vehicleClass: '', wheels: '', minutes: base || '30' }])}
            >
              {s('service.addRule')}
            </button>
          </fieldset>
          <button type="submit" class="primary" disabled={action.busy}>
            {s('service.save')}
          </button>
        </form>
      )}
    </section>
  )
}

const order = (locale: string) => (locale === 'pl' ? 0 : locale === 'en' ? 1 : 2)
