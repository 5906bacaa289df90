// Listing, searching and reading service points from the `servicePoints` read model.
// The public sees active points without internal fields (customers choose where to go); head office
// sees every point with everything; a point's own staff see their point.
import { type Either, left, right } from 'fp-ts/lib/Either.js'
import type { BayFeature, CapabilityRequirement } from '../../domain/service-network/capabilities.js'
import { type DomainError, domainError } from '../../domain/shared/decider.js'
import type { Filter } from '../ports/documentStore.js'
import type { ReadModelReader } from './readModelReader.js'
import { prefixRange } from './searchText.js'
import { pointSatisfies, SERVICE_POINTS, type ServicePointView } from './servicePointView.js'
import { type Page, type Paging, POINT_STAFF, pageOf, refuseUnless, type Viewer } from './viewer.js'

export interface PointSearch {
  /** Prefix of the point's name or its city (case and diacritics ignored). */
  readonly text?: string
  /** Prefix of the city. */
  readonly city?: string
  /** Features one bay must have together (e.g. run_flat and tpms). */
  readonly features?: ReadonlyArray<BayFeature>
  /** Rim size that bay must take. */
  readonly rimInches?: number
}

/** What anyone may see of a point. */
export type PublicPoint = Pick<
  ServicePointView,
  | 'pointId'
  | 'name'
  | 'address'
  | 'geo'
  | 'timeZone'
  | 'contacts'
  | 'capabilities'
  | 'bays'
  | 'weeklyHours'
  | 'seasons'
  | 'exceptions'
  | 'active'
>

/** What head office and the point's own staff see. */
export type StaffPoint = PublicPoint &
  Pick<ServicePointView, 'networkId' | 'managerIds' | 'deactivationReason' | 'createdAt' | 'updatedAt' | 'revision'>

export function publicPoint(p: ServicePointView): PublicPoint {
  return {
    pointId: p.pointId,
    name: p.name,
    address: p.address,
    geo: p.geo,
    timeZone: p.timeZone,
    contacts: p.contacts,
    capabilities: p.capabilities,
    bays: p.bays,
    weeklyHours: p.weeklyHours,
    seasons: p.seasons,
    exceptions: p.exceptions,
    active: p.active,
  }
}

export function staffPoint(p: ServicePointView): StaffPoint {
  return {
    ...publicPoint(p),
    networkId: p.networkId,
    managerIds: p.managerIds,
    deactivationReason: p.deactivationReason,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    revision: p.revision,
  }
}

export const pointNotFound = (pointId: string): DomainError =>
  domainError('not_found', 'SERVICE_POINT_NOT_FOUND', `no service point ${pointId}`)

export class PointQueries {
  constructor(private readonly readModels: ReadModelReader) {}

  private points() {
    return this.readModels.collection<ServicePointView>(SERVICE_POINTS.projection, SERVICE_POINTS.points)
  }

  /** The projected point, active or not; null when unknown. */
  async find(pointId: string): Promise<ServicePointView | null> {
    return (await this.points()).findOne({ _id: pointId })
  }

  /**
   * Points matching the search, ordered by name. The store narrows by what its indexes answer
   * (active, name/city prefix, each feature on some bay); whether ONE bay has all the features and
   * the rim is checked here, so paging happens after it. A network has hundreds of points, not
   * millions, so this stays cheap.
   */
  private async search(search: PointSearch, only: Filter): Promise<ServicePointView[]> {
    const clauses: Filter[] = Object.keys(only).length > 0 ? [only] : []
    if (search.text) {
      const range = prefixRange(search.text)
      clauses.push({ $or: [{ 'search.name': range }, { 'search.city': range }] })
    }
    if (search.city) clauses.push({ 'search.city': prefixRange(search.city) })
    for (const feature of search.features ?? []) clauses.push({ 'capabilities.features': feature })
    const filter: Filter = clauses.length === 0 ? {} : clauses.length === 1 ? (clauses[0] as Filter) : { $and: clauses }
    const found = await (await this.points()).find(filter, { sort: { 'search.name': 1, _id: 1 } })
    const requirement: CapabilityRequirement = {
      features: [...(search.features ?? [])],
      rimInches: search.rimInches ?? null,
    }
    return requirement.features.length === 0 && requirement.rimInches === null
      ? found
      : found.filter((p) => pointSatisfies(p, requirement))
  }

  /** Active points for anyone (customers choosing a workshop). */
  async searchPublic(search: PointSearch, paging: Paging): Promise<Page<PublicPoint>> {
    return pageOf((await this.search(search, { active: true })).map(publicPoint), paging)
  }

  /** An active point's public details; an inactive one is as unknown as a missing one. */
  async publicDetails(pointId: string): Promise<Either<DomainError, PublicPoint>> {
    const point = await this.find(pointId)
    return point?.active ? right(publicPoint(point)) : left(pointNotFound(pointId))
  }

  /** Head office: every point (inactive too unless asked otherwise); a point's staff: their own point. */
  async searchForStaff(
    viewer: Viewer,
    search: PointSearch & { readonly activeOnly?: boolean },
    paging: Paging,
  ): Promise<Either<DomainError, Page<StaffPoint>>> {
    if (!POINT_STAFF.includes(viewer.role))
      return left(domainError('forbidden', 'ROLE_NOT_ALLOWED', `a ${viewer.role} may not list the network’s points`))
    const only: Filter = {}
    if (viewer.tenant.scope === 'point') only._id = viewer.tenant.pointId
    if (search.activeOnly) only.active = true
    return right(pageOf((await this.search(search, only)).map(staffPoint), paging))
  }

  /** One point with its internal fields: head office any, a point's staff their own. */
  async staffDetails(viewer: Viewer, pointId: string): Promise<Either<DomainError, StaffPoint>> {
    const refused = refuseUnless(viewer, POINT_STAFF, { pointId }, `point ${pointId}`)
    if (refused) return left(refused)
    const point = await this.find(pointId)
    return point ? right(staffPoint(point)) : left(pointNotFound(pointId))
  }
}
