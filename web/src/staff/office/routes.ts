// Head office's pages in the staff console: a new point, the catalogue, users and roles, reports;
// and, each a chunk of its own fetched when first opened, a point's bays/rota/hours, a service's
// names and durations, import/export and reports by e-mail. main.tsx spreads these into its routes
// (one line there, so the console's other pages and these grow apart).
import type { Role } from '../../shared/api/types.js'
import type { RouteDef } from '../../shared/ui/AppShell.js'
import { lazyPage } from '../repair/lazyPage.js'
import { CataloguePage } from './CataloguePage.js'
import { EditPointPage } from './EditPointPage.js'
import { NewPointPage } from './NewPointPage.js'
import { ReportsPage } from './ReportsPage.js'

const HQ: readonly Role[] = ['head_office']

const UsersPage = lazyPage(() => import('./UsersPage.js').then((m) => m.UsersPage))
const PointSetupPage = lazyPage(() => import('./PointSetupPage.js').then((m) => m.PointSetupPage))
const ServiceEditPage = lazyPage(() => import('./ServiceEditPage.js').then((m) => m.ServiceEditPage))
const ExchangePage = lazyPage(() => import('./ExchangePage.js').then((m) => m.ExchangePage))
const SubscriptionsPage = lazyPage(() => import('./SubscriptionsPage.js').then((m) => m.SubscriptionsPage))

export const officeRoutes: readonly RouteDef[] = [
  { page: 'office-point', title: 'office.nav.newPoint', component: NewPointPage, roles: HQ },
  { page: 'office-point-edit', title: 'office.edit.nav', component: EditPointPage, roles: HQ },
  { page: 'office-catalogue', title: 'office.nav.catalogue', component: CataloguePage, nav: true, roles: HQ },
  { page: 'office-users', title: 'office.nav.users', component: UsersPage, roles: HQ },
  { page: 'office-point-setup', title: 'office.nav.pointSetup', component: PointSetupPage, roles: HQ },
  { page: 'office-service', title: 'office.nav.service', component: ServiceEditPage, roles: HQ },
  { page: 'office-exchange', title: 'office.nav.exchange', component: ExchangePage, roles: HQ },
  {
    page: 'office-subscriptions',
    title: 'office.nav.subscriptions',
    component: SubscriptionsPage,
    roles: ['head_office', 'service_point', 'service_point_manager'],
  },
  {
    page: 'office-reports',
    title: 'office.nav.reports',
    component: ReportsPage,
    nav: true,
    roles: ['head_office', 'service_point', 'service_point_manager'],
  },
]
