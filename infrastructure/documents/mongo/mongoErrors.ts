// How the MongoDB adapter reports a server it cannot use: one typed, retryable error instead of
// the driver's dozen classes, so callers (projection runners, readiness probes, the API) can
// tell "try again later" from "this request is wrong" without importing the driver.
import {
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
 * write conflicts until its time ran out. Retrying later is safe: a single-document write
 * happened once or not at all (the driver retries it with the same transaction number, which
 * the server deduplicates), and a transaction committed entirely or not at all.
 * `commitOutcomeUnknown`: the commit was sent but its answer was lost, so whether the
 * transaction committed is not known (it did entirely, or not at all).
 */
export class DocumentStoreUnavailable extends Error {
  readonly code = 'DOCUMENT_STORE_UNAVAILABLE'
  readonly retryable = true
  constructor(
    message: string,
    readonly commitOutcomeUnknown: boolean,
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
 */
export function storeError(error: unknown): unknown {
  if (error instanceof DocumentStoreUnavailable || error instanceof DocumentStoreClosed) return error
  if (error instanceof MongoTopologyClosedError || error instanceof MongoClientClosedError)
    return new DocumentStoreClosed()
  if (!isUnavailable(error)) return error
  const unknownCommit = hasLabel(error, UNKNOWN_COMMIT_RESULT)
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  return new DocumentStoreUnavailable(
    unknownCommit
      ? `MongoDB did not confirm the commit (the transaction committed entirely or not at all): ${detail}`
      : `MongoDB is unavailable: ${detail}`,
    unknownCommit,
    error,
  )
}
