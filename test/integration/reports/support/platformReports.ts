// The report platform with every built-in report (declarative and custom) over a platform history:
// the demo seed and a fixed sample of generated steps (test/property/support/platformReportHistory.ts),
// projected into a memory document store; and principals of every kind of reader.
import fc from 'fast-check'
import { CustomerReader } from '../../../../application/customers/customerReader.js'
import { FleetBranchScope } from '../../../../application/customers/fleetBranchScope.js'
import { EventCatalogue } from '../../../../application/eventLog/eventCatalogue.js'
import type { Principal } from '../../../../domain/access/principal.js'
import { MemoryDocumentStore } from '../../../../infrastructure/documents/memory/memoryDocumentStore.js'
import { MemoryEventStore } from '../../../../infrastructure/event-store/memory/memoryEventStore.js'
import { knownEventDefinitions } from '../../../../projections/reports/reportLanguage.js'
import { type ReportPlatform, reportPlatform } from '../../../../projections/reports/reportPlatform.js'
import {
  CUSTOMERS,
  copyBase,
  FLEET,
  POINTS,
  ReportHistoryWriter,
  seededBase,
  stepArbitrary,
} from '../../../property/support/platformReportHistory.js'

export const principal = (id: string, role: string, tenant: Record<string, string>): Principal =>
  ({ id, role, tenant }) as unknown as Principal

export const READERS = {
  hq: principal('hq-1', 'head_office', { scope: 'network' }),
  manager: principal('mgr-1', 'service_point_manager', { scope: 'point', pointId: POINTS[0] }),
  fleet: principal('fm-1', 'fleet_manager', { scope: 'fleet', fleetId: FLEET }),
  customer: principal('cu-1', 'customer', { scope: 'customer', customerId: CUSTOMERS[0] }),
  employee: principal('emp-1', 'service_point_employee', { scope: 'point', pointId: POINTS[0] }),
}

export interface PlatformReports {
  readonly events: MemoryEventStore
  readonly documents: MemoryDocumentStore
  readonly reports: ReportPlatform
  readonly catalogue: EventCatalogue
  settle(): Promise<void>
  close(): Promise<void>
}

/** `branchScoped`: fleet managers appointed for some branches read only their rows (as composition wires it). */
export async function platformReports(steps = 400, seed = 3, branchScoped = false): Promise<PlatformReports> {
  const base = await seededBase()
  const events = new MemoryEventStore()
  await copyBase(base, events)
  const writer = new ReportHistoryWriter(events, base)
  for (const step of fc.sample(stepArbitrary, { numRuns: steps, seed })) await writer.perform(step)
  const documents = new MemoryDocumentStore()
  const catalogue = new EventCatalogue(knownEventDefinitions)
  const reports = await reportPlatform({
    events,
    documents,
    catalogue,
    tuning: { idleFlushMs: 1, retireDelayMs: 0, leaseRetryMs: 20, retryDelayMs: 20 },
    pollEveryMs: 50,
    ...(branchScoped ? { fleetBranches: new FleetBranchScope(new CustomerReader(events, catalogue)) } : {}),
  })
  reports.runtime.start()
  const settle = async () => {
    const head = await events.headPosition()
    for (const info of await reports.runtime.known()) {
      const runner = reports.runtime.runner(info.name)
      if (runner && info.kind !== 'core') await runner.waitForCheckpoint(head)
    }
  }
  await settle()
  return { events, documents, reports, catalogue, settle, close: () => reports.runtime.stop() }
}
