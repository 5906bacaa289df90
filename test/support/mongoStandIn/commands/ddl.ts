// Collections and indexes: create, createIndexes, listIndexes, listCollections, drop,
// dropDatabase, renameCollection. Outside a transaction a DDL command first waits for the open
// transactions that wrote to the collection (the server's exclusive collection lock does the
// same); afterwards those of them that started earlier can no longer write there.
import type { Document } from 'bson'
import {
  type CommandContext,
  checkDatabase,
  GENERIC_FIELDS,
  type Handler,
  namespaceOf,
  splitNamespace,
} from '../context.js'
import { CommandError, notImplemented } from '../errors.js'
import { compileFilter } from '../queries.js'
import { CollectionData, type IndexDef } from '../storage.js'
import { valuesEqual } from '../values.js'

async function waitForWriters(ctx: CommandContext, namespaces: readonly string[]): Promise<void> {
  for (;;) {
    const writers = namespaces.flatMap((ns) => ctx.engine.writersOf(ns))
    if (writers.length === 0) return
    await Promise.all(writers.map((t) => t.ended))
  }
}

const INDEX_OPTIONS = new Set(['key', 'name', 'unique', 'v', 'background'])

function parseIndex(spec: Document): IndexDef {
  for (const option of Object.keys(spec))
    if (!INDEX_OPTIONS.has(option)) throw notImplemented(`the index option ${option}`)
  const key = spec.key
  if (key === null || typeof key !== 'object' || Object.keys(key).length === 0)
    throw new CommandError('BadValue', 'Index keys cannot be empty.')
  const fields = Object.entries(key as Document).map(([path, dir]): [string, 1 | -1] => {
    if (typeof dir === 'string') throw notImplemented(`"${dir}" indexes`)
    if (typeof dir !== 'number' || dir === 0)
      throw new CommandError('BadValue', `Values in the index key pattern can't be 0: ${path}`)
    return [path, dir > 0 ? 1 : -1]
  })
  if (typeof spec.name !== 'string' || spec.name === '')
    throw new CommandError('FailedToParse', "The 'name' field is a required property of an index specification")
  const unique = spec.unique === true
  return {
    name: spec.name,
    key: fields,
    unique,
    spec: { v: 2, key: spec.key, name: spec.name, ...(unique ? { unique: true } : {}) },
  }
}

export const createIndexes: Handler = async (command, ctx) => {
  const ns = namespaceOf(command, ctx, 'createIndexes')
  if (!Array.isArray(command.indexes) || command.indexes.length === 0)
    throw new CommandError('FailedToParse', 'Must specify at least one index to create')
  if (!ctx.storage.transaction) await waitForWriters(ctx, [ns])
  const existing = ctx.storage.view(ns).indexes
  const fresh: IndexDef[] = []
  for (const spec of command.indexes as Document[]) {
    const def = parseIndex(spec)
    const sameName = existing.find((i) => i.name === def.name) ?? fresh.find((i) => i.name === def.name)
    const sameKey = existing.find((i) => valuesEqual(i.spec.key, def.spec.key))
    if (sameName) {
      if (!valuesEqual(sameName.spec.key, def.spec.key))
        throw new CommandError(
          'IndexKeySpecsConflict',
          `An existing index has the same name as the requested index. Requested index: ${JSON.stringify(def.spec)}, existing index: ${JSON.stringify(sameName.spec)}`,
        )
      if (sameName.unique !== def.unique)
        throw new CommandError(
          'IndexOptionsConflict',
          `An existing index has the same name as the requested index but different options. Requested index: ${JSON.stringify(def.spec)}, existing index: ${JSON.stringify(sameName.spec)}`,
        )
      continue
    }
    if (sameKey)
      throw new CommandError('IndexOptionsConflict', `Index already exists with a different name: ${sameKey.name}`)
    fresh.push(def)
  }
  const exists = ctx.storage.view(ns).exists
  if (fresh.length === 0 && exists)
    return {
      numIndexesBefore: existing.length,
      numIndexesAfter: existing.length,
      note: 'all indexes already exist',
      ok: 1,
    }
  const r = ctx.storage.createIndexes(ns, fresh)
  return {
    numIndexesBefore: r.before,
    numIndexesAfter: r.after,
    createdCollectionAutomatically: r.createdCollection,
    ok: 1,
  }
}

export const create: Handler = async (command, ctx) => {
  const ns = namespaceOf(command, ctx, 'create')
  const options = Object.keys(command).filter((k) => k !== 'create' && !GENERIC_FIELDS.has(k))
  if (options.length > 0) throw notImplemented(`create options (${options.join(', ')})`)
  if (ctx.storage.view(ns).exists) throw new CommandError('NamespaceExists', `Collection ${ns} already exists.`)
  ctx.storage.createIndexes(ns, [])
  return { ok: 1 }
}

export const listIndexes: Handler = (command, ctx) => {
  const ns = namespaceOf(command, ctx, 'listIndexes')
  const view = ctx.storage.view(ns)
  if (!view.exists) throw new CommandError('NamespaceNotFound', `ns does not exist: ${ns}`)
  return {
    cursor: ctx.cursors.first(
      ns,
      view.indexes.map((i) => i.spec),
      { batchSize: (command.cursor as Document | undefined)?.batchSize },
    ),
    ok: 1,
  }
}

export const listCollections: Handler = (command, ctx) => {
  checkDatabase(ctx.db)
  const entries: Document[] = []
  for (const [ns, data] of [...ctx.engine.namespaces].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const { db, collection } = splitNamespace(ns)
    if (db !== ctx.db) continue
    entries.push(
      command.nameOnly === true
        ? { name: collection, type: 'collection' }
        : {
            name: collection,
            type: 'collection',
            options: {},
            info: { readOnly: false, uuid: data.uuid },
            idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
          },
    )
  }
  const matcher = compileFilter(command.filter)
  return {
    cursor: ctx.cursors.first(`${ctx.db}.$cmd.listCollections`, entries.filter(matcher), {
      batchSize: (command.cursor as Document | undefined)?.batchSize,
    }),
    ok: 1,
  }
}

export const drop: Handler = async (command, ctx) => {
  const ns = namespaceOf(command, ctx, 'drop')
  await waitForWriters(ctx, [ns])
  const data = ctx.engine.namespaces.get(ns)
  // Since 7.0 dropping a collection that does not exist succeeds.
  if (!data) return { ok: 1 }
  ctx.engine.namespaces.delete(ns)
  ctx.engine.replaced(ns)
  return { nIndexesWas: data.indexes.length, ns, ok: 1 }
}

export const dropDatabase: Handler = async (_command, ctx) => {
  checkDatabase(ctx.db)
  const namespaces = [...ctx.engine.namespaces.keys()].filter((ns) => splitNamespace(ns).db === ctx.db)
  await waitForWriters(ctx, namespaces)
  for (const ns of namespaces) {
    ctx.engine.namespaces.delete(ns)
    ctx.engine.replaced(ns)
  }
  return { dropped: ctx.db, ok: 1 }
}

export const renameCollection: Handler = async (command, ctx) => {
  if (ctx.db !== 'admin')
    throw new CommandError('Unauthorized', 'renameCollection may only be run against the admin database.')
  const from = command.renameCollection
  const to = command.to
  if (typeof from !== 'string' || typeof to !== 'string' || !from.includes('.') || !to.includes('.'))
    throw new CommandError('InvalidNamespace', `Invalid source or target namespace: ${String(from)} -> ${String(to)}`)
  checkDatabase(splitNamespace(from).db)
  checkDatabase(splitNamespace(to).db)
  if (from === to) throw new CommandError('IllegalOperation', "Can't rename a collection to itself")
  await waitForWriters(ctx, [from, to])
  const source = ctx.engine.namespaces.get(from)
  if (!source) throw new CommandError('NamespaceNotFound', `Source collection ${from} does not exist`)
  if (ctx.engine.namespaces.has(to)) {
    if (command.dropTarget !== true) throw new CommandError('NamespaceExists', 'target namespace exists')
    ctx.engine.namespaces.delete(to)
  }
  // The same documents and indexes under the new name; a fresh object, because snapshots may hold the old one.
  const moved = new CollectionData(source.uuid, new Map(source.docs), [...source.indexes])
  ctx.engine.namespaces.delete(from)
  ctx.engine.namespaces.set(to, moved)
  ctx.engine.replaced(from)
  ctx.engine.replaced(to)
  return { ok: 1 }
}
