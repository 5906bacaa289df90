// One run of the whole flow against one `npm start`: the booking part, the work order when the API
// has them, read models read once settled, a projection rebuilt by the CLI while the API runs,
// read again (a rebuild must change nothing), then the API stopped and its event log read.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { MongoClient } from 'mongodb'
import type { EventStore } from '../../../application/ports/eventStore.js'
import { REGISTRY_COLLECTION } from '../../../application/readModels/projectionRegistry.js'
import { EsdbEventStore } from '../../../infrastructure/event-store/esdb/esdbEventStore.js'
import { SqliteEventStore } from '../../../infrastructure/event-store/sqlite/sqliteEventStore.js'
import { bookingFlow } from './bookingFlow.js'
import type { CalendarDays } from './calendarDays.js'
import { eventLogShape, type LogShape } from './eventLogShape.js'
import { at, Http } from './http.js'
import { normalise, type RunWindow } from './normalise.js'
import { type Env, rebuildProjection, startApi, stop } from './processes.js'
import { readModelSnapshot, type Snapshot } from './readModelSnapshot.js'
import { hasWorkOrders, workOrderFlow } from './workOrderFlow.js'

/** The projection the flow rebuilds: the calendars, which most of the compared reads come from. */
export const REBUILT_PROJECTION = 'calendar'

export interface RunResult {
  /** Read models after the rebuild, normalised (see normalise.ts), by the name of the read. */
  readonly readModels: Snapshot
  readonly log: LogShape
  readonly workOrders: boolean
  /** What `npm start` said when it began listening (which stores it opened). */
  readonly startLine: string
  readonly rebuildOutput: string
  /** With MONGO_URL: projection → active build id, read from MongoDB itself after the run. */
  readonly mongoBuilds: Readonly<Record<string, string>> | null
  readonly seconds: { readonly flow: number; readonly rebuild: number; readonly total: number }
}

/** The projection registry as the MongoDB server holds it: proof the read models were written there. */
async function mongoBuilds(url: string, database: string): Promise<Record<string, string>> {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 5000 })
  try {
    const registry = client.db(database).collection<{ _id: string; buildId: string }>(REGISTRY_COLLECTION)
    return Object.fromEntries((await registry.find().toArray()).map((d) => [d._id, d.buildId]))
  } finally {
    await client.close()
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Until the API is ready and has nothing left to do: every projection at the head of the log, the
 * notification subscriber too, and no job waiting or running (delayed reminders may wait).
 */
async function settled(http: Http, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs
  let last: unknown = null
  while (Date.now() < until) {
    const ready = await http.call('GET', '/ready')
    last = ready.body
    const lags = [at(ready.body, 'projections', 'lag'), at(ready.body, 'jobs', 'lag')].flatMap((l) =>
      l && typeof l === 'object' ? Object.values(l) : [],
    )
    const jobs = at(ready.body, 'jobs', 'counts')
    const idle = !jobs || (at(jobs, 'waiting') === 0 && at(jobs, 'active') === 0)
    if (ready.status === 200 && lags.length > 0 && lags.every((n) => n === 0) && idle) return
    await sleep(100)
  }
  assert.fail(`the API did not settle within ${timeoutMs} ms: ${JSON.stringify(last)}`)
}

export async function runFlow(env: Env, days: CalendarDays): Promise<RunResult> {
  const started = Date.now()
  const api = await startApi(env)
  try {
    const http = new Http(api.url)
    await settled(http)
    const booking = await bookingFlow(http, days)
    const workOrder = (await hasWorkOrders(http)) ? await workOrderFlow(http, booking) : null
    await settled(http)
    const flowDone = Date.now()
    const before = await readModelSnapshot(http, days, booking, workOrder)

    const rebuildOutput = await rebuildProjection(REBUILT_PROJECTION, env)
    await settled(http)
    const rebuilt = Date.now()
    const after: Snapshot = await readModelSnapshot(http, days, booking, workOrder)
    assert.deepEqual(after, before, `rebuilding ${REBUILT_PROJECTION} changed what the API answers`)
    const window: RunWindow = { from: started, to: Date.now() }

    assert.equal(await stop(api), 0, `npm start shuts down cleanly:\n${api.output()}`)
    const store: EventStore = env.EVENTSTORE_URL
      ? new EsdbEventStore(env.EVENTSTORE_URL)
      : new SqliteEventStore(join(env.DATA_DIR as string, 'events.sqlite'))
    let log: LogShape
    try {
      log = await eventLogShape(store)
    } finally {
      await store.close()
    }
    const seconds = (ms: number) => Math.round(ms / 100) / 10
    return {
      readModels: normalise(after, booking.labels, window) as Snapshot,
      log,
      workOrders: workOrder !== null,
      startLine: /.*listening on.*/.exec(api.output())?.[0] ?? '',
      rebuildOutput,
      mongoBuilds: env.MONGO_URL ? await mongoBuilds(env.MONGO_URL, env.MONGO_DB ?? 'tyre_network') : null,
      seconds: {
        flow: seconds(flowDone - started),
        rebuild: seconds(rebuilt - flowDone),
        total: seconds(Date.now() - started),
      },
    }
  } finally {
    await stop(api)
  }
}
