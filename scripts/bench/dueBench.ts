// `npm run bench:due`: the due-service reminder policy over a fleet (BENCH_VEHICLES, default 5,000
// vehicles with inspection, warranty and insurance dates, one contract covering them all with a
// 6-monthly inspection and the seasonal tyre change), SQLite event and document stores in a temp
// folder, reminders in the embedded scheduler, or in BullMQ on Redis with BENCH_QUEUE=bullmq
// (REDIS_URL, a key prefix of its own, deleted at the end).
//   1. catch-up: the leased subscriber from the start of the log to its head (events/s);
//   2. amendment: the contract's inspections move by five days: every vehicle's two contract
//      inspection reminders are removed and two new ones scheduled;
//   3. verify by counting: each vehicle's pending reminders are exactly its due items.
// The last line printed is one JSON object.
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { handleCommand } from '../../application/commands/handleCommand.js'
import { dueReminderJobId } from '../../application/dueServices/dueReminderJobs.js'
import { dueServiceSubscriber } from '../../application/dueServices/dueServicePolicy.js'
import { DueServiceReconciler } from '../../application/dueServices/dueServiceReconciler.js'
import type { JobQueue } from '../../application/ports/jobQueue.js'
import type { ContractCommand } from '../../domain/contract/commands.js'
import { contractDecider, contractStream } from '../../domain/contract/contractDecider.js'
import type { ContractTerms } from '../../domain/contract/terms.js'
import type { EquipmentCommand } from '../../domain/equipment/commands.js'
import { equipmentDecider, equipmentStream } from '../../domain/equipment/equipmentDecider.js'
import { addDays } from '../../domain/shared/localTime.js'
import { eventCatalogue } from '../../infrastructure/composition.js'
import { SqliteDocumentStore } from '../../infrastructure/documents/sqlite/sqliteDocumentStore.js'
import { SqliteEventStore } from '../../infrastructure/event-store/sqlite/sqliteEventStore.js'
import { SqliteJobQueue } from '../../infrastructure/jobs/embedded/sqliteJobQueue.js'

const VEHICLES = Number(process.env.BENCH_VEHICLES ?? 5_000)
const say = (line: string) => console.error(line)
const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-due-'))
const events = new SqliteEventStore(path.join(dir, 'events.sqlite'))
const documents = new SqliteDocumentStore(path.join(dir, 'documents.sqlite'))
const catalogue = eventCatalogue()
let queue: JobQueue
let cleanup: () => Promise<void>
if (process.env.BENCH_QUEUE === 'bullmq') {
  const { BullmqJobQueue } = await import('../../infrastructure/jobs/bullmq/bullmqJobQueue.js')
  const options = {
    url: process.env.REDIS_URL?.trim() || 'redis://127.0.0.1:6379',
    prefix: `bench-due-${process.pid}-${randomUUID().slice(0, 8)}`,
    queueName: 'due-services',
  }
  const bull = new BullmqJobQueue(options)
  queue = bull
  cleanup = async () => {
    await bull.obliterate()
    await bull.close()
  }
} else {
  const sqlite = new SqliteJobQueue(path.join(dir, 'jobs.sqlite'))
  queue = sqlite
  cleanup = () => sqlite.close()
}

const now = new Date().toISOString()
const today = now.slice(0, 10)
const context = { actor: { id: 'bench', role: 'system' as const }, correlationId: 'bench', causationId: null, now }
const ids = Array.from({ length: VEHICLES }, (_, i) => `veh-${i}`)
const terms = (firstInspection: string): ContractTerms => ({
  coverage: { equipmentIds: ids, serviceCodes: ['INSPECTION', 'TYRE_CHANGE'] },
  priceList: ['INSPECTION', 'TYRE_CHANGE'].map((serviceCode) => ({
    serviceCode,
    term: { kind: 'fixed_price' as const, pricePerServiceMinor: 10_000 },
    vatRatePercent: 23,
  })),
  discount: { servicesBasisPoints: 0, partsBasisPoints: 0 },
  sla: null,
  schedule: [
    {
      scheduleId: 'inspection',
      serviceCode: 'INSPECTION',
      equipmentIds: null,
      rule: { kind: 'every_months', months: 6, firstDue: firstInspection },
    },
    {
      scheduleId: 'season',
      serviceCode: 'TYRE_CHANGE',
      equipmentIds: null,
      rule: { kind: 'seasonal', spring: { from: '03-15', to: '04-30' }, autumn: { from: '10-01', to: '11-30' } },
    },
  ],
})

async function equipment(command: EquipmentCommand): Promise<void> {
  const done = await handleCommand({
    store: events,
    catalogue,
    decider: equipmentDecider,
    streamId: equipmentStream(command.equipmentId),
    command,
    context,
  })
  if (done._tag === 'Left') throw new Error(JSON.stringify(done.left))
}
async function contract(command: ContractCommand): Promise<void> {
  const done = await handleCommand({
    store: events,
    catalogue,
    decider: contractDecider,
    streamId: contractStream('fleet-contract'),
    command,
    context,
  })
  if (done._tag === 'Left') throw new Error(JSON.stringify(done.left))
}

try {
  say(`writing ${VEHICLES} vehicles and their contract…`)
  for (const [i, equipmentId] of ids.entries()) {
    await equipment({
      kind: 'RegisterEquipment',
      equipmentId,
      equipmentKind: 'vehicle',
      typeCode: 'van',
      schema: { typeCode: 'van', fields: [] },
      make: 'Iveco',
      model: 'Daily',
      vehicleClass: 'van',
      vin: null,
      registration: { plate: `WX${String(10_000 + i).padStart(5, '0')}`, country: 'PL' },
      serialNumber: null,
      owner: { kind: 'fleet', fleetId: 'fleet-1' },
      customFields: {},
      status: 'at_customer',
      pointId: null,
      now,
    })
    await equipment({
      kind: 'SetServiceDates',
      equipmentId,
      nextInspectionOn: addDays(today, 30 + (i % 180)),
      warrantyEndsOn: addDays(today, 200 + (i % 300)),
      insuranceEndsOn: addDays(today, 60 + (i % 365)),
    })
  }
  const actor = { id: 'bench', role: 'head_office' as const }
  await contract({
    kind: 'SignContract',
    contractId: 'fleet-contract',
    contractNumber: 'BENCH/1',
    holder: { kind: 'fleet', fleetId: 'fleet-1' },
    currency: 'PLN',
    timeZone: 'Europe/Warsaw',
    validFrom: today,
    validTo: null,
    terms: terms(addDays(today, 40)),
    otherContracts: [],
    actor,
    now,
  })
  const reconciler = new DueServiceReconciler({ events, catalogue, documents, queue })
  const subscriber = dueServiceSubscriber({ events, documents, queue, catalogue, reconciler }, { log: say })
  const head = await events.headPosition()
  say(`catch-up over ${head} events…`)
  let t0 = performance.now()
  subscriber.start()
  await subscriber.waitForCheckpoint(head)
  const catchUpMs = performance.now() - t0
  const scheduled = await queue.counts()

  await contract({
    kind: 'AmendContract',
    contractId: 'fleet-contract',
    amendmentId: 'move-inspections',
    effectiveFrom: `${addDays(today, 40).slice(0, 7)}-01`,
    terms: terms(addDays(today, 45)),
    reason: 'inspections five days later',
    otherContracts: [],
    actor,
    now,
  })
  say('amendment…')
  t0 = performance.now()
  await subscriber.waitForCheckpoint(await events.headPosition())
  const amendMs = performance.now() - t0
  await subscriber.stop()

  say('counting…')
  let wanted = 0
  let missing = 0
  for (const id of ids) {
    const items = (await reconciler.snapshot(id, now)).items
    wanted += items.length
    for (const item of items) {
      const job = await queue.get(dueReminderJobId(item))
      if (!job || (job.state !== 'delayed' && job.state !== 'waiting')) missing++
    }
  }
  const counts = await queue.counts()
  const pending = counts.delayed + counts.waiting
  const result = {
    vehicles: VEHICLES,
    queue: process.env.BENCH_QUEUE === 'bullmq' ? 'bullmq' : 'embedded',
    events: head,
    catchUpMs: Math.round(catchUpMs),
    catchUpEventsPerSec: Math.round(head / (catchUpMs / 1000)),
    remindersScheduled: scheduled.delayed + scheduled.waiting,
    amendmentMs: Math.round(amendMs),
    remindersMoved: 2 * VEHICLES,
    missingReminders: missing,
    staleReminders: pending - (wanted - missing),
  }
  say(
    `${VEHICLES} vehicles: catch-up ${result.catchUpMs} ms (${result.catchUpEventsPerSec} events/s, ${result.remindersScheduled} reminders); ` +
      `amendment moving ${result.remindersMoved} reminders ${result.amendmentMs} ms; missing ${missing}, stale ${result.staleReminders}`,
  )
  console.log(JSON.stringify(result))
} finally {
  await cleanup()
  await events.close()
  await documents.close()
  rmSync(dir, { recursive: true, force: true })
}
