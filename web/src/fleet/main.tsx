// The fleet dashboard: a fleet manager's (or the company account's) view of the fleet's visits,
// and the fleet projections (spend over time, due services, tyre state; by branch; CSV export) with
// each vehicle's card.
import { render } from 'preact'
import type { Role } from '../shared/api/types.js'
import { useI18n } from '../shared/i18n/i18n.js'
import { AppShell, type RouteDef } from '../shared/ui/AppShell.js'
import { LoginPage } from '../shared/ui/AuthForms.js'
import '../shared/ui/styles.css'
import { DashboardPage } from './DashboardPage.js'
import { FleetBookingsPage } from './FleetBookingsPage.js'
import { VehiclePage } from './VehiclePage.js'

const FLEET: readonly Role[] = ['fleet_manager', 'fleet_client', 'head_office']

const routes: readonly RouteDef[] = [
  { page: '', title: 'fleet.nav.bookings', component: FleetBookingsPage, nav: true, roles: FLEET },
  { page: 'dashboard', title: 'fleetd.nav', component: DashboardPage, nav: true, roles: FLEET },
  { page: 'vehicle', title: 'fleetd.vehicle', component: VehiclePage, roles: FLEET },
]

function FleetLogin() {
  const { t } = useI18n()
  return <LoginPage title={t('fleet.login.title')} />
}

const root = document.getElementById('app')
if (root) render(<AppShell client="fleet" name="fleet.name" routes={routes} login={FleetLogin} roles={FLEET} />, root)
