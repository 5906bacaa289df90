// Events of proposed visits: stream `visitproposal-<proposalId>`. A due-service reminder (or a
// member of staff) proposes a concrete free slot at the customer's usual point; the customer accepts
// it with one click through a link (an access code, no login) or from his account, possibly at
// another time ("moved"): the booking is made and its id recorded. Who proposed and who accepted
// are in the metadata (actor); the channel of the answer is in the event.
import * as t from 'io-ts'
import { DueRef } from '../due-service/events.js'
import { VehicleClass } from '../service-network/capabilities.js'
import { type EventsOf, firstVersionDefinitions } from '../shared/eventDefinition.js'

export const visitProposalStream = (proposalId: string): string => `visitproposal-${proposalId}`

export const ProposalHolder = t.type({ customerId: t.union([t.string, t.null]), fleetId: t.union([t.string, t.null]) })
export type ProposalHolder = t.TypeOf<typeof ProposalHolder>

export const ProposedSlot = t.type({ start: t.string, end: t.string })
export type ProposedSlot = t.TypeOf<typeof ProposedSlot>

export const ProposalVehicle = t.type({ plate: t.string, plateCountry: t.string, vehicleClass: VehicleClass })
export type ProposalVehicle = t.TypeOf<typeof ProposalVehicle>

export const AcceptChannel = t.keyof({ link: null, account: null })
export type AcceptChannel = t.TypeOf<typeof AcceptChannel>

export const visitProposalEventCodecs = {
  VisitProposed: t.type({
    proposalId: t.string,
    due: DueRef,
    holder: ProposalHolder,
    pointId: t.string,
    timeZone: t.string,
    slot: ProposedSlot,
    services: t.array(t.string),
    vehicle: ProposalVehicle,
    /** SHA-256 (hex) of the link's access code; the code itself never enters the log. */
    accessCodeHash: t.string,
    expiresAt: t.string,
    at: t.string,
  }),
  VisitProposalAccepted: t.type({
    proposalId: t.string,
    bookingId: t.string,
    slot: ProposedSlot,
    /** The customer chose another time than the one proposed. */
    moved: t.boolean,
    channel: AcceptChannel,
    at: t.string,
  }),
}
export type VisitProposalEvent = EventsOf<typeof visitProposalEventCodecs>
export const visitProposalEventDefinitions = firstVersionDefinitions(visitProposalEventCodecs)
