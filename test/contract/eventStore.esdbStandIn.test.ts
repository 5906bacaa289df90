// The shared EventStore contract against the EventStoreDB adapter, through the real
// @eventstore/db-client, over gRPC on a loopback port, to the EventStoreDB stand-in
// (test/support/esdbStandIn). It proves the adapter against the protocol and the server semantics
// the stand-in reproduces; what only a real node can prove is listed in docs/operations.md, and
// eventStore.esdb.test.ts runs this same suite against one when EVENTSTORE_URL is set.
import { EsdbEventStore } from '../../infrastructure/event-store/esdb/esdbEventStore.js'
import { EsdbStandIn } from '../support/esdbStandIn/esdbStandIn.js'
import { eventStoreContract } from './eventStore/eventStoreContract.js'

describe('EventStoreDB adapter over the wire (stand-in)', () => {
  let node: EsdbStandIn

  before(async () => {
    node = await EsdbStandIn.start()
  })

  after(async () => {
    await node?.stop()
  })

  // One node for the whole suite, like a long-lived server: the contract only looks at its own
  // streams and at the log after the head it saw, so tests need not clean up after each other.
  eventStoreContract('EventStoreDB stand-in (gRPC, BatchAppend)', async () => {
    const store = new EsdbEventStore(node.url)
    return {
      store,
      reopen: async () => new EsdbEventStore(node.url),
      cleanup: () => store.close(),
    }
  })
})
