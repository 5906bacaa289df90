// The shared EventStore contract against a real EventStoreDB / KurrentDB node.
// Run it with a server:  EVENTSTORE_URL='esdb://localhost:2113?tls=false' npx mocha test/contract/eventStore.esdb.test.ts
// (docker compose up eventstore starts one). Without EVENTSTORE_URL the suite is skipped, saying so.
//
// The server is long-lived and shared: the suite writes only to stream ids unique to the run and
// looks at the global log from the head it saw before each test, so nothing needs deleting.
import { EsdbEventStore } from '../../infrastructure/event-store/esdb/esdbEventStore.js'
import { eventStoreContract } from './eventStore/eventStoreContract.js'

const url = process.env.EVENTSTORE_URL

if (url) {
  eventStoreContract(`EventStoreDB at ${url}`, async () => {
    const store = new EsdbEventStore(url)
    return {
      store,
      // A second client over the same server: another process, or this one after a restart.
      reopen: async () => new EsdbEventStore(url),
      cleanup: () => store.close(),
    }
  })
} else {
  describe('EventStore contract: EventStoreDB', () => {
    before(function () {
      console.log('    EventStoreDB contract suite skipped: EVENTSTORE_URL not set')
      this.skip()
    })

    it('passes the shared EventStore contract against the server at EVENTSTORE_URL', () => {})
  })
}
