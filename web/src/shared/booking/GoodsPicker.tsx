// Extra goods for the visit (tyres, valves, sensors…), folded away: most visits need none.
import type { CatalogueGoods } from '../api/types.js'
import { useI18n } from '../i18n/i18n.js'

export type GoodsQuantities = Readonly<Record<string, number>>

export const chosenGoods = (q: GoodsQuantities) =>
  Object.entries(q)
    .filter(([, quantity]) => quantity > 0)
    .map(([sku, quantity]) => ({ sku, quantity }))

export function GoodsPicker(props: {
  readonly goods: readonly CatalogueGoods[]
  readonly quantities: GoodsQuantities
  readonly onChange: (next: GoodsQuantities) => void
}) {
  const { t, name, money } = useI18n()
  const count = chosenGoods(props.quantities).length
  return (
    <details class="goods" open={count > 0}>
      <summary>
        {t('visit.goods')}
        {count > 0 ? ` (${count})` : ''}
      </summary>
      <ul class="goods-list">
        {props.goods
          .filter((g) => g.active)
          .map((g) => {
            const id = `goods-${g.sku}`
            return (
              <li key={g.sku} class="goods-item">
                <label for={id}>
                  <span class="choice-title">{name(g.names, g.sku)}</span>
                  <span class="choice-meta">
                    {t(`goodsKind.${g.kind}`)} · {money(g.price)}
                  </span>
                </label>
                <input
                  id={id}
                  type="number"
                  min={0}
                  max={20}
                  inputMode="numeric"
                  value={props.quantities[g.sku] ?? 0}
                  onInput={(e) => {
                    const n = Math.max(0, Math.min(20, Math.floor(Number(e.currentTarget.value) || 0)))
                    props.onChange({ ...props.quantities, [g.sku]: n })
                  }}
                />
              </li>
            )
          })}
      </ul>
    </details>
  )
}
