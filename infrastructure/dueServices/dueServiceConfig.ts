// Settings of the due-service reminders, from the environment:
//   DUE_VISIT_SERVICES  which catalogue services a proposed visit books, per kind of due item:
//                       `inspection=WHEEL_ALIGNMENT;tyre_replacement=TYRE_FITTING;insurance_end=-`
//                       (`-`: no visit, a reminder only; codes joined with `+`). Kinds left out keep
//                       the default below, which fits the demo network's catalogue.
//   DUE_TREAD_MIN_MM    recommended minimum tread per season, `summer=3;winter=4;all_season=4`
//                       (fleets often ask for more); the legal 1.6 mm always applies.
// Contract schedules book their own service.
import { DEFAULT_DUE_SERVICE_RULES, type DueServiceRules } from '../../domain/due-service/dueItems.js'
import { ConfigError } from '../config.js'

type VisitKind = keyof DueServiceRules['visitServices']

export const DEFAULT_VISIT_SERVICES: DueServiceRules['visitServices'] = {
  inspection: ['WHEEL_ALIGNMENT'],
  warranty_end: ['WHEEL_ALIGNMENT'],
  insurance_end: null,
  tyre_replacement: ['TYRE_FITTING'],
  recommendations: ['WHEEL_ALIGNMENT'],
}

/** A ConfigError, so `npm start` and `npm run worker` print it on one line. */
export class DueServiceConfigError extends ConfigError {
  constructor(message: string) {
    super(message)
    this.name = 'DueServiceConfigError'
  }
}

function pairs(value: string, name: string): Array<[string, string]> {
  return value
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      const [key, raw] = part.split('=').map((s) => s.trim())
      if (!key || raw === undefined || raw === '')
        throw new DueServiceConfigError(`${name}: ${JSON.stringify(part)} must be key=value`)
      return [key, raw]
    })
}

export function loadDueServiceRules(env: Readonly<Record<string, string | undefined>> = process.env): DueServiceRules {
  const visitServices: Record<VisitKind, ReadonlyArray<string> | null> = { ...DEFAULT_VISIT_SERVICES }
  for (const [kind, codes] of pairs(env.DUE_VISIT_SERVICES ?? '', 'DUE_VISIT_SERVICES')) {
    if (!Object.hasOwn(visitServices, kind))
      throw new DueServiceConfigError(
        `DUE_VISIT_SERVICES: unknown kind ${kind} (${Object.keys(visitServices).join(', ')})`,
      )
    visitServices[kind as VisitKind] = codes === '-' ? null : codes.split('+').map((c) => c.trim())
  }
  const recommended = { ...DEFAULT_DUE_SERVICE_RULES.treadLimits.recommendedMinimumMm }
  for (const [season, mm] of pairs(env.DUE_TREAD_MIN_MM ?? '', 'DUE_TREAD_MIN_MM')) {
    const value = Number(mm)
    if (!Object.hasOwn(recommended, season))
      throw new DueServiceConfigError(`DUE_TREAD_MIN_MM: unknown season ${season}`)
    if (!(Number.isFinite(value) && value >= 1.6 && value <= 10))
      throw new DueServiceConfigError(`DUE_TREAD_MIN_MM: ${season} must be 1.6 to 10 mm`)
    recommended[season as keyof typeof recommended] = value
  }
  return {
    ...DEFAULT_DUE_SERVICE_RULES,
    treadLimits: { ...DEFAULT_DUE_SERVICE_RULES.treadLimits, recommendedMinimumMm: recommended },
    visitServices,
  }
}
