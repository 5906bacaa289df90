// Request bodies and queries of the contract routes.
import * as t from 'io-ts'
import { EntityId } from '../../domain/access/fields.js'
import { ContractHolder } from '../../domain/contract/events.js'
import { ContractTerms } from '../../domain/contract/terms.js'
import { LocalDateField } from '../calendar/calendarBodies.js'
import { PagingQuery } from '../customers/queryFields.js'

export const SignContractBody = t.exact(
  t.intersection([
    t.type({
      holder: ContractHolder,
      currency: t.string,
      timeZone: t.string,
      validFrom: t.string,
      validTo: t.union([t.string, t.null]),
      terms: ContractTerms,
    }),
    t.partial({ contractId: EntityId, contractNumber: t.string }),
  ]),
)
export const AmendBody = t.exact(
  t.intersection([
    t.type({ effectiveFrom: t.string, terms: ContractTerms, reason: t.string }),
    t.partial({ amendmentId: EntityId }),
  ]),
)
export const RenewBody = t.exact(
  t.type({ validTo: t.union([t.string, t.null]), terms: t.union([ContractTerms, t.null]) }),
)
export const TerminateBody = t.exact(t.type({ lastDay: t.string, reason: t.string }))

export const ContractListQuery = t.exact(
  t.partial({ fleetId: EntityId, customerId: EntityId, activeOn: LocalDateField, ...PagingQuery }),
)
export const ContractQuery = t.exact(t.partial({ asOf: LocalDateField, knownAt: t.string }))
export const DueQuery = t.exact(t.type({ from: LocalDateField, to: LocalDateField }))
