// Estimate lines priced from the network's catalogue, never from the client: a catalogue service
// becomes a labour line, catalogue goods a part line, and work outside the catalogue a labour line
// at the configured hourly rate. Staff choose what; the catalogue says for how much.
//
// A service is priced per job, while a labour line is minutes × hourly rate (so the labour clock
// can be set against billed minutes): the line takes the service's minutes for the vehicle and the
// hourly rate that makes minutes × rate the service's price. For jobs up to an hour that is the
// price exactly; beyond, the line's net may differ from the price by a grosz (rates are whole grosze).
//
// Lines made from a catalogue service get the id `svc:<code>:<n>`, so the order remembers which
// service a line is (technician suggestions read the skills it needs from there).
import { type Either, left, right } from 'fp-ts/lib/Either.js'
import type { VehicleClass } from '../../domain/service-network/capabilities.js'
import { type CatalogueState, catalogueGoods, catalogueService } from '../../domain/service-network/catalogueDecider.js'
import { serviceMinutes } from '../../domain/service-network/serviceDuration.js'
import { type DomainError, domainError } from '../../domain/shared/decider.js'
import type { FileRef } from '../../domain/shared/fileRef.js'
import type { EstimateLine } from '../../domain/work-order/events.js'
import type { RepairConfig } from './repairConfig.js'

interface Common {
  /** Given by the client to edit the line later; made up when left out. */
  readonly lineId?: string
  readonly problemId?: string | null
  readonly photos?: ReadonlyArray<FileRef>
  /** Overrides the catalogue's name (e.g. "Wymiana opon – koła z TPMS"). */
  readonly description?: string
}

export type LineInput =
  | (Common & { readonly kind: 'service'; readonly serviceCode: string; readonly wheels?: number })
  | (Common & { readonly kind: 'goods'; readonly sku: string; readonly quantity: number })
  | (Common & { readonly kind: 'labour'; readonly description: string; readonly minutes: number })

export const SERVICE_LINE_PREFIX = 'svc:'

/** The catalogue service a line was made from, if it was. */
export function serviceCodeOfLine(lineId: string): string | null {
  if (!lineId.startsWith(SERVICE_LINE_PREFIX)) return null
  return lineId.slice(SERVICE_LINE_PREFIX.length).split(':')[0] ?? null
}

const unknown = (code: string, path: string, message: string): DomainError =>
  domainError('invalid', code, `${message} (GET /catalogue lists what there is)`, [{ path, message }])

/** Net hourly rate (whole minor units) at which `minutes` cost `priceMinor`. */
export function hourlyRateFor(priceMinor: number, minutes: number): number {
  return Math.round((priceMinor * 60) / minutes)
}

export interface LineContext {
  readonly catalogue: CatalogueState
  readonly config: RepairConfig
  readonly vehicleClass: VehicleClass
  /** Ids already on the estimate: a made-up id avoids them. */
  readonly takenLineIds: ReadonlyArray<string>
  readonly locale?: 'pl' | 'en'
}

function freshId(base: string, taken: ReadonlyArray<string>): string {
  for (let n = 1; ; n++) {
    const id = `${base}:${n}`
    if (!taken.includes(id)) return id
  }
}

export function lineFromInput(input: LineInput, ctx: LineContext, path = 'line'): Either<DomainError, EstimateLine> {
  const common = {
    photos: [...(input.photos ?? [])],
    problemId: input.problemId ?? null,
    recommendationId: null,
  }
  const name = (names: Readonly<Record<string, string>>) => names[ctx.locale ?? 'pl'] ?? names.pl ?? ''
  switch (input.kind) {
    case 'service': {
      const item = catalogueService(ctx.catalogue, input.serviceCode)
      if (!item || item.retired)
        return left(unknown('UNKNOWN_SERVICE', `${path}.serviceCode`, `unknown service ${input.serviceCode}`))
      const def = item.definition
      const wheels = input.wheels ?? (ctx.vehicleClass === 'truck' ? 6 : 4)
      const minutes = serviceMinutes(def, ctx.vehicleClass, wheels)
      return right({
        ...common,
        kind: 'labour',
        lineId: input.lineId ?? freshId(`${SERVICE_LINE_PREFIX}${def.code}`, ctx.takenLineIds),
        description: input.description ?? name(def.names),
        minutes,
        hourlyRate: { amountMinor: hourlyRateFor(def.price.amountMinor, minutes), currency: def.price.currency },
        vatRatePercent: def.vatRatePercent,
      })
    }
    case 'goods': {
      const item = catalogueGoods(ctx.catalogue, input.sku)
      if (!item || item.retired) return left(unknown('UNKNOWN_GOODS', `${path}.sku`, `unknown goods ${input.sku}`))
      const def = item.definition
      return right({
        ...common,
        kind: 'part',
        lineId: input.lineId ?? freshId(`part:${def.sku}`, ctx.takenLineIds),
        description: input.description ?? name(def.names),
        sku: def.sku,
        quantity: input.quantity,
        unitPrice: def.price,
        vatRatePercent: def.vatRatePercent,
      })
    }
    case 'labour':
      return right({
        ...common,
        kind: 'labour',
        lineId: input.lineId ?? freshId('labour', ctx.takenLineIds),
        description: input.description,
        minutes: input.minutes,
        hourlyRate: ctx.config.labourHourlyRate,
        vatRatePercent: ctx.config.labourVatRatePercent,
      })
  }
}
