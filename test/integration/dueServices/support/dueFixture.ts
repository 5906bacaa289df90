// Due services end to end on memory stores: the service network of the booking tests (points p1
// Wrocław and p2 Kraków with INSPECTION and TYRE_CHANGE, staff on shift from two weeks ago for ten weeks), the API
// with booking and due-service routes and one account of every role (customer c1, fleet f1), the
// due-service worker on a given job queue with e-mail to a local SMTP server, and helpers that
// write equipment and contract history through their deciders. The clocks start now.
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { isRight } from 'fp-ts/lib/Either.js'
import { bookingModule } from '../../../../api/booking/bookingRoutes.js'
import { dueServiceModule } from '../../../../api/dueServices/dueServiceRoutes.js'
import { serviceNetworkModule } from '../../../../api/serviceNetwork/serviceNetworkRoutes.js'
import { bookingPlatform } from '../../../../application/booking/bookingPlatform.js'
import { handleCommand } from '../../../../application/commands/handleCommand.js'
import { DueServiceDesk } from '../../../../application/dueServices/dueServiceDesk.js'
import { ManualClock } from '../../../../application/leases/clock.js'
import { BookingContactDirectory } from '../../../../application/notifications/contactDirectory.js'
import type { JobQueue } from '../../../../application/ports/jobQueue.js'
import { ReadModels } from '../../../../application/readModels/readModels.js'
import { type PointDirectory, ReadModelPointDirectory } from '../../../../application/serviceNetwork/pointDirectory.js'
import type { Principal } from '../../../../domain/access/principal.js'
import type { ContractCommand } from '../../../../domain/contract/commands.js'
import { contractDecider, contractStream } from '../../../../domain/contract/contractDecider.js'
import type { ContractTerms } from '../../../../domain/contract/terms.js'
import { DEFAULT_DUE_SERVICE_RULES } from '../../../../domain/due-service/dueItems.js'
import type { EquipmentCommand } from '../../../../domain/equipment/commands.js'
import { equipmentDecider, equipmentStream } from '../../../../domain/equipment/equipmentDecider.js'
import { addDays, weekdayOf } from '../../../../domain/shared/localTime.js'
import { eventCatalogue } from '../../../../infrastructure/composition.js'
import { MemoryDocumentStore } from '../../../../infrastructure/documents/memory/memoryDocumentStore.js'
import {
  composeDueServiceWorker,
  type DueServiceWorker,
} from '../../../../infrastructure/dueServices/dueServiceWorker.js'
import { SmtpEmailNotifier } from '../../../../infrastructure/notify/email/smtpEmailNotifier.js'
import type { NotificationConfig } from '../../../../infrastructure/notify/notificationConfig.js'
import { OutboxNotifier } from '../../../../infrastructure/notify/outbox/outboxNotifier.js'
import { rebuildProjection } from '../../../../projections/rebuild.js'
import { servicePointsProjection } from '../../../../projections/serviceNetwork/servicePointsProjection.js'
import { vehicleVisitsProjection } from '../../../../projections/serviceNetwork/vehicleVisitsProjection.js'
import { accessFixture, meta } from '../../../unit/access/support/accessFixture.js'
import { carSchema } from '../../../unit/domain/equipment/fixtures.js'
import { testApi } from '../../api/support/testApi.js'
import { HOURS, pointInput, SERVICES } from '../../booking/support/networkFixture.js'
import { fixedPrice, terms } from '../../contracts/support/terms.js'
import { SmtpStandIn } from '../../notify/support/smtpStandIn.js'
import { workerConfig } from '../../worker/support/workerConfig.js'

/** Now, to the minute: the job queues (BullMQ above all) delay jobs by the real clock. */
export const START = new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString()
export const TODAY = START.slice(0, 10)

const SYSTEM = { id: 'system', role: 'system' as const }

/** `redisUrl`: the worker guards that Redis's data as in production (notify/redisDataGuard.ts). */
export async function dueFixture(queue: JobQueue, options: { readonly redisUrl?: string } = {}) {
  const access = accessFixture({ logN: 10 })
  const store = access.store
  const catalogue = eventCatalogue()
  const dir = await mkdtemp(path.join(os.tmpdir(), 'due-services-'))
  async function readModels(): Promise<ReadModelPointDirectory> {
    const documents = new MemoryDocumentStore()
    for (const projection of [servicePointsProjection, vehicleVisitsProjection])
      await rebuildProjection({ projection, events: store, documents, clock: new ManualClock(), retireDelayMs: 0 })
    return new ReadModelPointDirectory(new ReadModels(documents), 0)
  }
  const directory: PointDirectory = {
    points: async () => (await readModels()).points(),
    lastPointOf: async (plate) => (await readModels()).lastPointOf(plate),
  }
  const network = bookingPlatform({ store, catalogue, directory })
  const clock = new ManualClock(Date.parse(START))
  const smtp = await new SmtpStandIn().start()
  const contacts = new BookingContactDirectory([
    ['c1', { email: 'jan@example.pl', locale: 'pl', channels: ['email'], consents: { email: true, sms: false } }],
  ])
  const config: NotificationConfig = workerConfig(smtp.port, { publicBaseUrl: 'https://book.example' })
  const documents = new MemoryDocumentStore()
  const logged: string[] = []
  const worker: DueServiceWorker = await composeDueServiceWorker({
    events: store,
    documents,
    catalogue,
    config,
    redisUrl: options.redisUrl ?? null,
    dataDir: dir,
    bookings: network.bookings,
    nearest: network.nearest,
    reader: network.reader,
    codeSecret: 'test-secret',
    // The test catalogue's codes (the domain's defaults): INSPECTION, TYRE_CHANGE.
    rules: DEFAULT_DUE_SERVICE_RULES,
    contacts,
    notifiers: {
      email: new SmtpEmailNotifier(config.email as NonNullable<NotificationConfig['email']>),
      sms: new OutboxNotifier('sms', path.join(dir, 'outbox-sms.jsonl')),
    },
    queue,
    clock,
    log: (line) => logged.push(line),
  })
  const desk = new DueServiceDesk(worker.reconciler, worker.proposals)
  const api = await testApi({
    fixture: access,
    modules: [
      serviceNetworkModule(network),
      bookingModule(network.bookings),
      dueServiceModule({ desk, proposals: worker.proposals }),
    ],
  })
  // The API's clock starts at a fixed moment; the worker's and the queue's are real: align them.
  api.advanceClock((Date.parse(START) - Date.parse('2026-11-26T08:00:00.000Z')) / 1000)
  const boss = api.principal('head_office')
  const ok = <T>(result: { _tag: 'Left'; left: unknown } | { _tag: 'Right'; right: T }): T => {
    assert.ok(isRight(result), JSON.stringify(result))
    return result.right
  }
  const at = (now: string) => meta({ now })
  for (const s of [...SERVICES, { ...(SERVICES[0] as (typeof SERVICES)[number]), code: 'INSPECTION', baseMinutes: 30 }])
    ok(await network.catalogue.change(boss, { kind: 'AddService', service: s }, at(START)))
  const staff = ['anna', 'bartek']
  const points: Array<[string, string, number, number, Principal]> = [
    ['p1', 'Wrocław', 51.1079, 17.0385, api.principal('manager_p1')],
    ['p2', 'Kraków', 50.0647, 19.945, api.principal('manager_p2')],
  ]
  for (const [pointId, city, lat, lon, manager] of points) {
    ok(await network.points.create(boss, pointInput(pointId, city, lat, lon, manager.id), at(START)))
    const shifts = []
    for (let i = -14; i < 70; i++) {
      const date = addDays(TODAY, i)
      const ranges = HOURS[weekdayOf(date)]
      const first = ranges[0]
      const last = ranges.at(-1)
      if (!first || !last) continue
      for (const staffId of staff)
        shifts.push({
          kind: 'PlanShift' as const,
          shiftId: `${staffId}-${date}`,
          staffId,
          date,
          hours: { from: first.from, to: last.to },
        })
    }
    ok(
      await network.staff.change(
        boss,
        pointId,
        [
          ...staff.map((staffId) => ({
            kind: 'RegisterStaffMember' as const,
            staffId,
            name: staffId,
            skills: ['tyre_fitting' as const, 'balancing' as const],
          })),
          ...shifts,
        ],
        at(START),
      ),
    )
  }

  let n = 0
  const context = (now: string) => ({ actor: SYSTEM, correlationId: `t-${++n}`, causationId: null, now })
  async function equipment(command: EquipmentCommand, now: string = new Date(clock.now()).toISOString()) {
    return ok(
      await handleCommand({
        store,
        catalogue,
        decider: equipmentDecider,
        streamId: equipmentStream(command.equipmentId),
        command,
        context: context(now),
      }),
    )
  }
  type WithoutActor<C> = C extends unknown ? Omit<C, 'actor' | 'now'> & { now?: string } : never
  async function contract(command: WithoutActor<ContractCommand>) {
    const now = command.now ?? new Date(clock.now()).toISOString()
    return ok(
      await handleCommand({
        store,
        catalogue,
        decider: contractDecider,
        streamId: contractStream(command.contractId),
        command: { ...command, actor: { id: 'hq', role: 'head_office' }, now } as ContractCommand,
        context: context(now),
      }),
    )
  }
  async function registerCar(equipmentId: string, plate: string, owner: { customerId: string } | { fleetId: string }) {
    await equipment({
      kind: 'RegisterEquipment',
      equipmentId,
      equipmentKind: 'vehicle',
      typeCode: 'passenger_car',
      schema: carSchema,
      make: 'Škoda',
      model: 'Octavia',
      vehicleClass: 'passenger',
      vin: null,
      registration: { plate, country: 'PL' },
      serialNumber: null,
      owner: 'customerId' in owner ? { kind: 'customer', ...owner } : { kind: 'fleet', ...owner },
      customFields: { fuel: 'diesel' },
      status: 'at_customer',
      pointId: 'p1',
      now: new Date(clock.now()).toISOString(),
    })
  }
  /** Tyres on FL and FR (ids `<tyrePrefix>-FL`, `-FR`), each measured at `depthMm` when mounted. */
  async function mountTyres(
    equipmentId: string,
    tyrePrefix: string,
    tyre: { season: 'summer' | 'winter' | 'all_season'; depthMm: number; km: number; at: string },
  ) {
    for (const position of ['FL', 'FR'] as const)
      await equipment({
        kind: 'MountTyre',
        equipmentId,
        tyreId: `${tyrePrefix}-${position}`,
        position,
        brand: 'Dębica',
        model: null,
        size: '205/55R16 91V',
        dotCode: null,
        season: tyre.season,
        treadDepthMm: tyre.depthMm,
        mileageKm: tyre.km,
        now: tyre.at,
      })
  }
  const contractTerms = (equipmentIds: string[], schedule: ContractTerms['schedule']): ContractTerms =>
    terms(equipmentIds, { INSPECTION: fixedPrice(10_000), TYRE_CHANGE: fixedPrice(12_000) }, { schedule })

  return {
    ...api,
    /** Issues tokens at a moved clock (the API's own expire an hour after the start). */
    tokenService: access.tokens,
    store,
    documents,
    catalogue,
    network,
    clock,
    smtp,
    worker,
    desk,
    logged,
    equipment,
    contract,
    registerCar,
    mountTyres,
    contractTerms,
    ok,
    /** Moves the worker's clock and the API's together. */
    advance(ms: number) {
      clock.advance(ms)
      api.advanceClock(ms / 1000)
    },
    async close() {
      await worker.stop()
      await smtp.stop()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

export type DueFixture = Awaited<ReturnType<typeof dueFixture>>
