// The business side's projections, in the order they are registered.

import { fleetDashboardProjection } from '../fleet/fleetDashboardProjection.js'
import type { Projection } from '../projection.js'
import { billingProjection } from './billingProjection.js'
import { contractsProjection } from './contractsProjection.js'
import { customersProjection } from './customersProjection.js'
import { ticketsProjection } from './ticketsProjection.js'

export const businessProjections: readonly Projection[] = [
  customersProjection,
  contractsProjection,
  ticketsProjection,
  billingProjection,
  fleetDashboardProjection,
]
