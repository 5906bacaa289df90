// Runs a set of projections side by side, one runner each (each with its own lease, so
// instances of the application share the projections between them).
import type { Projection } from './projection.js'
import { ProjectionRunner, type ProjectionRunnerOptions, type ProjectionStatus } from './projectionRunner.js'

export type ProjectionHostOptions = Omit<ProjectionRunnerOptions, 'projection'> & {
  readonly projections: readonly Projection[]
}

export class ProjectionHost {
  readonly runners: readonly ProjectionRunner[]

  constructor(options: ProjectionHostOptions) {
    const { projections, ...shared } = options
    const names = new Set<string>()
    for (const p of projections) {
      if (names.has(p.name)) throw new Error(`projection ${p.name} registered twice`)
      names.add(p.name)
    }
    this.runners = projections.map((projection) => new ProjectionRunner({ ...shared, projection }))
  }

  start(): void {
    for (const r of this.runners) r.start()
  }

  async stop(): Promise<void> {
    await Promise.all(this.runners.map((r) => r.stop()))
  }

  statuses(): Promise<ProjectionStatus[]> {
    return Promise.all(this.runners.map((r) => r.status()))
  }

  runner(name: string): ProjectionRunner | null {
    return this.runners.find((r) => r.name === name) ?? null
  }
}
