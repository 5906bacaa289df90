// `npm run projection:rebuild -- <name> [--page-size N]`: rebuilds one projection blue/green
// from the whole log, on the stores the environment configures (embedded SQLite in DATA_DIR
// when nothing is set). Readers keep the old build until the new one has caught up; running
// API or worker processes follow the new build from its checkpoint after the switch.
//
// Exit codes: 0 switched, 1 failed (handler error, another rebuild running, store error),
// 2 bad usage (unknown projection), 130 interrupted (the unfinished build is dropped by the next rebuild).
import cliProgress from 'cli-progress'
import { openStores, type Stores } from '../infrastructure/composition.js'
import { ConfigError, loadConfig } from '../infrastructure/config.js'
import { ProjectionHandlerFailed } from '../projections/batchCommit.js'
import { RebuildAborted, RebuildInProgress, type RebuildProgress, rebuildProjection } from '../projections/rebuild.js'
import { builtInProjections, findProjection } from '../projections/registry.js'

/** The stores to rebuild in; the one place to change if the CLI should get them differently. */
async function openRebuildStores(): Promise<Stores> {
  return openStores(loadConfig())
}

interface Arguments {
  readonly name: string | undefined
  readonly pageSize: number | undefined
}

function parseArguments(argv: readonly string[]): Arguments | string {
  let name: string | undefined
  let pageSize: number | undefined
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '--page-size') {
      pageSize = Number(argv[++i])
      if (!Number.isInteger(pageSize) || pageSize < 1) return '--page-size needs a positive integer'
    } else if (arg.startsWith('-')) return `unknown option ${arg}`
    else if (name === undefined) name = arg
    else return `unexpected argument ${arg}`
  }
  return { name, pageSize }
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
  const known = builtInProjections.map((p) => p.name).join(', ')
  const args = parseArguments(argv)
  if (typeof args === 'string') {
    console.error(`projection:rebuild: ${args}; usage: npm run projection:rebuild -- <name> (known: ${known})`)
    return 2
  }
  const projection = args.name === undefined ? null : findProjection(args.name)
  if (!projection) {
    const what = args.name === undefined ? 'no projection named' : `unknown projection ${JSON.stringify(args.name)}`
    console.error(`projection:rebuild: ${what}; known projections: ${known}`)
    return 2
  }

  const stores = await openRebuildStores()
  const interrupted = new AbortController()
  const onSignal = () => interrupted.abort()
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  const bar = progressBar()
  try {
    const result = await rebuildProjection({
      projection,
      events: stores.eventStore,
      documents: stores.documentStore,
      signal: interrupted.signal,
      onProgress: (p) => bar.update(p),
      ...(args.pageSize ? { pageSize: args.pageSize } : {}),
    })
    bar.stop()
    const rate = Math.round(result.events / Math.max(result.seconds, 1e-3))
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
      console.error(`projection:rebuild: interrupted; readers stay on the previous build`)
      return 130
    }
    if (error instanceof RebuildInProgress || error instanceof ProjectionHandlerFailed) {
      console.error(`projection:rebuild: ${error.message}; readers stay on the previous build`)
      return 1
    }
    throw error
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    await stores.close()
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    console.error(
      `projection:rebuild: ${error instanceof ConfigError ? error.message : error instanceof Error ? error.stack : String(error)}`,
    )
    process.exitCode = 1
  },
)
