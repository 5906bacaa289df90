// Ready-made views of the built-in reports (built-in variants): the head office's bookings per
// point, no-shows, cancellations and lead time, and a point's own daily figures. Any of them can be
// run with another period (?period=week|month), range or columns, and saved as one's own variant.
import type { ReportPreset } from '../../../application/reports/reportService.js'

export const builtInPresets: readonly ReportPreset[] = [
  {
    variantId: 'bookingsPerPoint',
    report: 'bookings',
    title: 'Bookings per point',
    description: 'Bookings made and minutes booked per point and day (period=week or month to roll up).',
    query: { period: 'day', columns: ['bookings', 'bookedMinutes', 'vehicles'] },
  },
  {
    variantId: 'bookingsPerMonth',
    report: 'bookings',
    title: 'Bookings in the network per month',
    description: 'The whole network per month: bookings, cancellations, no-shows and completed visits.',
    query: { period: 'month', groupBy: ['day'], columns: ['bookings', 'cancellations', 'noShows', 'completed'] },
  },
  {
    variantId: 'noShows',
    report: 'bookings',
    title: 'No-shows per point',
    description: 'Bookings made and visits missed per point and month.',
    query: { period: 'month', columns: ['bookings', 'noShows'] },
  },
  {
    variantId: 'cancellations',
    report: 'bookings',
    title: 'Cancellations per point',
    description: 'Bookings made, cancelled and rescheduled per point and month (reasons: cancellationReasons).',
    query: { period: 'month', columns: ['bookings', 'cancellations', 'reschedules'] },
  },
  {
    variantId: 'leadTime',
    report: 'bookings',
    title: 'Average lead time per point',
    description: 'Hours from making a booking to the visit’s start (as booked): average, shortest, longest.',
    query: { period: 'month', columns: ['bookings', 'leadTimeHours', 'minLeadTimeHours', 'maxLeadTimeHours'] },
  },
  {
    variantId: 'pointDaily',
    report: 'bookings',
    title: 'Our point, day by day',
    description: 'A point’s own figures per day (its staff see their point only).',
    query: { period: 'day' },
  },
]
