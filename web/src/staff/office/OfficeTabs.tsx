// Head office's pages, linked from each other (the console's header has room for only a few).
import { useI18n } from '../../shared/i18n/i18n.js'
import { href } from '../../shared/router.js'

const TABS = [
  ['points', 'staff.nav.points'],
  ['office-point', 'office.nav.newPoint'],
  ['office-catalogue', 'office.nav.catalogue'],
  ['office-users', 'office.nav.users'],
  ['office-reports', 'office.nav.reports'],
  ['office-subscriptions', 'office.nav.subscriptions'],
  ['office-exchange', 'office.nav.exchange'],
] as const

export function OfficeTabs(props: { readonly current: string }) {
  const { t } = useI18n()
  return (
    <nav class="tabs-row" aria-label={t('office.nav')}>
      {TABS.map(([page, key]) => (
        <a key={page} href={href(page)} aria-current={page === props.current ? 'page' : undefined}>
          {t(key)}
        </a>
      ))}
    </nav>
  )
}
