// The network's catalogue as two templates.
//
// prices: the price list of the catalogue's services. One row per service: its code, Polish name,
// and English names, duration in minutes, the bay features and staff skill it needs, price, currency and VAT rate.
// A code the catalogue has: its price and VAT, and its names, minutes, features and skill where
// the cells give them, change (ChangeService with the rest of the definition, names in other
// languages and duration rules per vehicle class, as it is). A code it does not have: a new service
// (AddService) from the row, which then needs both names and minutes (no duration rules: every vehicle
// takes the base minutes until the catalogue gives it rules). A retired code is a row problem (codes
// are never reused). Rows equal to the catalogue append nothing.
//
// goods: the goods the points sell (tyres, valves, sensors…): SKU, kind, names per language, price,
// currency, VAT. Import adds new SKUs (AddGoods) and changes known ones (ChangeGoods).
//
// Both: head office imports (the catalogue is the network's); head office and a point's own
// account and manager export (every point sells at the network's prices).
import { isDeepStrictEqual } from 'node:util'
import type { Principal } from '../../../domain/access/principal.js'
import { BayFeature, StaffSkill } from '../../../domain/service-network/capabilities.js'
import {
  type CatalogueItem,
  catalogueGoods,
  catalogueGoodsItems,
  catalogueService,
  catalogueServices,
  MAX_SERVICE_MINUTES,
} from '../../../domain/service-network/catalogueDecider.js'
import { GoodsKind, type LocalizedText, type ServiceDefinition } from '../../../domain/service-network/events.js'
import type { Money } from '../../../domain/shared/money.js'
import { mayEditCatalogue } from '../../serviceNetwork/pointAccess.js'
import {
  decimal,
  money,
  oneOf,
  optionalListOf,
  optionalOneOf,
  optionalText,
  optionalWholeNumber,
  text,
} from '../cells.js'
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

const FEATURES = Object.keys(BayFeature.keys) as BayFeature[]
const SKILLS = Object.keys(StaffSkill.keys) as StaffSkill[]

/** A field path of the catalogue decider → the column it comes from. */
function priceColumnOf(path: string): string | null {
  if (path.endsWith('baseMinutes')) return 'minutes'
  if (path.endsWith('requiredFeatures')) return 'required_features'
  if (path.endsWith('requiredSkill')) return 'required_skill'
  if (path === 'service.names.pl' || path === 'service.names') return 'name'
  if (path.endsWith('service.code')) return 'service_code'
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
      description: 'The service’s Polish name (needed for a new service; empty: as it is)',
      example: 'Wymiana opon',
    },
    {
      name: 'name_en',
      aliases: ['nazwa_en'],
      type: optionalText(200),
      required: false,
      description: 'The service’s English name (needed for a new service; empty: as it is)',
      example: 'Tyre change',
    },
    {
      name: 'minutes',
      aliases: ['minuty', 'czas_min'],
      type: optionalWholeNumber(MAX_SERVICE_MINUTES),
      required: false,
      description: 'How long it takes, whole minutes (needed for a new service; empty: as it is)',
      example: '45',
    },
    {
      name: 'required_features',
      aliases: ['wymagania_stanowiska'],
      type: optionalListOf(FEATURES),
      required: false,
      description: `Bay features it needs, comma-separated (${FEATURES.join(', ')}; empty: as it is, none for a new service)`,
      example: 'balancing',
    },
    {
      name: 'required_skill',
      aliases: ['umiejetnosc'],
      type: optionalOneOf(SKILLS),
      required: false,
      description: `The staff skill it needs (${SKILLS.join(', ')}; empty: as it is, none for a new service)`,
      example: 'tyre_fitting',
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
      name_en: d.names.en ?? null,
      minutes: d.baseMinutes,
      required_features: d.requiredFeatures,
      required_skill: d.requiredSkill,
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
      const v = r.values
      const code = v.service_code as string
      const item = catalogueService(state, code)
      const price = { amountMinor: v.price as number, currency: v.currency as string }
      const vat = v.vat_rate_percent as number
      if (item?.retired) {
        problems.push({
          row: r.row,
          column: r.headerOf('service_code'),
          message: `service ${code} is retired; codes are never reused (old bookings name them)`,
        })
        continue
      }
      if (!item) {
        // A new service: the row must say what the catalogue needs to book it.
        const missing = (['name', 'name_en', 'minutes'] as const).filter((c) => v[c] === null)
        for (const column of missing)
          problems.push({
            row: r.row,
            column: r.headerOf(column),
            message: `no service ${code} in the catalogue: a new service needs its ${column}`,
          })
        if (missing.length > 0) continue
        const service: ServiceDefinition = {
          code,
          names: { pl: v.name as string, en: v.name_en as string },
          baseMinutes: v.minutes as number,
          durationRules: [],
          price,
          vatRatePercent: vat,
          requiredFeatures: (v.required_features as BayFeature[] | null) ?? [],
          requiredSkill: (v.required_skill as StaffSkill | null) ?? null,
        }
        planned.push({ row: r, id: code, command: { kind: 'AddService', networkId: deps.network.networkId, service } })
        continue
      }
      const d = item.definition
      const next: ServiceDefinition = {
        ...d,
        names: {
          ...d.names,
          ...(v.name === null ? {} : { pl: v.name as string }),
          ...(v.name_en === null ? {} : { en: v.name_en as string }),
        },
        baseMinutes: (v.minutes as number | null) ?? d.baseMinutes,
        requiredFeatures: (v.required_features as BayFeature[] | null) ?? d.requiredFeatures,
        requiredSkill: (v.required_skill as StaffSkill | null) ?? d.requiredSkill,
        price,
        vatRatePercent: vat,
      }
      if (isDeepStrictEqual(next, d)) {
        unchanged++
        continue
      }
      planned.push({
        row: r,
        id: code,
        command: { kind: 'ChangeService', networkId: deps.network.networkId, service: next },
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
