// The `servicePoints` read model: one document per service point (collection `points`) for listing,
// searching (name/city prefix, capability, active), a point's details, nearest-point search and the
// calendar's utilisation (which needs the hours and bays). Folded from the point's own events only.
import type { RecordedEvent } from '../../application/ports/eventStore.js'
import { foldForSearch } from '../../application/queries/searchText.js'
import { type BayView, SERVICE_POINTS, type ServicePointView } from '../../application/queries/servicePointView.js'
import { unionOfCapabilities } from '../../domain/service-network/capabilities.js'
import { type Bay, type ServicePointEvent, servicePointEventCodecs } from '../../domain/service-network/events.js'
import type { Projection, ProjectionView } from '../projection.js'
import { decodeEvent } from './decodeEvent.js'

const bayView = (bay: Bay): BayView => ({
  bayId: bay.bayId,
  name: bay.name,
  features: [...bay.capabilities.features],
  rimMaxInches: bay.capabilities.rimMaxInches,
})

/** Bays and everything derived from them, recomputed together so they cannot disagree. */
function withBays(bays: BayView[]): Pick<ServicePointView, 'bays' | 'bayCount' | 'capabilities'> {
  return {
    bays,
    bayCount: bays.length,
    capabilities: unionOfCapabilities(bays.map((b) => ({ features: b.features, rimMaxInches: b.rimMaxInches }))),
  }
}

const byDate = (a: { date: string }, b: { date: string }) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)
// The domain keeps seasons ordered by start (they never overlap); ties cannot happen.
const byFrom = (a: { from: string }, b: { from: string }) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0)

/** The point after one of its events (other than its creation); pure, so live and rebuild agree. */
export function evolvePointView(point: ServicePointView, event: ServicePointEvent): ServicePointView {
  switch (event.type) {
    case 'ServicePointCreated':
      return point // a second creation is refused by the decider; the first one stands
    case 'ServicePointDetailsChanged': {
      const { name, address, geo, contacts } = event.data
      return {
        ...point,
        name,
        address,
        geo,
        contacts,
        search: { name: foldForSearch(name), city: foldForSearch(address.city) },
      }
    }
    case 'ServicePointTimeZoneChanged':
      return { ...point, timeZone: event.data.timeZone }
    case 'WeeklyOpeningHoursSet':
      return { ...point, weeklyHours: event.data.weeklyHours }
    case 'OpeningHoursExceptionSet': {
      const { exception } = event.data
      return {
        ...point,
        exceptions: [...point.exceptions.filter((e) => e.date !== exception.date), exception].sort(byDate),
      }
    }
    case 'OpeningHoursExceptionRemoved':
      return { ...point, exceptions: point.exceptions.filter((e) => e.date !== event.data.date) }
    case 'SeasonalOpeningHoursSet': {
      const { season } = event.data
      return {
        ...point,
        seasons: [...point.seasons.filter((s) => s.seasonId !== season.seasonId), season].sort(byFrom),
      }
    }
    case 'SeasonalOpeningHoursRemoved':
      return { ...point, seasons: point.seasons.filter((s) => s.seasonId !== event.data.seasonId) }
    case 'BayAdded':
      return { ...point, ...withBays([...point.bays, bayView(event.data.bay)]) }
    case 'BayChanged': {
      const changed = bayView(event.data.bay)
      return { ...point, ...withBays(point.bays.map((b) => (b.bayId === changed.bayId ? changed : b))) }
    }
    case 'BayRemoved':
      return { ...point, ...withBays(point.bays.filter((b) => b.bayId !== event.data.bayId)) }
    case 'ServicePointManagerAssigned':
      // One manager per point in the domain: assigning replaces the previous one.
      return { ...point, managerIds: [event.data.managerId] }
    case 'ServicePointManagerUnassigned':
      return { ...point, managerIds: point.managerIds.filter((m) => m !== event.data.managerId) }
    case 'ServicePointDeactivated':
      return { ...point, active: false, deactivationReason: event.data.reason }
    case 'ServicePointReactivated':
      return { ...point, active: true, deactivationReason: null }
  }
}

function createdView(event: RecordedEvent, created: Extract<ServicePointEvent, { type: 'ServicePointCreated' }>) {
  const d = created.data
  const view: ServicePointView = {
    _id: d.pointId,
    pointId: d.pointId,
    networkId: d.networkId,
    name: d.name,
    address: d.address,
    geo: d.geo,
    timeZone: d.timeZone,
    contacts: d.contacts,
    ...withBays(d.bays.map(bayView)),
    weeklyHours: d.weeklyHours,
    seasons: [],
    exceptions: [],
    managerIds: d.managerId === null ? [] : [d.managerId],
    active: true,
    deactivationReason: null,
    search: { name: foldForSearch(d.name), city: foldForSearch(d.address.city) },
    createdAt: event.metadata.occurredAt,
    updatedAt: event.metadata.occurredAt,
    revision: event.revision,
  }
  return view
}

async function apply(event: RecordedEvent, view: ProjectionView): Promise<void> {
  const decoded = decodeEvent(servicePointEventCodecs, event)
  const points = view.collection(SERVICE_POINTS.points)
  const pointId = decoded.data.pointId
  // A point's events are few and its document small: read, fold, replace is simplest and exact.
  const current = (await points.findOne({ _id: pointId })) as ServicePointView | null
  if (decoded.type === 'ServicePointCreated') {
    if (current) return
    await points.insertOne(createdView(event, decoded))
    return
  }
  // Events of a point whose creation was never recorded cannot come from the decider: skip them.
  if (!current) return
  const next = evolvePointView(current, decoded)
  await points.replaceOne({ _id: pointId }, { ...next, updatedAt: event.metadata.occurredAt, revision: event.revision })
}

export const servicePointsProjection: Projection = {
  name: SERVICE_POINTS.projection,
  version: 1,
  types: Object.keys(servicePointEventCodecs),
  collections: [SERVICE_POINTS.points],
  indexes: {
    [SERVICE_POINTS.points]: [
      // listing and prefix search, active points first filtered then ordered by name
      { keys: { active: 1, 'search.name': 1 } },
      { keys: { active: 1, 'search.city': 1, 'search.name': 1 } },
      // capability filter ("which points do run-flat")
      { keys: { 'capabilities.features': 1 } },
      { keys: { networkId: 1, 'search.name': 1 } },
      { keys: { managerIds: 1 } },
    ],
  },
  apply,
}
