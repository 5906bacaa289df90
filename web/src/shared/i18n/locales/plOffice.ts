// Polish texts of the customer portal's repair side (tracking, estimate, rating, own vehicles), the
// fleet dashboard and head office's pages; spread into pl.ts. Kept apart so the staff console's
// texts and these do not meet in one file while both grow.
export const plOffice = {
  'track.title': 'Śledzenie zlecenia',
} as const satisfies Record<string, string>
