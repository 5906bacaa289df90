// The reports every network gets, written in the same definition language analysts use (and
// checked by the same checker when the application starts). Bump a definition's version when
// you change it: its read model is then rebuilt blue/green on the next start.
//
// Booking events after the request carry only the booking id, so the point and its zone are
// remembered from BookingRequested for the rest of the booking's stream. Days are the point's
// local days of the event (a cancellation counts on the day it was cancelled).
import type { ReportDefinition } from '../../../application/reports/reportDefinition.js'

const bookingStream = [
  { name: 'pointId', from: ['BookingRequested'], path: 'data.pointId' },
  { name: 'timeZone', from: ['BookingRequested'], path: 'data.timeZone' },
]
const onRequest = { type: 'BookingRequested' }
const leadTime = { from: 'metadata.occurredAt', to: 'data.slot.start', unit: 'hours' as const }

export const bookingsReport: ReportDefinition = {
  name: 'bookings',
  // 2: weeks and months stored beside the days.
  version: 2,
  title: 'Bookings per service point',
  description:
    'Per service point and local day: bookings made, booked minutes, reschedules, cancellations, no-shows, ' +
    'check-ins and completed visits, distinct vehicles booked, and the lead time from making a booking to the ' +
    'visit’s start as booked (hours). period=week or month rolls the days up.',
  events: [
    'BookingRequested',
    'BookingRescheduled',
    'BookingCancelled',
    'BookingMarkedNoShow',
    'BookingCheckedIn',
    'BookingCompleted',
  ],
  remember: bookingStream,
  groupBy: [
    { name: 'pointId', path: 'remembered.pointId' },
    // Weeks and months kept ready: a year by month reads 12 rows per point instead of 365.
    {
      name: 'day',
      bucket: 'day',
      path: 'metadata.occurredAt',
      timeZonePath: 'remembered.timeZone',
      rollups: ['week', 'month'],
    },
  ],
  measures: [
    { name: 'bookings', op: 'count', filter: onRequest },
    { name: 'bookedMinutes', op: 'sum', path: 'data.durationMinutes', filter: onRequest },
    { name: 'reschedules', op: 'count', filter: { type: 'BookingRescheduled' } },
    { name: 'cancellations', op: 'count', filter: { type: 'BookingCancelled' } },
    { name: 'noShows', op: 'count', filter: { type: 'BookingMarkedNoShow' } },
    { name: 'checkIns', op: 'count', filter: { type: 'BookingCheckedIn' } },
    { name: 'completed', op: 'count', filter: { type: 'BookingCompleted' } },
    { name: 'vehicles', op: 'distinct', path: 'data.vehicle.plate', filter: onRequest },
    { name: 'leadTimeHours', op: 'avg', duration: leadTime, filter: onRequest },
    { name: 'minLeadTimeHours', op: 'min', duration: leadTime, filter: onRequest },
    { name: 'maxLeadTimeHours', op: 'max', duration: leadTime, filter: onRequest },
  ],
  scope: { pointId: 'pointId' },
}

export const cancellationReasonsReport: ReportDefinition = {
  name: 'cancellationReasons',
  version: 1,
  title: 'Cancellations by reason',
  description: 'Per service point, local month of the cancellation and reason given: cancelled bookings.',
  events: ['BookingCancelled'],
  remember: bookingStream,
  groupBy: [
    { name: 'pointId', path: 'remembered.pointId' },
    { name: 'month', bucket: 'month', timeZonePath: 'remembered.timeZone' },
    { name: 'reason', path: 'data.reason' },
  ],
  measures: [{ name: 'cancellations', op: 'count' }],
  scope: { pointId: 'pointId' },
}

export const pointChangesReport: ReportDefinition = {
  name: 'pointChanges',
  version: 1,
  title: 'Service network changes',
  description:
    'Per city (as the point’s address had it at the time) and local month: points opened, deactivated and ' +
    'reactivated, bays added and removed.',
  events: ['ServicePointCreated', 'ServicePointDeactivated', 'ServicePointReactivated', 'BayAdded', 'BayRemoved'],
  remember: [
    { name: 'city', from: ['ServicePointCreated', 'ServicePointDetailsChanged'], path: 'data.address.city' },
    { name: 'timeZone', from: ['ServicePointCreated', 'ServicePointTimeZoneChanged'], path: 'data.timeZone' },
  ],
  groupBy: [
    { name: 'city', path: 'remembered.city' },
    { name: 'month', bucket: 'month', timeZonePath: 'remembered.timeZone' },
  ],
  measures: [
    { name: 'opened', op: 'count', filter: { type: 'ServicePointCreated' } },
    { name: 'deactivated', op: 'count', filter: { type: 'ServicePointDeactivated' } },
    { name: 'reactivated', op: 'count', filter: { type: 'ServicePointReactivated' } },
    { name: 'baysAdded', op: 'count', filter: { type: 'BayAdded' } },
    { name: 'baysRemoved', op: 'count', filter: { type: 'BayRemoved' } },
    { name: 'points', op: 'distinct', path: 'data.pointId' },
  ],
}

/**
 * Ratings customers give: of a finished work order (1–6 stars, through the tracking page) and of a
 * ticket (stars), under the point that did the work or handled the ticket (remembered from the
 * ticket's opening), per month of head office's calendar. The two scales are kept apart.
 */
export const ratingsReport: ReportDefinition = {
  name: 'ratings',
  // 2: ratings of finished orders (ServiceRated) beside tickets'.
  version: 2,
  title: 'Ratings per service point',
  description:
    'Per service point and month (Europe/Warsaw): ratings of finished orders (1–6 stars) and of tickets, each ' +
    'with its count, average and low ratings (1–2 stars). period=total over a range.',
  events: ['TicketOpened', 'TicketRated', 'ServiceRated'],
  remember: [{ name: 'pointId', from: ['TicketOpened', 'ServiceRated'], path: 'data.pointId' }],
  filter: { type: { $in: ['TicketRated', 'ServiceRated'] } },
  groupBy: [
    { name: 'pointId', path: 'remembered.pointId' },
    { name: 'month', bucket: 'month', timeZone: 'Europe/Warsaw' },
  ],
  measures: [
    { name: 'serviceRatings', op: 'count', filter: { type: 'ServiceRated' } },
    { name: 'avgServiceStars', op: 'avg', path: 'data.stars', filter: { type: 'ServiceRated' } },
    { name: 'lowServiceRatings', op: 'count', filter: { type: 'ServiceRated', 'data.stars': { $lte: 2 } } },
    { name: 'ticketRatings', op: 'count', filter: { type: 'TicketRated' } },
    { name: 'avgTicketStars', op: 'avg', path: 'data.stars', filter: { type: 'TicketRated' } },
    { name: 'lowTicketRatings', op: 'count', filter: { type: 'TicketRated', 'data.stars': { $lte: 2 } } },
  ],
  scope: { pointId: 'pointId' },
}

export const builtInReportDefinitions: readonly ReportDefinition[] = [
  bookingsReport,
  cancellationReasonsReport,
  pointChangesReport,
  ratingsReport,
]
