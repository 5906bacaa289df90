// Reads and writes: find/getMore/killCursors, aggregate, count, insert, update, delete,
// findAndModify. Writes go one document at a time through the storage context, so outside a
// transaction each document is its own atomic write (a multi-update refused half-way keeps the
// documents it already changed, as on the server), and inside one they all wait for the commit.
import { type Document, ObjectId } from 'bson'
import { type CommandContext, type Handler, namespaceOf } from '../context.js'
import { CommandError, notImplemented } from '../errors.js'
import { compileFilter, type Matcher, parseSort, pinnedId, project, runPipeline } from '../queries.js'
import { type CollectionView, duplicateKey, ID_INDEX, idKey } from '../storage.js'
import { applyUpdate, checkId, idFirst, type ParsedUpdate, parseUpdate, sameBytes, upsertSeed } from '../updates.js'
import { sortDocuments } from '../values.js'

const SKIP = Symbol('skip')
type Next = Document | null | typeof SKIP

/**
 * Reads the document's current version, computes its next one and writes it; when an open
 * transaction holds the document (only outside transactions) waits for it and starts over, so
 * `compute` always sees what is committed at the moment of the write.
 */
async function writeDoc(
  ctx: CommandContext,
  ns: string,
  key: string,
  compute: (current: Document | undefined) => Next,
): Promise<void> {
  for (;;) {
    const current = ctx.storage.view(ns).get(key)
    const next = compute(current)
    if (next === SKIP) return
    const blocked = ctx.storage.write(ns, key, current, next)
    if (!blocked) return
    await blocked
  }
}

function candidates(view: CollectionView, filter: unknown): Document[] {
  const pinned = pinnedId(filter)
  if (pinned) {
    const doc = view.get(idKey(pinned.value))
    return doc ? [doc] : []
  }
  return [...view.docs()]
}

function matching(view: CollectionView, filter: unknown, matcher: Matcher): Document[] {
  return candidates(view, filter).filter(matcher)
}

function nonNegative(value: unknown, what: string): number {
  if (value === undefined || value === null) return 0
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
    throw new CommandError('BadValue', `${what} must be a non-negative integer`)
  return value
}

/** Write errors go into `writeErrors`; a WriteConflict inside a transaction fails the whole command. */
function asWriteError(error: unknown, ctx: CommandContext): CommandError {
  if (!(error instanceof CommandError)) throw error
  if (ctx.storage.transaction && error.codeName === 'WriteConflict') throw error
  return error
}

export const find: Handler = (command, ctx) => {
  const ns = namespaceOf(command, ctx, 'find')
  const view = ctx.storage.view(ns)
  const filter = command.filter
  const matched = matching(view, filter, compileFilter(filter))
  const sorted = sortDocuments(matched, parseSort(command.sort))
  const skip = nonNegative(command.skip, 'skip')
  let limit = command.limit === undefined ? 0 : Number(command.limit)
  let singleBatch = command.singleBatch === true
  if (limit < 0) {
    limit = -limit
    singleBatch = true
  }
  const page = limit > 0 ? sorted.slice(skip, skip + limit) : sorted.slice(skip)
  return {
    cursor: ctx.cursors.first(ns, project(page, command.projection), { batchSize: command.batchSize, singleBatch }),
    ok: 1,
  }
}

export const getMore: Handler = (command, ctx) => {
  const ns = namespaceOf(command, ctx, 'collection')
  return { cursor: ctx.cursors.more(Number(command.getMore), ns, command.batchSize), ok: 1 }
}

export const killCursors: Handler = (command, ctx) => {
  namespaceOf(command, ctx, 'killCursors')
  const ids = Array.isArray(command.cursors) ? command.cursors.map(Number) : []
  const { killed, notFound } = ctx.cursors.kill(ids)
  return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 }
}

export const aggregate: Handler = (command, ctx) => {
  if (command.explain) throw notImplemented('explain')
  if (typeof command.cursor !== 'object' || command.cursor === null)
    throw new CommandError(
      'FailedToParse',
      "The 'cursor' option is required, except for aggregate with the explain argument",
    )
  const ns = namespaceOf(command, ctx, 'aggregate')
  const docs = runPipeline([...ctx.storage.view(ns).docs()], command.pipeline)
  return { cursor: ctx.cursors.first(ns, docs, { batchSize: (command.cursor as Document).batchSize }), ok: 1 }
}

export const count: Handler = (command, ctx) => {
  const ns = namespaceOf(command, ctx, 'count')
  const view = ctx.storage.view(ns)
  const matched = matching(view, command.query, compileFilter(command.query))
  const skip = nonNegative(command.skip, 'skip')
  const limit = Math.abs(Number(command.limit ?? 0))
  const n = Math.max(0, matched.length - skip)
  return { n: limit > 0 ? Math.min(limit, n) : n, ok: 1 }
}

export const insert: Handler = async (command, ctx) => {
  const ns = namespaceOf(command, ctx, 'insert')
  const documents = command.documents
  if (!Array.isArray(documents)) throw new CommandError('FailedToParse', "BSON field 'insert.documents' is missing")
  const ordered = command.ordered !== false
  const writeErrors: Document[] = []
  let n = 0
  for (let i = 0; i < documents.length; i++) {
    try {
      const raw = documents[i] as Document
      const doc = idFirst(raw._id === undefined ? { _id: new ObjectId(), ...raw } : raw)
      checkId(doc)
      await writeDoc(ctx, ns, idKey(doc._id), (current) => {
        if (current) throw duplicateKey(ns, ID_INDEX, { _id: doc._id })
        return doc
      })
      n++
    } catch (error) {
      writeErrors.push(asWriteError(error, ctx).toWriteError(i))
      if (ordered) break
    }
  }
  return { n, ...(writeErrors.length > 0 ? { writeErrors } : {}), ok: 1 }
}

interface StatementResult {
  matched: number
  modified: number
  upserted: unknown
}

async function upsert(ctx: CommandContext, ns: string, filter: Document, parsed: ParsedUpdate, matcher: Matcher) {
  const seed = upsertSeed(filter)
  // A replacement keeps only the filter's _id; operators start from all of its equality fields.
  const start = parsed.kind === 'replacement' ? ('_id' in seed ? { _id: seed._id } : {}) : seed
  let doc = applyUpdate(start, parsed, true)
  if (doc._id === undefined) doc = { _id: new ObjectId(), ...doc }
  const seen = { raced: false }
  await writeDoc(ctx, ns, idKey(doc._id), (current) => {
    seen.raced = false
    if (!current) return doc
    // Inserted meanwhile (while this write waited): if it matches now, update it instead.
    if (matcher(current)) {
      seen.raced = true
      return SKIP
    }
    throw duplicateKey(ns, ID_INDEX, { _id: doc._id })
  })
  return seen.raced ? null : doc._id
}

async function updateStatement(ctx: CommandContext, ns: string, statement: Document): Promise<StatementResult> {
  if (statement.arrayFilters !== undefined) throw notImplemented('arrayFilters')
  if (statement.collation !== undefined) throw notImplemented('collation')
  const filter = (statement.q ?? {}) as Document
  const parsed = parseUpdate(statement.u)
  const multi = statement.multi === true
  if (multi && parsed.kind === 'replacement')
    throw new CommandError('FailedToParse', 'multi update is not supported for replacement-style update')
  const matcher = compileFilter(filter)
  const result: StatementResult = { matched: 0, modified: 0, upserted: undefined }
  for (;;) {
    const keys = matching(ctx.storage.view(ns), filter, matcher).map((d) => idKey(d._id))
    const targets = multi ? keys : keys.slice(0, 1)
    if (targets.length === 0) {
      if (statement.upsert !== true) return result
      const id = await upsert(ctx, ns, filter, parsed, matcher)
      if (id === null) continue // someone inserted a matching document meanwhile
      result.upserted = id
      return result
    }
    for (const key of targets) {
      // Set by the last run of compute (it runs again after waiting for a transaction).
      const seen: { outcome: 'gone' | 'same' | 'changed' } = { outcome: 'gone' }
      await writeDoc(ctx, ns, key, (current) => {
        seen.outcome = 'gone'
        if (!current || !matcher(current)) return SKIP
        const next = applyUpdate(current, parsed, false)
        seen.outcome = sameBytes(current, next) ? 'same' : 'changed'
        return seen.outcome === 'same' ? SKIP : next
      })
      if (seen.outcome !== 'gone') result.matched++
      if (seen.outcome === 'changed') result.modified++
    }
    return result
  }
}

export const update: Handler = async (command, ctx) => {
  const ns = namespaceOf(command, ctx, 'update')
  const statements = command.updates
  if (!Array.isArray(statements)) throw new CommandError('FailedToParse', "BSON field 'update.updates' is missing")
  const ordered = command.ordered !== false
  const writeErrors: Document[] = []
  const upserted: Document[] = []
  let n = 0
  let nModified = 0
  for (let i = 0; i < statements.length; i++) {
    try {
      const r = await updateStatement(ctx, ns, statements[i] as Document)
      n += r.matched
      nModified += r.modified
      if (r.upserted !== undefined) {
        n++
        upserted.push({ index: i, _id: r.upserted })
      }
    } catch (error) {
      writeErrors.push(asWriteError(error, ctx).toWriteError(i))
      if (ordered) break
    }
  }
  return {
    n,
    nModified,
    ...(upserted.length > 0 ? { upserted } : {}),
    ...(writeErrors.length > 0 ? { writeErrors } : {}),
    ok: 1,
  }
}

export const deleteCommand: Handler = async (command, ctx) => {
  const ns = namespaceOf(command, ctx, 'delete')
  const statements = command.deletes
  if (!Array.isArray(statements)) throw new CommandError('FailedToParse', "BSON field 'delete.deletes' is missing")
  const ordered = command.ordered !== false
  const writeErrors: Document[] = []
  let n = 0
  for (let i = 0; i < statements.length; i++) {
    try {
      const statement = statements[i] as Document
      if (statement.collation !== undefined) throw notImplemented('collation')
      const filter = (statement.q ?? {}) as Document
      const matcher = compileFilter(filter)
      const keys = matching(ctx.storage.view(ns), filter, matcher).map((d) => idKey(d._id))
      for (const key of statement.limit === 1 ? keys.slice(0, 1) : keys) {
        const seen = { deleted: false }
        await writeDoc(ctx, ns, key, (current) => {
          seen.deleted = current !== undefined && matcher(current)
          return seen.deleted ? null : SKIP
        })
        if (seen.deleted) n++
      }
    } catch (error) {
      writeErrors.push(asWriteError(error, ctx).toWriteError(i))
      if (ordered) break
    }
  }
  return { n, ...(writeErrors.length > 0 ? { writeErrors } : {}), ok: 1 }
}

export const findAndModify: Handler = async (command, ctx) => {
  const ns = namespaceOf(command, ctx, 'findAndModify')
  if (command.arrayFilters !== undefined) throw notImplemented('arrayFilters')
  const remove = command.remove === true
  if (remove && command.update !== undefined)
    throw new CommandError('FailedToParse', 'Cannot specify both an update and remove=true')
  if (!remove && command.update === undefined)
    throw new CommandError('FailedToParse', 'Either an update or remove=true must be specified')
  const filter = (command.query ?? {}) as Document
  const matcher = compileFilter(filter)
  const sort = parseSort(command.sort)
  const shape = (doc: Document | null) => (doc ? (project([doc], command.fields)[0] ?? null) : null)
  const parsed = remove ? null : parseUpdate(command.update)
  for (;;) {
    const [first] = sortDocuments(matching(ctx.storage.view(ns), filter, matcher), sort)
    if (!first) {
      if (!parsed || command.upsert !== true)
        return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 }
      const id = await upsert(ctx, ns, filter, parsed, matcher)
      if (id === null) continue
      const inserted = ctx.storage.view(ns).get(idKey(id)) ?? null
      return {
        lastErrorObject: { n: 1, updatedExisting: false, upserted: id },
        value: command.new === true ? shape(inserted) : null,
        ok: 1,
      }
    }
    const seen: { before: Document | null; after: Document | null } = { before: null, after: null }
    await writeDoc(ctx, ns, idKey(first._id), (current) => {
      seen.before = null
      if (!current || !matcher(current)) return SKIP
      seen.before = current
      if (!parsed) return null
      const after = applyUpdate(current, parsed, false)
      seen.after = after
      return sameBytes(current, after) ? SKIP : after
    })
    if (seen.before === null) continue // changed under us while waiting: look again
    return {
      lastErrorObject: remove ? { n: 1 } : { n: 1, updatedExisting: true },
      value: shape(remove || command.new !== true ? seen.before : seen.after),
      ok: 1,
    }
  }
}
