// Queries on the `equipmentRegistry` read model: search by plate, VIN or serial number (a prefix of
// the normalised key: "dw1" finds DW 1AB23), by owner, by type, and the items whose tyres are due
// before a date (for reminders and a point's "call these customers" list).
//   - the network's staff search the whole registry (a car may come to any point);
//   - a customer finds only his own items, a fleet's people only the fleet's.
import type { Principal } from '../../domain/access/principal.js'
import type { Filter } from '../ports/documentStore.js'
import type { ReadModelReader } from '../queries/readModelReader.js'
import type { Page, Paging } from '../queries/viewer.js'
import { isPointStaffRole } from '../workOrders/workOrderAccess.js'
import {
  EQUIPMENT_REGISTRY,
  type EquipmentRegistryDocument,
  type EquipmentRegistryItem,
  searchKey,
} from './equipmentRegistryView.js'

export interface EquipmentSearch {
  /** A plate, VIN or serial number, or its beginning. */
  readonly q?: string
  readonly ownerCustomerId?: string
  readonly ownerFleetId?: string
  readonly kind?: EquipmentRegistryItem['kind']
  readonly typeCode?: string
  /** Only items with a tyre replacement suggested before this date (YYYY-MM-DD or an instant). */
  readonly tyresDueBefore?: string
  readonly includeScrapped?: boolean
}

const strip = ({ _id, state: _state, ...item }: EquipmentRegistryDocument): EquipmentRegistryItem =>
  item as EquipmentRegistryItem

export class EquipmentQueries {
  constructor(private readonly readModels: ReadModelReader) {}

  private items() {
    return this.readModels.collection<EquipmentRegistryDocument>(
      EQUIPMENT_REGISTRY.projection,
      EQUIPMENT_REGISTRY.items,
    )
  }

  async search(by: Principal, search: EquipmentSearch, paging: Paging): Promise<Page<EquipmentRegistryItem>> {
    const t = by.tenant
    const scope: Filter = isPointStaffRole(by)
      ? {}
      : t.scope === 'customer'
        ? { ownerCustomerId: t.customerId }
        : t.scope === 'fleet'
          ? { ownerFleetId: t.fleetId }
          : { _id: { $in: [] } }
    const parts: Filter[] = [scope]
    const key = search.q === undefined ? '' : searchKey(search.q)
    if (key !== '') {
      const range = { $gte: key, $lt: `${key}\uffff` }
      parts.push({ $or: [{ plateKey: range }, { vinKey: range }, { serialKey: range }] })
    }
    if (search.ownerCustomerId !== undefined) parts.push({ ownerCustomerId: search.ownerCustomerId })
    if (search.ownerFleetId !== undefined) parts.push({ ownerFleetId: search.ownerFleetId })
    if (search.kind !== undefined) parts.push({ kind: search.kind })
    if (search.typeCode !== undefined) parts.push({ typeCode: search.typeCode })
    if (search.tyresDueBefore !== undefined) parts.push({ 'tyreAdvice.replaceBefore': { $lt: search.tyresDueBefore } })
    if (!search.includeScrapped) parts.push({ status: { $ne: 'scrapped' } })
    const query: Filter = { $and: parts }
    const items = await this.items()
    const sort: Record<string, 1 | -1> =
      search.tyresDueBefore !== undefined ? { 'tyreAdvice.replaceBefore': 1, _id: 1 } : { plateKey: 1, _id: 1 }
    const [found, total] = await Promise.all([
      items.find(query, { sort, skip: paging.offset, limit: paging.limit, projection: { state: 0 } }),
      items.count(query),
    ])
    return { items: found.map(strip), total, limit: paging.limit, offset: paging.offset }
  }

  /** Live items already registered with this VIN or plate (for the registration's duplicate check). */
  async duplicates(vin: string | null, plate: string | null): Promise<string[]> {
    const or: Filter[] = []
    if (vin) or.push({ vinKey: searchKey(vin) })
    if (plate) or.push({ plateKey: searchKey(plate) })
    if (or.length === 0) return []
    const found = await (await this.items()).find(
      { $and: [{ $or: or }, { status: { $ne: 'scrapped' } }] },
      { projection: { _id: 1 } },
    )
    return found.map((d) => d._id)
  }
}
