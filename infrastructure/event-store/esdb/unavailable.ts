// Failures of the connection rather than of the request: the node is unreachable or restarting,
// it cut the connection, it (or we) gave up waiting, or leadership moved. The caller gets one typed
// error for all of them, EventStoreUnavailable, marked retryable, instead of whichever of the
// client's error classes (or, for failures before the first call, a bare gRPC status) surfaced.
//
// Retrying an append is safe: it may or may not have been written when the failure came (a
// connection cut after the server wrote the batch looks exactly like one cut before), but a retry
// with the same event ids is recognised as such by appendWithChain and answered with the original
// outcome, never written twice.
import {
  CancelledError,
  DeadlineExceededError,
  NotLeaderError,
  TimeoutError,
  UnavailableError,
} from '@eventstore/db-client'

/**
 * How long the adapter waits for the node: the round trip of an append, and each message of a read
 * (a long read may take longer in total, as long as the node keeps sending). The client's own
 * default deadline is the same 10 s.
 */
export const DEFAULT_TIMEOUT_MS = 10_000

export type UnavailableReason = 'unavailable' | 'timeout' | 'cancelled' | 'not_leader'

export class EventStoreUnavailable extends Error {
  readonly code = 'EVENT_STORE_UNAVAILABLE'
  /** Trying the same operation again later can succeed; for an append, with the same event ids. */
  readonly retryable = true
  constructor(
    readonly operation: string,
    readonly reason: UnavailableReason,
    options?: { readonly cause?: unknown },
  ) {
    super(
      `EventStoreDB unavailable during ${operation} (${reason})` +
        (options?.cause instanceof Error ? `: ${options.cause.message}` : '') +
        (operation === 'append'
          ? '; the append may or may not have been written: retry it with the same event ids'
          : ''),
      options,
    )
    this.name = 'EventStoreUnavailable'
  }
}

/** gRPC status codes (as numbers: grpc-js is not a dependency of the adapter's own). */
const GRPC_CANCELLED = 1
const GRPC_DEADLINE_EXCEEDED = 4
const GRPC_ABORTED = 10
const GRPC_UNAVAILABLE = 14

function grpcCode(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined
  return typeof error.code === 'number' ? error.code : undefined
}

/**
 * Why `error` is a connection failure, or undefined when it is not one. Covers the client's error
 * classes and bare gRPC statuses: the client passes the status through unconverted when the very
 * first call of a connection (asking the node for its features) fails, e.g. connection refused.
 * ABORTED is how the server reports its own commit timeout on Streams.Append (the client's
 * TimeoutError); DEADLINE_EXCEEDED how BatchAppend and the gRPC deadline report theirs.
 */
export function unavailableReason(error: unknown): UnavailableReason | undefined {
  if (error instanceof EventStoreUnavailable) return error.reason
  if (error instanceof UnavailableError) return 'unavailable'
  if (error instanceof DeadlineExceededError || error instanceof TimeoutError) return 'timeout'
  if (error instanceof CancelledError) return 'cancelled'
  if (error instanceof NotLeaderError) return 'not_leader'
  // A client error class is a verdict already (e.g. WrongExpectedVersionError carries no status).
  if (error instanceof Error && error.constructor !== Error) return undefined
  switch (grpcCode(error)) {
    case GRPC_UNAVAILABLE:
      return 'unavailable'
    case GRPC_DEADLINE_EXCEEDED:
    case GRPC_ABORTED:
      return 'timeout'
    case GRPC_CANCELLED:
      return 'cancelled'
    default:
      return undefined
  }
}

/** `error` as EventStoreUnavailable when it is a connection failure, otherwise unchanged. */
export function asUnavailable(error: unknown, operation: string): unknown {
  if (error instanceof EventStoreUnavailable) return error
  const reason = unavailableReason(error)
  return reason === undefined ? error : new EventStoreUnavailable(operation, reason, { cause: error })
}

/**
 * Settles like `promise`, or fails with EventStoreUnavailable(timeout) after `ms`. The client
 * gives some calls no deadline at all (BatchAppend waits for the server to enforce the one it
 * sends; reads have none), so a node that accepts a request and never answers would otherwise
 * hold the caller forever.
 */
export async function withTimeout<T>(promise: Promise<T>, ms: number, operation: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new EventStoreUnavailable(operation, 'timeout', { cause: new Error(`no answer within ${ms} ms`) })),
      ms,
    )
  })
  // Whatever the abandoned call settles with later must not surface as an unhandled rejection.
  promise.catch(() => {})
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}
