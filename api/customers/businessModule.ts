// Every business-side router (customers, fleets and their dashboards, contracts, helpdesk,
// billing) as one module for createApp.
import type { BusinessPlatform } from '../../application/customers/businessPlatform.js'
import type { ApiModule } from '../apiKit.js'
import { billingRoutes } from '../billing/billingRoutes.js'
import { contractRoutes } from '../contracts/contractRoutes.js'
import { dashboardRoutes } from '../fleets/dashboardRoutes.js'
import { fleetRoutes } from '../fleets/fleetRoutes.js'
import { ticketRoutes } from '../helpdesk/ticketRoutes.js'
import { customerRoutes } from './customerRoutes.js'

export function businessModule(platform: BusinessPlatform): ApiModule {
  return (kit) => [
    customerRoutes(kit, platform.customers),
    fleetRoutes(kit, platform.fleets, platform.imports),
    ...dashboardRoutes(kit, platform.dashboards),
    contractRoutes(kit, platform.contracts),
    ticketRoutes(kit, platform.tickets, platform.escalation),
    billingRoutes(kit, platform.billing),
  ]
}
