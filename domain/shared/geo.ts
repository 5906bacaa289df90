// Positions on the Earth and great-circle distance.

export interface GeoPoint {
  readonly lat: number
  readonly lon: number
}

const EARTH_RADIUS_KM = 6371.0088 // mean radius (IUGG)
const RAD = Math.PI / 180

export function isValidGeoPoint(p: GeoPoint): boolean {
  return Number.isFinite(p.lat) && Number.isFinite(p.lon) && Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180
}

/** Haversine distance in kilometres: exact enough (≈0.5 %) for "which workshop is near me". */
export function distanceKm(a: GeoPoint, b: GeoPoint): number {
  const dLat = (b.lat - a.lat) * RAD
  const dLon = (b.lon - a.lon) * RAD
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)))
}
