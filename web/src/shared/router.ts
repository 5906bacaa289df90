// A hash router: '#/calendar?date=2026-11-27'. Hash routes need no server fallback (a reload of any
// page works whatever path the API serves) and never collide with the API's own paths.
import { useEffect, useState } from 'preact/hooks'

export interface Location {
  /** The first path segment ('' for the start page). */
  readonly page: string
  /** The segments after it ('bookings/abc' → ['abc']). */
  readonly rest: readonly string[]
  readonly params: URLSearchParams
}

export function parseHash(hash: string): Location {
  const raw = hash.replace(/^#\/?/, '')
  const [path = '', query = ''] = raw.split('?', 2)
  const [page = '', ...rest] = path.split('/').filter(Boolean).map(decodeURIComponent)
  return { page, rest, params: new URLSearchParams(query) }
}

export type Params = Readonly<Record<string, string | number | undefined | null>>

export function href(path: string, params: Params = {}): string {
  const search = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') search.set(k, String(v))
  const s = search.toString()
  return `#/${path}${s ? `?${s}` : ''}`
}

export function navigate(path: string, params: Params = {}, options: { replace?: boolean } = {}): void {
  const target = href(path, params)
  if (options.replace) {
    history.replaceState(null, '', target)
    window.dispatchEvent(new HashChangeEvent('hashchange'))
  } else window.location.hash = target
}

export function useLocation(): Location {
  const [location, setLocation] = useState(() => parseHash(window.location.hash))
  useEffect(() => {
    const update = () => setLocation(parseHash(window.location.hash))
    window.addEventListener('hashchange', update)
    return () => window.removeEventListener('hashchange', update)
  }, [])
  return location
}
