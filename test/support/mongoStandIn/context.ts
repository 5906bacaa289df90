// What a command handler gets: its database, where to read and write (committed state or the
// session's transaction), the cursor table, and the engine for DDL.
import type { Document } from 'bson'
import type { Cursors } from './cursors.js'
import { CommandError } from './errors.js'
import type { Engine, StorageContext } from './storage.js'

export interface CommandContext {
  readonly db: string
  readonly storage: StorageContext
  readonly engine: Engine
  readonly cursors: Cursors
}

/** Fields any command may carry besides its own arguments. */
export const GENERIC_FIELDS = new Set([
  '$db',
  'lsid',
  'txnNumber',
  'autocommit',
  'startTransaction',
  '$clusterTime',
  'readConcern',
  'writeConcern',
  '$readPreference',
  'comment',
  'maxTimeMS',
  'apiVersion',
  'apiStrict',
  'apiDeprecationErrors',
])

export type Handler = (command: Document, ctx: CommandContext) => Document | Promise<Document>

// Database and collection names as the server accepts them (the subset that matters here).
const DB_NAME = /^[^/\\. "$*<>:|?]{1,63}$/

/** `<db>.<collection>` for the collection named by the command's first field. */
export function namespaceOf(command: Document, ctx: CommandContext, field: string): string {
  const name = command[field]
  if (typeof name !== 'string' || name === '')
    throw new CommandError('InvalidNamespace', `collection name has invalid type ${typeof name}`)
  if (name.includes('\u0000') || name.startsWith('.') || name.includes('$'))
    throw new CommandError('InvalidNamespace', `Invalid namespace specified '${ctx.db}.${name}'`)
  checkDatabase(ctx.db)
  return `${ctx.db}.${name}`
}

export function checkDatabase(db: string): void {
  if (!DB_NAME.test(db)) throw new CommandError('InvalidNamespace', `Invalid database name: '${db}'`)
}

/** Splits `db.collection` (collection names may contain dots, database names may not). */
export function splitNamespace(ns: string): { db: string; collection: string } {
  const dot = ns.indexOf('.')
  return { db: ns.slice(0, dot), collection: ns.slice(dot + 1) }
}
