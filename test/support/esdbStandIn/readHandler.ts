// Streams.Read: one RPC for finite reads of a stream or of $all, and for subscriptions.
//
// - Stream reads: forwards from a revision (inclusive) or backwards from one (inclusive, clamped to
//   the last event); a stream never written answers "stream not found" and ends.
// - $all reads: forwards from a position is inclusive (the event at it comes back first),
//   backwards from a position returns the events before it; an optional filter on stream name or
//   event type (regex or prefixes), with `count` counting the events that pass.
// - Subscriptions to $all: a confirmation, then catch-up from the log (exclusive of the start
//   position), a "caught up" message, then live events as they are written, in log order, each
//   once. The subscription reads the log itself rather than a live buffer, so it never falls
//   behind and the switch from catch-up to live cannot lose or repeat an event. With a filter,
//   checkpoints go out every (window × multiplier) events examined, naming the position of the last
//   event examined (which can lie past the last event delivered, as on the server).
//
// Every write respects the HTTP/2 flow control (waits for 'drain'), so a slow reader slows the
// server down instead of piling messages up in memory.
import { randomUUID } from 'node:crypto'
import * as grpc from '@grpc/grpc-js'
import type { StandInContext } from './context.js'
import type { ReadTarget } from './faults.js'
import { type ReadReqMessage, ReadResp, type ReadRespMessage } from './protocol.js'
import type { LoggedEvent } from './transactionLog.js'
import { BadRequest, grpcError, readEventResponse, streamIdentifier, streamName } from './wire.js'

type Call = grpc.ServerWritableStream<ReadReqMessage, ReadRespMessage>

/** The server's default search window for filtered reads and subscriptions. */
const DEFAULT_MAX_SEARCH_WINDOW = 32

/** Writes one message, waiting for the transport to drain; false once the client has gone. */
async function send(call: Call, message: ReadRespMessage): Promise<boolean> {
  if (call.cancelled || call.destroyed) return false
  if (call.write(message)) return true
  await new Promise<void>((resolve) => {
    const done = () => {
      call.off('drain', done)
      call.off('cancelled', done)
      call.off('close', done)
      resolve()
    }
    call.on('drain', done)
    call.on('cancelled', done)
    call.on('close', done)
  })
  return !call.cancelled && !call.destroyed
}

type Filter = (event: LoggedEvent) => boolean

function parseFilter(options: ReadReqMessage.Options): { passes: Filter; checkpointEvery: number } | undefined {
  if (!options.hasFilter()) return undefined
  const filter = options.getFilter() as ReadReqMessage.Options.FilterOptions
  const onType = filter.hasEventType()
  const expression = onType ? filter.getEventType() : filter.getStreamIdentifier()
  if (!expression) throw new BadRequest('filter without an expression')
  const regex = expression.getRegex()
  const prefixes = expression.getPrefixList()
  // .NET regular expressions, evaluated here by JavaScript's: the same for the anchors, classes and
  // alternations filters use in practice (the client's excludeSystemEvents is ^[^$].*).
  const pattern = regex ? new RegExp(regex) : undefined
  const subject = (e: LoggedEvent) => (onType ? e.type : e.streamId)
  const passes: Filter = pattern
    ? (e) => pattern.test(subject(e))
    : (e) => prefixes.some((prefix) => subject(e).startsWith(prefix))
  const window = filter.hasMax() ? filter.getMax() : DEFAULT_MAX_SEARCH_WINDOW
  return { passes, checkpointEvery: Math.max(1, window * Math.max(1, filter.getCheckpointintervalmultiplier())) }
}

function countOf(options: ReadReqMessage.Options): number {
  if (!options.hasCount()) return Number.POSITIVE_INFINITY
  const count = BigInt(options.getCount())
  return count >= BigInt(Number.MAX_SAFE_INTEGER) ? Number.POSITIVE_INFINITY : Number(count)
}

async function readStream(ctx: StandInContext, call: Call, options: ReadReqMessage.Options): Promise<void> {
  const streamOptions = options.getStream() as ReadReqMessage.Options.StreamOptions
  const name = streamName(streamOptions.getStreamIdentifier())
  const stream = ctx.log.stream(name)
  if (!stream) {
    await send(
      call,
      new ReadResp().setStreamNotFound(new ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(name))),
    )
    return
  }
  const structuredIds = options.getUuidOption()?.hasStructured() ?? false
  const backwards = options.getReadDirection() === 1
  // What the stream holds when the read starts; appends racing the read are not in it.
  const last = stream.length - 1
  let from: number
  if (streamOptions.hasStart()) from = 0
  else if (streamOptions.hasEnd()) from = backwards ? last : last + 1
  else {
    const revision = BigInt(streamOptions.getRevision())
    from = revision > BigInt(last) ? (backwards ? last : last + 1) : Number(revision)
  }
  let remaining = countOf(options)
  const step = backwards ? -1 : 1
  for (let i = from; i >= 0 && i <= last && remaining > 0; i += step, remaining--) {
    if (!(await send(call, readEventResponse(stream[i] as LoggedEvent, { fromAll: false, structuredIds })))) return
  }
}

function allOptionsStart(all: ReadReqMessage.Options.AllOptions): 'start' | 'end' | bigint {
  if (all.hasStart()) return 'start'
  if (all.hasEnd()) return 'end'
  const position = all.getPosition()
  if (!position) throw new BadRequest('$all read without a start')
  const commit = BigInt(position.getCommitPosition())
  const prepare = BigInt(position.getPreparePosition())
  if (commit < prepare) throw new BadRequest(`invalid position: commit ${commit} before prepare ${prepare}`)
  return commit
}

async function readAll(ctx: StandInContext, call: Call, options: ReadReqMessage.Options): Promise<void> {
  const start = allOptionsStart(options.getAll() as ReadReqMessage.Options.AllOptions)
  const filter = parseFilter(options)
  const structuredIds = options.getUuidOption()?.hasStructured() ?? false
  const backwards = options.getReadDirection() === 1
  const length = ctx.log.length
  let i: number
  if (backwards) i = start === 'end' ? length - 1 : start === 'start' ? -1 : ctx.log.indexAtOrAfter(start) - 1
  else i = start === 'start' ? 0 : start === 'end' ? length : ctx.log.indexAtOrAfter(start)
  let remaining = countOf(options)
  const step = backwards ? -1 : 1
  for (; i >= 0 && i < length && remaining > 0; i += step) {
    const event = ctx.log.at(i) as LoggedEvent
    if (filter && !filter.passes(event)) continue
    remaining--
    if (!(await send(call, readEventResponse(event, { fromAll: true, structuredIds })))) return
  }
}

async function subscribeToAll(ctx: StandInContext, call: Call, options: ReadReqMessage.Options): Promise<void> {
  const start = allOptionsStart(options.getAll() as ReadReqMessage.Options.AllOptions)
  const filter = parseFilter(options)
  const structuredIds = options.getUuidOption()?.hasStructured() ?? false
  const gone = new AbortController()
  const leave = () => gone.abort()
  call.once('cancelled', leave)
  call.once('close', leave)
  try {
    const confirmation = new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID())
    if (!(await send(call, new ReadResp().setConfirmation(confirmation)))) return
    // Exclusive of the start position: the subscriber already has that event.
    let next = start === 'start' ? 0 : start === 'end' ? ctx.log.length : ctx.log.indexAfter(start)
    let examined = 0
    let caughtUp = false
    while (!gone.signal.aborted) {
      // Registered before looking at the log, so an append between the look and the wait still wakes it.
      const written = ctx.log.appended.next(gone.signal)
      while (next < ctx.log.length) {
        const event = ctx.log.at(next++) as LoggedEvent
        if (!filter || filter.passes(event)) {
          if (!(await send(call, readEventResponse(event, { fromAll: true, structuredIds })))) return
        }
        if (filter && ++examined % filter.checkpointEvery === 0) {
          const position = event.position.toString(10)
          const checkpoint = new ReadResp.Checkpoint().setCommitPosition(position).setPreparePosition(position)
          if (!(await send(call, new ReadResp().setCheckpoint(checkpoint)))) return
        }
      }
      if (!caughtUp) {
        caughtUp = true
        if (!(await send(call, new ReadResp().setCaughtUp(new ReadResp.CaughtUp())))) return
      }
      await written
    }
  } finally {
    call.off('cancelled', leave)
    call.off('close', leave)
  }
}

export function readHandler(ctx: StandInContext): grpc.handleServerStreamingCall<ReadReqMessage, ReadRespMessage> {
  return (call) => {
    const options = call.request.getOptions()
    if (!options) {
      call.emit('error', grpcError(grpc.status.INVALID_ARGUMENT, 'read without options'))
      return
    }
    const subscription = options.hasSubscription()
    const target: ReadTarget = subscription ? 'subscription' : options.hasAll() ? 'all' : 'stream'
    if (subscription && !options.hasAll()) {
      call.emit('error', grpcError(grpc.status.UNIMPLEMENTED, 'the stand-in serves subscriptions to $all only'))
      return
    }
    if (target === 'subscription') ctx.calls.subscriptions++
    else if (target === 'all') ctx.calls.allReads++
    else ctx.calls.streamReads++
    const fault = ctx.faults.takeReadFault(target)
    if (fault?.kind === 'drop') return ctx.dropConnections()
    if (fault?.kind === 'hang') return
    if (fault?.kind === 'unavailable') {
      call.emit('error', grpcError(grpc.status.UNAVAILABLE, 'Server Is Not Ready'))
      return
    }
    const work = subscription
      ? subscribeToAll(ctx, call, options)
      : target === 'all'
        ? readAll(ctx, call, options)
        : readStream(ctx, call, options)
    work.then(
      () => {
        if (!call.cancelled && !call.destroyed) call.end()
      },
      (e: unknown) => {
        if (call.cancelled || call.destroyed) return
        const status = e instanceof BadRequest ? grpc.status.INVALID_ARGUMENT : grpc.status.INTERNAL
        call.emit('error', grpcError(status, e instanceof Error ? e.message : String(e)))
      },
    )
  }
}
