// The customer portal: book a visit (with or without an account until the last step), see and
// change one's bookings. Later: tracking an order by access code, estimates, ratings (issue 9).
import { render } from 'preact'
import { AppShell, type RouteDef } from '../shared/ui/AppShell.js'
import { LoginPage } from '../shared/ui/AuthForms.js'
import '../shared/ui/styles.css'
import { useI18n } from '../shared/i18n/i18n.js'
import { BookingPage } from './BookingPage.js'
import { BookPage } from './BookPage.js'
import { MyBookingsPage } from './MyBookingsPage.js'

const routes: readonly RouteDef[] = [
  { page: '', title: 'portal.nav.book', component: BookPage, nav: true },
  { page: 'bookings', title: 'portal.nav.mine', component: MyBookingsPage, nav: true, roles: ['customer'] },
  { page: 'booking', title: 'booking.title', component: BookingPage, roles: ['customer'] },
]

function PortalLogin() {
  const { t } = useI18n()
  return <LoginPage title={t('portal.login.title')} intro={t('portal.login.intro')} />
}

const root = document.getElementById('app')
if (root) render(<AppShell client="portal" name="portal.name" routes={routes} login={PortalLogin} />, root)
