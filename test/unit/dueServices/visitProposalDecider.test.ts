import assert from 'node:assert/strict'
import type { VisitProposalEvent } from '../../../domain/visit-proposal/events.js'
import { type ProposeVisit, visitProposalDecider } from '../../../domain/visit-proposal/visitProposalDecider.js'
import { scenario } from '../domain/givenWhenThen.js'

const { given } = scenario(visitProposalDecider)

const propose: ProposeVisit = {
  kind: 'ProposeVisit',
  proposalId: 'vp-1',
  due: { equipmentId: 'eq1', kind: 'inspection', ref: 'inspection', dueDate: '2026-12-20' },
  holder: { customerId: 'c1', fleetId: null },
  pointId: 'p1',
  timeZone: 'Europe/Warsaw',
  slot: { start: '2026-12-14T08:00:00.000Z', end: '2026-12-14T08:30:00.000Z' },
  services: ['INSPECTION'],
  vehicle: { plate: 'DW12345', plateCountry: 'PL', vehicleClass: 'passenger' },
  accessCodeHash: 'ab'.repeat(32),
  expiresAt: '2026-12-10T08:00:00.000Z',
  now: '2026-11-26T08:00:00.000Z',
}
const { kind: _kind, now: _now, ...data } = propose
const proposed: VisitProposalEvent = {
  type: 'VisitProposed',
  data: { ...data, services: ['INSPECTION'], at: propose.now },
}

const accept = (start: string, now = '2026-11-27T10:00:00.000Z') => ({
  kind: 'AcceptVisitProposal' as const,
  proposalId: 'vp-1',
  bookingId: 'b-1',
  slot: { start, end: '2026-12-15T09:30:00.000Z' },
  channel: 'link' as const,
  now,
})

describe('visit proposal', () => {
  it('is proposed once, with a slot, services and an expiry after now', () => {
    given([]).when(propose).then([proposed])
    given([proposed]).when(propose).thenError('PROPOSAL_EXISTS', 'conflict')
    const invalid = given([])
      .when({ ...propose, services: [], expiresAt: propose.now })
      .thenError('PROPOSAL_INVALID', 'invalid')
    assert.ok(invalid.fields?.some((f) => f.path === 'services'))
  })

  it('is accepted once, at its slot or another (moved), never after it expired', () => {
    const state = given([proposed])
      .when(accept(propose.slot.start))
      .then([
        {
          type: 'VisitProposalAccepted',
          data: {
            proposalId: 'vp-1',
            bookingId: 'b-1',
            slot: { start: propose.slot.start, end: '2026-12-15T09:30:00.000Z' },
            moved: false,
            channel: 'link',
            at: '2026-11-27T10:00:00.000Z',
          },
        },
      ])
    assert.equal(state.status, 'accepted')
    const moved = given([proposed]).when(accept('2026-12-15T09:00:00.000Z')).events()
    assert.equal((moved[0]?.data as { moved: boolean } | undefined)?.moved, true)
    const acceptedEvent = given([proposed]).when(accept(propose.slot.start)).events()
    given([proposed, ...acceptedEvent])
      .when(accept(propose.slot.start))
      .thenError('PROPOSAL_ALREADY_ACCEPTED', 'conflict')
    given([proposed]).when(accept(propose.slot.start, propose.expiresAt)).thenError('PROPOSAL_EXPIRED', 'conflict')
    given([]).when(accept(propose.slot.start)).thenError('PROPOSAL_NOT_FOUND', 'not_found')
  })
})
