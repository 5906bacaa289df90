// Service points: head office creates and runs them; a point's manager edits his own point's
// details, opening hours and bays. Each change is one command on `servicepoint-<pointId>`.
import { randomUUID } from 'node:crypto'
import { type Either, isLeft, left, right } from 'fp-ts/lib/Either.js'
import { actorOf, type Principal } from '../../domain/access/principal.js'
import type { Capabilities } from '../../domain/service-network/capabilities.js'
import type { ServicePointCommand } from '../../domain/service-network/commands.js'
import type { Address, Bay, Contacts } from '../../domain/service-network/events.js'
import type { DateException, SeasonalHours, WeeklyHours } from '../../domain/service-network/openingHours.js'
import {
  pointCapabilities,
  type ServicePointState,
  servicePointDecider,
  servicePointStream,
} from '../../domain/service-network/servicePointDecider.js'
import { type DomainError, domainError } from '../../domain/shared/decider.js'
import { type CommandContext, deterministicUuid } from '../commands/commandContext.js'
import { handleCommand } from '../commands/handleCommand.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import type { EventStore } from '../ports/eventStore.js'
import type { NetworkReader } from './networkReader.js'
import { mayEditPoint } from './pointAccess.js'

export type RequestMeta = Omit<CommandContext, 'actor'>

type WithoutActor<C> = C extends unknown ? Omit<C, 'actor'> : never
/** A change to an existing point, as the decider takes it (the actor comes from the principal). */
export type PointChange = Exclude<WithoutActor<ServicePointCommand>, { kind: 'CreateServicePoint' }>

export interface NewServicePoint {
  /** Chosen by head office (e.g. 'waw-mokotow'); a new id when absent. */
  readonly pointId?: string
  readonly name: string
  readonly address: Address
  readonly geo: { readonly lat: number; readonly lon: number }
  readonly contacts: Contacts
  readonly timeZone: string
  readonly weeklyHours: WeeklyHours
  readonly bays: ReadonlyArray<Bay>
  readonly managerId: string | null
}

export interface ServicePointView {
  readonly pointId: string
  readonly networkId: string
  readonly active: boolean
  readonly name: string
  readonly address: Address
  readonly geo: { readonly lat: number; readonly lon: number }
  readonly contacts: Contacts
  readonly timeZone: string
  readonly weeklyHours: WeeklyHours
  readonly seasons: ReadonlyArray<SeasonalHours>
  readonly exceptions: ReadonlyArray<DateException>
  readonly bays: ReadonlyArray<Bay>
  /** What at least one bay can do. */
  readonly capabilities: Capabilities
  readonly managerId: string | null
}

export const pointNotFound = (pointId: string): DomainError =>
  domainError('not_found', 'SERVICE_POINT_NOT_FOUND', `no service point ${pointId}`)

export function servicePointView(state: ServicePointState): ServicePointView {
  return {
    pointId: state.pointId,
    networkId: state.networkId,
    active: state.status === 'active',
    name: state.name,
    address: state.address,
    geo: state.geo,
    contacts: state.contacts,
    timeZone: state.timeZone,
    weeklyHours: state.weeklyHours,
    seasons: state.seasons,
    exceptions: Object.values(state.exceptions).sort((a, b) => (a.date < b.date ? -1 : 1)),
    bays: state.bays,
    capabilities: pointCapabilities(state),
    managerId: state.managerId,
  }
}

export interface ServicePointServiceDeps {
  readonly store: EventStore
  readonly catalogue: EventCatalogue
  readonly reader: NetworkReader
}

export class ServicePointService {
  constructor(private readonly deps: ServicePointServiceDeps) {}

  async create(
    by: Principal,
    input: NewServicePoint,
    meta: RequestMeta,
  ): Promise<Either<DomainError, ServicePointView>> {
    if (by.role !== 'head_office')
      return left(domainError('forbidden', 'ROLE_NOT_ALLOWED', 'only head office creates service points'))
    // With an Idempotency-Key a retried creation names the same point, so it is not created twice.
    const pointId =
      input.pointId ?? (meta.commandId ? `sp-${deterministicUuid(`point|${meta.commandId}`)}` : `sp-${randomUUID()}`)
    const outcome = await this.handle(
      by,
      pointId,
      { ...input, kind: 'CreateServicePoint', pointId, networkId: this.deps.reader.networkId },
      meta,
    )
    return isLeft(outcome) ? outcome : this.get(pointId)
  }

  async change(
    by: Principal,
    pointId: string,
    change: PointChange,
    meta: RequestMeta,
  ): Promise<Either<DomainError, ServicePointView>> {
    const denied = mayEditPoint(by, pointId)
    if (denied) return left(denied)
    const outcome = await this.handle(by, pointId, change, meta)
    return isLeft(outcome) ? outcome : this.get(pointId)
  }

  async get(pointId: string): Promise<Either<DomainError, ServicePointView>> {
    const state = await this.deps.reader.point(pointId)
    return state.status === 'none' ? left(pointNotFound(pointId)) : right(servicePointView(state))
  }

  private async handle(
    by: Principal,
    pointId: string,
    command: WithoutActor<ServicePointCommand>,
    meta: RequestMeta,
  ): Promise<Either<DomainError, unknown>> {
    const actor = actorOf(by)
    return handleCommand({
      store: this.deps.store,
      catalogue: this.deps.catalogue,
      decider: servicePointDecider,
      streamId: servicePointStream(pointId),
      command: { ...command, actor } as ServicePointCommand,
      context: { ...meta, actor },
    })
  }
}
