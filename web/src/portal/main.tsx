// The customer portal: book a visit (with or without an account until the last step), see and
// change one's bookings; track an order by its code, answer an estimate line by line, rate the
// service; a customer's own vehicles with their history and what falls due.
import { render } from 'preact'
import { AppShell, type RouteDef } from '../shared/ui/AppShell.js'
import { LoginPage } from '../shared/ui/AuthForms.js'
import '../shared/ui/styles.css'
import { useI18n } from '../shared/i18n/i18n.js'
import { lazyPage } from '../staff/repair/lazyPage.js'
import { BookingPage } from './BookingPage.js'
import { BookPage } from './BookPage.js'
import { EstimatePage } from './EstimatePage.js'
import { MyBookingsPage } from './MyBookingsPage.js'
import { MyVehiclesPage } from './MyVehiclesPage.js'
import { TicketPage } from './TicketPage.js'
import { TrackPage } from './TrackPage.js'

// Opened from a due-service reminder only: its own chunk, fetched when the link is opened.
const VisitProposalPage = lazyPage(() => import('./VisitProposalPage.js').then((m) => m.VisitProposalPage))

const routes: readonly RouteDef[] = [
  { page: '', title: 'portal.nav.book', component: BookPage, nav: true },
  { page: 'bookings', title: 'portal.nav.mine', component: MyBookingsPage, nav: true, roles: ['customer'] },
  { page: 'booking', title: 'booking.title', component: BookingPage, roles: ['customer'] },
  { page: 'vehicles', title: 'portal.nav.vehicles', component: MyVehiclesPage, nav: true, roles: ['customer'] },
  { page: 'track', title: 'track.title', component: TrackPage, nav: true },
  { page: 'estimate', title: 'estimate.title', component: EstimatePage },
  { page: 'tickets', title: 'ticket.title', component: TicketPage, login: true },
  { page: 'visit-proposals', title: 'proposal.title', component: VisitProposalPage },
]

function PortalLogin() {
  const { t } = useI18n()
  return <LoginPage title={t('portal.login.title')} intro={t('portal.login.intro')} />
}

const root = document.getElementById('app')
if (root) render(<AppShell client="portal" name="portal.name" routes={routes} login={PortalLogin} />, root)
