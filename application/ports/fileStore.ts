// Files kept outside the event log: intake and inspection photos, signature images. Events hold a
// FileRef (id, SHA-256, content type), never the bytes; the store keeps the bytes under that id.
// Ids are random (not the digest): knowing what a photo contains must not be a way to fetch it.
// Adapters: local disk under DATA_DIR/files (infrastructure/files/localDiskFileStore.ts), memory
// (tests). A later object-store adapter (S3 and the like) implements the same three calls.

export interface StoredFile {
  readonly fileId: string
  /** Lower-case hex SHA-256 of the bytes, computed by the store on the way in. */
  readonly sha256: string
  readonly contentType: string | null
  readonly size: number
  /** UTC ISO-8601. */
  readonly storedAt: string
}

export interface FileStore {
  /** Stores the bytes under a new id and answers their description. */
  put(bytes: Uint8Array, contentType: string | null, now: string): Promise<StoredFile>
  /** The description alone; null when there is no such file. */
  stat(fileId: string): Promise<StoredFile | null>
  /** The bytes with their description; null when there is no such file. */
  get(fileId: string): Promise<{ readonly file: StoredFile; readonly bytes: Uint8Array } | null>
}
