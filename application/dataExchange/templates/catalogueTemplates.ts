// The network's catalogue as two templates.
//
// prices: the price list of the catalogue's services. One row per service: its code, its name (for
// reading: an import does not rename services), price, currency and VAT rate. Import changes the
// price and VAT of services that exist (ChangeService with the rest of the definition as it is);
// a code the catalogue does not have is a row problem: services, with their durations and bay
// requirements, are defined in the catalogue, not by a price list. Rows equal to the catalogue
// append nothing.
//
// goods: the goods the points sell (tyres, valves, sensors…): SKU, kind, names per language, price,
// currency, VAT. Import adds new SKUs (AddGoods) and changes known ones (ChangeGoods).
//
// Both: head office imports (the catalogue is the network's); head office and a point's own
// account and manager export (every point sells at the network's prices).
import { isDeepStrictEqual } from 'node:util'
import type { Principal } from '../../../domain/access/principal.js'
import {
  type CatalogueItem,
  catalogueGoods,
  catalogueGoodsItems,
  catalogueService,
  catalogueServices,
  catalogueServicesAsAdded,
} from '../../../domain/service-network/catalogueDecider.js'
import { GoodsKind, type LocalizedText } from '../../../domain/service-network/events.js'
import type { Money } from '../../../domain/shared/money.js'
import { mayEditCatalogue } from '../../serviceNetwork/pointAccess.js'
import { decimal, money, oneOf, optionalText, text } from '../cells.js'
import type { DataExchangeDeps } from '../dataExchangeDeps.js'
import { type ExchangeTemplate, repeatedKeys, roleDenied } from '../exchangeTemplate.js'
import { applyCatalogueBatch, type PlannedChange } from './catalogueImport.js'

const EXPORTERS = ['head_office', 'service_point', 'service_point_manager']
const mayExportCatalogue = (by: Principal) =>
  EXPORTERS.includes(by.role) ? null : roleDenied('the catalogue is exported by head office and the points')

const LANGUAGES = ['pl', 'en', 'ro', 'ru'] as const
const GOODS_KINDS = Object.keys(GoodsKind.keys) as Array<keyof typeof GoodsKind.keys>

const priceColumns = [
  {
    name: 'price',
    aliases: ['cena'],
    type: money,
    required: true,
    description: 'Price as the catalogue keeps it (the VAT rate is its own column), two decimals at most',
    example: '149.99',
  },
  {
    name: 'currency',
    aliases: ['waluta'],
    type: text(3),
    required: true,
    description: 'ISO 4217 code',
    example: 'PLN',
  },
  {
    name: 'vat_rate_percent',
    aliases: ['vat', 'stawka_vat'],
    type: decimal,
    required: true,
    description: 'VAT rate in percent',
    example: '23',
  },
] as const

/** A field path of the catalogue decider → the column it comes from. */
function priceColumnOf(path: string): string | null {
  if (path.endsWith('price.amountMinor')) return 'price'
  if (path.endsWith('price.currency')) return 'currency'
  if (path.endsWith('vatRatePercent')) return 'vat_rate_percent'
  if (path.endsWith('.sku')) return 'sku'
  if (path.endsWith('.kind')) return 'kind'
  const name = /names\.(\w+)$/.exec(path)?.[1]
  if (name) return `name_${name}`
  if (path.endsWith('.names')) return 'name_pl'
  return null
}

/** The definitions not retired, by key: the order an export lists them in. */
/** Definitions not retired, sorted by code or SKU. */
function inUse<D>(items: Array<[string, CatalogueItem<D>]>): D[] {
  return items.flatMap(([, item]) => (item.retired ? [] : [item.definition]))
}

const priceCells = (d: { price: Money; vatRatePercent: number }) => ({
  price: d.price.amountMinor,
  currency: d.price.currency,
  vat_rate_percent: d.vatRatePercent,
})

const namesOf = (names: LocalizedText): string => names.pl ?? Object.values(names)[0] ?? ''

export const pricesTemplate: ExchangeTemplate<DataExchangeDeps> = {
  name: 'prices',
  title: 'Service price list',
  record: 'price',
  columns: [
    {
      name: 'service_code',
      aliases: ['code', 'kod_uslugi', 'kod'],
      type: text(64),
      required: true,
      description: 'The catalogue service’s code',
      example: 'TYRE_CHANGE',
    },
    {
      name: 'name',
      aliases: ['nazwa'],
      type: optionalText(200),
      required: false,
      exportOnly: true,
      description: 'The service’s Polish name (exported for reading; not imported)',
      example: 'Wymiana opon',
    },
    ...priceColumns,
  ],
  mayExport: mayExportCatalogue,
  mayImport: (by) => mayEditCatalogue(by),

  async exportRows(deps) {
    const state = await deps.network.catalogue()
    return inUse(catalogueServices(state)).map((d) => ({
      service_code: d.code,
      name: namesOf(d.names),
      ...priceCells(d),
    }))
  },

  async importRows(deps, by, _scope, file, rows, problems, meta) {
    const state = await deps.network.catalogue()
    problems.push(
      ...repeatedKeys(
        rows.map((r) => ({ row: r, key: r.values.service_code as string })),
        'service_code',
        'service',
      ),
    )
    const planned: PlannedChange[] = []
    let unchanged = 0
    for (const r of rows) {
      const code = r.values.service_code as string
      const item = catalogueService(state, code)
      if (!item || item.retired) {
        // In the order a record of them lists its keys (as added, integer-like codes first).
        const known = Object.entries(Object.fromEntries(catalogueServicesAsAdded(state)))
          .filter(([, s]) => !s.retired)
          .map(([c]) => c)
        problems.push({
          row: r.row,
          column: r.headerOf('service_code'),
          message: `no service ${code} in the catalogue${known.length > 0 ? `; services: ${known.slice(0, 8).join(', ')}` : ''}`,
        })
        continue
      }
      const d = item.definition
      const price = { amountMinor: r.values.price as number, currency: r.values.currency as string }
      const vat = r.values.vat_rate_percent as number
      if (
        d.price.amountMinor === price.amountMinor &&
        d.price.currency === price.currency &&
        d.vatRatePercent === vat
      ) {
        unchanged++
        continue
      }
      planned.push({
        row: r,
        id: code,
        command: {
          kind: 'ChangeService',
          networkId: deps.network.networkId,
          service: { ...d, price, vatRatePercent: vat },
        },
      })
    }
    const done = await applyCatalogueBatch(deps, by, file, planned, problems, priceColumnOf, meta, state)
    if (!done.ok) return done
    return { ok: true, summary: { imported: done.ids.length, unchanged, ids: done.ids } }
  },
}

export const goodsTemplate: ExchangeTemplate<DataExchangeDeps> = {
  name: 'goods',
  title: 'Goods',
  record: 'item',
  columns: [
    {
      name: 'sku',
      aliases: ['kod_towaru', 'indeks'],
      type: text(64),
      required: true,
      description: 'Stock-keeping unit: letters, digits, . _ -',
      example: 'TYR-205-55-R16-MICH',
    },
    {
      name: 'kind',
      aliases: ['rodzaj'],
      type: oneOf(GOODS_KINDS),
      required: true,
      description: GOODS_KINDS.join(', '),
      example: 'tyre',
    },
    ...LANGUAGES.map((lang) => {
      // Polish and English names are required by the catalogue; Romanian and Russian may be left out.
      const required = lang === 'pl' || lang === 'en'
      return {
        name: `name_${lang}`,
        aliases: lang === 'pl' ? ['nazwa'] : [],
        type: required ? text(200) : optionalText(200),
        required,
        description: required ? `Name in ${lang}` : `Name in ${lang} (empty: none)`,
        example: lang === 'pl' ? 'Opona Michelin Primacy 4 205/55 R16' : lang === 'en' ? 'Michelin Primacy 4 tyre' : '',
      }
    }),
    ...priceColumns,
  ],
  mayExport: mayExportCatalogue,
  mayImport: (by) => mayEditCatalogue(by),

  async exportRows(deps) {
    const state = await deps.network.catalogue()
    return inUse(catalogueGoodsItems(state)).map((d) => ({
      sku: d.sku,
      kind: d.kind,
      ...Object.fromEntries(LANGUAGES.map((l) => [`name_${l}`, d.names[l] ?? null])),
      ...priceCells(d),
    }))
  },

  async importRows(deps, by, _scope, file, rows, problems, meta) {
    const state = await deps.network.catalogue()
    problems.push(
      ...repeatedKeys(
        rows.map((r) => ({ row: r, key: r.values.sku as string })),
        'sku',
        'SKU',
      ),
    )
    const planned: PlannedChange[] = []
    let unchanged = 0
    for (const r of rows) {
      const v = r.values
      const sku = v.sku as string
      const names: Record<string, string> = {}
      for (const l of LANGUAGES) if (typeof v[`name_${l}`] === 'string') names[l] = v[`name_${l}`] as string
      const goods = {
        sku,
        kind: v.kind as (typeof GOODS_KINDS)[number],
        names,
        price: { amountMinor: v.price as number, currency: v.currency as string },
        vatRatePercent: v.vat_rate_percent as number,
      }
      const existing = catalogueGoods(state, sku)
      if (existing && !existing.retired && isDeepStrictEqual(existing.definition, goods)) {
        unchanged++
        continue
      }
      planned.push({
        row: r,
        id: sku,
        command: existing
          ? { kind: 'ChangeGoods', networkId: deps.network.networkId, goods }
          : { kind: 'AddGoods', networkId: deps.network.networkId, goods },
      })
    }
    const done = await applyCatalogueBatch(deps, by, file, planned, problems, priceColumnOf, meta, state)
    if (!done.ok) return done
    return { ok: true, summary: { imported: done.ids.length, unchanged, ids: done.ids } }
  },
}
