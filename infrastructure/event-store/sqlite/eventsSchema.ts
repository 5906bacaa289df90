// Opens the SQLite file that holds the event log and brings its schema up to date.
//
// Why these settings:
// - WAL: readers never block the writer and vice versa, and a commit is one append to the
//   WAL plus (with synchronous=FULL) one fsync of it.
// - synchronous=FULL by default: an acknowledged append survives power loss. NORMAL is faster
//   but may lose the last commits on power loss (never corrupts); offered for tests/benchmarks.
// - busy_timeout: the API and a worker may open the same file; a writer that finds the write
//   lock taken waits for it instead of failing with SQLITE_BUSY.
import Database from 'better-sqlite3'

export type SqliteSynchronous = 'FULL' | 'NORMAL'

export interface EventsDatabaseOptions {
  readonly synchronous?: SqliteSynchronous
  readonly busyTimeoutMs?: number
}

const SCHEMA_VERSION = 1

// position: AUTOINCREMENT so a position is never reused, even if the last rows were ever
// removed by hand; SQLite has one writer at a time, so positions are handed out in commit order.
// data/metadata: JSON text, decoded strictly on read (see eventRows.ts).
const SCHEMA_V1 = `
CREATE TABLE IF NOT EXISTS events (
  position  INTEGER PRIMARY KEY AUTOINCREMENT,
  stream_id TEXT    NOT NULL,
  revision  INTEGER NOT NULL,
  event_id  TEXT    NOT NULL,
  type      TEXT    NOT NULL,
  data      TEXT    NOT NULL,
  metadata  TEXT    NOT NULL,
  UNIQUE (stream_id, revision),
  UNIQUE (stream_id, event_id)
);
`

export function openEventsDatabase(file: string, options: EventsDatabaseOptions = {}): Database.Database {
  const db = new Database(file)
  try {
    // busy_timeout first: switching to WAL and creating the schema may meet another process.
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`)
    // 8 KB pages for a new file (ignored for an existing one): ~10% faster batched appends here,
    // since a commit writes fewer, fuller WAL frames. Must precede the switch to WAL.
    db.pragma('page_size = 8192')
    const mode = db.pragma('journal_mode = WAL', { simple: true })
    if (mode !== 'wal' && file !== ':memory:') throw new Error(`could not switch ${file} to WAL (got ${String(mode)})`)
    db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`)
    // 16 MB page cache: readAll and catch-up scan pages sequentially; the default 2 MB thrashes.
    db.pragma('cache_size = -16000')
    migrate(db)
    return db
  } catch (e) {
    db.close()
    throw e
  }
}

function migrate(db: Database.Database): void {
  // IMMEDIATE: two processes opening a fresh file at once must not both run the migration.
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number
    if (version > SCHEMA_VERSION)
      throw new Error(`event log schema version ${version} is newer than this code understands (${SCHEMA_VERSION})`)
    if (version < 1) db.exec(SCHEMA_V1)
    db.pragma(`user_version = ${SCHEMA_VERSION}`)
  }).immediate()
}
