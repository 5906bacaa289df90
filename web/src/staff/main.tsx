// The staff console: the point's calendar (day, bay, week) with check-in, completion, no-show,
// moving and cancelling; bookings taken on the phone; the work-order board, intake, the order page and
// customer/equipment search with repair history (repair/); head office's list of points.
import { render } from 'preact'
import type { Role } from '../shared/api/types.js'
import { useI18n } from '../shared/i18n/i18n.js'
import { AppShell, type RouteDef } from '../shared/ui/AppShell.js'
import { LoginPage } from '../shared/ui/AuthForms.js'
import '../shared/ui/styles.css'
import { CalendarPage } from './CalendarPage.js'
import { NewBookingPage } from './NewBookingPage.js'
import { officeRoutes } from './office/routes.js'
import { PointsPage } from './PointsPage.js'
import { lazyPage } from './repair/lazyPage.js'

// The repair pages are chunks of their own, fetched when first opened.
const BoardPage = lazyPage(() => import('./repair/BoardPage.js').then((m) => m.BoardPage))
const IntakePage = lazyPage(() => import('./repair/IntakePage.js').then((m) => m.IntakePage))
const OrderPage = lazyPage(() => import('./repair/OrderPage.js').then((m) => m.OrderPage))
const CustomersPage = lazyPage(() => import('./repair/CustomersPage.js').then((m) => m.CustomersPage))
const StockPage = lazyPage(() => import('./repair/StockPage.js').then((m) => m.StockPage))

const STAFF: readonly Role[] = ['head_office', 'service_point', 'service_point_manager', 'service_point_employee']

const routes: readonly RouteDef[] = [
  { page: 'calendar', title: 'staff.nav.calendar', component: CalendarPage, nav: true, roles: STAFF },
  { page: 'new', title: 'staff.nav.new', component: NewBookingPage, nav: true, roles: STAFF },
  { page: 'orders', title: 'staff.nav.orders', component: BoardPage, nav: true, roles: STAFF },
  { page: 'intake', title: 'staff.nav.intake', component: IntakePage, nav: true, roles: STAFF },
  { page: 'order', title: 'staff.nav.order', component: OrderPage, roles: STAFF },
  { page: 'customers', title: 'staff.nav.customers', component: CustomersPage, nav: true, roles: STAFF },
  { page: 'stock', title: 'staff.nav.stock', component: StockPage, nav: true, roles: STAFF },
  { page: 'points', title: 'staff.nav.points', component: PointsPage, nav: true, roles: ['head_office'] },
  ...officeRoutes,
]

function StaffLogin() {
  const { t } = useI18n()
  return <LoginPage title={t('staff.login.title')} />
}

const root = document.getElementById('app')
if (root) render(<AppShell client="staff" name="staff.name" routes={routes} login={StaffLogin} roles={STAFF} />, root)
