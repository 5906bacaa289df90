// Template images (logos) kept in the document store, content-addressed: the template event holds
// the FileRef (id = SHA-256, content type), the bytes live here, so the log stays small and a
// reprinted document can prove its logo is the one recorded. Logos are small (≤ 512 KB) and read
// with every document, so a collection beside the read models serves them without another store.
import { createHash } from 'node:crypto'
import type { FileRef } from '../../domain/shared/fileRef.js'
import type { Document, DocumentStore } from '../ports/documentStore.js'

export const DOCUMENT_ASSETS = 'document_assets'
export const MAX_LOGO_BYTES = 512 * 1024

interface AssetDocument extends Document {
  _id: string
  contentType: string
  base64: string
  size: number
  storedAt: string
}

export interface DocumentAssets {
  put(bytes: Uint8Array, contentType: string, now: string): Promise<FileRef>
  /** The bytes, or null when missing or when they no longer hash to the reference. */
  get(ref: FileRef): Promise<Uint8Array | null>
}

export function documentStoreAssets(documents: DocumentStore): DocumentAssets {
  const assets = () => documents.collection<AssetDocument>(DOCUMENT_ASSETS)
  return {
    async put(bytes, contentType, now) {
      const sha256 = createHash('sha256').update(bytes).digest('hex')
      // The same image again is the same asset: no duplicate, no error.
      await assets().replaceOne(
        { _id: sha256 },
        { _id: sha256, contentType, base64: Buffer.from(bytes).toString('base64'), size: bytes.length, storedAt: now },
        { upsert: true },
      )
      return { fileId: sha256, sha256, contentType }
    },
    async get(ref) {
      const doc = await assets().findOne({ _id: ref.fileId })
      if (!doc) return null
      const bytes = Buffer.from(doc.base64, 'base64')
      return createHash('sha256').update(bytes).digest('hex') === ref.sha256 ? new Uint8Array(bytes) : null
    },
  }
}

/** PNG or JPEG by their magic numbers (what pdf-lib can embed); null otherwise. */
export function imageTypeOf(bytes: Uint8Array): 'image/png' | 'image/jpeg' | null {
  if (bytes.length > 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47)
    return 'image/png'
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg'
  return null
}
