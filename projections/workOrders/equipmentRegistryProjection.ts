// The `equipmentRegistry` read model (application/equipment/equipmentRegistryView.ts): each item's
// folded state and its registry entry, with the tyre advice as of the item's latest event. Search
// by plate, VIN or serial number (prefix of the normalised key), by owner, and "tyres due before".
import {
  EQUIPMENT_REGISTRY,
  type EquipmentRegistryDocument,
  registryItemOf,
} from '../../application/equipment/equipmentRegistryView.js'
import { equipmentDecider } from '../../domain/equipment/equipmentDecider.js'
import { type EquipmentEvent, equipmentEventCodecs } from '../../domain/equipment/events.js'
import type { Projection } from '../projection.js'
import { applyFolded, type DocumentFold, decodeRepairEvent } from './foldedDocuments.js'

const fold: DocumentFold<EquipmentRegistryDocument> = {
  collection: EQUIPMENT_REGISTRY.items,
  keysOf: (event) => [decodeRepairEvent<EquipmentEvent>(event).data.equipmentId],
  step(current, event, key) {
    const decoded = decodeRepairEvent<EquipmentEvent>(event)
    if (!current && decoded.type !== 'EquipmentRegistered') return null
    const state = equipmentDecider.evolve(current?.state ?? equipmentDecider.initialState, decoded)
    return { _id: key, ...registryItemOf(state, event.metadata.occurredAt), state }
  },
}

export const equipmentRegistryProjection: Projection = {
  name: EQUIPMENT_REGISTRY.projection,
  version: 1,
  types: Object.keys(equipmentEventCodecs),
  collections: [EQUIPMENT_REGISTRY.items],
  indexes: {
    [EQUIPMENT_REGISTRY.items]: [
      { keys: { plateKey: 1 } },
      { keys: { vinKey: 1 } },
      { keys: { serialKey: 1 } },
      { keys: { ownerCustomerId: 1 } },
      { keys: { ownerFleetId: 1 } },
      { keys: { 'tyreAdvice.replaceBefore': 1 } },
    ],
  },
  apply: (event, view) => applyFolded(fold, [event], view),
  applyBatch: (events, view) => applyFolded(fold, events, view),
}
