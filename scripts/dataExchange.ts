// `npm run data -- templates | export <template> … | import <template> <file> …` (see
// api/dataExchange/dataExchangeCli.ts): the import/export templates over the configured stores
// (DATA_DIR's SQLite, or EVENTSTORE_URL / MONGO_URL), acting as head office. The read models the
// exports read (customers) are brought up to the log first: by this process, or by the running
// API/worker that holds their lease. Events are recorded with the actor `cli:<user>`, head office.
import { randomUUID } from 'node:crypto'
import { userInfo } from 'node:os'
import { BadInput, parseDataExchangeArgs, runDataExchangeCli } from '../api/dataExchange/dataExchangeCli.js'
import { DataExchangeService } from '../application/dataExchange/dataExchangeService.js'
import type { Principal } from '../domain/access/principal.js'
import { composePlatform } from '../infrastructure/composition.js'
import { ConfigError, loadConfig } from '../infrastructure/config.js'
import { runnerSync } from '../projections/customers/runnerSync.js'

async function main(): Promise<number> {
  const argv = process.argv.slice(2)
  // Bad arguments answer before any store is opened (or created) in DATA_DIR.
  try {
    parseDataExchangeArgs(argv)
  } catch (error) {
    if (!(error instanceof BadInput)) throw error
    console.error(error.message)
    return 2
  }
  const platform = await composePlatform(loadConfig(), { runProjections: true })
  try {
    if (!(await runnerSync(platform.projections, platform.stores.eventStore, 120_000).caughtUp('customers')))
      console.error('[data] the customers read model is behind the log: a customers export may miss the latest')
    const service = new DataExchangeService({
      store: platform.stores.eventStore,
      catalogue: platform.catalogue,
      customers: platform.business.customers,
      customerReader: platform.business.reader,
      readModels: platform.readModels,
      vehicleImports: platform.business.imports,
      network: platform.network.reader,
      stock: platform.repair.stock,
    })
    const user = userInfo().username.replace(/[^A-Za-z0-9_.-]/g, '_') || 'user'
    const by = { id: `cli:${user}`, role: 'head_office', tenant: { scope: 'network' } } as Principal
    return await runDataExchangeCli(
      argv,
      {
        service,
        by,
        meta: () => ({ now: new Date().toISOString(), correlationId: randomUUID(), causationId: null }),
      },
      {
        out: (line) => console.log(line),
        err: (line) => console.error(line),
        stdout: (bytes) => process.stdout.write(bytes),
      },
    )
  } finally {
    await platform.close()
  }
}

main().then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    if (error instanceof ConfigError) {
      console.error(error.message)
      process.exitCode = 2
      return
    }
    console.error(error instanceof Error ? error.stack : String(error))
    process.exitCode = 3
  },
)
