// A reference to a file kept outside the event log (photos, signature images, scanned documents).
// Events hold the file's id and its SHA-256, never the bytes: the log stays small, and the digest
// lets an auditor prove that the photo shown in a dispute is the one recorded at the time.
import * as t from 'io-ts'
import type { FieldProblem } from './validation.js'
import { validId } from './validation.js'

export const FileRef = t.type({
  fileId: t.string,
  /** Lower-case hex SHA-256 of the file's bytes. */
  sha256: t.string,
  /** MIME type as uploaded, e.g. image/jpeg; null when unknown. */
  contentType: t.union([t.string, t.null]),
})
export type FileRef = t.TypeOf<typeof FileRef>

const SHA256_HEX = /^[0-9a-f]{64}$/
const MIME = /^[a-z]+\/[A-Za-z0-9.+-]+$/

export function fileRefProblems(ref: FileRef, path: string): FieldProblem[] {
  const problems: FieldProblem[] = [...validId(ref.fileId, `${path}.fileId`)]
  if (!SHA256_HEX.test(ref.sha256))
    problems.push({ path: `${path}.sha256`, message: 'must be 64 lower-case hex digits (SHA-256)' })
  if (ref.contentType !== null && !MIME.test(ref.contentType))
    problems.push({ path: `${path}.contentType`, message: 'must be a MIME type such as image/jpeg' })
  return problems
}

export function fileRefsProblems(refs: ReadonlyArray<FileRef>, path: string, max = 50): FieldProblem[] {
  const problems = refs.flatMap((r, i) => fileRefProblems(r, `${path}[${i}]`))
  if (refs.length > max) problems.push({ path, message: `at most ${max} files` })
  if (new Set(refs.map((r) => r.fileId)).size !== refs.length)
    problems.push({ path, message: 'must not repeat a file' })
  return problems
}
