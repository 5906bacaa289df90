// Two contracts covering the same vehicle and service on the same days, signed at the same
// instant: only one may win. The read models of two processes (or of two holders' requests in one
// process) may both show no other contract when they decide; the coverage claims appended with
// expected revision on each vehicle's `coverage-<equipmentId>` stream are what stops the second.
//   - two real OS processes on one SQLite event file, each with its own read model, racing round
//     after round;
//   - many parallel HTTP requests in one API, for holders that do not share the per-holder lock.
import assert from 'node:assert/strict'
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { isRight } from 'fp-ts/lib/Either.js'
import { businessEventDefinitions, businessPlatform } from '../../../application/customers/businessPlatform.js'
import { EventCatalogue } from '../../../application/eventLog/eventCatalogue.js'
import type { RecordedEvent } from '../../../application/ports/eventStore.js'
import { ReadModels } from '../../../application/readModels/readModels.js'
import type { Principal } from '../../../domain/access/principal.js'
import { MemoryDocumentStore } from '../../../infrastructure/documents/memory/memoryDocumentStore.js'
import { SqliteEventStore } from '../../../infrastructure/event-store/sqlite/sqliteEventStore.js'
import { type BusinessFixture, businessFixture, vehicleBody } from '../customers/support/businessFixture.js'
import { fixedPrice, terms } from './support/terms.js'

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url))
const signerScript = fileURLToPath(new URL('../../support/contractSignerProcess.ts', import.meta.url))

interface SignReport {
  readonly contractId: string
  readonly ok: boolean
  readonly code: string | null
  readonly contractsSeen: number
}

class Signer {
  private readonly child: ChildProcessWithoutNullStreams
  private readonly lines: AsyncIterator<string>
  private stderr = ''

  constructor(file: string) {
    this.child = spawn(process.execPath, ['--import', 'tsx', signerScript, file], { cwd: repoRoot })
    this.child.stderr.on('data', (chunk) => {
      this.stderr += String(chunk)
    })
    this.lines = createInterface({ input: this.child.stdout })[Symbol.asyncIterator]()
  }

  private async next(): Promise<string> {
    const line = await this.lines.next()
    if (line.done) throw new Error(`signer process ended: ${this.stderr}`)
    return line.value
  }

  async prepare(): Promise<void> {
    this.child.stdin.write('prepare\n')
    assert.equal(await this.next(), 'ready')
  }

  send(contractId: string, customerId: string, vehicles: readonly string[]): void {
    this.child.stdin.write(`sign ${contractId} ${customerId} ${vehicles.join(',')}\n`)
  }

  async report(): Promise<SignReport> {
    return JSON.parse(await this.next()) as SignReport
  }

  async exit(): Promise<void> {
    if (this.child.exitCode !== null) return
    const ended = new Promise((resolve) => this.child.once('exit', resolve))
    this.child.stdin.end('exit\n')
    await ended
  }
}

/** The contracts whose claims on one coverage stream stand (claimed and not withdrawn), folded here independently. */
function standingClaims(events: readonly RecordedEvent[]): string[] {
  const standing = new Map<string, string>()
  for (const e of events) {
    const data = e.data as { contractId: string; claimId: string }
    if (e.type === 'ContractCoverageClaimed') standing.set(data.claimId, data.contractId)
    else if (e.type === 'ContractCoverageClaimWithdrawn') standing.delete(data.claimId)
  }
  return [...standing.values()]
}

async function readAll(store: SqliteEventStore): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = []
  for await (const e of store.readAll()) out.push(e)
  return out
}

describe('overlapping contracts signed at the same instant', function () {
  this.timeout(120_000)

  describe('two OS processes on one SQLite event file', () => {
    let dir: string
    let file: string
    const signers: Signer[] = []

    before(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'contract-race-'))
      file = path.join(dir, 'events.db')
      // The two holders, registered through the same services the API uses.
      const store = new SqliteEventStore(file)
      const business = businessPlatform({
        store,
        catalogue: new EventCatalogue(businessEventDefinitions),
        readModels: new ReadModels(new MemoryDocumentStore()),
        networkCatalogue: () => Promise.reject(new Error('unused')),
        log: () => undefined,
      })
      const hq = { id: 'hq', role: 'head_office', tenant: { scope: 'network' } } as unknown as Principal
      for (const customerId of ['cust-a', 'cust-b']) {
        const registered = await business.customers.register(
          hq,
          {
            customerId,
            party: { kind: 'individual', firstName: 'Race', lastName: customerId },
            contacts: { email: `${customerId}@example.com`, phone: null },
          },
          { correlationId: customerId, causationId: null, now: new Date().toISOString() },
        )
        assert.ok(isRight(registered), JSON.stringify(registered))
      }
      await store.close()
      signers.push(new Signer(file), new Signer(file))
    })

    after(async () => {
      await Promise.all(signers.map((s) => s.exit()))
      await rm(dir, { recursive: true, force: true })
    })

    it('round after round, exactly one of the two wins; the other is refused as an overlap', async () => {
      const [a, b] = signers as [Signer, Signer]
      const rounds = 12
      let bothBlind = 0
      for (let round = 0; round < rounds; round++) {
        await Promise.all([a.prepare(), b.prepare()])
        // Different vehicle lists that share one vehicle (not the first of either), in reverse order.
        const shared = `veh-${round}-shared`
        a.send(`ctr-${round}-a`, 'cust-a', [`veh-${round}-a1`, shared, `veh-${round}-z`])
        b.send(`ctr-${round}-b`, 'cust-b', [`veh-${round}-z`, shared, `veh-${round}-b1`].reverse())
        const reports = await Promise.all([a.report(), b.report()])
        const won = reports.filter((r) => r.ok)
        assert.equal(won.length, 1, `round ${round}: ${JSON.stringify(reports)}`)
        const lost = reports.find((r) => !r.ok)
        assert.equal(lost?.code, 'CONTRACT_COVERAGE_OVERLAPS', JSON.stringify(reports))
        // What each read model held when it decided: this round's rival was in neither.
        if (reports.every((r) => r.contractsSeen === round)) bothBlind++
      }
      // The read-model check alone let both through in these rounds: the claims decided them.
      assert.ok(bothBlind >= 1, `rounds where neither read model saw the rival: ${bothBlind}`)

      const store = new SqliteEventStore(file)
      try {
        const events = await readAll(store)
        const withdrawals = events.filter((e) => e.type === 'ContractCoverageClaimWithdrawn').length
        console.log(
          `      ${rounds} rounds; ${bothBlind} with neither read model showing the rival; ${withdrawals} claims withdrawn by losers of a claim race`,
        )
        const signed = events.filter((e) => e.type === 'ContractSigned').map((e) => e.streamId)
        assert.equal(signed.length, rounds)
        // Every shared vehicle's coverage stream: exactly one standing claim, the winner's.
        for (let round = 0; round < rounds; round++) {
          const claims = events.filter((e) => e.streamId === `coverage-veh-${round}-shared`)
          const winners = standingClaims(claims)
          assert.equal(winners.length, 1, `round ${round}: ${JSON.stringify(claims.map((c) => c.type))}`)
          assert.ok(signed.includes(`contract-${winners[0]}`))
        }
      } finally {
        await store.close()
      }
    })
  })

  describe('many parallel HTTP requests', () => {
    let f: BusinessFixture
    let vehicle: string
    const holders: string[] = []

    before(async () => {
      f = await businessFixture()
      const res = await f.call('fleet_f1').post('/fleets/f1/vehicles', vehicleBody(1, { branchId: 'waw' }))
      assert.equal(res.status, 201, JSON.stringify(res.body))
      vehicle = res.body.vehicle.equipmentId
      // Customers of their own (one per request, so no per-holder lock orders them).
      for (let i = 0; i < 15; i++) {
        const r = await f.call('head_office').post('/customers', {
          customerId: `race-${i}`,
          party: { kind: 'individual', firstName: 'Race', lastName: `No ${i}` },
          contacts: { email: `race${i}@example.com`, phone: null },
        })
        assert.equal(r.status, 201, JSON.stringify(r.body))
        holders.push(`race-${i}`)
      }
    })
    after(() => f.close())

    it('16 requests for the same vehicle and service at once: one 201, fifteen 409; one contract in the read model', async () => {
      const body = (holder: Record<string, string>, n: number) => ({
        contractId: `race-ctr-${n}`,
        holder,
        currency: 'PLN',
        timeZone: 'Europe/Warsaw',
        validFrom: '2027-01-01',
        validTo: '2027-12-31',
        terms: terms([vehicle], { TYRE_CHANGE: fixedPrice(9_000) }),
      })
      const responses = await Promise.all([
        f.call('head_office').post('/contracts', body({ kind: 'fleet', fleetId: 'f1' }, 99)),
        ...holders.map((customerId, n) =>
          f.call('head_office').post('/contracts', body({ kind: 'customer', customerId }, n)),
        ),
      ])
      const statuses = responses.map((r) => r.status)
      assert.equal(statuses.filter((s) => s === 201).length, 1, JSON.stringify(statuses))
      for (const r of responses.filter((x) => x.status !== 201)) {
        assert.equal(r.status, 409, JSON.stringify(r.body))
        assert.match(r.headers['content-type'] ?? '', /^application\/problem\+json/)
        assert.ok(['CONTRACT_COVERAGE_OVERLAPS', 'READ_MODEL_BEHIND'].includes(r.body.code), JSON.stringify(r.body))
      }
      const listed = await f.call('head_office').get('/contracts?activeOn=2027-06-01')
      assert.equal(listed.status, 200)
      assert.equal(listed.body.total, 1, JSON.stringify(listed.body))
      // One claim stands on the vehicle's coverage stream: the winner's.
      const claims = (await f.events()).filter((e) => e.streamId === `coverage-${vehicle}`)
      const winner = responses.find((r) => r.status === 201)?.body.contractId
      assert.deepEqual(standingClaims(claims), [winner], JSON.stringify(claims.map((e) => e.type)))
      // A later contract for the same vehicle and service is refused by the read-model check, nothing written.
      const before = await f.eventCount()
      const late = await f.call('head_office').post('/contracts', body({ kind: 'customer', customerId: 'race-0' }, 100))
      assert.equal(late.status, 409)
      assert.equal(late.body.code, 'CONTRACT_COVERAGE_OVERLAPS')
      assert.equal(await f.eventCount(), before)
    })
  })
})
