// Events of the contract context: stream `contract-<contractId>`. A contract's history is its
// signing, amendments (new terms from a date), renewals (a later end, perhaps new terms) and an
// early termination; `contractAsOf` rebuilds the terms in force on any date from them.
import * as t from 'io-ts'
import { Actor } from '../shared/actor.js'
import { type EventsOf, firstVersionDefinitions } from '../shared/eventDefinition.js'
import { ContractTerms } from './terms.js'

/** Whom the contract is with: a customer (individual or company) or a fleet client. */
export const ContractHolder = t.union([
  t.type({ kind: t.literal('customer'), customerId: t.string }),
  t.type({ kind: t.literal('fleet'), fleetId: t.string }),
])
export type ContractHolder = t.TypeOf<typeof ContractHolder>

const nullableDate = t.union([t.string, t.null])

export const contractEventCodecs = {
  ContractSigned: t.type({
    contractId: t.string,
    /** The number printed on the contract, e.g. 'UM/2026/0042'. */
    contractNumber: t.string,
    holder: ContractHolder,
    /** ISO 4217; every amount of the contract is in it. */
    currency: t.string,
    /** The calendar the contract's dates and billing months are in, e.g. Europe/Warsaw. */
    timeZone: t.string,
    /** Local dates, inclusive; validTo null = until terminated. */
    validFrom: t.string,
    validTo: nullableDate,
    terms: ContractTerms,
    signedBy: Actor,
    at: t.string,
  }),
  /** New terms from `effectiveFrom` (always the 1st of a month) on. */
  ContractAmended: t.type({
    contractId: t.string,
    amendmentId: t.string,
    effectiveFrom: t.string,
    terms: ContractTerms,
    reason: t.string,
    amendedBy: Actor,
    at: t.string,
  }),
  /** The contract now ends on `validTo`; `terms` (or null: unchanged) apply from the day after `previousValidTo`. */
  ContractRenewed: t.type({
    contractId: t.string,
    previousValidTo: t.string,
    validTo: nullableDate,
    terms: t.union([ContractTerms, t.null]),
    renewedBy: Actor,
    at: t.string,
  }),
  /** The contract ends early: `lastDay` is its last day of validity. */
  ContractTerminated: t.type({
    contractId: t.string,
    lastDay: t.string,
    reason: t.string,
    terminatedBy: Actor,
    at: t.string,
  }),
}
export type ContractEvent = EventsOf<typeof contractEventCodecs>

export const contractEventDefinitions = firstVersionDefinitions(contractEventCodecs)
