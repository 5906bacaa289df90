// Server errors as the real server shapes them: `{ ok: 0, errmsg, code, codeName, errorLabels }`
// for command errors, and the same fields inside `writeErrors` for per-document write errors.
// The driver turns both into MongoServerError carrying `code` (and `keyValue` for E11000), which
// is all the adapter looks at; the texts are close to the server's but not guaranteed equal.
import type { Document } from 'bson'

/** The error codes the stand-in produces, with MongoDB's names for them. */
export const Codes = {
  InternalError: 1,
  BadValue: 2,
  FailedToParse: 9,
  Unauthorized: 13,
  TypeMismatch: 14,
  IllegalOperation: 20,
  NamespaceNotFound: 26,
  PathNotViable: 28,
  ConflictingUpdateOperators: 40,
  CursorNotFound: 43,
  NamespaceExists: 48,
  NotSingleValueField: 54,
  DollarPrefixedFieldName: 52,
  InvalidIdField: 53,
  CommandNotFound: 59,
  ImmutableField: 66,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  WriteConflict: 112,
  NoSuchTransaction: 251,
  TransactionTooOld: 225,
  TransactionCommitted: 256,
  NotImplemented: 238,
  OperationNotSupportedInTransaction: 263,
  UnsupportedOpQueryCommand: 352,
  DuplicateKey: 11000,
} as const

export type CodeName = keyof typeof Codes

const names = new Map<number, string>(Object.entries(Codes).map(([name, code]) => [code, name]))

export class CommandError extends Error {
  readonly code: number
  readonly codeName: string
  constructor(
    codeName: CodeName,
    message: string,
    /** Extra fields of the error document (keyPattern/keyValue for duplicate keys). */
    readonly extra: Document = {},
    readonly labels: string[] = [],
  ) {
    super(message)
    this.code = Codes[codeName]
    this.codeName = codeName
  }

  withLabel(label: string): CommandError {
    if (!this.labels.includes(label)) this.labels.push(label)
    return this
  }

  /** The top-level reply of a failed command. */
  toReply(): Document {
    return {
      ok: 0,
      errmsg: this.message,
      code: this.code,
      codeName: this.codeName,
      ...this.extra,
      ...(this.labels.length > 0 ? { errorLabels: this.labels } : {}),
    }
  }

  /** One entry of a write command's `writeErrors`. */
  toWriteError(index: number): Document {
    return { index, code: this.code, codeName: this.codeName, errmsg: this.message, ...this.extra }
  }
}

/** A reply for an error code given by number (fail points name codes the stand-in never raises itself). */
export function errorReplyForCode(code: number, labels: string[]): Document {
  return {
    ok: 0,
    errmsg: `failing command on purpose (fail point, code ${code})`,
    code,
    codeName: names.get(code) ?? `Location${code}`,
    ...(labels.length > 0 ? { errorLabels: labels } : {}),
  }
}

export const TRANSIENT = 'TransientTransactionError'

export function writeConflict(): CommandError {
  return new CommandError(
    'WriteConflict',
    'WriteConflict error: this operation conflicted with another operation. Please retry your operation or multi-document transaction.',
  ).withLabel(TRANSIENT)
}

export function notImplemented(what: string): CommandError {
  return new CommandError('NotImplemented', `the MongoDB stand-in does not implement ${what}`)
}
