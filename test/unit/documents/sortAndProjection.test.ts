// Sort and projection corners the contract does not pin: the SQLite adapter (ORDER BY in SQL)
// and the memory adapter (shared/sortDocuments.ts in JS) must order alike, including paths
// with array positions and paths through arrays of objects (which sort as missing).
import assert from 'node:assert/strict'
import type { Document, DocumentStore, SortSpec } from '../../../application/ports/documentStore.js'
import { MemoryDocumentStore } from '../../../infrastructure/documents/memory/memoryDocumentStore.js'
import { applyProjection } from '../../../infrastructure/documents/shared/projection.js'
import { validateFindOptions } from '../../../infrastructure/documents/shared/queryValidation.js'
import { SqliteDocumentStore } from '../../../infrastructure/documents/sqlite/sqliteDocumentStore.js'

const docs: Document[] = [
  { _id: 'a', lines: [{ price: 30 }, { price: 10 }], tyres: [205, 195], o: { '1': 'x' } },
  { _id: 'b', lines: [{ price: 20 }], tyres: [225], o: { '1': 'a' } },
  { _id: 'c', lines: [], tyres: [], o: {} },
  { _id: 'd', tyres: 200, o: { '1': 'm' } },
  { _id: 'e', lines: [{ price: 5 }, { price: 50 }], tyres: ['R16', 185], o: { '1': null } },
]

const sorts: SortSpec[] = [
  { tyres: 1 },
  { tyres: -1 },
  { 'lines.0.price': 1 },
  { 'lines.1.price': -1 },
  { 'tyres.1': 1 },
  { 'o.1': 1 },
  { 'lines.price': 1, _id: -1 },
]

async function orders(store: DocumentStore): Promise<string[][]> {
  await store.collection('s').insertMany(docs)
  const out: string[][] = []
  for (const sort of sorts) out.push((await store.collection('s').find({}, { sort })).map((d) => d._id))
  await store.close()
  return out
}

describe('sort and projection corners', () => {
  it('SQLite and memory order alike', async () => {
    const memory = await orders(new MemoryDocumentStore())
    const sqlite = await orders(new SqliteDocumentStore(':memory:'))
    assert.deepEqual(sqlite, memory)
    // Arrays sort by their smallest element ascending, largest descending; [] before missing.
    assert.deepEqual(memory[0], ['c', 'e', 'a', 'd', 'b'])
    assert.deepEqual(memory[1], ['e', 'b', 'a', 'd', 'c'])
    assert.deepEqual(memory[2], ['c', 'd', 'e', 'b', 'a'])
    // 'lines.price' crosses an array of objects: no key, so only the _id tiebreak orders.
    assert.deepEqual(memory[6], ['e', 'd', 'c', 'b', 'a'])
  })

  it('projects dotted paths through arrays of objects like MongoDB', () => {
    const doc = { _id: 'x', a: [{ b: 1, c: 2 }, 5, { c: 3 }], k: { b: 1, c: 2 }, s: 4 }
    const project = (p: Record<string, 0 | 1>) =>
      applyProjection(doc, validateFindOptions({ projection: p }).projection)
    assert.deepEqual(project({ 'a.b': 1 }), { _id: 'x', a: [{ b: 1 }, {}] })
    assert.deepEqual(project({ 'a.b': 0, s: 0 }), { _id: 'x', a: [{ c: 2 }, 5, { c: 3 }], k: { b: 1, c: 2 } })
    assert.deepEqual(project({ 'k.c': 1, 's.z': 1, _id: 0 }), { k: { c: 2 } })
    assert.deepEqual(project({ _id: 1 }), { _id: 'x' })
  })
})
