// The work each process does in the two-process SQLite test (test/contract/eventStore.sqliteFile.test.ts):
// the parent runs it in-process, test/support/eventStoreWriterProcess.ts in a second OS process.
import { type EventStore, type RecordedEvent, WrongExpectedRevision } from '../../application/ports/eventStore.js'
import { newEvent, newEvents } from '../contract/eventStore/eventFixtures.js'

export interface RaceReport {
  readonly appendedIds: string[]
  readonly conflicts: number
  readonly seenIds: string[]
  readonly seenInOrder: boolean
}

/** Appends the share of one process: own streams concurrently, and a contended shared stream. */
export async function raceWriter(
  store: EventStore,
  label: string,
  sharedStream: string,
): Promise<{ appendedIds: string[]; conflicts: number }> {
  const appendedIds: string[] = []
  let conflicts = 0
  const own = async (k: number) => {
    const stream = `${label}-own-${k}`
    let expectedRevision: number | 'no_stream' = 'no_stream'
    for (let i = 0; i < 40; i++) {
      const batch = newEvents(1 + (i % 3), `${label}Wrote`, i)
      expectedRevision = (await store.appendToStream(stream, batch, { expectedRevision })).nextExpectedRevision
      appendedIds.push(...batch.map((e) => e.metadata.eventId))
    }
  }
  const shared = async () => {
    for (let i = 0; i < 60; i++) {
      const batch = [newEvent(`${label}Shared`, { i })]
      for (;;) {
        let last: RecordedEvent | undefined
        for await (const e of store.readStream(sharedStream, { direction: 'backwards', maxCount: 1 })) last = e
        try {
          await store.appendToStream(sharedStream, batch, { expectedRevision: last ? last.revision : 'no_stream' })
          break
        } catch (error) {
          if (!(error instanceof WrongExpectedRevision)) throw error
          conflicts++
        }
      }
      appendedIds.push(...batch.map((e) => e.metadata.eventId))
    }
  }
  await Promise.all([own(0), own(1), own(2), own(3), shared()])
  return { appendedIds, conflicts }
}

/** Subscribes from the start until `expectTotal` events were seen; checks global order on the way. */
export async function watchAll(
  store: EventStore,
  expectTotal: number,
  timeoutMs: number,
): Promise<{ seenIds: string[]; seenInOrder: boolean }> {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), timeoutMs)
  const seenIds: string[] = []
  let seenInOrder = true
  let last = 0
  for await (const e of store.subscribeToAll({ fromPosition: 0, signal: controller.signal })) {
    if (e.position <= last) seenInOrder = false
    last = e.position
    seenIds.push(e.metadata.eventId)
    if (seenIds.length >= expectTotal) break
  }
  clearTimeout(timer)
  return { seenIds, seenInOrder }
}
