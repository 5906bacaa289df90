// A second OS process on the same SQLite event log, driven by test/contract/eventStore.sqliteFile.test.ts.
//   race <file> <label> <sharedStream> <expectTotal>: waits for "go" on stdin, then appends to its own
//     streams and (racing the parent) to a shared stream while subscribing to everything; prints
//     one JSON line with what it appended and what its subscription saw.
//   crash <file> <stream> <count>: appends one event at a time, prints "ack <eventId>" after each
//     acknowledged append, and is killed by the parent mid-way.
import { createInterface } from 'node:readline'
import { SqliteEventStore } from '../../infrastructure/event-store/sqlite/sqliteEventStore.js'
import { newEvent } from '../contract/eventStore/eventFixtures.js'
import { type RaceReport, raceWriter, watchAll } from './eventStoreRace.js'

async function waitForGo(): Promise<void> {
  const lines = createInterface({ input: process.stdin })
  for await (const line of lines) if (line.trim() === 'go') break
  lines.close()
}

async function main(): Promise<void> {
  const [mode, file, ...rest] = process.argv.slice(2)
  if (!file) throw new Error('usage: eventStoreWriterProcess.ts race|crash <file> ...')
  const store = new SqliteEventStore(file)
  if (mode === 'race') {
    const [label = 'child', sharedStream = 'shared', expectTotal = '0'] = rest
    process.stdout.write('ready\n')
    await waitForGo()
    const [written, watched] = await Promise.all([
      raceWriter(store, label, sharedStream),
      watchAll(store, Number(expectTotal), 30_000),
    ])
    await store.close()
    const report: RaceReport = { ...written, ...watched }
    process.stdout.write(`${JSON.stringify(report)}\n`)
  } else if (mode === 'crash') {
    const [stream = 'crash', count = '100'] = rest
    let expectedRevision: number | 'no_stream' = 'no_stream'
    for (let i = 0; i < Number(count); i++) {
      const event = newEvent('Acknowledged', { i })
      expectedRevision = (await store.appendToStream(stream, [event], { expectedRevision })).nextExpectedRevision
      process.stdout.write(`ack ${event.metadata.eventId}\n`)
    }
    // Never closes: the parent kills this process, so nothing but the commits themselves persists.
    setInterval(() => {}, 60_000)
  } else throw new Error(`unknown mode ${mode}`)
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
