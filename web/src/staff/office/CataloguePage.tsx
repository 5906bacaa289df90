// Head office's catalogue: the network's services (duration, price, VAT, skill needed) and goods,
// with forms to add either and a way to retire one.
import { useState } from 'preact/hooks'
import { officeEndpoints, type StaffSkill } from '../../shared/api/officeEndpoints.js'
import type { GoodsKind, Money } from '../../shared/api/types.js'
import { useI18n } from '../../shared/i18n/i18n.js'
import { href } from '../../shared/router.js'
import { useSession } from '../../shared/session.js'
import { ErrorNotice } from '../../shared/ui/ErrorNotice.js'
import { SelectField, TextField } from '../../shared/ui/Field.js'
import { Loading, Notice } from '../../shared/ui/Status.js'
import { useAction } from '../../shared/useAction.js'
import { useLoad } from '../../shared/useLoad.js'
import { OfficeTabs } from './OfficeTabs.js'

const SKILLS: readonly (StaffSkill | '')[] = ['', 'tyre_fitting', 'balancing', 'wheel_alignment', 'tpms', 'tyre_repair']
const KINDS: readonly GoodsKind[] = ['tyre', 'rim', 'valve', 'tpms_sensor', 'wheel_bolt', 'other']

/** "120,50" or "120.50" złoty as grosze. */
export const minorOf = (text: string): number => Math.round(Number(text.replace(',', '.').trim()) * 100)

export function CataloguePage() {
  const { t, maybe, money, name } = useI18n()
  const { client, api } = useSession()
  const office = officeEndpoints(client)
  const services = useLoad(() => api.services(), [])
  const goods = useLoad(() => api.goods(), [])
  const action = useAction()
  const [s, setS] = useState({
    code: '',
    pl: '',
    en: '',
    minutes: '30',
    price: '',
    vat: '23',
    skill: '' as StaffSkill | '',
  })
  const [g, setG] = useState({ sku: '', kind: 'tyre' as GoodsKind, pl: '', en: '', price: '', vat: '23' })

  const run = async (what: () => Promise<unknown>, message: string) => {
    if ((await action.run(what, () => message)) !== null) await Promise.all([services.reload(), goods.reload()])
  }
  const busy = action.busy
  const names = (pl: string, en: string) => ({ pl: pl.trim(), ...(en.trim() ? { en: en.trim() } : {}) })

  return (
    <section>
      <h1 tabIndex={-1}>{t('office.cat.title')}</h1>
      <OfficeTabs current="office-catalogue" />
      {action.done && <Notice kind="success">{action.done}</Notice>}
      <ErrorNotice error={action.error} />
      <div class="grid-2">
        <form
          class="card"
          aria-label={t('office.cat.addService')}
          onSubmit={(e) => {
            e.preventDefault()
            const code = s.code.trim().toUpperCase()
            void run(
              () =>
                office.addService({
                  code,
                  names: names(s.pl, s.en),
                  baseMinutes: Number(s.minutes),
                  durationRules: [],
                  price: { amountMinor: minorOf(s.price), currency: 'PLN' },
                  vatRatePercent: Number(s.vat),
                  requiredFeatures: [],
                  requiredSkill: s.skill || null,
                } as Parameters<typeof office.addService>[0]),
              t('office.cat.serviceAdded', { code }),
            )
          }}
        >
          <h2>{t('office.cat.addService')}</h2>
          <TextField
            label={t('office.cat.code')}
            value={s.code}
            onValue={(v) => setS({ ...s, code: v })}
            required
            autoCapitalize="characters"
          />
          <NameFields draft={s} onDraft={(d) => setS({ ...s, ...d })} />
          <div class="field-row">
            <TextField
              label={t('office.cat.minutes')}
              type="number"
              min={5}
              value={s.minutes}
              onValue={(v) => setS({ ...s, minutes: v })}
              required
            />
            <PriceVatFields draft={s} onDraft={(d) => setS({ ...s, ...d })} />
          </div>
          <SelectField
            label={t('office.cat.skill')}
            value={s.skill}
            onValue={(v) => setS({ ...s, skill: v })}
            options={SKILLS.map((k) => ({
              value: k,
              label: k ? (maybe(`office.skill.${k}`) ?? k) : t('office.cat.noSkill'),
            }))}
          />
          <button type="submit" class="primary" disabled={busy}>
            {t('office.cat.addService')}
          </button>
        </form>
        <form
          class="card"
          aria-label={t('office.cat.addGoods')}
          onSubmit={(e) => {
            e.preventDefault()
            const sku = g.sku.trim().toUpperCase()
            void run(
              () =>
                office.addGoods({
                  sku,
                  kind: g.kind,
                  names: names(g.pl, g.en),
                  price: { amountMinor: minorOf(g.price), currency: 'PLN' },
                  vatRatePercent: Number(g.vat),
                }),
              t('office.cat.goodsAdded', { sku }),
            )
          }}
        >
          <h2>{t('office.cat.addGoods')}</h2>
          <TextField
            label={t('office.cat.sku')}
            value={g.sku}
            onValue={(v) => setG({ ...g, sku: v })}
            required
            autoCapitalize="characters"
          />
          <SelectField
            label={t('office.cat.kind')}
            value={g.kind}
            onValue={(v) => setG({ ...g, kind: v })}
            options={KINDS.map((k) => ({ value: k, label: maybe(`goodsKind.${k}`) ?? k }))}
          />
          <NameFields draft={g} onDraft={(d) => setG({ ...g, ...d })} />
          <div class="field-row">
            <PriceVatFields draft={g} onDraft={(d) => setG({ ...g, ...d })} />
          </div>
          <button type="submit" class="primary" disabled={busy}>
            {t('office.cat.addGoods')}
          </button>
        </form>
      </div>
      <PriceChange
        items={[
          ...(services.data?.items ?? []).map((x) => ({
            id: x.code,
            label: `${x.code} · ${name(x.names, x.code)}`,
            price: x.price,
          })),
          ...(goods.data?.items ?? []).map((x) => ({
            id: x.sku,
            label: `${x.sku} · ${name(x.names, x.sku)}`,
            price: x.price,
          })),
        ]}
        busy={busy}
        onChange={(id, amountMinor) => {
          const service = services.data?.items.find((x) => x.code === id)
          const item = goods.data?.items.find((x) => x.sku === id)
          const price = { amountMinor, currency: 'PLN' }
          void run(
            () =>
              service
                ? office.changeService({
                    code: service.code,
                    names: service.names,
                    baseMinutes: service.baseMinutes,
                    durationRules: service.durationRules,
                    price,
                    vatRatePercent: service.vatRatePercent,
                    requiredFeatures: service.requiredFeatures,
                    requiredSkill: service.requiredSkill,
                  })
                : item
                  ? office.changeGoods({
                      sku: item.sku,
                      kind: item.kind,
                      names: item.names,
                      price,
                      vatRatePercent: item.vatRatePercent,
                    })
                  : Promise.reject(new Error(id)),
            t('office.cat.priceChanged', { what: id, price: money(price) }),
          )
        }}
      />

      <h2>{t('office.cat.services')}</h2>
      <Loading show={services.loading} />
      <ErrorNotice error={services.error} />
      <ItemTable
        class="catalogue-services"
        idLabel={t('office.cat.code')}
        thirdLabel={t('office.cat.minutes')}
        busy={busy}
        items={(services.data?.items ?? []).map((x) => ({
          id: x.code,
          name: name(x.names, x.code),
          third: String(x.baseMinutes),
          price: money(x.price),
          edit: href(`office-service/${encodeURIComponent(x.code)}`),
        }))}
        onRetire={(code) => run(() => office.retireService(code), t('office.cat.retired', { what: code }))}
      />
      <h2>{t('office.cat.goods')}</h2>
      <ErrorNotice error={goods.error} />
      <ItemTable
        class="catalogue-goods"
        idLabel={t('office.cat.sku')}
        thirdLabel={t('office.cat.kind')}
        busy={busy}
        items={(goods.data?.items ?? []).map((x) => ({
          id: x.sku,
          name: name(x.names, x.sku),
          third: maybe(`goodsKind.${x.kind}`) ?? x.kind,
          price: money(x.price),
        }))}
        onRetire={(sku) => run(() => office.retireGoods(sku), t('office.cat.retired', { what: sku }))}
      />
    </section>
  )
}

interface ItemRow {
  readonly id: string
  readonly name: string
  readonly third: string
  readonly price: string
  /** Where the item's names and durations are changed (services). */
  readonly edit?: string
}

/** Services or goods: id, name, a third column (minutes or kind), price, and a way to retire one. */
function ItemTable(props: {
  readonly class: string
  readonly idLabel: string
  readonly thirdLabel: string
  readonly items: readonly ItemRow[]
  readonly busy: boolean
  readonly onRetire: (id: string) => void
}) {
  const { t } = useI18n()
  return (
    <div class="table-wrap">
      <table class={`responsive ${props.class}`}>
        <thead>
          <tr>
            <th scope="col">{props.idLabel}</th>
            <th scope="col">{t('office.cat.name')}</th>
            <th scope="col">{props.thirdLabel}</th>
            <th scope="col">{t('office.cat.price')}</th>
            <th scope="col">
              <span class="visually-hidden">{t('staff.points.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((x) => (
            <tr key={x.id}>
              <th scope="row" data-label={props.idLabel}>
                {x.id}
              </th>
              <td data-label={t('office.cat.name')}>{x.name}</td>
              <td data-label={props.thirdLabel}>{x.third}</td>
              <td data-label={t('office.cat.price')}>{x.price}</td>
              <td>
                {x.edit && (
                  <>
                    <a href={x.edit} aria-label={`${t('office.nav.service')}: ${x.id}`}>
                      {t('office.nav.service')}
                    </a>{' '}
                  </>
                )}
                <button
                  type="button"
                  class="danger"
                  disabled={props.busy}
                  aria-label={t('office.cat.retireOne', { what: x.id })}
                  onClick={() => props.onRetire(x.id)}
                >
                  {t('office.cat.retire')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** A new net price for one service or product, chosen from the catalogue. */
function PriceChange(props: {
  readonly items: readonly { readonly id: string; readonly label: string; readonly price: Money }[]
  readonly busy: boolean
  readonly onChange: (id: string, amountMinor: number) => void
}) {
  const { t, money } = useI18n()
  const [id, setId] = useState('')
  const [price, setPrice] = useState('')
  const chosen = props.items.find((x) => x.id === id) ?? props.items[0]
  if (!chosen) return null
  return (
    <form
      class="card field-row"
      aria-label={t('office.cat.changePrice')}
      onSubmit={(e) => {
        e.preventDefault()
        props.onChange(chosen.id, minorOf(price))
      }}
    >
      <SelectField
        label={t('office.cat.item')}
        value={chosen.id}
        onValue={setId}
        options={props.items.map((x) => ({ value: x.id, label: x.label }))}
        hint={t('office.cat.priceNow', { price: money(chosen.price) })}
      />
      <TextField label={t('office.cat.newPrice')} inputMode="numeric" value={price} onValue={setPrice} required />
      <button type="submit" class="field-action" disabled={props.busy}>
        {t('office.cat.changePrice')}
      </button>
    </form>
  )
}

/** A catalogue item's names in Polish (required) and English. */
function NameFields(props: {
  readonly draft: { readonly pl: string; readonly en: string }
  readonly onDraft: (d: { pl?: string; en?: string }) => void
}) {
  const { t } = useI18n()
  return (
    <>
      <TextField
        label={t('office.cat.namePl')}
        value={props.draft.pl}
        onValue={(pl) => props.onDraft({ pl })}
        required
      />
      <TextField label={t('office.cat.nameEn')} value={props.draft.en} onValue={(en) => props.onDraft({ en })} />
    </>
  )
}

/** A catalogue item's net price (złoty, comma or point) and VAT rate. */
function PriceVatFields(props: {
  readonly draft: { readonly price: string; readonly vat: string }
  readonly onDraft: (d: { price?: string; vat?: string }) => void
}) {
  const { t } = useI18n()
  return (
    <>
      <TextField
        label={t('office.cat.price')}
        inputMode="numeric"
        value={props.draft.price}
        onValue={(price) => props.onDraft({ price })}
        required
      />
      <TextField
        label={t('office.cat.vat')}
        type="number"
        min={0}
        max={100}
        value={props.draft.vat}
        onValue={(vat) => props.onDraft({ vat })}
        required
      />
    </>
  )
}
