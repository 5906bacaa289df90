// "Which workshops are near me?": by the customer's position, or, when only the car's plate is
// known, by the centroid of the region its prefix encodes; the point of the car's last visit first.
import { type Either, isLeft, left, right } from 'fp-ts/lib/Either.js'
import type { BayFeature, CapabilityRequirement } from '../../domain/service-network/capabilities.js'
import type { Address } from '../../domain/service-network/events.js'
import { nearestPoints } from '../../domain/service-network/nearestPoints.js'
import { normalisePlate, type PlateRegion, regionForPlate } from '../../domain/service-network/plateRegions.js'
import { type DomainError, domainError } from '../../domain/shared/decider.js'
import { type GeoPoint, isValidGeoPoint } from '../../domain/shared/geo.js'
import type { PointDirectory } from './pointDirectory.js'

export interface NearestPointsInput {
  readonly lat?: number
  readonly lon?: number
  readonly plate?: string
  readonly features?: ReadonlyArray<BayFeature>
  readonly rimInches?: number
  readonly maxDistanceKm?: number
  readonly limit?: number
}

export interface NearPointView {
  readonly pointId: string
  readonly name: string
  readonly address: Address | null
  readonly timeZone: string | null
  readonly geo: GeoPoint
  readonly distanceKm: number
  /** The car was last serviced here. */
  readonly lastService: boolean
}

export interface NearestPointsAnswer {
  readonly origin: {
    readonly lat: number
    readonly lon: number
    readonly source: 'location' | 'plate'
    /** The region the plate encodes, when the origin came from it. */
    readonly region: PlateRegion | null
  }
  readonly points: ReadonlyArray<NearPointView>
}

export const DEFAULT_NEAREST_LIMIT = 10
export const MAX_NEAREST_LIMIT = 100

export class NearestPointsService {
  constructor(private readonly directory: PointDirectory) {}

  async search(input: NearestPointsInput): Promise<Either<DomainError, NearestPointsAnswer>> {
    const problems: Array<{ path: string; message: string }> = []
    const hasLocation = input.lat !== undefined || input.lon !== undefined
    if (hasLocation && !(input.lat !== undefined && input.lon !== undefined))
      problems.push({ path: input.lat === undefined ? 'lat' : 'lon', message: 'give both lat and lon' })
    if (!hasLocation && input.plate === undefined)
      problems.push({ path: 'lat', message: 'give a position (lat and lon) or a registration plate (plate)' })
    if (input.lat !== undefined && input.lon !== undefined && !isValidGeoPoint({ lat: input.lat, lon: input.lon }))
      problems.push({ path: 'lat', message: 'lat must be -90..90 and lon -180..180' })
    if (input.maxDistanceKm !== undefined && !(input.maxDistanceKm > 0 && input.maxDistanceKm <= 20_000))
      problems.push({ path: 'maxDistanceKm', message: 'must be more than 0 and at most 20000' })
    const limit = input.limit ?? DEFAULT_NEAREST_LIMIT
    if (!(Number.isInteger(limit) && limit >= 1 && limit <= MAX_NEAREST_LIMIT))
      problems.push({ path: 'limit', message: `must be a whole number from 1 to ${MAX_NEAREST_LIMIT}` })
    if (
      input.rimInches !== undefined &&
      !(Number.isInteger(input.rimInches) && input.rimInches >= 10 && input.rimInches <= 26)
    )
      problems.push({ path: 'rimInches', message: 'must be a whole number of inches between 10 and 26' })
    if (problems.length > 0)
      return left(domainError('invalid', 'NEAREST_POINTS_INVALID', 'the nearest-points search is invalid', problems))

    let region: PlateRegion | null = null
    let plate: string | null = null
    if (input.plate !== undefined) {
      const found = regionForPlate(input.plate)
      if (isLeft(found)) return found
      region = found.right
      plate = normalisePlate(input.plate)
    }
    const origin: GeoPoint =
      input.lat !== undefined && input.lon !== undefined
        ? { lat: input.lat, lon: input.lon }
        : (region as PlateRegion).centroid
    const requirement: CapabilityRequirement | undefined =
      (input.features?.length ?? 0) > 0 || input.rimInches !== undefined
        ? { features: [...(input.features ?? [])], rimInches: input.rimInches ?? null }
        : undefined
    const [points, lastPointId] = await Promise.all([
      this.directory.points(),
      plate ? this.directory.lastPointOf(plate) : Promise.resolve(null),
    ])
    const found = nearestPoints({
      from: origin,
      points,
      ...(requirement ? { requirement } : {}),
      ...(input.maxDistanceKm !== undefined ? { maxDistanceKm: input.maxDistanceKm } : {}),
      lastServicePointId: lastPointId,
      limit,
    })
    const byId = new Map(points.map((p) => [p.pointId, p]))
    return right({
      origin: { ...origin, source: hasLocation ? 'location' : 'plate', region },
      points: found.map((n) => {
        const p = byId.get(n.pointId)
        return {
          pointId: n.pointId,
          name: p?.name ?? n.pointId,
          address: p?.address ?? null,
          timeZone: p?.timeZone ?? null,
          geo: p?.geo ?? origin,
          distanceKm: n.distanceKm,
          lastService: n.lastService,
        }
      }),
    })
  }
}
