// A fleet contract used across the contract, helpdesk and billing tests: two vans, four services
// priced four ways, 10 % off services and 5 % off parts, an SLA on business hours, two schedules.
import type { ContractEvent } from '../../../../domain/contract/events.js'
import type { SlaTerms } from '../../../../domain/contract/sla.js'
import type { ContractTerms } from '../../../../domain/contract/terms.js'

export const WARSAW = 'Europe/Warsaw'
export const officeActor = { id: 'ho-1', role: 'head_office' as const }
const weekday = [{ from: '08:00', to: '16:00' }]

export const businessSla: SlaTerms = {
  clock: {
    kind: 'business_hours',
    timeZone: WARSAW,
    weeklyHours: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: [], sun: [] },
    holidays: ['2026-05-01', '2026-05-03'],
  },
  targets: {
    critical: { reactionMinutes: 60, resolutionMinutes: 480 },
    high: { reactionMinutes: 120, resolutionMinutes: 960 },
    normal: { reactionMinutes: 240, resolutionMinutes: 2400 },
    low: { reactionMinutes: 480, resolutionMinutes: 4800 },
  },
  headOfficeEscalationAfterMinutes: 120,
}

export const calendarSla: SlaTerms = { ...businessSla, clock: { kind: 'calendar_hours' } }

export const terms: ContractTerms = {
  coverage: { equipmentIds: ['eq-1', 'eq-2'], serviceCodes: ['TYRE-CHANGE', 'INSPECTION', 'REPAIR', 'SUPPORT'] },
  priceList: [
    { serviceCode: 'TYRE-CHANGE', term: { kind: 'fixed_price', pricePerServiceMinor: 20_000 }, vatRatePercent: 23 },
    { serviceCode: 'INSPECTION', term: { kind: 'flat_monthly', monthlyFeeMinor: 30_000 }, vatRatePercent: 23 },
    {
      serviceCode: 'REPAIR',
      term: {
        kind: 'tiered_hours',
        freeMinutes: 600,
        ratePerHourMinor: 12_000,
        limitMinutes: 2400,
        aboveLimitRatePerHourMinor: 18_000,
        roundingIncrementMinutes: 15,
      },
      vatRatePercent: 23,
    },
    {
      serviceCode: 'SUPPORT',
      term: { kind: 'hourly', ratePerHourMinor: 9_000, roundingIncrementMinutes: 1 },
      vatRatePercent: 23,
    },
  ],
  discount: { servicesBasisPoints: 1000, partsBasisPoints: 500 },
  sla: businessSla,
  schedule: [
    {
      scheduleId: 'tyres',
      serviceCode: 'TYRE-CHANGE',
      equipmentIds: null,
      rule: { kind: 'seasonal', spring: { from: '03-15', to: '04-30' }, autumn: { from: '10-01', to: '11-30' } },
    },
    {
      scheduleId: 'inspection',
      serviceCode: 'INSPECTION',
      equipmentIds: ['eq-1'],
      rule: { kind: 'every_months', months: 6, firstDue: '2026-01-31' },
    },
  ],
}

export const signed: ContractEvent = {
  type: 'ContractSigned',
  data: {
    contractId: 'ctr-1',
    contractNumber: 'UM/2026/0001',
    holder: { kind: 'fleet', fleetId: 'fleet-1' },
    currency: 'PLN',
    timeZone: WARSAW,
    validFrom: '2026-01-01',
    validTo: '2026-12-31',
    terms,
    signedBy: officeActor,
    at: '2025-12-15T10:00:00.000Z',
  },
}
