// A MongoDB stand-in for tests: a TCP server on 127.0.0.1 that speaks the wire protocol well
// enough for the official `mongodb` driver to connect to it as the primary of a replica set and
// use sessions, retryable writes and multi-document transactions. It is a TEST TOOL, not a
// database: one process, memory only, no replication, no auth. What it does and does not do is
// in README.md next to this file.
//
//   const mongo = await MongoStandIn.start()
//   const client = new MongoClient(mongo.url())
//   ...
//   await mongo.stop()
import { createServer, type Server, type Socket } from 'node:net'
import type { Document } from 'bson'
import { buildInfoReply, helloReply, type ServerIdentity } from './commands/admin.js'
import * as crud from './commands/crud.js'
import * as ddl from './commands/ddl.js'
import { type CommandContext, checkDatabase, type Handler } from './context.js'
import { Cursors } from './cursors.js'
import { CommandError, errorReplyForCode, notImplemented } from './errors.js'
import { FailCommand, type FailCommandConfig, parseFailPointCommand } from './failPoints.js'
import { noSuchTransaction, type SessionRecord, Sessions, sessionKey } from './sessions.js'
import { Engine, type StorageContext } from './storage.js'
import { decodeFrame, encodeMsg, encodeReply, FrameReader, type Incoming } from './wire.js'

export interface MongoStandInOptions {
  /** Replica set name announced by hello. Default 'rs0'. */
  readonly setName?: string
  /** Open transactions older than this are aborted (the server's default is 60 s). */
  readonly transactionLifetimeMs?: number
}

interface Connection {
  readonly id: number
  readonly socket: Socket
  appName: string | undefined
  /** Messages of one connection are handled one after the other, as the server does. */
  queue: Promise<void>
}

/** Commands that may run inside a multi-document transaction. */
const IN_TRANSACTION = new Set([
  'find',
  'getMore',
  'killCursors',
  'insert',
  'update',
  'delete',
  'findAndModify',
  'aggregate',
  'create',
  'createIndexes',
  'commitTransaction',
  'abortTransaction',
])
/** Writes that carry a txnNumber when the driver makes them retryable. */
const RETRYABLE_WRITES = new Set(['insert', 'update', 'delete', 'findAndModify'])
/** Real commands the stand-in knows it lacks (anything else is an unknown command). */
const UNIMPLEMENTED = new Set([
  'distinct',
  'mapReduce',
  'bulkWrite',
  'collMod',
  'dropIndexes',
  'explain',
  'serverStatus',
  'dbStats',
  'collStats',
  'listDatabases',
  'getParameter',
  'setParameter',
  'replSetGetStatus',
  'saslStart',
  'authenticate',
  'createUser',
])

const CLOSE = Symbol('close connection')
type Outcome = Document | typeof CLOSE

export class MongoStandIn {
  readonly engine = new Engine()
  private readonly cursors = new Cursors()
  private readonly sessions: Sessions
  private readonly failCommandPoint = new FailCommand()
  private readonly connections = new Set<Connection>()
  private readonly stopping = new AbortController()
  private nextConnectionId = 1
  private identity: ServerIdentity = { address: '', setName: 'rs0', startedAt: new Date() }
  /** How many times each command ran (tests use it to see what the driver sent). */
  readonly commandCounts = new Map<string, number>()

  private readonly handlers: Record<string, Handler> = {
    find: crud.find,
    getMore: crud.getMore,
    killCursors: crud.killCursors,
    aggregate: crud.aggregate,
    count: crud.count,
    insert: crud.insert,
    update: crud.update,
    delete: crud.deleteCommand,
    findAndModify: crud.findAndModify,
    createIndexes: ddl.createIndexes,
    create: ddl.create,
    listIndexes: ddl.listIndexes,
    listCollections: ddl.listCollections,
    drop: ddl.drop,
    dropDatabase: ddl.dropDatabase,
    renameCollection: ddl.renameCollection,
    ping: () => ({ ok: 1 }),
    buildInfo: () => buildInfoReply(),
    buildinfo: () => buildInfoReply(),
    endSessions: (command) => {
      this.sessions.end(sessionKeys(command.endSessions))
      return { ok: 1 }
    },
    killSessions: (command) => {
      this.sessions.kill(sessionKeys(command.killSessions))
      return { ok: 1 }
    },
    configureFailPoint: (command, ctx) => {
      if (ctx.db !== 'admin')
        throw new CommandError('Unauthorized', 'configureFailPoint may only be run against the admin database.')
      this.failCommandPoint.configure(parseFailPointCommand(command))
      return { ok: 1 }
    },
  }

  private constructor(
    private readonly server: Server,
    options: MongoStandInOptions,
  ) {
    this.sessions = new Sessions(this.engine, options.transactionLifetimeMs ?? 60_000)
    this.identity = { ...this.identity, setName: options.setName ?? 'rs0' }
  }

  static async start(options: MongoStandInOptions = {}): Promise<MongoStandIn> {
    const server = createServer()
    const standIn = new MongoStandIn(server, options)
    server.on('connection', (socket) => standIn.accept(socket))
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => resolve())
    })
    const address = server.address()
    if (address === null || typeof address === 'string') throw new Error('stand-in did not get a TCP port')
    standIn.identity = { ...standIn.identity, address: `127.0.0.1:${address.port}` }
    return standIn
  }

  get port(): number {
    return Number(this.identity.address.split(':')[1])
  }

  /** A connection string naming the replica set, as production's MONGO_URL does. */
  url(database = ''): string {
    return `mongodb://${this.identity.address}/${database}?replicaSet=${this.identity.setName}`
  }

  /** Same as the configureFailPoint command with `failCommand`. */
  failCommand(config: FailCommandConfig): void {
    this.failCommandPoint.configure(config)
  }

  /** How many commands the failCommand fail point has acted on so far. */
  get failPointHits(): number {
    return this.failCommandPoint.hits
  }

  /** Destroys every open connection at once: a network blip as the driver sees it. */
  dropConnections(): void {
    for (const c of this.connections) c.socket.destroy()
  }

  /** Open transactions right now (tests check nothing is left hanging). */
  get openTransactions(): number {
    return this.engine.open.size
  }

  async stop(): Promise<void> {
    this.stopping.abort()
    this.sessions.close()
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve())
      this.dropConnections()
    })
  }

  private accept(socket: Socket): void {
    socket.setNoDelay(true)
    const connection: Connection = { id: this.nextConnectionId++, socket, appName: undefined, queue: Promise.resolve() }
    this.connections.add(connection)
    const reader = new FrameReader()
    socket.on('data', (chunk: Buffer) => {
      let frames: Buffer[]
      try {
        frames = reader.push(chunk)
      } catch {
        socket.destroy()
        return
      }
      for (const frame of frames)
        connection.queue = connection.queue
          .then(() => this.handleFrame(connection, frame))
          .catch(() => {
            socket.destroy()
          })
    })
    socket.on('error', () => socket.destroy())
    socket.on('close', () => this.connections.delete(connection))
  }

  private async handleFrame(connection: Connection, frame: Buffer): Promise<void> {
    if (connection.socket.destroyed) return
    const message: Incoming = decodeFrame(frame)
    if (message.kind === 'query') {
      // Only the first handshake still comes as OP_QUERY; everything else must be OP_MSG.
      const name = Object.keys(message.command)[0] ?? ''
      let reply: Document
      if (['isMaster', 'ismaster', 'hello'].includes(name)) {
        // The fail point applies to handshakes too: that is how a test makes a server unselectable.
        const fail = this.failCommandPoint.take(canonicalName(name), connection.appName)
        if (fail?.blockConnection) await this.sleep(fail.blockTimeMS ?? 0)
        if (fail?.closeConnection) {
          connection.socket.destroy()
          return
        }
        reply =
          fail?.errorCode !== undefined
            ? errorReplyForCode(fail.errorCode, [...(fail.errorLabels ?? [])])
            : this.hello(connection, message.command)
      } else reply = new CommandError('UnsupportedOpQueryCommand', `Unsupported OP_QUERY command: ${name}`).toReply()
      connection.socket.write(encodeReply(message.requestId, reply))
      return
    }
    const outcome = await this.execute(connection, message.command)
    if (outcome === CLOSE) {
      connection.socket.destroy()
      return
    }
    if (!message.moreToCome && !connection.socket.destroyed)
      connection.socket.write(encodeMsg(message.requestId, outcome))
  }

  private hello(connection: Connection, command: Document): Document {
    const client = command.client as Document | undefined
    const appName = (client?.application as Document | undefined)?.name
    if (typeof appName === 'string') connection.appName = appName
    return helloReply(this.identity, command, connection.id)
  }

  private async execute(connection: Connection, command: Document): Promise<Outcome> {
    const name = Object.keys(command)[0] ?? ''
    this.commandCounts.set(name, (this.commandCounts.get(name) ?? 0) + 1)
    const fail = this.failCommandPoint.take(canonicalName(name), connection.appName)
    if (fail?.blockConnection) await this.sleep(fail.blockTimeMS ?? 0)
    if (fail?.closeConnection) return CLOSE
    if (fail?.errorCode !== undefined) return errorReplyForCode(fail.errorCode, [...(fail.errorLabels ?? [])])
    let reply: Document
    try {
      reply = await this.dispatch(connection, name, command)
    } catch (error) {
      reply = error instanceof CommandError ? error.toReply() : internalError(error)
    }
    return fail?.closeConnectionAfterWrite ? CLOSE : reply
  }

  private async dispatch(connection: Connection, name: string, command: Document): Promise<Document> {
    if (name === 'hello' || name === 'isMaster' || name === 'ismaster') return this.hello(connection, command)
    const db = command.$db
    if (typeof db !== 'string') throw new CommandError('FailedToParse', 'OP_MSG requests require a $db argument')
    checkDatabase(db)
    const key = sessionKey(command.lsid)
    const session = key === null ? null : this.sessions.get(key)
    const txnNumber = typeof command.txnNumber === 'number' ? command.txnNumber : undefined
    if (command.autocommit === false) return this.inTransaction(name, command, db, session, txnNumber)
    if (command.startTransaction !== undefined || command.autocommit !== undefined)
      throw new CommandError('InvalidOptions', 'startTransaction and autocommit may only be given as autocommit: false')
    if (name === 'commitTransaction' || name === 'abortTransaction')
      throw new CommandError('InvalidOptions', `${name} requires autocommit: false`)
    if (txnNumber !== undefined && session && RETRYABLE_WRITES.has(name)) {
      const earlier = this.sessions.retryableWrite(session, txnNumber)
      if (earlier) return earlier // the first attempt's outcome: the write is not run twice
      const reply = this.run(name, command, db, this.engine.autocommit)
      const record = { txnNumber, reply }
      session.retry = record
      // A command that failed as a whole did not happen: a retry may run it again.
      reply.catch(() => {
        if (session.retry === record) session.retry = null
      })
      return reply
    }
    return this.run(name, command, db, this.engine.autocommit)
  }

  private async inTransaction(
    name: string,
    command: Document,
    db: string,
    session: SessionRecord | null,
    txnNumber: number | undefined,
  ): Promise<Document> {
    if (!session || txnNumber === undefined)
      throw new CommandError('InvalidOptions', 'autocommit: false requires lsid and txnNumber')
    const txn = this.sessions.transactionFor(session, txnNumber, command.startTransaction === true)
    if (name === 'commitTransaction') {
      if (txn.state === 'committed') return { ok: 1 } // a retried commit: it already happened
      if (txn.state === 'aborted') throw noSuchTransaction(txnNumber, 'has been aborted')
      txn.commit()
      return { ok: 1 }
    }
    if (name === 'abortTransaction') {
      if (txn.state === 'committed')
        throw new CommandError('TransactionCommitted', `Transaction ${txnNumber} has been committed.`)
      if (txn.state === 'aborted') throw noSuchTransaction(txnNumber, 'has been aborted')
      txn.abort()
      return { ok: 1 }
    }
    if (txn.state !== 'active') throw noSuchTransaction(txnNumber, 'has been aborted')
    try {
      if (!IN_TRANSACTION.has(name))
        throw new CommandError(
          'OperationNotSupportedInTransaction',
          `Cannot run '${name}' in a multi-document transaction.`,
        )
      const reply = await this.run(name, command, db, txn)
      // Any failed statement aborts the transaction on the server; later commands get NoSuchTransaction.
      if (Array.isArray(reply.writeErrors) && reply.writeErrors.length > 0) txn.abort()
      return reply
    } catch (error) {
      txn.abort()
      throw error
    }
  }

  private async run(name: string, command: Document, db: string, storage: StorageContext): Promise<Document> {
    const handler = this.handlers[name]
    if (!handler) {
      if (UNIMPLEMENTED.has(name)) throw notImplemented(`the ${name} command`)
      throw new CommandError('CommandNotFound', `no such command: '${name}'`)
    }
    const ctx: CommandContext = { db, storage, engine: this.engine, cursors: this.cursors }
    return handler(command, ctx)
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.stopping.signal.aborted) return resolve()
      const timer = setTimeout(resolve, ms)
      this.stopping.signal.addEventListener('abort', () => {
        clearTimeout(timer)
        resolve()
      })
    })
  }
}

function sessionKeys(list: unknown): string[] {
  return Array.isArray(list) ? list.map(sessionKey).filter((k): k is string => k !== null) : []
}

/** The server's name for a command that has aliases (fail points name commands this way). */
function canonicalName(name: string): string {
  if (name === 'ismaster') return 'isMaster'
  if (name === 'buildinfo') return 'buildInfo'
  return name
}

function internalError(error: unknown): Document {
  // A stand-in bug, not a server behaviour: say so loudly in the error the test will show.
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error)
  return { ok: 0, code: 1, codeName: 'InternalError', errmsg: `mongo stand-in internal error: ${text}` }
}
