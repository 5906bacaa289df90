// The frame every client shares: skip link, header with the client's pages, the language switch
// and the account, then the current page. A client is a list of routes; adding a page (work
// orders, customers, reports…) is one component and one entry in its routes.
import type { ComponentChildren, ComponentType } from 'preact'
import { useEffect, useMemo, useRef, useState } from 'preact/hooks'
import { ApiClient } from '../api/client.js'
import { endpoints } from '../api/endpoints.js'
import type { Role } from '../api/types.js'
import {
  I18nContext,
  type I18nContextValue,
  initialLocale,
  type Locale,
  makeI18n,
  saveLocale,
  type TextKey,
  useI18n,
} from '../i18n/i18n.js'
import { href, type Location, useLocation } from '../router.js'
import {
  type ClientName,
  loadSession,
  type Session,
  SessionContext,
  type SessionContextValue,
  saveSession,
  sessionOf,
} from '../session.js'
import { LocaleSwitch } from './LocaleSwitch.js'

export interface PageProps {
  readonly location: Location
}

export interface RouteDef {
  /** The first segment of the hash path ('' for the start page). */
  readonly page: string
  readonly title: TextKey
  readonly component: ComponentType<PageProps>
  /** Shown in the header's navigation. */
  readonly nav?: boolean
  /** Needs a login; with roles, one of these roles. */
  readonly login?: boolean
  readonly roles?: readonly Role[]
}

export interface AppShellProps {
  readonly client: ClientName
  readonly name: TextKey
  readonly routes: readonly RouteDef[]
  /** Shown for a page that needs a login when nobody is logged in. */
  readonly login: ComponentType<PageProps>
  /** Roles this client is for; another role is told so after login. */
  readonly roles?: readonly Role[]
}

const SESSION_ENDED = new Set(['TOKEN_EXPIRED', 'TOKEN_INVALID', 'AUTHENTICATION_REQUIRED'])

export function AppShell(props: AppShellProps) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale)
  const [session, setSession] = useState<Session | null>(() => loadSession(props.client))
  const [ended, setEnded] = useState(false)
  const location = useLocation()
  const sessionRef = useRef(session)
  sessionRef.current = session

  const i18n = useMemo<I18nContextValue>(
    () => ({
      ...makeI18n(locale),
      setLocale: (next: Locale) => {
        saveLocale(next)
        setLocaleState(next)
      },
    }),
    [locale],
  )
  useEffect(() => {
    document.documentElement.lang = locale
  }, [locale])

  const sessionValue = useMemo<SessionContextValue>(() => {
    const update = (next: Session | null) => {
      saveSession(props.client, next)
      setSession(next)
    }
    const client = new ApiClient({
      token: () => sessionRef.current?.token ?? null,
      onUnauthorized: (error) => {
        if (sessionRef.current && SESSION_ENDED.has(error.code)) {
          update(null)
          setEnded(true)
        }
      },
    })
    return {
      session,
      api: endpoints(client),
      client,
      signIn: (answer) => {
        setEnded(false)
        update(sessionOf(answer))
      },
      signOut: () => update(null),
    }
  }, [session, props.client])

  const route = props.routes.find((r) => r.page === location.page) ?? props.routes[0]
  const role = session?.account.role
  const allowed = (r: RouteDef) => !r.roles || (role !== undefined && r.roles.includes(role))
  const t = i18n.t

  // A new page moves the focus to its heading, so a screen reader announces it and Tab starts there.
  const mainRef = useRef<HTMLElement>(null)
  const firstRender = useRef(true)
  // Only a change of page moves the focus.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false
      return
    }
    mainRef.current?.querySelector<HTMLElement>('h1')?.focus()
  }, [location.page, location.rest.join('/')])

  useEffect(() => {
    document.title = `${route ? t(route.title) : ''} · ${t(props.name)}`
  }, [route, t, props.name])

  const needsLogin = !!route && (route.login === true || route.roles !== undefined)
  const clientAllows = !props.roles || (role !== undefined && props.roles.includes(role))
  let body: ComponentChildren
  if (!route) body = null
  else if (needsLogin && !session) {
    const Login = props.login
    body = (
      <>
        {ended && (
          <p class="notice" role="status">
            {t('session.ended')}
          </p>
        )}
        <Login location={location} />
      </>
    )
  } else if (needsLogin && !(allowed(route) && clientAllows)) {
    body = <NotForYou />
  } else {
    const Page = route.component
    body = <Page location={location} />
  }

  return (
    <I18nContext.Provider value={i18n}>
      <SessionContext.Provider value={sessionValue}>
        <button type="button" class="skip-link" onClick={skipToMain}>
          {t('shell.skip')}
        </button>
        <header class="app-header">
          <div class="bar">
            <a class="brand" href={href('')}>
              {t(props.name)}
            </a>
            <div class="header-tools">
              <LocaleSwitch />
              {session && (
                <span class="account">
                  <span class="account-name">{session.account.displayName}</span>
                  <button type="button" class="link-button" onClick={() => sessionValue.signOut()}>
                    {t('shell.logout')}
                  </button>
                </span>
              )}
            </div>
          </div>
          {/* Logged out, pages that need a login are offered anyway: opening one asks for the login. */}
          <Nav
            routes={props.routes.filter((r) => r.nav && (!r.roles || !session || allowed(r)))}
            current={route?.page}
          />
        </header>
        <main id="main" ref={mainRef} tabIndex={-1}>
          {body}
        </main>
      </SessionContext.Provider>
    </I18nContext.Provider>
  )
}

// A button, not a link to #main: the hash belongs to the router.
function skipToMain(): void {
  document.getElementById('main')?.focus()
}

// Five entries or more collapse on a phone behind a disclosure button (it names the current page and
// says whether the list is open); wider screens show them all, wrapping onto further rows.
const COLLAPSE_FROM = 5

function Nav(props: { routes: readonly RouteDef[]; current: string | undefined }) {
  const { t } = useI18n()
  const [open, setOpen] = useState(false)
  // Choosing a page (or going back) closes the list.
  useEffect(() => setOpen(false), [props.current])
  if (props.routes.length < 2) return null
  const many = props.routes.length >= COLLAPSE_FROM
  const here = props.routes.find((r) => r.page === props.current)
  return (
    <nav
      aria-label={t('shell.nav')}
      class={many ? `nav-many${open ? ' nav-open' : ''}` : undefined}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          setOpen(false)
          ;(e.currentTarget.querySelector('.nav-toggle') as HTMLElement | null)?.focus()
        }
      }}
    >
      {many && (
        <button
          type="button"
          class="nav-toggle"
          aria-expanded={open}
          aria-controls="app-nav-list"
          onClick={() => setOpen(!open)}
        >
          {t('shell.nav')}
          {here ? `: ${t(here.title)}` : ''} <span aria-hidden="true">{open ? '▴' : '▾'}</span>
        </button>
      )}
      <ul id="app-nav-list">
        {props.routes.map((r) => (
          <li key={r.page}>
            <a
              href={href(r.page)}
              aria-current={r.page === props.current ? 'page' : undefined}
              onClick={() => setOpen(false)}
            >
              {t(r.title)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}

function NotForYou() {
  const { t } = useI18n()
  return (
    <section>
      <h1 tabIndex={-1}>{t('shell.notForYou.title')}</h1>
      <p>{t('shell.notForYou.text')}</p>
    </section>
  )
}
