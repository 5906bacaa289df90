// Decoding request input with io-ts: the value, or a 400 problem listing every failing field.
import { isLeft } from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { ProblemError } from '../problem.js'
import { fieldErrors } from './fieldErrors.js'

export type InputPart = 'body' | 'query' | 'path'

export function decodeInput<A>(codec: t.Decoder<unknown, A>, value: unknown, part: InputPart): A {
  const decoded = codec.decode(value)
  if (isLeft(decoded))
    throw new ProblemError({
      status: 400,
      code: 'VALIDATION_FAILED',
      detail: `the request ${part} is not valid`,
      errors: fieldErrors(decoded.left),
    })
  return decoded.right
}
