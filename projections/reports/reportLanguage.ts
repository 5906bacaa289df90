// The definition language as one object: check a definition (text or value) against the
// application's event catalogue, and compile it into a projection that reads events at their
// current schema version. Implements the application's DefinitionChecker port.
import { type Either, map } from 'fp-ts/lib/Either.js'
import { accessEventDefinitions } from '../../application/access/accessEvents.js'
import { businessEventDefinitions } from '../../application/customers/businessPlatform.js'
import type { EventCatalogue, EventDefinition } from '../../application/eventLog/eventCatalogue.js'
import { type ReportDefinition, reportProjectionName } from '../../application/reports/reportDefinition.js'
import { reportEventDefinitions, type SourceFormat } from '../../application/reports/reportEvents.js'
import type { DefinitionChecker, DefinitionProblem } from '../../application/reports/reportPorts.js'
import { type ReportShape, shapeOf } from '../../application/reports/reportShape.js'
import { repairEventDefinitions } from '../../application/workOrders/repairEvents.js'
import { bookingContextEventDefinitions } from '../../domain/booking/events.js'
import { serviceNetworkEventDefinitions } from '../../domain/service-network/events.js'
import type { Projection } from '../projection.js'
import { catalogueReader } from './compile/catalogueReader.js'
import { compileDefinition } from './compile/compileDefinition.js'
import {
  type CheckedDefinition,
  checkDefinitionSource,
  checkDefinitionValue,
  checkedOrThrow,
} from './definition/checkDefinition.js'
import { type EventTypes, eventTypesOf } from './definition/eventTypes.js'

/** The codecs of every event type this code knows (the catalogue decides which types exist). */
export const knownEventDefinitions: readonly EventDefinition[] = [
  ...accessEventDefinitions,
  ...serviceNetworkEventDefinitions,
  ...bookingContextEventDefinitions,
  ...reportEventDefinitions,
  // Work orders, equipment, stock; customers, fleets, contracts, tickets, billing: their fields are checked too.
  ...repairEventDefinitions,
  ...businessEventDefinitions,
]

export interface CompiledReport {
  readonly projection: Projection
  readonly shape: ReportShape
}

export class ReportLanguage implements DefinitionChecker {
  readonly events: EventTypes

  constructor(private readonly catalogue: EventCatalogue) {
    this.events = eventTypesOf(catalogue, knownEventDefinitions)
  }

  check(format: SourceFormat, source: string): Either<DefinitionProblem[], ReportDefinition> {
    return map((checked: CheckedDefinition) => checked.definition)(checkDefinitionSource(format, source, this.events))
  }

  checkValue(value: unknown): Either<DefinitionProblem[], CheckedDefinition> {
    return checkDefinitionValue(value, this.events)
  }

  /**
   * Compiles a definition (checked again: the catalogue may have changed since it was
   * registered) at a version: the registered version, or a built-in's own.
   */
  compile(definition: ReportDefinition, version: number, builtIn = false): CompiledReport {
    const { normal } = checkedOrThrow(definition, this.events)
    const projection = compileDefinition(normal, { version, reader: catalogueReader(this.catalogue) })
    return { projection, shape: shapeOf(normal, version, builtIn) }
  }

  projectionName(report: string): string {
    return reportProjectionName(report)
  }
}
