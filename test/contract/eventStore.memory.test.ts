import { MemoryEventStore } from '../../infrastructure/event-store/memory/memoryEventStore.js'
import { eventStoreContract } from './eventStore/eventStoreContract.js'

eventStoreContract('memory', async () => {
  const store = new MemoryEventStore()
  return { store, cleanup: () => store.close() }
})
