// The service points nearest to a customer: by their position, or by the region their car's plate
// encodes (regionForPlate). Filters by what the visit needs and by distance; the point of the car's
// last service comes first when it passes the filters (people return where their tyres are stored).

import { distanceKm, type GeoPoint } from '../shared/geo.js'
import { type Capabilities, type CapabilityRequirement, satisfies } from './capabilities.js'

export interface PointLocation {
  readonly pointId: string
  readonly geo: GeoPoint
  /** The point's capabilities (union of its bays). */
  readonly capabilities: Capabilities
  readonly active: boolean
}

export interface NearestPointsQuery {
  readonly from: GeoPoint
  readonly points: ReadonlyArray<PointLocation>
  readonly requirement?: CapabilityRequirement
  readonly maxDistanceKm?: number
  readonly lastServicePointId?: string | null
  readonly limit?: number
}

export interface NearPoint {
  readonly pointId: string
  readonly distanceKm: number
  readonly lastService: boolean
}

export function nearestPoints(query: NearestPointsQuery): NearPoint[] {
  const max = query.maxDistanceKm ?? Number.POSITIVE_INFINITY
  const found: Array<NearPoint & { exactKm: number }> = []
  for (const p of query.points) {
    if (!p.active) continue
    if (query.requirement && !satisfies(p.capabilities, query.requirement)) continue
    const d = distanceKm(query.from, p.geo)
    if (d > max) continue
    found.push({
      pointId: p.pointId,
      distanceKm: Math.round(d * 10) / 10,
      exactKm: d,
      lastService: p.pointId === query.lastServicePointId,
    })
  }
  found.sort(
    (a, b) =>
      Number(b.lastService) - Number(a.lastService) || a.exactKm - b.exactKm || (a.pointId < b.pointId ? -1 : 1),
  )
  const chosen = query.limit === undefined ? found : found.slice(0, query.limit)
  return chosen.map(({ pointId, distanceKm, lastService }) => ({ pointId, distanceKm, lastService }))
}
