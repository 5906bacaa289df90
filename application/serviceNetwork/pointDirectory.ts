// Where nearest-point search finds the points and a car's last service point: the read models
// `servicePoints` (collection `points`) and `vehicleVisits` (collection `vehicles`), built by the
// projections in projections/serviceNetwork and projections/calendar.
//
// The point list is kept in memory for a few seconds: nearest-point search reads every point
// (1,000 of them in well under a millisecond from memory, ~15 ms from the document store), and a
// new point appearing a few seconds late in "near me" harms nobody.

import type { Capabilities } from '../../domain/service-network/capabilities.js'
import type { Address } from '../../domain/service-network/events.js'
import type { PointLocation } from '../../domain/service-network/nearestPoints.js'
import type { Collection, Document } from '../ports/documentStore.js'

export interface DirectoryPoint extends PointLocation {
  readonly name: string
  readonly address: Address | null
  readonly timeZone: string | null
}

export interface PointDirectory {
  /** Every point, active or not. Throws ReadModelNotReady (application/readModels) before the first build. */
  points(): Promise<ReadonlyArray<DirectoryPoint>>
  /** The point of a car's last visit, by normalised plate; null when unknown or not built yet. */
  lastPointOf(plate: string): Promise<string | null>
}

/** The part of ReadModels (application/readModels/readModels.ts) the directory needs. */
export interface ReadModelSource {
  collection<T extends Document = Document>(projection: string, logicalName: string): Promise<Collection<T>>
}

export const SERVICE_POINTS_READ_MODEL = { projection: 'servicePoints', collection: 'points' } as const
export const VEHICLE_VISITS_READ_MODEL = { projection: 'vehicleVisits', collection: 'vehicles' } as const

interface PointDocument extends Document {
  name?: unknown
  address?: unknown
  geo?: { lat?: unknown; lon?: unknown }
  timeZone?: unknown
  capabilities?: { features?: unknown; rimInches?: unknown; rimMaxInches?: unknown }
  active?: unknown
}

interface VehicleDocument extends Document {
  lastPointId?: unknown
}

function capabilitiesOf(doc: PointDocument): Capabilities {
  const c = doc.capabilities ?? {}
  const features = Array.isArray(c.features)
    ? (c.features.filter((f) => typeof f === 'string') as Capabilities['features'])
    : []
  // The projection writes the domain's rimMaxInches; `rimInches` (the name first agreed on) is read too.
  const rim = typeof c.rimInches === 'number' ? c.rimInches : typeof c.rimMaxInches === 'number' ? c.rimMaxInches : null
  return { features, rimMaxInches: rim }
}

export function directoryPointOf(doc: PointDocument): DirectoryPoint | null {
  const lat = doc.geo?.lat
  const lon = doc.geo?.lon
  if (typeof lat !== 'number' || typeof lon !== 'number') return null
  return {
    pointId: doc._id,
    name: typeof doc.name === 'string' ? doc.name : doc._id,
    address: (doc.address as Address | undefined) ?? null,
    timeZone: typeof doc.timeZone === 'string' ? doc.timeZone : null,
    geo: { lat, lon },
    capabilities: capabilitiesOf(doc),
    active: doc.active !== false,
  }
}

export class ReadModelPointDirectory implements PointDirectory {
  private cached: { at: number; points: Promise<ReadonlyArray<DirectoryPoint>> } | null = null

  constructor(
    private readonly readModels: ReadModelSource,
    private readonly ttlMs = 5_000,
    private readonly clock: () => number = Date.now,
  ) {}

  points(): Promise<ReadonlyArray<DirectoryPoint>> {
    const now = this.clock()
    const cached = this.cached
    if (cached && now - cached.at < this.ttlMs) return cached.points
    const loading = this.load()
    this.cached = { at: now, points: loading }
    // A failed load (e.g. not built yet) is not kept: the next request tries again.
    loading.catch(() => {
      if (this.cached?.points === loading) this.cached = cached
    })
    // Past its time the list is still answered from while the fresh one loads, so no request
    // waits for the reload (a point created a few seconds ago may be missing from one more answer).
    return cached ? cached.points : loading
  }

  async lastPointOf(plate: string): Promise<string | null> {
    try {
      const vehicles = await this.readModels.collection<VehicleDocument>(
        VEHICLE_VISITS_READ_MODEL.projection,
        VEHICLE_VISITS_READ_MODEL.collection,
      )
      const doc = await vehicles.findOne({ _id: plate })
      return typeof doc?.lastPointId === 'string' ? doc.lastPointId : null
    } catch (error) {
      // Without the visits read model the search still answers, only without the "last point" hint.
      if (error instanceof Error && (error as { code?: unknown }).code === 'READ_MODEL_NOT_READY') return null
      throw error
    }
  }

  private async load(): Promise<ReadonlyArray<DirectoryPoint>> {
    const points = await this.readModels.collection<PointDocument>(
      SERVICE_POINTS_READ_MODEL.projection,
      SERVICE_POINTS_READ_MODEL.collection,
    )
    const docs = await points.find({})
    return docs.map(directoryPointOf).filter((p): p is DirectoryPoint => p !== null)
  }
}
