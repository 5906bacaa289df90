// Ready-made views of the built-in reports (built-in variants): the head office's bookings per
// point, no-shows, cancellations and lead time, utilisation, revenue, SLA compliance and ratings; a
// point's own figures, technicians' hours and parts; a fleet's costs per branch and vehicle, dues
// and tyres; a customer's visits. Any of them can be run with another period (?period=week|month),
// range, grouping or columns, saved as one's own variant, or subscribed to by e-mail. Each reader is
// offered the ones over reports he may read.
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
  {
    variantId: 'utilisationPerMonth',
    report: 'utilisation',
    title: 'Utilisation per point and month',
    description: 'Minutes booked against bay-minutes open, per point and month.',
    query: { period: 'month', columns: ['bookedMinutes', 'capacityMinutes', 'utilisation'] },
  },
  {
    variantId: 'revenuePerMonth',
    report: 'revenue',
    title: 'Revenue per point and month',
    description: 'Invoices, net and gross per point and month (contracts’ monthly invoices under no point).',
    query: { period: 'month', columns: ['invoices', 'netMinor', 'grossMinor'] },
  },
  {
    variantId: 'slaPerMonth',
    report: 'slaCompliance',
    title: 'SLA compliance per point and month',
    description: 'Tickets resolved under an SLA and the share that met both targets, all priorities together.',
    query: { groupBy: ['pointId', 'month'], columns: ['resolved', 'withSla', 'compliance'] },
  },
  {
    variantId: 'ratingsPerPoint',
    report: 'ratings',
    title: 'Ratings per point',
    description: 'Ratings of finished orders and of tickets, and their averages, per point over the whole range.',
    query: { period: 'total', columns: ['serviceRatings', 'avgServiceStars', 'ticketRatings', 'avgTicketStars'] },
  },
  {
    variantId: 'technicianWeek',
    report: 'technicianHours',
    title: 'Technicians’ week: clocked and billed',
    description: 'Per technician and week: minutes clocked, labour billed, billed ÷ clocked.',
    query: { period: 'week', columns: ['clockedMinutes', 'billedMinutes', 'billedShare'] },
  },
  {
    variantId: 'partsPerMonth',
    report: 'partsUsed',
    title: 'Parts used per month',
    description: 'Per SKU and month: issued, returned, used.',
    query: { period: 'month', columns: ['issued', 'returned', 'used'] },
  },
  {
    variantId: 'fleetCostsPerBranch',
    report: 'fleetCosts',
    title: 'Fleet costs per branch and month',
    description: 'Orders and invoiced amounts per branch and month.',
    query: { groupBy: ['fleetId', 'branchId', 'month'], columns: ['ordersHandedOver', 'netMinor', 'grossMinor'] },
  },
  {
    variantId: 'fleetCostsPerVehicle',
    report: 'fleetCosts',
    title: 'Fleet costs per vehicle',
    description: 'Orders and invoiced amounts per vehicle over the whole range.',
    query: { period: 'total', groupBy: ['fleetId', 'vehicleId'], columns: ['ordersHandedOver', 'netMinor'] },
  },
  {
    variantId: 'duesPerMonth',
    report: 'vehicleDues',
    title: 'Dues per month',
    description: 'Inspections, warranties and insurances falling due, per kind and month (from=today for upcoming).',
    query: { period: 'month', groupBy: ['kind', 'dueOn'] },
  },
  {
    variantId: 'fleetTyres',
    report: 'tyreState',
    title: 'Fleet tyres per branch',
    description: 'Tyres mounted, lowest and average tread, tyres below 3 mm and 1.6 mm per branch.',
    query: { groupBy: ['fleetId', 'branchId'] },
  },
  {
    variantId: 'myVisits',
    report: 'vehicleVisits',
    title: 'My vehicles’ visits',
    description: 'Per vehicle and month: visits to come, completed, cancelled and missed, and what was invoiced.',
    query: {
      period: 'month',
      groupBy: ['vehicle', 'day'],
      columns: ['upcoming', 'completed', 'cancelled', 'noShows', 'invoicedGrossMinor'],
    },
  },
]
