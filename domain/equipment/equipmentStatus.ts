// Where an item may go from where it is. Judging an item irreparable happens in service; scrapping
// happens to an item the shop holds or that its owner gives up; nothing comes back from scrapped.
import type { EquipmentStatus } from './events.js'

export const EQUIPMENT_STATUS_TRANSITIONS: Readonly<Record<EquipmentStatus, ReadonlyArray<EquipmentStatus>>> = {
  at_customer: ['in_service', 'on_site', 'scrapped'],
  in_service: ['at_customer', 'on_site', 'irreparable'],
  on_site: ['at_customer', 'in_service', 'scrapped'],
  irreparable: ['at_customer', 'on_site', 'scrapped'],
  scrapped: [],
}

export function canChangeStatus(from: EquipmentStatus, to: EquipmentStatus): boolean {
  return EQUIPMENT_STATUS_TRANSITIONS[from].includes(to)
}
