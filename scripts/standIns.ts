// `npx tsx scripts/standIns.ts [--esdb-port N]`: starts the EventStoreDB and MongoDB stand-ins
// (test tools from test/support/, memory only, NOT databases) on loopback ports and prints the
// environment that points `npm start`, `npm run projection:rebuild` or a test suite at them:
//
//   EVENTSTORE_URL=esdb://127.0.0.1:41234?tls=false
//   MONGO_URL=mongodb://127.0.0.1:41235/?replicaSet=rs0
//
// Those two lines go to stdout (so scripts can read them); everything else goes to stderr. The
// stand-ins keep their data until this process ends (Ctrl-C or SIGTERM). What they reproduce and
// what only real servers can prove: docs/operations.md and the READMEs next to them.
import { EsdbStandIn } from '../test/support/esdbStandIn/esdbStandIn.js'
import { MongoStandIn } from '../test/support/mongoStandIn/mongoStandIn.js'

const USAGE = 'usage: npx tsx scripts/standIns.ts [--esdb-port N]   (0 or no option: a free port)'

const log = (message: string) => console.error(`[stand-ins] ${message}`)

interface Arguments {
  readonly esdbPort: number
}

function parseArguments(argv: readonly string[]): Arguments | string {
  let esdbPort = 0
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '--esdb-port') {
      esdbPort = Number(argv[++i])
      if (!Number.isInteger(esdbPort) || esdbPort < 0 || esdbPort > 65535) return '--esdb-port needs a port 0..65535'
    } else if (arg === '--mongo-port')
      // MongoStandIn.start() always listens on a free port (its options have no port yet).
      return '--mongo-port is not supported: the MongoDB stand-in always takes a free port'
    else if (arg === '--help' || arg === '-h') return USAGE
    else return `unknown argument ${arg}`
  }
  return { esdbPort }
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArguments(argv)
  if (typeof args === 'string') {
    console.error(args === USAGE ? USAGE : `stand-ins: ${args}\n${USAGE}`)
    return args === USAGE ? 0 : 2
  }
  const esdb = await EsdbStandIn.start({ port: args.esdbPort })
  let mongo: MongoStandIn
  try {
    mongo = await MongoStandIn.start()
  } catch (error) {
    await esdb.stop()
    throw error
  }
  console.log(`EVENTSTORE_URL=${esdb.url}`)
  console.log(`MONGO_URL=${mongo.url()}`)
  log('test stand-ins, memory only: everything is lost when this process ends (Ctrl-C stops them)')

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  log('stopping')
  await Promise.allSettled([esdb.stop(), mongo.stop()])
  return 0
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    console.error(`stand-ins: ${error instanceof Error ? error.stack : String(error)}`)
    process.exitCode = 1
  },
)
