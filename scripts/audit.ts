// `npm run audit -- <orderId|streamId> [--as-of <ISO>|--revision <n>] [--verify] [--json]`
//
// For a dispute: prints every event of a work order (or of any stream: equipment-…, stock-…, …)
// with who, role, when, revision, position and hash; the state as of a moment (an instant with a
// zone, or a revision; now when neither is given); and with --verify the hash chain's verdict,
// naming the first altered event. Reads DATA_DIR's SQLite event store, or EVENTSTORE_URL.
//
// Exit codes: 0 fine · 1 the chain is broken (with --verify) · 2 bad input (one line on stderr:
// arguments, an unknown stream, an as-of the stream cannot answer) · 3 anything unexpected.
// The work is in application/audit/auditCli.ts.
import { BadInput, parseAuditArgs, runAuditCli } from '../application/audit/auditCli.js'
import type { EventStore } from '../application/ports/eventStore.js'
import { embeddedFiles, eventCatalogue } from '../infrastructure/composition.js'
import { ConfigError, loadConfig } from '../infrastructure/config.js'
import { SqliteEventStore } from '../infrastructure/event-store/sqlite/sqliteEventStore.js'

async function openEventStore(): Promise<EventStore> {
  const config = loadConfig()
  if (config.eventStoreUrl)
    return new (await import('../infrastructure/event-store/esdb/esdbEventStore.js')).EsdbEventStore(
      config.eventStoreUrl,
    )
  return new SqliteEventStore(embeddedFiles(config.dataDir).events)
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2)
  // Bad arguments answer before any store is opened (or created) in DATA_DIR.
  try {
    parseAuditArgs(argv)
  } catch (error) {
    if (!(error instanceof BadInput)) throw error
    console.error(error.message)
    return 2
  }
  const store = await openEventStore()
  try {
    return await runAuditCli(
      argv,
      { store, catalogue: eventCatalogue() },
      { out: (line) => console.log(line), err: (line) => console.error(line) },
    )
  } finally {
    await store.close()
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
