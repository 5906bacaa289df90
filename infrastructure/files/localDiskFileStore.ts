// The FileStore on local disk: DATA_DIR/files/<first two chars of the id>/<id> holds the bytes and
// <id>.json their description. Written to a temporary name, flushed and renamed, so a crash never
// leaves a half file under a real id; the description is written last, so a file without one was
// never handed out (stat and get answer null for it).
import { createHash, randomUUID } from 'node:crypto'
import { mkdir, open, readFile, rename } from 'node:fs/promises'
import { join } from 'node:path'
import type { FileStore, StoredFile } from '../../application/ports/fileStore.js'

const ID = /^[0-9a-f-]{36}$/

async function writeDurably(path: string, data: Uint8Array | string): Promise<void> {
  const temporary = `${path}.${randomUUID()}.tmp`
  const handle = await open(temporary, 'wx', 0o640)
  try {
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
  await rename(temporary, path)
}

export class LocalDiskFileStore implements FileStore {
  constructor(private readonly root: string) {}

  private pathOf(fileId: string): string {
    return join(this.root, fileId.slice(0, 2), fileId)
  }

  async put(bytes: Uint8Array, contentType: string | null, now: string): Promise<StoredFile> {
    const fileId = randomUUID()
    const file: StoredFile = {
      fileId,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      contentType,
      size: bytes.byteLength,
      storedAt: now,
    }
    const path = this.pathOf(fileId)
    await mkdir(join(this.root, fileId.slice(0, 2)), { recursive: true })
    await writeDurably(path, bytes)
    await writeDurably(`${path}.json`, `${JSON.stringify(file)}\n`)
    return file
  }

  async stat(fileId: string): Promise<StoredFile | null> {
    // Ids reach the path: anything but our own UUIDs (e.g. '../') is simply not found.
    if (!ID.test(fileId)) return null
    try {
      return JSON.parse(await readFile(`${this.pathOf(fileId)}.json`, 'utf8')) as StoredFile
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
  }

  async get(fileId: string): Promise<{ file: StoredFile; bytes: Uint8Array } | null> {
    const file = await this.stat(fileId)
    if (!file) return null
    return { file, bytes: new Uint8Array(await readFile(this.pathOf(fileId))) }
  }
}
