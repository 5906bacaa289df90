// Streams.Append (client-streaming: a header, then one message per event) and Streams.BatchAppend
// (one long-lived bidirectional stream per client, batches told apart by correlation id). Both end
// in TransactionLog.append, which writes all of a batch or none of it; they differ only in how
// requests and answers are framed and how failures are reported:
// - Append answers WrongExpectedVersion in its response, and other failures as gRPC errors with
//   the server's "exception" trailer (Aborted for a commit timeout);
// - BatchAppend answers every failure as a google.rpc.Status with a packed detail
//   (event_store.client.WrongExpectedVersion, Timeout, MaximumAppendSizeExceeded, BadRequest).
import * as grpc from '@grpc/grpc-js'
import type { StandInContext } from './context.js'
import type { AppendFault, AppendStage } from './faults.js'
import {
  AllStreamPosition,
  type AppendReqMessage,
  AppendResp,
  type AppendRespMessage,
  BadRequestDetail,
  type BatchAppendReqMessage,
  BatchAppendResp,
  type BatchAppendRespMessage,
  Empty,
  GoogleEmpty,
  MaximumAppendSizeExceededDetail,
  type StatusMessage,
  Timeout,
  WrongExpectedVersion,
} from './protocol.js'
import type { AppendDecision, ProposedEvent, StreamExpectation } from './transactionLog.js'
import {
  appendSize,
  BadRequest,
  grpcError,
  MissingRequiredMetadata,
  proposedEvent,
  rpcStatus,
  streamIdentifier,
  streamName,
  uuidMessage,
  uuidToString,
} from './wire.js'

const MAX_APPEND_SIZE_EXCEEDED = 'maximum-append-size-exceeded'

/** What both append flavours know about a batch once its header has arrived. */
interface Batch {
  readonly streamId: string
  readonly expected: StreamExpectation
  readonly events: ProposedEvent[]
  readonly fault: AppendFault | undefined
  /** Set once a fault has taken the request over: it must not be written or answered normally. */
  struck: boolean
}

/**
 * Commits the fault planned for this request if it belongs to `stage`. Returns true when it did,
 * i.e. when the request goes no further; `answer` sends the server's timeout or unavailable error.
 */
function strike(
  ctx: StandInContext,
  batch: Batch,
  stage: AppendStage,
  answer: (kind: 'timeout' | 'unavailable') => void,
): boolean {
  const fault = batch.fault
  if (!fault || batch.struck) return batch.struck
  if (fault.kind === 'unavailable') {
    if (stage !== 'before-write') return false
    batch.struck = true
    answer('unavailable')
    return true
  }
  if (fault.at !== stage) return false
  batch.struck = true
  if (fault.kind === 'drop') ctx.dropConnections()
  else if (fault.kind === 'timeout') setTimeout(() => answer('timeout'), ctx.settings.commitTimeoutMs)
  // 'hang': say nothing, ever.
  return true
}

/**
 * Runs `decide` once the node's write latency has passed (at once when there is none). Appends
 * stay in arrival order: every one waits the same time.
 */
function afterLatency(ctx: StandInContext, decide: () => void): void {
  if (ctx.settings.appendLatencyMs > 0) setTimeout(decide, ctx.settings.appendLatencyMs)
  else decide()
}

/** Size check, then the log's decision (or 'too_big'). */
function commit(ctx: StandInContext, batch: Batch): AppendDecision | 'too_big' {
  if (appendSize(batch.events) > ctx.settings.maxAppendSize) return 'too_big'
  const decision = ctx.log.append(batch.streamId, batch.expected, batch.events)
  if (decision.kind === 'idempotent') ctx.calls.idempotentAppends++
  return decision
}

function describeExpectation(expected: StreamExpectation): string {
  return expected.kind === 'revision' ? expected.revision.toString(10) : expected.kind
}

// ---------------------------------------------------------------------------------------------
// Streams.Append

function appendExpectation(options: AppendReqMessage.Options): StreamExpectation {
  if (options.hasRevision()) return { kind: 'revision', revision: BigInt(options.getRevision()) }
  if (options.hasNoStream()) return { kind: 'no_stream' }
  if (options.hasStreamExists()) return { kind: 'stream_exists' }
  if (options.hasAny()) return { kind: 'any' }
  throw new BadRequest('append without an expected stream revision')
}

function appendResponse(ctx: StandInContext, batch: Batch, decision: AppendDecision): AppendRespMessage {
  const response = new AppendResp()
  if (decision.kind === 'wrong_expected_version') {
    const wrong = new AppendResp.WrongExpectedVersion()
    if (decision.currentRevision === undefined) wrong.setCurrentNoStream(new Empty())
    else wrong.setCurrentRevision(decision.currentRevision.toString(10))
    const expected = batch.expected
    if (expected.kind === 'revision') wrong.setExpectedRevision(expected.revision.toString(10))
    else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new Empty())
    else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new Empty())
    else wrong.setExpectedAny(new Empty())
    return response.setWrongExpectedVersion(wrong)
  }
  const success = new AppendResp.Success()
  const current = decision.kind === 'empty' ? decision.currentRevision : decision.lastRevision
  if (current === undefined) success.setNoStream(new Empty())
  else success.setCurrentRevision(current.toString(10))
  const position =
    decision.kind === 'written' || (decision.kind === 'idempotent' && ctx.settings.positionOnIdempotentAppend)
      ? decision.position
      : undefined
  if (position === undefined) success.setNoPosition(new Empty())
  else
    success.setPosition(
      new AppendResp.Position().setCommitPosition(position.toString(10)).setPreparePosition(position.toString(10)),
    )
  return response.setSuccess(success)
}

function requestError(e: unknown, maxAppendSize: number): Partial<grpc.StatusObject> {
  if (e instanceof MissingRequiredMetadata)
    return grpcError(grpc.status.INVALID_ARGUMENT, e.message, {
      exception: 'missing-required-metadata-property',
      'required-metadata-properties': 'type,content-type',
    })
  if (e instanceof BadRequest) return grpcError(grpc.status.INVALID_ARGUMENT, e.message)
  if (e === 'too_big')
    return grpcError(grpc.status.INVALID_ARGUMENT, `Maximum Append Size of ${maxAppendSize} Exceeded.`, {
      exception: MAX_APPEND_SIZE_EXCEEDED,
      'maximum-append-size': String(maxAppendSize),
    })
  return grpcError(grpc.status.INTERNAL, String(e))
}

export function appendHandler(
  ctx: StandInContext,
): grpc.handleClientStreamingCall<AppendReqMessage, AppendRespMessage> {
  return (call, callback) => {
    ctx.calls.appends++
    let batch: Batch | undefined
    let answered = false
    const answer: grpc.sendUnaryData<AppendRespMessage> = (error, value) => {
      if (answered || call.cancelled) return
      answered = true
      callback(error, value)
    }
    const answerFault = (kind: 'timeout' | 'unavailable') =>
      answer(
        kind === 'timeout'
          ? grpcError(grpc.status.ABORTED, 'Operation timed out: Commit phase timeout.')
          : grpcError(grpc.status.UNAVAILABLE, 'Server Is Not Ready'),
      )

    call.on('data', (request: AppendReqMessage) => {
      if (answered || batch?.struck) return
      try {
        if (request.hasOptions()) {
          const options = request.getOptions() as AppendReqMessage.Options
          batch = {
            streamId: streamName(options.getStreamIdentifier()),
            expected: appendExpectation(options),
            events: [],
            fault: ctx.faults.takeAppendFault(),
            struck: false,
          }
          // The events are still on their way: a drop here is a drop mid-request.
          strike(ctx, batch, 'before-write', answerFault)
        } else if (request.hasProposedMessage()) {
          if (!batch) throw new BadRequest('proposed message before the append options')
          batch.events.push(proposedEvent(request.getProposedMessage() as AppendReqMessage.ProposedMessage))
        }
      } catch (e) {
        answer(requestError(e, ctx.settings.maxAppendSize))
      }
    })

    call.on('end', () => {
      if (answered || !batch || batch.struck) {
        if (!batch && !answered) answer(requestError(new BadRequest('append without options'), 0))
        return
      }
      const decided = batch
      afterLatency(ctx, () => {
        if (answered) return
        const decision = commit(ctx, decided)
        if (decision === 'too_big') return answer(requestError('too_big', ctx.settings.maxAppendSize))
        if (strike(ctx, decided, 'after-write', answerFault)) return
        answer(null, appendResponse(ctx, decided, decision))
      })
    })
    // A client that goes away mid-request leaves nothing behind: events are only written on 'end'.
    call.on('error', () => {
      answered = true
    })
  }
}

// ---------------------------------------------------------------------------------------------
// Streams.BatchAppend

function batchExpectation(options: BatchAppendReqMessage.Options): StreamExpectation {
  if (options.hasStreamPosition()) return { kind: 'revision', revision: BigInt(options.getStreamPosition()) }
  if (options.hasNoStream()) return { kind: 'no_stream' }
  if (options.hasStreamExists()) return { kind: 'stream_exists' }
  if (options.hasAny()) return { kind: 'any' }
  throw new BadRequest('batch append without an expected stream position')
}

interface PendingBatch extends Batch {
  readonly correlationId: string
  readonly deadline: number | undefined
}

function batchResponse(batch: { correlationId: string; streamId: string; expected?: StreamExpectation }) {
  const response = new BatchAppendResp()
    .setCorrelationId(uuidMessage(batch.correlationId, false))
    .setStreamIdentifier(streamIdentifier(batch.streamId))
  const expected = batch.expected
  if (expected?.kind === 'revision') response.setStreamPosition(expected.revision.toString(10))
  else if (expected?.kind === 'no_stream') response.setNoStream(new GoogleEmpty())
  else if (expected?.kind === 'stream_exists') response.setStreamExists(new GoogleEmpty())
  else if (expected?.kind === 'any') response.setAny(new GoogleEmpty())
  return response
}

function batchError(e: unknown, maxAppendSize: number): StatusMessage {
  if (e === 'too_big')
    return rpcStatus(
      grpc.status.INVALID_ARGUMENT,
      `Maximum Append Size of ${maxAppendSize} Exceeded.`,
      new MaximumAppendSizeExceededDetail().setMaxappendsize(maxAppendSize),
      'event_store.client.MaximumAppendSizeExceeded',
    )
  const message = e instanceof Error ? e.message : String(e)
  return rpcStatus(
    grpc.status.INVALID_ARGUMENT,
    message,
    new BadRequestDetail().setMessage(message),
    'event_store.client.BadRequest',
  )
}

const timeoutStatus = () =>
  rpcStatus(grpc.status.DEADLINE_EXCEEDED, 'Operation timed out', new Timeout(), 'event_store.client.Timeout')

function wrongExpectedVersionStatus(batch: Batch, currentRevision: bigint | undefined): StatusMessage {
  const detail = new WrongExpectedVersion()
  if (currentRevision === undefined) detail.setCurrentNoStream(new GoogleEmpty())
  else detail.setCurrentStreamRevision(currentRevision.toString(10))
  const expected = batch.expected
  if (expected.kind === 'revision') detail.setExpectedStreamPosition(expected.revision.toString(10))
  else if (expected.kind === 'no_stream') detail.setExpectedNoStream(new GoogleEmpty())
  else if (expected.kind === 'stream_exists') detail.setExpectedStreamExists(new GoogleEmpty())
  else detail.setExpectedAny(new GoogleEmpty())
  return rpcStatus(
    grpc.status.FAILED_PRECONDITION,
    `Append failed due to WrongExpectedVersion. Stream: ${batch.streamId}, Expected version: ${describeExpectation(expected)}, Actual version: ${currentRevision ?? 'no stream'}`,
    detail,
    'event_store.client.WrongExpectedVersion',
  )
}

function batchSuccess(ctx: StandInContext, decision: Exclude<AppendDecision, { kind: 'wrong_expected_version' }>) {
  const success = new BatchAppendResp.Success()
  const current = decision.kind === 'empty' ? decision.currentRevision : decision.lastRevision
  if (current === undefined) success.setNoStream(new GoogleEmpty())
  else success.setCurrentRevision(current.toString(10))
  const position =
    decision.kind === 'written' || (decision.kind === 'idempotent' && ctx.settings.positionOnIdempotentAppend)
      ? decision.position
      : undefined
  if (position === undefined) success.setNoPosition(new GoogleEmpty())
  else
    success.setPosition(
      new AllStreamPosition().setCommitPosition(position.toString(10)).setPreparePosition(position.toString(10)),
    )
  return success
}

export function batchAppendHandler(
  ctx: StandInContext,
): grpc.handleBidiStreamingCall<BatchAppendReqMessage, BatchAppendRespMessage> {
  return (call) => {
    ctx.calls.batchAppendStreams++
    const pending = new Map<string, PendingBatch>()
    const send = (response: BatchAppendRespMessage) => {
      if (!call.cancelled && call.writable) call.write(response)
    }
    const fail = (
      batch: { correlationId: string; streamId: string; expected?: StreamExpectation },
      status: StatusMessage,
    ) => send(batchResponse(batch).setError(status))

    // The server's own failures for a batch: a commit timeout answers that batch; "not ready"
    // fails the whole call, as the server does when it cannot serve appends at all.
    const answerFault = (batch: PendingBatch) => (kind: 'timeout' | 'unavailable') =>
      kind === 'timeout'
        ? fail(batch, timeoutStatus())
        : call.emit('error', grpcError(grpc.status.UNAVAILABLE, 'Server Is Not Ready'))

    const complete = (batch: PendingBatch) =>
      afterLatency(ctx, () => {
        if (batch.struck) return
        if (batch.deadline !== undefined && Date.now() > batch.deadline) return fail(batch, timeoutStatus())
        const decision = commit(ctx, batch)
        if (decision === 'too_big') return fail(batch, batchError('too_big', ctx.settings.maxAppendSize))
        if (strike(ctx, batch, 'after-write', answerFault(batch))) return
        if (decision.kind === 'wrong_expected_version')
          return fail(batch, wrongExpectedVersionStatus(batch, decision.currentRevision))
        send(batchResponse(batch).setSuccess(batchSuccess(ctx, decision)))
      })

    call.on('data', (request: BatchAppendReqMessage) => {
      ctx.calls.batchMessages++
      let correlationId: string
      try {
        correlationId = uuidToString(request.getCorrelationId())
      } catch {
        call.emit('error', grpcError(grpc.status.INVALID_ARGUMENT, 'batch append request without a correlation id'))
        return
      }
      let batch = pending.get(correlationId)
      try {
        if (request.hasOptions()) {
          const options = request.getOptions() as BatchAppendReqMessage.Options
          const deadline = options.getDeadline()
          batch = {
            correlationId,
            streamId: streamName(options.getStreamIdentifier()),
            expected: batchExpectation(options),
            events: [],
            fault: ctx.faults.takeAppendFault(),
            struck: false,
            deadline: deadline ? deadline.toDate().getTime() : undefined,
          }
          pending.set(correlationId, batch)
          strike(ctx, batch, 'before-write', answerFault(batch))
        }
        if (!batch) throw new BadRequest(`batch ${correlationId} continues a batch that never started`)
        for (const message of request.getProposedMessagesList()) batch.events.push(proposedEvent(message))
        if (request.getIsFinal()) {
          pending.delete(correlationId)
          ctx.calls.batches++
          complete(batch)
        }
      } catch (e) {
        pending.delete(correlationId)
        fail(
          { correlationId, streamId: batch?.streamId ?? '', expected: batch?.expected },
          batchError(e, ctx.settings.maxAppendSize),
        )
      }
    })
    call.on('end', () => call.end())
    call.on('error', () => pending.clear())
  }
}
