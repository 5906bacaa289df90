// Uploading the photos and signature images orders refer to, and fetching them back. Staff upload
// (intake, inspection, handover); the FileRef they get back goes into the order's commands, and
// the service checks every referenced file was uploaded with the digest the command claims.
import { type Either, left, right } from 'fp-ts/lib/Either.js'
import type { Principal } from '../../domain/access/principal.js'
import { type DomainError, domainError } from '../../domain/shared/decider.js'
import type { FileStore, StoredFile } from '../ports/fileStore.js'
import { isPointStaffRole } from './workOrderAccess.js'

/** What may be uploaded: photos, and PDFs (a scanned protocol). */
export const UPLOAD_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/pdf']
export const MAX_UPLOAD_BYTES = 15 * 1024 * 1024

export class FileService {
  constructor(private readonly files: FileStore) {}

  async upload(
    by: Principal,
    bytes: Uint8Array,
    contentType: string | null,
    now: string,
  ): Promise<Either<DomainError, StoredFile>> {
    if (!isPointStaffRole(by))
      return left(domainError('forbidden', 'ROLE_NOT_ALLOWED', 'the network’s staff upload order photos'))
    if (contentType === null || !UPLOAD_TYPES.includes(contentType))
      return left(
        domainError('invalid', 'UNSUPPORTED_FILE_TYPE', `send one of ${UPLOAD_TYPES.join(', ')}`, [
          { path: 'Content-Type', message: `must be one of ${UPLOAD_TYPES.join(', ')}` },
        ]),
      )
    if (bytes.byteLength === 0)
      return left(domainError('invalid', 'EMPTY_FILE', 'the file is empty', [{ path: 'body', message: 'is empty' }]))
    return right(await this.files.put(bytes, contentType, now))
  }

  /**
   * Any of the network's staff may fetch a file by id: ids are random and only reach people through
   * the orders they may see (a point's staff see their point's orders only).
   */
  async get(by: Principal, fileId: string): Promise<Either<DomainError, { file: StoredFile; bytes: Uint8Array }>> {
    if (!isPointStaffRole(by))
      return left(domainError('forbidden', 'ROLE_NOT_ALLOWED', 'the network’s staff see order files'))
    const found = await this.files.get(fileId)
    return found ? right(found) : left(domainError('not_found', 'FILE_NOT_FOUND', `no file ${fileId}`))
  }
}
