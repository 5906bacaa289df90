// Listing and searching the catalogue (public: customers choose services and goods). Active items
// only unless retired ones are asked for. A catalogue holds hundreds of items, so the text search
// (code and names in every locale) filters in memory after the indexed read.
import type { BayFeature } from '../../domain/service-network/capabilities.js'
import type { GoodsKind } from '../../domain/service-network/events.js'
import type { Filter } from '../ports/documentStore.js'
import {
  CATALOGUE,
  type CatalogueGoods,
  type CatalogueGoodsView,
  type CatalogueService,
  type CatalogueServiceView,
} from './catalogueViews.js'
import type { ReadModelReader } from './readModelReader.js'
import { foldForSearch } from './searchText.js'
import { type Page, type Paging, pageOf } from './viewer.js'

export interface CatalogueSearch {
  /** Part of the code or of a name in any locale (case and diacritics ignored). */
  readonly text?: string
  readonly includeRetired?: boolean
}

/** `search` holds the folded code and names, so "opon" finds "Sezonowa wymiana opon" and "Tyre change". */
const matches = (search: string, text: string | undefined): boolean => !text || search.includes(foldForSearch(text))

export class CatalogueQueries {
  constructor(private readonly readModels: ReadModelReader) {}

  async services(
    search: CatalogueSearch & { readonly requiredFeature?: BayFeature },
    paging: Paging,
  ): Promise<Page<CatalogueService>> {
    const filter: Filter = search.includeRetired ? {} : { active: true }
    const all = await (
      await this.readModels.collection<CatalogueServiceView>(CATALOGUE.projection, CATALOGUE.services)
    ).find(filter, { sort: { code: 1 } })
    const found = all.filter(
      (s) =>
        matches(s.search, search.text) &&
        (search.requiredFeature === undefined || s.requiredFeatures.includes(search.requiredFeature)),
    )
    return pageOf(
      found.map(({ _id, search: _search, ...service }) => service),
      paging,
    )
  }

  async goods(search: CatalogueSearch & { readonly kind?: GoodsKind }, paging: Paging): Promise<Page<CatalogueGoods>> {
    const filter: Filter = search.includeRetired ? {} : { active: true }
    if (search.kind) filter.kind = search.kind
    const all = await (
      await this.readModels.collection<CatalogueGoodsView>(CATALOGUE.projection, CATALOGUE.goods)
    ).find(filter, { sort: { kind: 1, sku: 1 } })
    return pageOf(
      all.filter((g) => matches(g.search, search.text)).map(({ _id, search: _search, ...goods }) => goods),
      paging,
    )
  }
}
