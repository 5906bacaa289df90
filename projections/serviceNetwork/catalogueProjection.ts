// The `catalogue` read model: services and goods of the network's catalogue for listing and search.
// Retiring keeps the document (active: false): bookings and invoices keep naming retired codes.
import type { RecordedEvent } from '../../application/ports/eventStore.js'
import {
  CATALOGUE,
  type CatalogueGoodsView,
  type CatalogueServiceView,
  catalogueItemId,
} from '../../application/queries/catalogueViews.js'
import { foldForSearch } from '../../application/queries/searchText.js'
import {
  catalogueEventCodecs,
  type GoodsDefinition,
  type LocalizedText,
  type ServiceDefinition,
} from '../../domain/service-network/events.js'
import type { Projection, ProjectionView } from '../projection.js'
import { decodeEvent } from './decodeEvent.js'

/** Code and every locale's name, folded, in a fixed order (locales sorted) so rebuilds match. */
const searchText = (key: string, names: LocalizedText): string =>
  [
    key,
    ...Object.keys(names)
      .sort()
      .map((l) => names[l] ?? ''),
  ]
    .map(foldForSearch)
    .join(' | ')

function serviceView(networkId: string, s: ServiceDefinition, occurredAt: string): CatalogueServiceView {
  return {
    _id: catalogueItemId(networkId, s.code),
    networkId,
    code: s.code,
    names: s.names,
    baseMinutes: s.baseMinutes,
    durationRules: s.durationRules,
    price: s.price,
    vatRatePercent: s.vatRatePercent,
    requiredFeatures: s.requiredFeatures,
    requiredSkill: s.requiredSkill,
    active: true,
    search: searchText(s.code, s.names),
    updatedAt: occurredAt,
  }
}

function goodsView(networkId: string, g: GoodsDefinition, occurredAt: string): CatalogueGoodsView {
  return {
    _id: catalogueItemId(networkId, g.sku),
    networkId,
    sku: g.sku,
    kind: g.kind,
    names: g.names,
    price: g.price,
    vatRatePercent: g.vatRatePercent,
    active: true,
    search: searchText(g.sku, g.names),
    updatedAt: occurredAt,
  }
}

async function apply(event: RecordedEvent, view: ProjectionView): Promise<void> {
  const decoded = decodeEvent(catalogueEventCodecs, event)
  const at = event.metadata.occurredAt
  const services = view.collection(CATALOGUE.services)
  const goods = view.collection(CATALOGUE.goods)
  const { networkId } = decoded.data
  switch (decoded.type) {
    case 'CatalogueServiceAdded':
    case 'CatalogueServiceChanged': {
      const doc = serviceView(networkId, decoded.data.service, at)
      await services.replaceOne({ _id: doc._id }, doc, { upsert: true })
      return
    }
    case 'CatalogueServiceRetired':
      await services.updateOne(
        { _id: catalogueItemId(networkId, decoded.data.code) },
        { $set: { active: false, updatedAt: at } },
      )
      return
    case 'CatalogueGoodsAdded':
    case 'CatalogueGoodsChanged': {
      const doc = goodsView(networkId, decoded.data.goods, at)
      await goods.replaceOne({ _id: doc._id }, doc, { upsert: true })
      return
    }
    case 'CatalogueGoodsRetired':
      await goods.updateOne(
        { _id: catalogueItemId(networkId, decoded.data.sku) },
        { $set: { active: false, updatedAt: at } },
      )
      return
  }
}

export const catalogueProjection: Projection = {
  name: CATALOGUE.projection,
  version: 1,
  types: Object.keys(catalogueEventCodecs),
  collections: [CATALOGUE.services, CATALOGUE.goods],
  indexes: {
    // listings: active items by code / by kind and SKU
    [CATALOGUE.services]: [{ keys: { active: 1, code: 1 } }, { keys: { networkId: 1, code: 1 } }],
    [CATALOGUE.goods]: [{ keys: { active: 1, kind: 1, sku: 1 } }, { keys: { networkId: 1, sku: 1 } }],
  },
  apply,
}
