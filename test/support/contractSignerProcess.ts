// A contract-signing process on a shared SQLite event log, driven by
// test/integration/contracts/contractRace.test.ts. It is what a second API process is to the
// contract service: its own read models (the contracts projection rebuilt from the log, in memory),
// the same ContractService, the same file.
//   stdin "prepare"                          → rebuilds its read model from the log, prints "ready"
//   stdin "sign <contractId> <customerId> <equipmentId,…>" → signs a contract of the customer
//     covering those vehicles for TYRE_CHANGE in 2027, prints one JSON line:
//     { contractId, ok, code, contractsSeen } (contractsSeen: contracts its read model held when
//     it decided; 0 means the read-model check alone could not have stopped it)
import { createInterface } from 'node:readline'
import { isRight } from 'fp-ts/lib/Either.js'
import { businessEventDefinitions, businessPlatform } from '../../application/customers/businessPlatform.js'
import { EventCatalogue } from '../../application/eventLog/eventCatalogue.js'
import { ManualClock } from '../../application/leases/clock.js'
import { ReadModels } from '../../application/readModels/readModels.js'
import type { Principal } from '../../domain/access/principal.js'
import { MemoryDocumentStore } from '../../infrastructure/documents/memory/memoryDocumentStore.js'
import { SqliteEventStore } from '../../infrastructure/event-store/sqlite/sqliteEventStore.js'
import { contractsProjection } from '../../projections/customers/contractsProjection.js'
import { rebuildProjection } from '../../projections/rebuild.js'
import { terms } from '../integration/contracts/support/terms.js'

const HQ = { id: 'hq', role: 'head_office', tenant: { scope: 'network' } } as unknown as Principal

async function main(): Promise<void> {
  const [file] = process.argv.slice(2)
  if (!file) throw new Error('usage: contractSignerProcess.ts <events.db>')
  const store = new SqliteEventStore(file)
  // Only the business side's events: this process needs nothing else (and starts faster).
  const catalogue = new EventCatalogue(businessEventDefinitions)
  let documents = new MemoryDocumentStore()
  const platform = () =>
    businessPlatform({
      store,
      catalogue,
      readModels: new ReadModels(documents),
      networkCatalogue: () => Promise.reject(new Error('no catalogue in the signer process')),
      log: () => undefined,
    })
  let business = platform()
  for await (const line of createInterface({ input: process.stdin })) {
    const [command, ...args] = line.trim().split(' ')
    if (command === 'prepare') {
      documents = new MemoryDocumentStore()
      await rebuildProjection({
        projection: contractsProjection,
        events: store,
        documents,
        clock: new ManualClock(),
        retireDelayMs: 0,
      })
      business = platform()
      process.stdout.write('ready\n')
    } else if (command === 'sign') {
      const [contractId = '', customerId = '', vehicles = ''] = args
      const seen = await business.contracts.list(HQ, {}, { limit: 1000, offset: 0 })
      const result = await business.contracts.sign(
        HQ,
        {
          contractId,
          holder: { kind: 'customer', customerId },
          currency: 'PLN',
          timeZone: 'Europe/Warsaw',
          validFrom: '2027-01-01',
          validTo: '2027-12-31',
          terms: terms(vehicles.split(','), { TYRE_CHANGE: { kind: 'fixed_price', pricePerServiceMinor: 9_000 } }),
        },
        { correlationId: `race-${contractId}`, causationId: null, now: new Date().toISOString() },
      )
      process.stdout.write(
        `${JSON.stringify({
          contractId,
          ok: isRight(result),
          code: isRight(result) ? null : result.left.code,
          contractsSeen: isRight(seen) ? seen.right.total : -1,
        })}\n`,
      )
    } else if (command === 'exit') break
  }
  await store.close()
  process.exit(0)
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
