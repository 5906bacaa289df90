// `npm run projection -- list | status [name] | rebuild <name>`: every projection the application
// runs — its own read models, the reports (built-in and registered by analysts) and the custom
// ones in projections/custom — on the stores the environment configures (embedded SQLite in
// DATA_DIR when nothing is set). The same is served to head office at /reports/projections.
//
//   list                     one line per projection: kind, version, state, checkpoint, lag, events/s
//   status [name]            the details: active build, last rebuild (when, how long, events/s),
//                            a rebuild under way, the last error (with the event a handler failed on)
//   rebuild <name>           blue/green from the whole log, with a progress bar; readers keep the
//                            old build until the new one has caught up
//   --json                   list and status as JSON;  --page-size N  events per rebuild page
//
// State and events/s come from the process that runs each projection (it publishes them every
// few seconds); with no API or worker running they show as unknown.
// Exit codes: 0 done, 1 failed (handler error, another rebuild running, store error), 2 bad usage,
// 130 interrupted.
import cliProgress from 'cli-progress'
import type { ProjectionInfo } from '../application/reports/reportPorts.js'
import { eventCatalogue, openStores, type Stores } from '../infrastructure/composition.js'
import { ConfigError, loadConfig } from '../infrastructure/config.js'
import { ProjectionHandlerFailed } from '../projections/batchCommit.js'
import type { Projection } from '../projections/projection.js'
import { RebuildAborted, RebuildInProgress, type RebuildProgress, rebuildProjection } from '../projections/rebuild.js'
import { builtInProjections } from '../projections/registry.js'
import { recordRebuild } from '../projections/reports/projectionDirectory.js'
import { reportPlatform } from '../projections/reports/reportPlatform.js'
import { REPORT_REBUILD_PAGE_SIZE } from '../projections/reports/reportRuntime.js'

const USAGE = 'usage: npm run projection -- list | status [name] | rebuild <name> [--page-size N] [--json]'

interface Arguments {
  readonly command: 'list' | 'status' | 'rebuild'
  readonly name: string | undefined
  readonly pageSize: number | undefined
  readonly json: boolean
}

function parseArguments(argv: readonly string[]): Arguments | string {
  const positional: string[] = []
  let pageSize: number | undefined
  let json = false
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '--page-size') {
      pageSize = Number(argv[++i])
      if (!Number.isInteger(pageSize) || pageSize < 1) return '--page-size needs a positive integer'
    } else if (arg === '--json') json = true
    else if (arg.startsWith('-')) return `unknown option ${arg}`
    else positional.push(arg)
  }
  const [command, name, extra] = positional
  if (command !== 'list' && command !== 'status' && command !== 'rebuild')
    return command ? `unknown command ${command}` : 'no command'
  if (extra !== undefined || (command === 'list' && name !== undefined)) return 'too many arguments'
  if (command === 'rebuild' && name === undefined) return 'rebuild needs a projection name'
  return { command, name, pageSize, json }
}

const number = (n: number | null) => (n === null ? '-' : Math.round(n).toLocaleString('en-US'))
const when = (iso: string | null | undefined) => (iso ? iso.replace('T', ' ').slice(0, 19) : '-')

function table(rows: string[][]): string {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)))
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}

function listLines(infos: readonly ProjectionInfo[]): string {
  const header = ['NAME', 'KIND', 'VERSION', 'STATE', 'CHECKPOINT', 'LAG', 'EVENTS/S', 'LAST REBUILD']
  return table([
    header,
    ...infos.map((p) => [
      p.name,
      p.kind,
      String(p.version),
      p.state,
      number(p.checkpoint),
      number(p.lag),
      number(p.eventsPerSecond),
      when(p.lastRebuild?.finishedAt),
    ]),
  ])
}

function statusLines(p: ProjectionInfo): string {
  const lines = [
    `${p.name} (${p.kind}, version ${p.version}): ${p.state}`,
    `  checkpoint ${number(p.checkpoint)} of ${number(p.headPosition)}, lag ${number(p.lag)}, events/s ${number(p.eventsPerSecond)}`,
    `  active build: ${p.activeBuild ? `v${p.activeBuild.version} ${p.activeBuild.buildId}, since ${when(p.activeBuild.activatedAt)}` : 'none (never built)'}`,
  ]
  if (p.lastRebuild) {
    const r = p.lastRebuild
    const rate =
      r.eventsPerSecond === null ? '' : `, ${number(r.events)} events at ${number(r.eventsPerSecond)} events/s`
    lines.push(`  last rebuild: ${when(r.finishedAt)} (took ${r.seconds.toFixed(1)} s${rate})`)
  }
  if (p.rebuild)
    lines.push(
      `  rebuilding: position ${number(p.rebuild.position)} of ${number(p.rebuild.head)}, ${number(p.rebuild.eventsPerSecond)} events/s`,
    )
  if (p.lastError) {
    const event = p.lastError.event as { position?: number; type?: string; streamId?: string } | null
    const at = event?.position ? ` on ${event.type} at position ${event.position} (${event.streamId})` : ''
    lines.push(`  last error${at}: ${p.lastError.message}`)
  }
  if (p.reportedBy) lines.push(`  reported by ${p.reportedBy} at ${when(p.reportedAt)}`)
  return lines.join('\n')
}

function progressBar(): { update(p: RebuildProgress): void; stop(): void } {
  const bar = new cliProgress.SingleBar(
    {
      format:
        '{projection} |{bar}| {percentage}% | position {value}/{total} | {events} events | {rate} events/s | ETA {eta_formatted}',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  )
  let started = false
  return {
    update(p) {
      const payload = { projection: p.projection, events: p.events, rate: p.eventsPerSecond }
      if (!started) {
        bar.start(Math.max(p.head, 1), p.position, payload)
        started = true
      }
      bar.setTotal(Math.max(p.head, p.position, 1))
      bar.update(p.position, payload)
    },
    stop() {
      if (started) bar.stop()
    },
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArguments(argv)
  if (typeof args === 'string') {
    console.error(`projection: ${args}; ${USAGE}`)
    return 2
  }
  const stores = await openStores(loadConfig())
  try {
    const { runtime } = await reportPlatform({
      events: stores.eventStore,
      documents: stores.documentStore,
      catalogue: eventCatalogue(),
      core: { projections: builtInProjections, runners: () => [] },
    })
    if (args.command !== 'rebuild') {
      const infos = await runtime.list()
      const chosen = args.name === undefined ? infos : infos.filter((p) => p.name === args.name)
      if (chosen.length === 0) {
        console.error(`projection: unknown projection ${args.name}; known: ${infos.map((p) => p.name).join(', ')}`)
        return 2
      }
      if (args.json) console.log(JSON.stringify(args.name === undefined ? chosen : chosen[0], null, 2))
      else console.log(args.command === 'list' ? listLines(chosen) : chosen.map(statusLines).join('\n\n'))
      return 0
    }
    const name = args.name as string
    const projection = await runtime.projectionFor(name)
    if (!projection) {
      const known = (await runtime.known()).filter((k) => k.projection).map((k) => k.name)
      console.error(`projection: no projection ${name} that can be rebuilt; known: ${known.join(', ')}`)
      return 2
    }
    const kind = (await runtime.known()).find((k) => k.name === name)?.kind
    // The application's own projections keep the engine's page size; the rest the runtime's.
    const pageSize = args.pageSize ?? (kind === 'core' ? undefined : REPORT_REBUILD_PAGE_SIZE)
    return await rebuild(stores, projection, pageSize)
  } finally {
    await stores.close()
  }
}

async function rebuild(stores: Stores, projection: Projection, pageSize: number | undefined): Promise<number> {
  const interrupted = new AbortController()
  const onSignal = () => interrupted.abort()
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  const bar = progressBar()
  const startedAt = new Date()
  try {
    const result = await rebuildProjection({
      projection,
      events: stores.eventStore,
      documents: stores.documentStore,
      signal: interrupted.signal,
      onProgress: (p) => bar.update(p),
      ...(pageSize ? { pageSize } : {}),
    })
    bar.stop()
    const rate = Math.round(result.events / Math.max(result.seconds, 1e-3))
    await recordRebuild(stores.documentStore, projection.name, projection.version, {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      seconds: result.seconds,
      events: result.events,
      eventsPerSecond: rate,
    })
    const was = result.previous
      ? `; build ${result.previous.buildId} (v${result.previous.version}) dropped`
      : '; first build of this projection'
    console.log(
      `switched ${result.projection} to v${result.version} build ${result.buildId} at position ${result.checkpoint}: ` +
        `${result.events} events in ${result.seconds.toFixed(1)} s (${rate} events/s)${was}`,
    )
    return 0
  } catch (error) {
    bar.stop()
    if (error instanceof RebuildAborted) {
      console.error('projection: interrupted; readers stay on the previous build')
      return 130
    }
    if (error instanceof RebuildInProgress || error instanceof ProjectionHandlerFailed) {
      console.error(`projection: ${error.message}; readers stay on the previous build`)
      return 1
    }
    throw error
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    console.error(
      `projection: ${error instanceof ConfigError ? error.message : error instanceof Error ? error.stack : String(error)}`,
    )
    process.exitCode = 1
  },
)
