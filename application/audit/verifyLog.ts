// Verifies the hash chains of every stream in one pass over the whole log (memory grows with
// the number of streams, not events), for the auditor's "nothing was altered" check. The log is
// read with its stored texts where the store keeps them (SQLite): each event is then hashed as
// stored instead of being serialised to canonical JSON again (hashChain.chainLinkProblem).

import { type ChainHead, chainLinkProblem, chainStart } from '../eventLog/hashChain.js'
import type { EventStore } from '../ports/eventStore.js'

export interface BrokenLink {
  readonly streamId: string
  readonly revision: number
  readonly position: number
  readonly eventId: string
  readonly type: string
  readonly reason: string
}

export interface LogVerdict {
  readonly events: number
  readonly streams: number
  /** The first broken event of each broken stream, in log order. */
  readonly broken: readonly BrokenLink[]
}

export async function verifyLog(store: EventStore, onProgress?: (eventsChecked: number) => void): Promise<LogVerdict> {
  const heads = new Map<string, ChainHead & { broken: boolean }>()
  const broken: BrokenLink[] = []
  let events = 0
  for await (const e of store.readAll({ storedText: true })) {
    events++
    if (onProgress && events % 10_000 === 0) onProgress(events)
    const head = heads.get(e.streamId) ?? { ...chainStart, broken: false }
    if (head.broken) continue
    const reason = chainLinkProblem(head, e)
    if (reason) {
      heads.set(e.streamId, { ...head, broken: true })
      broken.push({
        streamId: e.streamId,
        revision: e.revision,
        position: e.position,
        eventId: e.metadata.eventId,
        type: e.type,
        reason,
      })
      continue
    }
    heads.set(e.streamId, { hash: e.metadata.hash, nextRevision: head.nextRevision + 1, broken: false })
  }
  return { events, streams: heads.size, broken }
}
