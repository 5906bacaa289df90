// What the report use cases need from outside the application layer: the definition language
// (parsing with line numbers and checking against the event catalogue lives with the compiler in
// projections/reports) and the projection engine's administration (list, status, rebuild).
import type { Either } from 'fp-ts/lib/Either.js'
import type { ReportDefinition } from './reportDefinition.js'
import type { SourceFormat } from './reportEvents.js'

export interface DefinitionProblem {
  /** 1-based line in the definition's text; null when the definition was not given as text. */
  readonly line: number | null
  /** Where in the definition, e.g. `groupBy.1.path`. */
  readonly path: string
  readonly message: string
}

export interface DefinitionChecker {
  /** Parses and checks a definition's text: the definition, or every problem with its line. */
  check(format: SourceFormat, source: string): Either<DefinitionProblem[], ReportDefinition>
}

export type ProjectionKind = 'core' | 'report' | 'definition' | 'custom'

export interface ProjectionInfo {
  readonly name: string
  readonly kind: ProjectionKind
  /** The version this code (or the registered definition) runs. */
  readonly version: number
  /** running here or elsewhere: standby, rebuilding, catching-up, live, failed, stopped; 'unknown' when no process reported. */
  readonly state: string
  readonly activeBuild: { readonly version: number; readonly buildId: string; readonly activatedAt: string } | null
  readonly checkpoint: number
  readonly headPosition: number
  readonly lag: number
  readonly eventsPerSecond: number | null
  readonly lastRebuild: {
    readonly startedAt: string
    readonly finishedAt: string
    readonly seconds: number
    readonly events: number | null
    readonly eventsPerSecond: number | null
  } | null
  readonly rebuild: {
    readonly phase: string
    readonly events: number
    readonly position: number
    readonly head: number
    readonly eventsPerSecond: number
  } | null
  readonly lastError: { readonly message: string; readonly at: string; readonly event: unknown } | null
  /** Which process reported the state, and when. */
  readonly reportedBy: string | null
  readonly reportedAt: string | null
}

export interface RebuildStarted {
  readonly projection: string
  readonly version: number
}

export interface ProjectionAdmin {
  list(): Promise<ProjectionInfo[]>
  status(name: string): Promise<ProjectionInfo | null>
  /** Starts a blue/green rebuild in the background; null when no such projection. */
  rebuild(name: string): Promise<RebuildStarted | null>
  /** A definition changed (registered, changed, retired): pick it up now rather than on the next poll. */
  definitionChanged(name: string): Promise<void>
}
