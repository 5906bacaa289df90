// Who is logged in, per client (the portal, the staff console and the fleet dashboard keep separate
// sessions: a workshop PC may have the console open while a customer books on the portal). The
// token lives in localStorage until it expires, so a reload or a new tab stays logged in.
import { createContext } from 'preact'
import { useContext } from 'preact/hooks'
import type { ApiClient } from './api/client.js'
import type { Endpoints } from './api/endpoints.js'
import type { Account, LoginAnswer } from './api/types.js'

export interface Session {
  readonly token: string
  readonly expiresAt: string
  readonly account: Account
}

export type ClientName = 'portal' | 'staff' | 'fleet'

const keyOf = (client: ClientName) => `tsn.session.${client}`

export function loadSession(client: ClientName): Session | null {
  try {
    const raw = window.localStorage.getItem(keyOf(client))
    if (!raw) return null
    const session = JSON.parse(raw) as Session
    return Date.parse(session.expiresAt) > Date.now() ? session : null
  } catch {
    return null
  }
}

export function saveSession(client: ClientName, session: Session | null): void {
  try {
    if (session) window.localStorage.setItem(keyOf(client), JSON.stringify(session))
    else window.localStorage.removeItem(keyOf(client))
  } catch {
    // Private mode without storage: the session lasts as long as the page.
  }
}

export const sessionOf = (answer: LoginAnswer): Session => ({
  token: answer.accessToken,
  expiresAt: answer.expiresAt,
  account: answer.account,
})

export interface SessionContextValue {
  readonly session: Session | null
  readonly api: Endpoints
  /** The client itself, for pages that declare their own endpoints (portal tracking, fleet dashboard, head office). */
  readonly client: ApiClient
  signIn(answer: LoginAnswer): void
  signOut(): void
}

export const SessionContext = createContext<SessionContextValue | null>(null)

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext)
  if (!value) throw new Error('useSession outside an AppShell')
  return value
}
