// The fleet dashboard: a fleet manager's (or the company account's) view of the fleet's visits.
// The fleet projections (spend, due services, tyre state, branches, export) join as further
// routes when the API has them (issue 6).
import { render } from 'preact'
import type { Role } from '../shared/api/types.js'
import { useI18n } from '../shared/i18n/i18n.js'
import { AppShell, type RouteDef } from '../shared/ui/AppShell.js'
import { LoginPage } from '../shared/ui/AuthForms.js'
import '../shared/ui/styles.css'
import { FleetBookingsPage } from './FleetBookingsPage.js'

const FLEET: readonly Role[] = ['fleet_manager', 'fleet_client', 'head_office']

const routes: readonly RouteDef[] = [
  { page: '', title: 'fleet.nav.bookings', component: FleetBookingsPage, nav: true, roles: FLEET },
]

function FleetLogin() {
  const { t } = useI18n()
  return <LoginPage title={t('fleet.login.title')} />
}

const root = document.getElementById('app')
if (root) render(<AppShell client="fleet" name="fleet.name" routes={routes} login={FleetLogin} roles={FLEET} />, root)
