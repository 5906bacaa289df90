// Translations between the protocol's messages and the transaction log, shared by the handlers:
// UUIDs (string or structured), stream identifiers, proposed events, recorded events and the
// server's error shapes (gRPC status with EventStoreDB's "exception" trailer, or a google.rpc.Status
// carrying a packed detail for BatchAppend).

import type { Code } from '@eventstore/db-client/generated/code_pb.js'
import * as grpc from '@grpc/grpc-js'
import type { Message } from 'google-protobuf'
import {
  Any,
  Empty,
  ReadResp,
  type ReadRespMessage,
  Status,
  type StatusMessage,
  StreamIdentifier,
  type StreamIdentifierMessage,
  TYPE_URL_PREFIX,
  UUID,
  type UUIDMessage,
} from './protocol.js'
import type { LoggedEvent, ProposedEvent } from './transactionLog.js'

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** A request the server refuses as malformed (gRPC InvalidArgument). */
export class BadRequest extends Error {}

export function uuidToString(uuid: UUIDMessage | undefined): string {
  if (!uuid) throw new BadRequest('missing UUID')
  if (uuid.hasStructured()) {
    // Structured UUIDs carry the two halves as signed 64-bit integers.
    const structured = uuid.getStructured() as UUIDMessage.Structured
    const hex = [structured.getMostSignificantBits(), structured.getLeastSignificantBits()]
      .map((half) => BigInt.asUintN(64, BigInt(half)).toString(16).padStart(16, '0'))
      .join('')
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
  }
  const text = uuid.getString()
  if (!UUID_PATTERN.test(text)) throw new BadRequest(`"${text}" is not a UUID`)
  return text.toLowerCase()
}

export function uuidMessage(id: string, structured: boolean): UUIDMessage {
  const uuid = new UUID()
  if (!structured) return uuid.setString(id)
  const hex = id.replaceAll('-', '')
  const half = (h: string) => BigInt.asIntN(64, BigInt(`0x${h}`)).toString(10)
  return uuid.setStructured(
    new UUID.Structured().setMostSignificantBits(half(hex.slice(0, 16))).setLeastSignificantBits(half(hex.slice(16))),
  )
}

export function streamName(identifier: StreamIdentifierMessage | undefined): string {
  if (!identifier) throw new BadRequest('missing stream identifier')
  return Buffer.from(identifier.getStreamName_asU8()).toString('utf8')
}

export function streamIdentifier(name: string): StreamIdentifierMessage {
  return new StreamIdentifier().setStreamName(Buffer.from(name, 'utf8'))
}

/** The fields every proposed message has, in both Append and BatchAppend. */
interface ProposedMessage {
  getId(): UUIDMessage | undefined
  getMetadataMap(): { get(key: string): string | undefined }
  getData_asU8(): Uint8Array
  getCustomMetadata_asU8(): Uint8Array
}

/** The metadata entries the server insists on, and their names in its error. */
const REQUIRED_METADATA = ['type', 'content-type'] as const

export class MissingRequiredMetadata extends Error {}

export function proposedEvent(message: ProposedMessage): ProposedEvent {
  const metadata = message.getMetadataMap()
  const type = metadata.get('type')
  const contentType = metadata.get('content-type')
  if (type === undefined || contentType === undefined)
    throw new MissingRequiredMetadata(`required metadata properties: ${REQUIRED_METADATA.join(', ')}`)
  return {
    id: uuidToString(message.getId()),
    type,
    contentType,
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  }
}

export function appendSize(events: ReadonlyArray<ProposedEvent>): number {
  return events.reduce((sum, e) => sum + e.data.length + e.customMetadata.length, 0)
}

/**
 * A ReadResp carrying one event. Stream reads carry the event's own $all position inside the
 * record (as servers from 22.6 do) and "no position" outside; $all reads and subscriptions carry
 * the commit position outside too.
 */
export function readEventResponse(
  event: LoggedEvent,
  options: { fromAll: boolean; structuredIds: boolean },
): ReadRespMessage {
  const position = event.position.toString(10)
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(uuidMessage(event.eventId, options.structuredIds))
    .setStreamIdentifier(streamIdentifier(event.streamId))
    .setStreamRevision(event.revision.toString(10))
    .setCommitPosition(position)
    .setPreparePosition(position)
    .setData(event.data)
    .setCustomMetadata(event.customMetadata)
  const metadata = recorded.getMetadataMap()
  metadata.set('type', event.type)
  metadata.set('content-type', event.contentType)
  metadata.set('created', event.created.toString(10))
  const read = new ReadResp.ReadEvent().setEvent(recorded)
  if (options.fromAll) read.setCommitPosition(position)
  else read.setNoPosition(new Empty())
  return new ReadResp().setEvent(read)
}

/** A gRPC error as the server raises it: a status, and its "exception" trailer for the client to map. */
export function grpcError(
  code: grpc.status,
  details: string,
  trailers: Record<string, string> = {},
): Partial<grpc.StatusObject> {
  const metadata = new grpc.Metadata()
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value)
  return { code, details, metadata }
}

/** A google.rpc.Status with one packed EventStoreDB detail (how BatchAppend reports failures). */
export function rpcStatus(code: grpc.status, message: string, detail: Message, typeName: string): StatusMessage {
  const any = new Any()
  any.pack(detail.serializeBinary(), typeName, TYPE_URL_PREFIX)
  // google.rpc.Code and grpc-js's status enumerate the same numbers.
  return new Status()
    .setCode(code as number as Code)
    .setMessage(message)
    .setDetails(any)
}
