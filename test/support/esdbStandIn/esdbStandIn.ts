// A TEST TOOL, not a database: an EventStoreDB stand-in that speaks the server's gRPC protocol on
// 127.0.0.1, so the production adapter can be tested through the real @eventstore/db-client, over
// real sockets, where no EventStoreDB can be installed. What it does and does not reproduce is in
// README.md next to this file; read it before trusting a green test for more than it proves.
//
//   const node = await EsdbStandIn.start()
//   const store = new EsdbEventStore(node.url)      // esdb://127.0.0.1:<port>?tls=false
//   node.faults.onNextAppend({ kind: 'drop', at: 'after-write' })
//   await node.stop()
//
// Layout: a grpc-js server on a private loopback port serves Streams (Read, Append, BatchAppend),
// ServerFeatures and Gossip over one TransactionLog; a FrontDoor owns the public port and passes
// bytes through, so tests can cut connections, refuse them, and accept them again.
import { randomUUID } from 'node:crypto'
import * as grpc from '@grpc/grpc-js'
import { appendHandler, batchAppendHandler } from './appendHandlers.js'
import { type CallCounts, noCalls, type StandInContext, type StandInSettings } from './context.js'
import { Faults } from './faults.js'
import { FrontDoor } from './frontDoor.js'
import { gossipHandlers, serverFeaturesHandlers } from './nodeHandlers.js'
import { GossipService, ServerFeaturesService, StreamsService } from './protocol.js'
import { readHandler } from './readHandler.js'
import { TransactionLog, type TransactionLogOptions } from './transactionLog.js'

export interface EsdbStandInOptions extends TransactionLogOptions, Partial<StandInSettings> {
  /** Public port; a free one by default. */
  readonly port?: number
}

const DEFAULT_SETTINGS: StandInSettings = {
  batchAppend: true,
  positionOnIdempotentAppend: true,
  maxAppendSize: 1_048_576,
  appendLatencyMs: 0,
  commitTimeoutMs: 50,
  serverVersion: '24.10.0',
}

async function bindLoopback(server: grpc.Server): Promise<number> {
  return new Promise((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, port) =>
      error ? reject(error) : resolve(port),
    ),
  )
}

export class EsdbStandIn {
  readonly faults = new Faults()
  /** Calls received so far, by kind. */
  readonly calls: CallCounts = noCalls()
  private stopped = false

  private constructor(
    readonly log: TransactionLog,
    readonly settings: StandInSettings,
    private readonly server: grpc.Server,
    private readonly front: FrontDoor,
  ) {}

  static async start(options: EsdbStandInOptions = {}): Promise<EsdbStandIn> {
    const settings: StandInSettings = {
      batchAppend: options.batchAppend ?? DEFAULT_SETTINGS.batchAppend,
      positionOnIdempotentAppend: options.positionOnIdempotentAppend ?? DEFAULT_SETTINGS.positionOnIdempotentAppend,
      maxAppendSize: options.maxAppendSize ?? DEFAULT_SETTINGS.maxAppendSize,
      appendLatencyMs: options.appendLatencyMs ?? DEFAULT_SETTINGS.appendLatencyMs,
      commitTimeoutMs: options.commitTimeoutMs ?? DEFAULT_SETTINGS.commitTimeoutMs,
      serverVersion: options.serverVersion ?? DEFAULT_SETTINGS.serverVersion,
    }
    const log = new TransactionLog(options)
    const server = new grpc.Server()
    const privatePort = await bindLoopback(server)
    const front = new FrontDoor(privatePort)
    const node = new EsdbStandIn(log, settings, server, front)
    const ctx: StandInContext = {
      calls: node.calls,
      log,
      faults: node.faults,
      settings,
      endpoint: () => ({ address: '127.0.0.1', port: front.port }),
      dropConnections: () => front.dropConnections(),
    }
    const streams: Partial<Record<'read' | 'append' | 'batchAppend', grpc.UntypedHandleCall>> = {
      read: readHandler(ctx),
      append: appendHandler(ctx),
    }
    // Unregistered methods answer UNIMPLEMENTED, as a server without them would.
    if (settings.batchAppend) streams.batchAppend = batchAppendHandler(ctx)
    server.addService(StreamsService, streams)
    server.addService(ServerFeaturesService, serverFeaturesHandlers(ctx))
    server.addService(GossipService, gossipHandlers(ctx, randomUUID()))
    await front.listen(options.port ?? 0)
    return node
  }

  get port(): number {
    return this.front.port
  }

  /** The connection string the adapter takes (EVENTSTORE_URL), with extra settings if given. */
  connectionString(settings: Readonly<Record<string, string | number | boolean>> = {}): string {
    const query = Object.entries({ tls: false, ...settings })
      .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
      .join('&')
    return `esdb://127.0.0.1:${this.port}?${query}`
  }

  get url(): string {
    return this.connectionString()
  }

  /** Resets every open client connection, as when the node dies or the network cuts. */
  dropConnections(): void {
    this.front.dropConnections()
  }

  /** The node goes away: open connections are reset and new ones refused until comeBack(). */
  async goAway(): Promise<void> {
    await this.front.close()
  }

  /** The node is back on the same port with the same log. */
  async comeBack(): Promise<void> {
    if (this.stopped) throw new Error('the stand-in was stopped; start a new one')
    await this.front.listen(this.port)
  }

  async stop(): Promise<void> {
    if (this.stopped) return
    this.stopped = true
    await this.front.close()
    this.server.forceShutdown()
  }
}
