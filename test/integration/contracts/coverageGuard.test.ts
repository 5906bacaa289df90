// The coverage claims on their own (no read model to stop anything: the contracts read model here
// is empty, as a second process's may be): a contract whose append fails withdraws its claims and
// its retry claims again; an overlapping contract is refused by the claims alone; a claim of a
// contract never written stops counting after ABANDONED_CLAIM_MS.
import assert from 'node:assert/strict'
import { isLeft, isRight } from 'fp-ts/lib/Either.js'
import { deterministicUuid } from '../../../application/commands/commandContext.js'
import {
  type BusinessPlatform,
  businessEventDefinitions,
  businessPlatform,
} from '../../../application/customers/businessPlatform.js'
import { EventCatalogue } from '../../../application/eventLog/eventCatalogue.js'
import { ManualClock } from '../../../application/leases/clock.js'
import type { AppendResult, ExpectedRevision, NewEvent, RecordedEvent } from '../../../application/ports/eventStore.js'
import { ReadModels } from '../../../application/readModels/readModels.js'
import type { Principal } from '../../../domain/access/principal.js'
import { ABANDONED_CLAIM_MS } from '../../../domain/contract/coverageClaims.js'
import { MemoryDocumentStore } from '../../../infrastructure/documents/memory/memoryDocumentStore.js'
import { MemoryEventStore } from '../../../infrastructure/event-store/memory/memoryEventStore.js'
import { contractsProjection } from '../../../projections/customers/contractsProjection.js'
import { rebuildProjection } from '../../../projections/rebuild.js'
import { fixedPrice, terms } from './support/terms.js'

const HQ = { id: 'hq', role: 'head_office', tenant: { scope: 'network' } } as unknown as Principal
const NOW = '2026-11-26T10:00:00.000Z'

/** A memory store whose next append to a contract stream fails, as a dropped connection would. */
class FlakyStore extends MemoryEventStore {
  failNextContractAppend = false
  override async appendToStream(
    streamId: string,
    events: ReadonlyArray<NewEvent>,
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    if (this.failNextContractAppend && streamId.startsWith('contract-')) {
      this.failNextContractAppend = false
      throw new Error('connection reset while appending')
    }
    return super.appendToStream(streamId, events, options)
  }
}

async function streamOf(store: MemoryEventStore, streamId: string): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = []
  for await (const e of store.readStream(streamId)) out.push(e)
  return out
}

describe('coverage claims without a read model', () => {
  let store: FlakyStore
  let business: BusinessPlatform
  const catalogue = new EventCatalogue(businessEventDefinitions)
  const meta = (commandId?: string, now = NOW) => ({
    correlationId: commandId ?? 'c',
    causationId: null,
    now,
    ...(commandId ? { commandId } : {}),
  })
  const sign = (contractId: string, customerId: string, vehicles: string[], commandId?: string) =>
    business.contracts.sign(
      HQ,
      {
        contractId,
        holder: { kind: 'customer', customerId },
        currency: 'PLN',
        timeZone: 'Europe/Warsaw',
        validFrom: '2027-01-01',
        validTo: '2027-12-31',
        terms: terms(vehicles, { TYRE_CHANGE: fixedPrice(9_000) }),
      },
      meta(commandId),
    )

  beforeEach(async () => {
    store = new FlakyStore()
    // The contracts read model is built from an empty log and stays empty: only the claims can stop an overlap.
    const documents = new MemoryDocumentStore()
    await rebuildProjection({
      projection: contractsProjection,
      events: new MemoryEventStore(),
      documents,
      clock: new ManualClock(),
      retireDelayMs: 0,
    })
    business = businessPlatform({
      store,
      catalogue,
      readModels: new ReadModels(documents),
      networkCatalogue: () => Promise.reject(new Error('unused')),
      log: () => undefined,
    })
    for (const customerId of ['ca', 'cb']) {
      const registered = await business.customers.register(
        HQ,
        {
          customerId,
          party: { kind: 'individual', firstName: 'A', lastName: customerId },
          contacts: { email: `${customerId}@example.com`, phone: null },
        },
        meta(),
      )
      assert.ok(isRight(registered), JSON.stringify(registered))
    }
  })

  it('a failed contract append withdraws its claims; the retry (same key) claims again and stands; an overlap is refused', async () => {
    store.failNextContractAppend = true
    await assert.rejects(sign('k1', 'ca', ['v1', 'v2'], 'key-1'), /connection reset/)
    assert.deepEqual(
      (await streamOf(store, 'coverage-v1')).map((e) => e.type),
      ['ContractCoverageClaimed', 'ContractCoverageClaimWithdrawn'],
    )
    assert.equal((await streamOf(store, 'contract-k1')).length, 0)

    const retried = await sign('k1', 'ca', ['v1', 'v2'], 'key-1')
    assert.ok(isRight(retried), JSON.stringify(retried))
    assert.deepEqual(
      (await streamOf(store, 'coverage-v2')).map((e) => e.type),
      ['ContractCoverageClaimed', 'ContractCoverageClaimWithdrawn', 'ContractCoverageClaimed'],
    )
    const head = await store.headPosition()
    const again = await sign('k1', 'ca', ['v1', 'v2'], 'key-1')
    assert.ok(isRight(again), 'the same request once more answers as before')
    assert.equal(await store.headPosition(), head, 'and appends nothing')

    const rival = await sign('k2', 'cb', ['v2', 'v3'])
    assert.ok(isLeft(rival))
    assert.equal(rival.left.code, 'CONTRACT_COVERAGE_OVERLAPS')
    assert.deepEqual(rival.left.fields, [
      {
        path: 'terms.coverage',
        message: 'v2 / TYRE_CHANGE is already covered by contract k1 from 2027-01-01 to 2027-12-31',
      },
    ])
    assert.equal(await store.headPosition(), head, 'refused on what the streams show: nothing written')
  })

  it('a claim whose contract was never written stops counting after the abandonment delay', async () => {
    const claim = (equipmentId: string, at: string) =>
      store.appendToStream(
        `coverage-${equipmentId}`,
        [
          {
            type: 'ContractCoverageClaimed',
            data: {
              equipmentId,
              contractId: 'ghost',
              claimId: 'ghost-claim',
              periods: [{ from: '2027-01-01', to: null, serviceCodes: ['TYRE_CHANGE'] }],
              at,
            },
            metadata: {
              eventId: deterministicUuid(`ghost|${equipmentId}`),
              correlationId: 'crash',
              causationId: null,
              actor: { id: 'hq', role: 'head_office' },
              occurredAt: at,
              schemaVersion: 1,
            },
          },
        ],
        { expectedRevision: 'no_stream' },
      )
    const old = new Date(Date.parse(NOW) - ABANDONED_CLAIM_MS - 1_000).toISOString()
    const fresh = new Date(Date.parse(NOW) - 10_000).toISOString()
    await claim('v7', old)
    await claim('v8', fresh)
    const overOld = await sign('k7', 'ca', ['v7'])
    assert.ok(isRight(overOld), JSON.stringify(overOld))
    const overFresh = await sign('k8', 'ca', ['v8'])
    assert.ok(isLeft(overFresh))
    assert.equal(overFresh.left.code, 'CONTRACT_COVERAGE_OVERLAPS')
  })
})
