// A notification worker set up for SLA tests: a point in a memory log, the worker on the embedded
// scheduler with a clock the test moves, SLA warnings 20 minutes before each deadline, a local SMTP
// server, and the staff directory and contacts the test chooses. Used by the SLA e-mail and the
// "nobody to tell" tests.
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { EventCatalogue } from '../../../../application/eventLog/eventCatalogue.js'
import type { BookingContactDirectory } from '../../../../application/notifications/contactDirectory.js'
import { notificationStream } from '../../../../application/notifications/notificationEvents.js'
import type { StaticStaffDirectory } from '../../../../application/notifications/staffDirectory.js'
import type { RecordedEvent } from '../../../../application/ports/eventStore.js'
import { eventCatalogue } from '../../../../infrastructure/composition.js'
import { MemoryDocumentStore } from '../../../../infrastructure/documents/memory/memoryDocumentStore.js'
import { MemoryEventStore } from '../../../../infrastructure/event-store/memory/memoryEventStore.js'
import { SqliteJobQueue } from '../../../../infrastructure/jobs/embedded/sqliteJobQueue.js'
import {
  composeNotificationWorker,
  type NotificationWorker,
} from '../../../../infrastructure/notify/notificationWorker.js'
import { SmtpStandIn } from '../../notify/support/smtpStandIn.js'
import { BookingHistory } from './bookingHistory.js'
import { RunningClock } from './runningClock.js'
import { workerConfig } from './workerConfig.js'

export interface SlaWorker {
  readonly events: MemoryEventStore
  readonly catalogue: EventCatalogue
  readonly smtp: SmtpStandIn
  readonly worker: NotificationWorker
  readonly clock: RunningClock
  readonly history: BookingHistory
  /** What the worker logged. */
  readonly logged: string[]
  /** The events recorded on a ticket's notification stream. */
  recorded(ticketId: string): Promise<RecordedEvent[]>
  stop(): Promise<void>
}

export async function startSlaWorker(options: {
  readonly contacts: BookingContactDirectory
  readonly staff: StaticStaffDirectory
}): Promise<SlaWorker> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'notify-sla-'))
  const events = new MemoryEventStore()
  const catalogue = eventCatalogue()
  const smtp = await new SmtpStandIn().start()
  const history = new BookingHistory(events, catalogue)
  await history.point()
  const clock = new RunningClock()
  const logged: string[] = []
  const worker = await composeNotificationWorker({
    events,
    documents: new MemoryDocumentStore(),
    catalogue,
    config: workerConfig(smtp.port, { slaWarnBeforeMinutes: 20 }),
    redisUrl: null,
    dataDir: dir,
    contacts: options.contacts,
    staff: options.staff,
    clock,
    queue: new SqliteJobQueue(path.join(dir, 'jobs.sqlite'), { lockMs: 5_000, clock }),
    log: (line) => logged.push(line),
  })
  worker.start()
  return {
    events,
    catalogue,
    smtp,
    worker,
    clock,
    history,
    logged,
    recorded: async (ticketId) => {
      const out: RecordedEvent[] = []
      for await (const e of events.readStream(notificationStream({ type: 'ticket', id: ticketId }))) out.push(e)
      return out
    },
    stop: async () => {
      await worker.stop()
      await smtp.stop()
      await rm(dir, { recursive: true, force: true })
    },
  }
}
