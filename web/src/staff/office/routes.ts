// Head office's pages in the staff console: a new point, the catalogue, users and roles, reports.
// main.tsx spreads these into its routes (one line there, so the console's other pages and these
// grow apart).
import type { Role } from '../../shared/api/types.js'
import type { RouteDef } from '../../shared/ui/AppShell.js'
import { CataloguePage } from './CataloguePage.js'
import { EditPointPage } from './EditPointPage.js'
import { NewPointPage } from './NewPointPage.js'
import { ReportsPage } from './ReportsPage.js'
import { UsersPage } from './UsersPage.js'

const HQ: readonly Role[] = ['head_office']

export const officeRoutes: readonly RouteDef[] = [
  { page: 'office-point', title: 'office.nav.newPoint', component: NewPointPage, roles: HQ },
  { page: 'office-point-edit', title: 'office.edit.nav', component: EditPointPage, roles: HQ },
  { page: 'office-catalogue', title: 'office.nav.catalogue', component: CataloguePage, nav: true, roles: HQ },
  { page: 'office-users', title: 'office.nav.users', component: UsersPage, roles: HQ },
  {
    page: 'office-reports',
    title: 'office.nav.reports',
    component: ReportsPage,
    nav: true,
    roles: ['head_office', 'service_point', 'service_point_manager'],
  },
]
