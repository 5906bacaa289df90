// A proposed visit: made once, accepted at most once, before it expires. Accepting books a slot
// (the application does that through the booking service first, and records the acceptance
// after); `acceptanceRefusal` lets it ask before booking, so an expired or answered proposal books
// nothing.
import { type Either, left, right } from 'fp-ts/lib/Either.js'
import type { DueRef } from '../due-service/events.js'
import type { Decider, DomainError } from '../shared/decider.js'
import { domainError } from '../shared/decider.js'
import type { AcceptChannel, ProposalHolder, ProposalVehicle, ProposedSlot, VisitProposalEvent } from './events.js'

export interface ProposeVisit {
  readonly kind: 'ProposeVisit'
  readonly proposalId: string
  readonly due: DueRef
  readonly holder: ProposalHolder
  readonly pointId: string
  readonly timeZone: string
  readonly slot: ProposedSlot
  readonly services: ReadonlyArray<string>
  readonly vehicle: ProposalVehicle
  readonly accessCodeHash: string
  readonly expiresAt: string
  readonly now: string
}

export interface AcceptVisitProposal {
  readonly kind: 'AcceptVisitProposal'
  readonly proposalId: string
  readonly bookingId: string
  readonly slot: ProposedSlot
  readonly channel: AcceptChannel
  readonly now: string
}

export type VisitProposalCommand = ProposeVisit | AcceptVisitProposal

export interface VisitProposalState {
  readonly status: 'none' | 'proposed' | 'accepted'
  readonly proposalId: string
  readonly due: DueRef | null
  readonly holder: ProposalHolder
  readonly pointId: string
  readonly timeZone: string
  readonly slot: ProposedSlot | null
  readonly services: ReadonlyArray<string>
  readonly vehicle: ProposalVehicle | null
  readonly accessCodeHash: string | null
  readonly proposedAt: string
  readonly expiresAt: string
  readonly accepted: {
    readonly bookingId: string
    readonly slot: ProposedSlot
    readonly moved: boolean
    readonly channel: AcceptChannel
    readonly at: string
  } | null
}

export const initialVisitProposalState: VisitProposalState = {
  status: 'none',
  proposalId: '',
  due: null,
  holder: { customerId: null, fleetId: null },
  pointId: '',
  timeZone: 'UTC',
  slot: null,
  services: [],
  vehicle: null,
  accessCodeHash: null,
  proposedAt: '',
  expiresAt: '',
  accepted: null,
}

export const proposalNotFound = (proposalId: string): DomainError =>
  domainError('not_found', 'PROPOSAL_NOT_FOUND', `no visit proposal ${proposalId}`)

/** Why the proposal cannot be accepted now, or null. */
export function acceptanceRefusal(state: VisitProposalState, now: string): DomainError | null {
  if (state.status === 'none') return proposalNotFound(state.proposalId || '(unknown)')
  if (state.status === 'accepted')
    return domainError(
      'conflict',
      'PROPOSAL_ALREADY_ACCEPTED',
      `the proposal was accepted already (booking ${state.accepted?.bookingId})`,
    )
  if (Date.parse(now) >= Date.parse(state.expiresAt))
    return domainError('conflict', 'PROPOSAL_EXPIRED', `the proposal expired at ${state.expiresAt}`)
  return null
}

function decide(command: VisitProposalCommand, state: VisitProposalState): Either<DomainError, VisitProposalEvent[]> {
  switch (command.kind) {
    case 'ProposeVisit': {
      if (state.status !== 'none')
        return left(domainError('conflict', 'PROPOSAL_EXISTS', `visit proposal ${command.proposalId} exists already`))
      if (command.services.length === 0)
        return left(
          domainError('invalid', 'PROPOSAL_INVALID', 'a visit proposes at least one service', [
            { path: 'services', message: 'must not be empty' },
          ]),
        )
      if (!(Date.parse(command.slot.start) < Date.parse(command.slot.end)))
        return left(
          domainError('invalid', 'PROPOSAL_INVALID', 'the slot must end after it starts', [
            { path: 'slot', message: 'must end after it starts' },
          ]),
        )
      if (!(Date.parse(command.expiresAt) > Date.parse(command.now)))
        return left(
          domainError('invalid', 'PROPOSAL_INVALID', 'the proposal would expire at once', [
            { path: 'expiresAt', message: 'must be after now' },
          ]),
        )
      const { kind: _kind, now, ...data } = command
      return right([{ type: 'VisitProposed', data: { ...data, services: [...data.services], at: now } }])
    }
    case 'AcceptVisitProposal': {
      const refusal = acceptanceRefusal(state, command.now)
      if (refusal) return left(refusal)
      const moved = state.slot === null || state.slot.start !== command.slot.start
      return right([
        {
          type: 'VisitProposalAccepted',
          data: {
            proposalId: command.proposalId,
            bookingId: command.bookingId,
            slot: command.slot,
            moved,
            channel: command.channel,
            at: command.now,
          },
        },
      ])
    }
  }
}

function evolve(state: VisitProposalState, event: VisitProposalEvent): VisitProposalState {
  switch (event.type) {
    case 'VisitProposed': {
      const d = event.data
      return {
        ...state,
        status: 'proposed',
        proposalId: d.proposalId,
        due: d.due,
        holder: d.holder,
        pointId: d.pointId,
        timeZone: d.timeZone,
        slot: d.slot,
        services: d.services,
        vehicle: d.vehicle,
        accessCodeHash: d.accessCodeHash,
        proposedAt: d.at,
        expiresAt: d.expiresAt,
      }
    }
    case 'VisitProposalAccepted': {
      const d = event.data
      return {
        ...state,
        status: 'accepted',
        accepted: { bookingId: d.bookingId, slot: d.slot, moved: d.moved, channel: d.channel, at: d.at },
      }
    }
  }
}

export const visitProposalDecider: Decider<VisitProposalCommand, VisitProposalState, VisitProposalEvent> = {
  initialState: initialVisitProposalState,
  decide,
  evolve,
}
