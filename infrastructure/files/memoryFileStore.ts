// The FileStore in memory, for tests: same answers as the disk adapter, nothing kept.
import { createHash, randomUUID } from 'node:crypto'
import type { FileStore, StoredFile } from '../../application/ports/fileStore.js'

export class MemoryFileStore implements FileStore {
  private readonly files = new Map<string, { file: StoredFile; bytes: Uint8Array }>()

  async put(bytes: Uint8Array, contentType: string | null, now: string): Promise<StoredFile> {
    const file: StoredFile = {
      fileId: randomUUID(),
      sha256: createHash('sha256').update(bytes).digest('hex'),
      contentType,
      size: bytes.byteLength,
      storedAt: now,
    }
    this.files.set(file.fileId, { file, bytes: new Uint8Array(bytes) })
    return file
  }

  async stat(fileId: string): Promise<StoredFile | null> {
    return this.files.get(fileId)?.file ?? null
  }

  async get(fileId: string): Promise<{ file: StoredFile; bytes: Uint8Array } | null> {
    return this.files.get(fileId) ?? null
  }
}
