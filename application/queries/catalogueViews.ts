// The `catalogue` read model: the network's services (collection `services`) and goods (collection
// `goods`), one document per code / SKU, retired ones kept with active: false (old bookings name them).
import type { BayFeature, StaffSkill } from '../../domain/service-network/capabilities.js'
import type { DurationRule, GoodsKind, LocalizedText } from '../../domain/service-network/events.js'
import type { Money } from '../../domain/shared/money.js'
import type { Document } from '../ports/documentStore.js'

export const CATALOGUE = { projection: 'catalogue', services: 'services', goods: 'goods' } as const

/** Codes and SKUs are unique within a network; the id names both so two networks never collide. */
export const catalogueItemId = (networkId: string, key: string): string => `${networkId}:${key}`

/** A service as listings show it. */
export interface CatalogueService {
  networkId: string
  code: string
  names: LocalizedText
  baseMinutes: number
  durationRules: DurationRule[]
  price: Money
  vatRatePercent: number
  requiredFeatures: BayFeature[]
  requiredSkill: StaffSkill | null
  active: boolean
  updatedAt: string
}

export interface CatalogueServiceView extends Document, CatalogueService {
  _id: string
  /** Folded code and names in every locale, for text search. */
  search: string
}

/** Goods as listings show them. */
export interface CatalogueGoods {
  networkId: string
  sku: string
  kind: GoodsKind
  names: LocalizedText
  price: Money
  vatRatePercent: number
  active: boolean
  updatedAt: string
}

export interface CatalogueGoodsView extends Document, CatalogueGoods {
  _id: string
  /** Folded SKU and names in every locale, for text search. */
  search: string
}
