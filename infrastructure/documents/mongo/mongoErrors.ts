// How the MongoDB adapter reports a server it cannot use: one typed, retryable error instead of
// the driver's dozen classes, so callers (projection runners, readiness probes, the API) can
// tell "try again later" from "this request is wrong" without importing the driver.
import {
  MongoBulkWriteError,
  MongoClientClosedError,
  MongoError,
  MongoNetworkError,
  MongoOperationTimeoutError,
  MongoServerError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
} from 'mongodb'
import { DocumentStoreClosed } from '../shared/storeErrors.js'

/**
 * MongoDB could not be reached, or did not finish the operation in time: connection refused or
 * dropped, a timeout, no primary (fail-over in progress), or a transaction that kept meeting
 * write conflicts until its time ran out. Nothing is ever half-done: a single-document write
 * happened once or not at all (the driver retries it under the same transaction number, which
 * the server deduplicates), a transaction committed entirely or not at all.
 * `outcomeUnknown`: a write or a commit may have reached the server before its answer was
 * lost, so whether it happened is not known (a retry must be safe to apply twice, as a
 * projection batch is through its checkpoint). False: it certainly did not happen.
 */
export class DocumentStoreUnavailable extends Error {
  readonly code = 'DOCUMENT_STORE_UNAVAILABLE'
  readonly retryable = true
  constructor(
    message: string,
    readonly outcomeUnknown: boolean,
    override readonly cause: unknown,
  ) {
    super(message)
    this.name = 'DocumentStoreUnavailable'
  }
}

// The server codes the retryable reads/writes specifications call retryable (node down,
// stepping down, shutting down, unreachable), plus ExceededTimeLimit and MaxTimeMSExpired.
const UNAVAILABLE_CODES = new Set([
  6, // HostUnreachable
  7, // HostNotFound
  50, // MaxTimeMSExpired
  89, // NetworkTimeout
  91, // ShutdownInProgress
  134, // ReadConcernMajorityNotAvailableYet
  189, // PrimarySteppedDown
  262, // ExceededTimeLimit
  9001, // SocketException
  10107, // NotWritablePrimary
  11600, // InterruptedAtShutdown
  11602, // InterruptedDueToReplStateChange
  13435, // NotPrimaryNoSecondaryOk
  13436, // NotPrimaryOrSecondary
])

export const TRANSIENT_TRANSACTION_ERROR = 'TransientTransactionError'
export const UNKNOWN_COMMIT_RESULT = 'UnknownTransactionCommitResult'

export function hasLabel(error: unknown, label: string): boolean {
  return error instanceof MongoError && error.hasErrorLabel(label)
}

/** insertMany/bulk writes wrap a network or selection failure in a MongoBulkWriteError without write errors. */
function unwrap(error: unknown): unknown {
  if (!(error instanceof MongoBulkWriteError) || !(error.errorResponse instanceof MongoError)) return error
  const writeErrors = error.writeErrors
  const none = Array.isArray(writeErrors) ? writeErrors.length === 0 : writeErrors === undefined
  return none ? error.errorResponse : error
}

/** True for the driver's and server's ways of saying "not now": see DocumentStoreUnavailable. */
export function isUnavailable(error: unknown): boolean {
  if (
    error instanceof MongoNetworkError ||
    error instanceof MongoServerSelectionError ||
    error instanceof MongoOperationTimeoutError
  )
    return true
  if (error instanceof MongoServerError && typeof error.code === 'number' && UNAVAILABLE_CODES.has(error.code))
    return true
  return (
    hasLabel(error, 'RetryableWriteError') ||
    hasLabel(error, TRANSIENT_TRANSACTION_ERROR) ||
    hasLabel(error, UNKNOWN_COMMIT_RESULT)
  )
}

/**
 * The port's view of a driver error: DocumentStoreUnavailable or DocumentStoreClosed for
 * infrastructure failures; anything else (already mapped, or a genuine bug) as it is.
 * `outcomeUnknown`: the failed call was a write or commit that may have reached the server.
 */
export function storeError(thrown: unknown, outcomeUnknown = false): unknown {
  if (thrown instanceof DocumentStoreUnavailable || thrown instanceof DocumentStoreClosed) return thrown
  const error = unwrap(thrown)
  if (error instanceof MongoTopologyClosedError || error instanceof MongoClientClosedError)
    return new DocumentStoreClosed()
  if (!isUnavailable(error)) return thrown
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  return new DocumentStoreUnavailable(
    outcomeUnknown
      ? `MongoDB did not answer; the write may or may not have happened (entirely or not at all): ${detail}`
      : `MongoDB is unavailable: ${detail}`,
    outcomeUnknown,
    error,
  )
}
