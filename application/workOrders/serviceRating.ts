// The customer's rating of a finished order: 1–6 stars and an optional comment, given once through
// the public status page with the order's tracking code (no login). One event on a stream of its
// own, `servicerating-<workOrderId>`, for the same reason as the access lock (accessLock.ts): the
// public page must not race staff commands for the order's revision. The code is checked by
// TrackingService.track (with its wrong-code count and lock); the order's state (handed over,
// returned unrepaired, beyond repair) by ServiceRatingService.rate before deciding.
import { randomUUID } from 'node:crypto'
import { type Either, isLeft, left, right } from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { type Decider, type DomainError, domainError } from '../../domain/shared/decider.js'
import { type EventsOf, firstVersionDefinitions } from '../../domain/shared/eventDefinition.js'
import { handleCommand, loadState } from '../commands/handleCommand.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import type { EventStore } from '../ports/eventStore.js'
import type { RequestMeta } from '../serviceNetwork/servicePointService.js'

export const serviceRatingStream = (workOrderId: string): string => `servicerating-${workOrderId}`

export const MAX_RATING_COMMENT = 1000

export const serviceRatingEventCodecs = {
  /** The customer rated the service of a finished order (through the tracking page). */
  ServiceRated: t.type({
    workOrderId: t.string,
    pointId: t.string,
    stars: t.number,
    comment: t.union([t.string, t.null]),
    channel: t.literal('tracking_link'),
    at: t.string,
  }),
}
export type ServiceRatingEvent = EventsOf<typeof serviceRatingEventCodecs>
export const serviceRatingEventDefinitions = firstVersionDefinitions(serviceRatingEventCodecs)

export interface ServiceRating {
  readonly stars: number
  readonly comment: string | null
  readonly at: string
}

export interface ServiceRatingState {
  readonly rating: ServiceRating | null
}

export interface RateService {
  readonly kind: 'RateService'
  readonly workOrderId: string
  readonly pointId: string
  readonly stars: number
  readonly comment: string | null
  readonly now: string
}

function decide(command: RateService, state: ServiceRatingState): Either<DomainError, ServiceRatingEvent[]> {
  const problems: { path: string; message: string }[] = []
  if (!(Number.isInteger(command.stars) && command.stars >= 1 && command.stars <= 6))
    problems.push({ path: 'stars', message: 'must be a whole number of stars from 1 to 6' })
  const comment = command.comment?.trim() || null
  if (comment !== null && comment.length > MAX_RATING_COMMENT)
    problems.push({ path: 'comment', message: `must be at most ${MAX_RATING_COMMENT} characters` })
  if (problems.length > 0) return left(domainError('invalid', 'RATING_INVALID', 'the rating is not valid', problems))
  if (state.rating !== null) {
    // The same rating sent again (a retried click) is already so; another one is refused.
    if (state.rating.stars === command.stars && state.rating.comment === comment) return right([])
    return left(domainError('conflict', 'WORK_ORDER_RATED', 'the service of this order has been rated already'))
  }
  return right([
    {
      type: 'ServiceRated',
      data: {
        workOrderId: command.workOrderId,
        pointId: command.pointId,
        stars: command.stars,
        comment,
        channel: 'tracking_link',
        at: command.now,
      },
    },
  ])
}

function evolve(_state: ServiceRatingState, event: ServiceRatingEvent): ServiceRatingState {
  switch (event.type) {
    case 'ServiceRated':
      return { rating: { stars: event.data.stars, comment: event.data.comment, at: event.data.at } }
  }
}

export const serviceRatingDecider: Decider<RateService, ServiceRatingState, ServiceRatingEvent> = {
  initialState: { rating: null },
  decide,
  evolve,
}

// ── the service ──

/** The order as its status page shows it, i.e. after its tracking code opened it. */
export interface OpenedOrder {
  readonly workOrderId: string
  readonly pointId: string
  readonly status: string
}

/** The states after which the customer may rate the service: the vehicle is back with him. */
export const RATEABLE_STATUSES: ReadonlySet<string> = new Set(['handed_over', 'returned_unrepaired', 'irreparable'])

/** The rating link's actor: no account, the channel names who acts. */
const RATING_ACTOR = { id: 'tracking-link', role: 'customer' } as const

export class ServiceRatingService {
  constructor(private readonly deps: { readonly store: EventStore; readonly catalogue: EventCatalogue }) {}

  /** The order's rating, or null while it has none. */
  async of(workOrderId: string): Promise<ServiceRating | null> {
    const { state } = await loadState(
      this.deps.store,
      this.deps.catalogue,
      serviceRatingDecider,
      serviceRatingStream(workOrderId),
    )
    return state.rating
  }

  /**
   * Rate an order the customer has opened with its tracking code (TrackingService.track: the code
   * check, the wrong-code count and the lock stay there), once the vehicle is back with him.
   */
  async rate(
    order: OpenedOrder,
    input: { readonly stars: number; readonly comment: string | null },
    meta: RequestMeta,
  ): Promise<Either<DomainError, ServiceRating>> {
    if (!RATEABLE_STATUSES.has(order.status))
      return left(
        domainError('conflict', 'WORK_ORDER_NOT_RATEABLE', 'the service can be rated once the vehicle is handed back'),
      )
    const outcome = await handleCommand({
      store: this.deps.store,
      catalogue: this.deps.catalogue,
      decider: serviceRatingDecider,
      streamId: serviceRatingStream(order.workOrderId),
      command: {
        kind: 'RateService',
        workOrderId: order.workOrderId,
        pointId: order.pointId,
        stars: input.stars,
        comment: input.comment,
        now: meta.now,
      },
      context: { ...meta, actor: RATING_ACTOR, commandId: meta.commandId ?? randomUUID() },
    })
    if (isLeft(outcome)) return outcome
    const rating = await this.of(order.workOrderId)
    return rating ? right(rating) : left(domainError('conflict', 'WORK_ORDER_RATED', 'the rating was not recorded'))
  }
}
