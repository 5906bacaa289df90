import { MemoryDocumentStore } from '../../infrastructure/documents/memory/memoryDocumentStore.js'
import { documentStoreContract } from './documentStore/documentStoreContract.js'

const mingo = 'mingo, which the memory adapter matches with, differs from MongoDB here'

documentStoreContract(
  'memory',
  async () => {
    const store = new MemoryDocumentStore()
    return { store, teardown: () => store.close() }
  },
  {
    knownDeviations: {
      nullThroughArrayElements: mingo,
      inWholeArray: mingo,
      rangeNullMatchesMissing: mingo,
      objectEqualityFieldOrder: mingo,
    },
  },
)
