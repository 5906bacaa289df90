// Which point the console works on: the one in the address (so a link or a reload keeps it), else
// the last one chosen, else the account's own point, else the network's first.
import type { Endpoints } from '../shared/api/endpoints.js'
import type { StaffPoint } from '../shared/api/types.js'
import type { Location } from '../shared/router.js'
import type { Session } from '../shared/session.js'
import { type Loaded, useLoad } from '../shared/useLoad.js'

const LAST = 'tsn.staff.point'

export function useNetworkPoints(api: Endpoints): Loaded<readonly StaffPoint[]> {
  return useLoad(async () => (await api.networkPoints()).items, [])
}

export function currentPointId(
  location: Location,
  session: Session | null,
  points: readonly StaffPoint[] | null,
): string | null {
  const wanted = location.params.get('point')
  if (wanted) return wanted
  let last: string | null = null
  try {
    last = window.localStorage.getItem(LAST)
  } catch {
    last = null
  }
  if (last && points?.some((p) => p.pointId === last)) return last
  const tenant = session?.account.tenant
  if (tenant?.scope === 'point') return tenant.pointId
  return points?.[0]?.pointId ?? null
}

export function rememberPoint(pointId: string): void {
  try {
    window.localStorage.setItem(LAST, pointId)
  } catch {
    // no storage: the address still carries the point
  }
}
