// English texts of the customer portal's repair side, the fleet dashboard and head office's pages.
import type { plOffice } from './plOffice.js'

export const enOffice: Record<keyof typeof plOffice, string> = {
  'track.title': 'Track an order',
}
