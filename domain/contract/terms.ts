// A contract's terms: what it covers (vehicles by equipment id, services by code), the price of
// each covered service, the customer's discount, the SLA and the service schedule. Amendments and
// renewals replace the terms as a whole from a date, so the terms of any date are one version.
import * as t from 'io-ts'
import { type FieldProblem, validId } from '../shared/validation.js'
import {
  Discount,
  discountProblems,
  PriceLine,
  priceTermProblems,
  serviceCodeProblems,
  vatRateProblems,
} from './priceList.js'
import { ScheduledService, scheduleProblems } from './serviceSchedule.js'
import { SlaTerms, slaProblems } from './sla.js'

export const Coverage = t.type({ equipmentIds: t.array(t.string), serviceCodes: t.array(t.string) })
export type Coverage = t.TypeOf<typeof Coverage>

export const ContractTerms = t.type({
  coverage: Coverage,
  /** Exactly one price line per covered service. */
  priceList: t.array(PriceLine),
  discount: Discount,
  /** null: no service levels promised (tickets get no deadlines). */
  sla: t.union([SlaTerms, t.null]),
  schedule: t.array(ScheduledService),
})
export type ContractTerms = t.TypeOf<typeof ContractTerms>

/** A fleet of thousands fits; beyond that a contract per branch is the better shape. */
const MAX_COVERED_VEHICLES = 20_000

function duplicates(values: ReadonlyArray<string>): Set<string> {
  const seen = new Set<string>()
  const twice = new Set<string>()
  for (const v of values) (seen.has(v) ? twice : seen).add(v)
  return twice
}

export function termsProblems(terms: ContractTerms, path = 'terms'): FieldProblem[] {
  const p: FieldProblem[] = []
  const { coverage, priceList } = terms
  if (coverage.equipmentIds.length === 0)
    p.push({ path: `${path}.coverage.equipmentIds`, message: 'the contract must cover at least one vehicle' })
  if (coverage.equipmentIds.length > MAX_COVERED_VEHICLES)
    p.push({ path: `${path}.coverage.equipmentIds`, message: `at most ${MAX_COVERED_VEHICLES} vehicles per contract` })
  coverage.equipmentIds.forEach((id, i) => {
    p.push(...validId(id, `${path}.coverage.equipmentIds[${i}]`))
  })
  for (const id of duplicates(coverage.equipmentIds))
    p.push({ path: `${path}.coverage.equipmentIds`, message: `${id} is listed twice` })
  if (coverage.serviceCodes.length === 0)
    p.push({ path: `${path}.coverage.serviceCodes`, message: 'the contract must cover at least one service' })
  coverage.serviceCodes.forEach((code, i) => {
    p.push(...serviceCodeProblems(code, `${path}.coverage.serviceCodes[${i}]`))
  })
  for (const code of duplicates(coverage.serviceCodes))
    p.push({ path: `${path}.coverage.serviceCodes`, message: `${code} is listed twice` })

  priceList.forEach((line, i) => {
    const at = `${path}.priceList[${i}]`
    if (!coverage.serviceCodes.includes(line.serviceCode))
      p.push({ path: `${at}.serviceCode`, message: `${line.serviceCode} is not a covered service` })
    p.push(
      ...priceTermProblems(line.term, `${at}.term`),
      ...vatRateProblems(line.vatRatePercent, `${at}.vatRatePercent`),
    )
  })
  for (const code of duplicates(priceList.map((l) => l.serviceCode)))
    p.push({ path: `${path}.priceList`, message: `${code} has more than one price` })
  coverage.serviceCodes.forEach((code, i) => {
    if (!priceList.some((l) => l.serviceCode === code))
      p.push({ path: `${path}.coverage.serviceCodes[${i}]`, message: `${code} has no price in the price list` })
  })
  p.push(...discountProblems(terms.discount, `${path}.discount`))
  if (terms.sla !== null) p.push(...slaProblems(terms.sla, `${path}.sla`))
  p.push(...scheduleProblems(terms.schedule, coverage, `${path}.schedule`))
  return p
}

export const priceLineFor = (terms: ContractTerms, serviceCode: string): PriceLine | undefined =>
  terms.priceList.find((l) => l.serviceCode === serviceCode)
