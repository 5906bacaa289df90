// Handshake and server information. The stand-in presents itself as the primary of a
// one-member replica set running MongoDB 7.0 (wire version 21): the driver then enables
// sessions (logicalSessionTimeoutMinutes), retryable writes and transactions. It sends no
// topologyVersion, so the driver's monitor polls with hello instead of streaming it.
import { type Document, Long, ObjectId, Timestamp } from 'bson'

export interface ServerIdentity {
  /** host:port as clients address this server (and as it lists itself in `hosts`). */
  readonly address: string
  readonly setName: string
  readonly startedAt: Date
}

export const MAX_WIRE_VERSION = 21 // MongoDB 7.0
const ELECTION_ID = new ObjectId('7fffffff0000000000000001')

export function helloReply(server: ServerIdentity, command: Document, connectionId: number): Document {
  const legacy = 'isMaster' in command || 'ismaster' in command
  const now = new Date()
  const opTime = { ts: Timestamp.fromBits(1, Math.floor(now.getTime() / 1000)), t: Long.fromNumber(1) }
  return {
    ...(command.helloOk === true ? { helloOk: true } : {}),
    ...(legacy ? { ismaster: true } : { isWritablePrimary: true }),
    hosts: [server.address],
    setName: server.setName,
    setVersion: 1,
    secondary: false,
    primary: server.address,
    me: server.address,
    electionId: ELECTION_ID,
    lastWrite: { opTime, lastWriteDate: now, majorityOpTime: opTime, majorityWriteDate: now },
    maxBsonObjectSize: 16 * 1024 * 1024,
    maxMessageSizeBytes: 48_000_000,
    maxWriteBatchSize: 100_000,
    localTime: now,
    logicalSessionTimeoutMinutes: 30,
    connectionId,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
    ok: 1,
  }
}

export function buildInfoReply(): Document {
  return {
    version: '7.0.0',
    gitVersion: 'mongo-stand-in (test tool, not a MongoDB server)',
    versionArray: [7, 0, 0, 0],
    bits: 64,
    debug: false,
    maxBsonObjectSize: 16 * 1024 * 1024,
    storageEngines: ['stand-in-memory'],
    ok: 1,
  }
}
