// MongoDB wire protocol framing: the 16-byte header, OP_MSG (every command since 3.6) and
// OP_QUERY/OP_REPLY, which the driver still uses for the very first handshake on a connection
// (before it knows the server speaks OP_MSG). OP_COMPRESSED never arrives because the stand-in
// advertises no compressors.
import { BSON, type Document } from 'bson'

export const OP_REPLY = 1
export const OP_QUERY = 2004
export const OP_COMPRESSED = 2012
export const OP_MSG = 2013

const HEADER = 16
/** The server's maxMessageSizeBytes. */
export const MAX_MESSAGE_BYTES = 48_000_000

const CHECKSUM_PRESENT = 1
const MORE_TO_COME = 2
/** Bits 0-15 are required: a receiver must refuse a message with an unknown one set. */
const KNOWN_REQUIRED_BITS = CHECKSUM_PRESENT | MORE_TO_COME

export type Incoming =
  | {
      readonly kind: 'msg'
      readonly requestId: number
      /** The body with each document sequence (kind 1 section) merged in under its identifier. */
      readonly command: Document
      /** The client wants no reply (unacknowledged write). */
      readonly moreToCome: boolean
    }
  | { readonly kind: 'query'; readonly requestId: number; readonly collection: string; readonly command: Document }

export class ProtocolError extends Error {}

// Numbers stay numbers and Longs become numbers (cursor ids and txnNumbers are far below 2^53);
// lsid ids come back as Binary/UUID, which is what session keys are made from.
const DESERIALIZE = { promoteLongs: true, promoteValues: true, promoteBuffers: false, bsonRegExp: false } as const

/** Splits a byte stream into whole messages. */
export class FrameReader {
  private buffered: Buffer = Buffer.alloc(0)

  push(chunk: Buffer): Buffer[] {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk])
    const frames: Buffer[] = []
    while (this.buffered.length >= 4) {
      const length = this.buffered.readInt32LE(0)
      if (length < HEADER || length > MAX_MESSAGE_BYTES) throw new ProtocolError(`bad message length ${length}`)
      if (this.buffered.length < length) break
      frames.push(this.buffered.subarray(0, length))
      this.buffered = this.buffered.subarray(length)
    }
    return frames
  }
}

function readCString(buf: Buffer, offset: number): [string, number] {
  const end = buf.indexOf(0, offset)
  if (end < 0) throw new ProtocolError('unterminated cstring')
  return [buf.toString('utf8', offset, end), end + 1]
}

function readDocument(buf: Buffer, offset: number): [Document, number] {
  const size = buf.readInt32LE(offset)
  if (size < 5 || offset + size > buf.length) throw new ProtocolError('bad BSON document size')
  return [BSON.deserialize(buf.subarray(offset, offset + size), DESERIALIZE), offset + size]
}

export function decodeFrame(frame: Buffer): Incoming {
  const requestId = frame.readInt32LE(4)
  const opCode = frame.readInt32LE(12)
  if (opCode === OP_MSG) return decodeMsg(frame, requestId)
  if (opCode === OP_QUERY) return decodeQuery(frame, requestId)
  throw new ProtocolError(`unsupported opCode ${opCode}`)
}

function decodeMsg(frame: Buffer, requestId: number): Incoming {
  const flags = frame.readUInt32LE(HEADER)
  if ((flags & 0xffff & ~KNOWN_REQUIRED_BITS) !== 0) throw new ProtocolError(`unknown required OP_MSG flag ${flags}`)
  // The CRC-32C trailer is not verified: loopback TCP does not corrupt bytes.
  const end = flags & CHECKSUM_PRESENT ? frame.length - 4 : frame.length
  let offset = HEADER + 4
  let body: Document | undefined
  const sequences: Array<[string, Document[]]> = []
  while (offset < end) {
    const kind = frame.readUInt8(offset)
    offset += 1
    if (kind === 0) {
      ;[body, offset] = readDocument(frame, offset)
    } else if (kind === 1) {
      const sectionEnd = offset + frame.readInt32LE(offset)
      let identifier: string
      ;[identifier, offset] = readCString(frame, offset + 4)
      const docs: Document[] = []
      while (offset < sectionEnd) {
        let doc: Document
        ;[doc, offset] = readDocument(frame, offset)
        docs.push(doc)
      }
      sequences.push([identifier, docs])
    } else {
      throw new ProtocolError(`unknown OP_MSG section kind ${kind}`)
    }
  }
  if (!body) throw new ProtocolError('OP_MSG without a body section')
  const command: Document = { ...body }
  for (const [identifier, docs] of sequences) command[identifier] = docs
  return { kind: 'msg', requestId, command, moreToCome: (flags & MORE_TO_COME) !== 0 }
}

function decodeQuery(frame: Buffer, requestId: number): Incoming {
  const [collection, afterName] = readCString(frame, HEADER + 4) // after the flags
  const offset = afterName + 8 // numberToSkip, numberToReturn
  const [query] = readDocument(frame, offset)
  // A command may arrive wrapped as { $query: {...}, $readPreference: ... }.
  const command = query.$query !== undefined && typeof query.$query === 'object' ? (query.$query as Document) : query
  return { kind: 'query', requestId, collection, command }
}

function header(length: number, responseTo: number, opCode: number): Buffer {
  const h = Buffer.alloc(HEADER)
  h.writeInt32LE(length, 0)
  h.writeInt32LE(0, 4) // requestID: replies are matched by responseTo
  h.writeInt32LE(responseTo, 8)
  h.writeInt32LE(opCode, 12)
  return h
}

export function encodeMsg(responseTo: number, reply: Document): Buffer {
  const body = BSON.serialize(reply, { ignoreUndefined: true })
  const prefix = Buffer.alloc(5) // flagBits 0, section kind 0
  return Buffer.concat([header(HEADER + 5 + body.length, responseTo, OP_MSG), prefix, body])
}

export function encodeReply(responseTo: number, reply: Document): Buffer {
  const body = BSON.serialize(reply, { ignoreUndefined: true })
  const fields = Buffer.alloc(20) // responseFlags, cursorID (int64), startingFrom, numberReturned
  fields.writeInt32LE(1, 16)
  return Buffer.concat([header(HEADER + 20 + body.length, responseTo, OP_REPLY), fields, body])
}
