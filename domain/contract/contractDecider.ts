// The contract aggregate (stream `contract-<contractId>`): signing, amendments, renewals and early
// termination. The folding of events lives in contractTimeline.ts, shared with `contractAsOf`.
//
// Rules, and why:
// - Terms are validated whole (coverage, one price per covered service, tier limits, SLA, schedule).
// - No two contracts may cover the same vehicle and service on the same day: billing and SLA must
//   know which contract applies. The application passes the other contracts' coverage periods.
// - Amendments take effect on the 1st of a month, not in the past, and not before the latest
//   version: a billing month is priced under one version of the terms, and what was billed stays
//   as it was billed. A renewal that changes the terms therefore needs the contract to end on a
//   month's last day.
// - A terminated contract changes no more; termination is never retroactive.
import { type Either, left, right } from 'fp-ts/lib/Either.js'
import { type Decider, type DomainError, domainError } from '../shared/decider.js'
import { addDays, isLocalDate, isValidTimeZone, type LocalDate, parseInstant, toLocal } from '../shared/localTime.js'
import { type FieldProblem, nonBlank, validId } from '../shared/validation.js'
import { lastDayOf, monthOf } from '../shared/yearMonth.js'
import type { ContractCommand } from './commands.js'
import {
  type ContractState,
  type CoveragePeriod,
  coveragePeriods,
  evolveContract,
  findOverlaps,
  initialContractState,
} from './contractTimeline.js'
import { coverageOverlapError } from './coverageClaims.js'
import type { ContractEvent } from './events.js'
import { termsProblems } from './terms.js'

export const contractStream = (contractId: string): string => `contract-${contractId}`

type Decision = Either<DomainError, ReadonlyArray<ContractEvent>>

const invalid = (problems: FieldProblem[]): Decision =>
  left(domainError('invalid', 'CONTRACT_INVALID', 'the contract is invalid', problems))

const dateProblems = (value: string | null, path: string): FieldProblem[] =>
  value === null || isLocalDate(value) ? [] : [{ path, message: 'must be a date YYYY-MM-DD' }]

/** Refuses the decided events when the contract would then overlap another one. */
function withoutOverlaps(
  state: ContractState,
  events: ReadonlyArray<ContractEvent>,
  others: ReadonlyArray<CoveragePeriod>,
): Decision {
  const after = events.reduce(evolveContract, state)
  const overlaps = findOverlaps(coveragePeriods(after), others)
  if (overlaps.length === 0) return right(events)
  return left(coverageOverlapError(overlaps))
}

function decide(command: ContractCommand, state: ContractState): Decision {
  const { contractId, actor, now: at } = command
  const nowMs = parseInstant(at)
  if (nowMs === null) return invalid([{ path: 'now', message: 'must be a UTC ISO-8601 instant' }])
  if (command.kind === 'SignContract') {
    if (state.status !== 'none')
      return left(domainError('conflict', 'CONTRACT_ALREADY_EXISTS', `contract ${contractId} exists`))
    const { holder, validFrom, validTo, terms } = command
    const problems: FieldProblem[] = [
      ...validId(contractId, 'contractId'),
      ...nonBlank(command.contractNumber, 'contractNumber', 40),
      ...(holder.kind === 'customer'
        ? validId(holder.customerId, 'holder.customerId')
        : validId(holder.fleetId, 'holder.fleetId')),
      ...(/^[A-Z]{3}$/.test(command.currency)
        ? []
        : [{ path: 'currency', message: 'must be an ISO 4217 code such as PLN' }]),
      ...(isValidTimeZone(command.timeZone)
        ? []
        : [{ path: 'timeZone', message: 'must be an IANA time zone such as Europe/Warsaw' }]),
      ...dateProblems(validFrom, 'validFrom'),
      ...dateProblems(validTo, 'validTo'),
      ...termsProblems(terms),
    ]
    if (validTo !== null && isLocalDate(validFrom) && isLocalDate(validTo) && validTo < validFrom)
      problems.push({ path: 'validTo', message: 'must not be before validFrom' })
    if (problems.length > 0) return invalid(problems)
    return withoutOverlaps(
      state,
      [
        {
          type: 'ContractSigned',
          data: {
            contractId,
            contractNumber: command.contractNumber.trim(),
            holder,
            currency: command.currency,
            timeZone: command.timeZone,
            validFrom,
            validTo,
            terms,
            signedBy: actor,
            at,
          },
        },
      ],
      command.otherContracts,
    )
  }
  if (state.status === 'none') return left(domainError('not_found', 'CONTRACT_NOT_FOUND', `no contract ${contractId}`))
  if (state.status === 'terminated')
    return left(
      domainError('conflict', 'CONTRACT_TERMINATED', `contract ${contractId} was terminated as of ${state.validTo}`),
    )
  const today: LocalDate = toLocal(state.timeZone, nowMs).date
  switch (command.kind) {
    case 'AmendContract': {
      if (state.amendmentIds.has(command.amendmentId)) return right([])
      const { effectiveFrom } = command
      const problems: FieldProblem[] = [
        ...validId(command.amendmentId, 'amendmentId'),
        ...nonBlank(command.reason, 'reason', 500),
        ...dateProblems(effectiveFrom, 'effectiveFrom'),
        ...termsProblems(command.terms),
      ]
      if (isLocalDate(effectiveFrom)) {
        const latest = state.versions.at(-1)?.effectiveFrom ?? state.validFrom
        if (!effectiveFrom.endsWith('-01'))
          problems.push({ path: 'effectiveFrom', message: 'amendments take effect on the 1st of a month' })
        else if (effectiveFrom < today)
          problems.push({ path: 'effectiveFrom', message: `must not be in the past (today is ${today})` })
        else if (effectiveFrom < latest)
          problems.push({
            path: 'effectiveFrom',
            message: `must not be before the latest terms, in force from ${latest}`,
          })
        if (effectiveFrom < state.validFrom || (state.validTo !== null && effectiveFrom > state.validTo))
          problems.push({
            path: 'effectiveFrom',
            message: `must be within the contract's validity (${state.validFrom} to ${state.validTo ?? 'open'})`,
          })
      }
      if (problems.length > 0) return invalid(problems)
      return withoutOverlaps(
        state,
        [
          {
            type: 'ContractAmended',
            data: {
              contractId,
              amendmentId: command.amendmentId,
              effectiveFrom,
              terms: command.terms,
              reason: command.reason.trim(),
              amendedBy: actor,
              at,
            },
          },
        ],
        command.otherContracts,
      )
    }
    case 'RenewContract': {
      const previousValidTo = state.validTo
      if (previousValidTo === null)
        return left(domainError('conflict', 'CONTRACT_OPEN_ENDED', 'an open-ended contract needs no renewal'))
      const { validTo, terms } = command
      const problems: FieldProblem[] = [...dateProblems(validTo, 'validTo'), ...(terms ? termsProblems(terms) : [])]
      if (validTo !== null && isLocalDate(validTo) && validTo <= previousValidTo)
        problems.push({ path: 'validTo', message: `must be after the current end, ${previousValidTo}` })
      if (terms !== null && previousValidTo !== lastDayOf(monthOf(previousValidTo)))
        problems.push({
          path: 'terms',
          message: `new terms start on the 1st of a month, but the contract ends mid-month (${previousValidTo}); renew without terms, then amend`,
        })
      if (problems.length > 0) return invalid(problems)
      return withoutOverlaps(
        state,
        [{ type: 'ContractRenewed', data: { contractId, previousValidTo, validTo, terms, renewedBy: actor, at } }],
        command.otherContracts,
      )
    }
    case 'TerminateContract': {
      const { lastDay } = command
      const problems: FieldProblem[] = [...dateProblems(lastDay, 'lastDay'), ...nonBlank(command.reason, 'reason', 500)]
      if (isLocalDate(lastDay)) {
        if (lastDay < today) problems.push({ path: 'lastDay', message: `must not be in the past (today is ${today})` })
        if (state.validTo !== null && lastDay >= state.validTo)
          problems.push({ path: 'lastDay', message: `must be before the contract's end, ${state.validTo}` })
        if (lastDay < addDays(state.validFrom, -1))
          problems.push({ path: 'lastDay', message: `must not be before ${addDays(state.validFrom, -1)}` })
      }
      if (problems.length > 0) return invalid(problems)
      return right([
        {
          type: 'ContractTerminated',
          data: { contractId, lastDay, reason: command.reason.trim(), terminatedBy: actor, at },
        },
      ])
    }
  }
}

export const contractDecider: Decider<ContractCommand, ContractState, ContractEvent> = {
  initialState: initialContractState,
  decide,
  evolve: evolveContract,
}
