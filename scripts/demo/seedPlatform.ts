// The demo network on a composed platform: what `npm run seed:demo` and the first `npm start` of an
// empty embedded installation call.
//
// Demo accounts are hashed at a lower scrypt cost (2^12 instead of 2^15): 240 accounts at the full
// cost take half a minute of CPU on two cores, and their password is printed for all to see anyway.
// The first login re-hashes a demo password at the full cost (AuthService's needsRehash).
//
// On the embedded SQLite store the seed runs with commits not fsynced one by one
// (SqliteEventStore.withBatchedSync: synchronous=NORMAL while seeding, FULL restored and the WAL
// checkpointed, so synced, before it returns). Safe because the seed writes demo data into a new
// installation: a power cut in the middle can only lose the seed's own last commits (WAL mode never
// corrupts the file), and what was committed before the seed was synced already. Every event
// still goes through the services, with its hash chain; only the fsync per commit is saved (with
// ~3,000 group commits, that was most of the seed's time on a loaded machine).
//
// Each phase's duration is logged at the end ("seed phases: …"), for docs/performance.md.
import { AccountService } from '../../application/access/accountService.js'
import { deterministicUuid } from '../../application/commands/commandContext.js'
import { repairPlatform } from '../../application/workOrders/repairPlatform.js'
import type { Platform, Stores } from '../../infrastructure/composition.js'
import { SqliteEventStore } from '../../infrastructure/event-store/sqlite/sqliteEventStore.js'
import { DocumentCredentialStore } from '../../infrastructure/security/documentCredentialStore.js'
import { ScryptPasswordHasher } from '../../infrastructure/security/scryptPasswordHasher.js'
import { type BusinessSummary, seedBusiness } from './seedBusiness.js'
import { DemoAlreadySeeded, type DemoOptions, type DemoSummary, seedDemo } from './seedNetwork.js'
import { type RepairSummary, seedRepairs } from './seedRepairs.js'

export { DemoAlreadySeeded }

export async function seedDemoPlatform(
  platform: {
    readonly stores: Pick<Stores, 'eventStore' | 'documentStore'>
    readonly catalogue: Platform['catalogue']
    readonly network: Platform['network']
    /** The repair side; when absent, one is built over the same stores (tests, older callers). */
    readonly repair?: Platform['repair']
  },
  options: Partial<DemoOptions> = {},
): Promise<DemoSummary & { readonly repair: RepairSummary | null; readonly business?: BusinessSummary | null }> {
  const phases = new PhaseClock(options.log)
  const store = platform.stores.eventStore
  const seeded = await (store instanceof SqliteEventStore
    ? store.withBatchedSync(() => seedAll(platform, { ...options, log: phases.log }))
    : seedAll(platform, { ...options, log: phases.log }))
  phases.end(store instanceof SqliteEventStore ? 'durable (synced)' : 'done')
  return seeded
}

/**
 * Times the seed's phases: a phase begins at a log line ending in "…" and lasts until the next such
 * line (or the end); the summary names each by its line's first words.
 */
class PhaseClock {
  private readonly started = performance.now()
  private readonly done: Array<{ name: string; ms: number }> = []
  private current: { name: string; at: number } | null = null

  constructor(private readonly out: ((line: string) => void) | undefined) {}

  readonly log = (line: string): void => {
    if (line.endsWith('…') && !line.startsWith(' ')) {
      this.close()
      this.current = { name: line.replace(/[:,…].*$/s, '').trim(), at: performance.now() }
      const business = /^business: ([^,…]+)/.exec(line)
      if (business?.[1]) this.current.name = `business ${business[1].trim()}`
    }
    this.out?.(line)
  }

  end(what: string): void {
    this.close()
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`
    this.out?.(
      `seed phases: ${this.done.map((p) => `${p.name} ${seconds(p.ms)}`).join(', ')}; total ${seconds(performance.now() - this.started)} (${what})`,
    )
  }

  private close(): void {
    if (this.current) this.done.push({ name: this.current.name, ms: performance.now() - this.current.at })
    this.current = null
  }
}

async function seedAll(
  platform: Parameters<typeof seedDemoPlatform>[0],
  options: Partial<DemoOptions>,
): Promise<DemoSummary & { readonly repair: RepairSummary | null; readonly business?: BusinessSummary | null }> {
  let n = 0
  const accounts = new AccountService({
    store: platform.stores.eventStore,
    catalogue: platform.catalogue,
    hasher: new ScryptPasswordHasher({ logN: 12, r: 8, p: 1 }),
    credentials: new DocumentCredentialStore(platform.stores.documentStore),
    // Account ids in registration order, so the same seed gives the same ids.
    newId: () => deterministicUuid(`demo-account|${++n}`),
  })
  const settings = { now: new Date(), ...options }
  const summary = await seedDemo({ network: platform.network, accounts }, settings)
  // The repair side when this installation knows its events (the composed platform always does).
  if (!platform.catalogue.has('WorkOrderOpened')) return { ...summary, repair: null }
  const repair =
    platform.repair ??
    repairPlatform({
      store: platform.stores.eventStore,
      catalogue: platform.catalogue,
      reader: platform.network.reader,
      codeSecret: 'demo-seed',
    })
  const repaired = await seedRepairs(repair, summary, {
    now: settings.now,
    ...(settings.seed !== undefined ? { seed: settings.seed } : {}),
    ...(settings.log ? { log: settings.log } : {}),
  })
  // The business side (customers' records, fleets, contracts, tickets, billing) when this
  // installation knows its events (the composed platform always does).
  const business = platform.catalogue.has('FleetRegistered')
    ? await seedBusiness(
        { store: platform.stores.eventStore, catalogue: platform.catalogue, network: platform.network },
        summary,
        {
          now: settings.now,
          ...(settings.seed !== undefined ? { seed: settings.seed } : {}),
          ...(settings.log ? { log: settings.log } : {}),
        },
      )
    : null
  return { ...summary, repair: repaired, business }
}

export function demoLoginLines(
  summary: DemoSummary & { readonly repair?: RepairSummary | null; readonly business?: BusinessSummary | null },
): string[] {
  const width = Math.max(...summary.logins.map((l) => l.email.length))
  return [
    `demo network: ${summary.points} service points, ${summary.customers} customers, ${summary.bookings.made} bookings ` +
      `(${summary.bookings.completed} completed, ${summary.bookings.noShow} no-shows, ${summary.bookings.cancelled} cancelled, ` +
      `${summary.bookings.upcoming} upcoming)`,
    ...(summary.repair
      ? [
          `repair: ${summary.repair.equipment} cars with ${summary.repair.tyres} tyres in the registry, work orders: ` +
            Object.entries(summary.repair.workOrders)
              .map(([state, count]) => `${count} ${state.replace(/_/g, ' ')}`)
              .join(', '),
        ]
      : []),
    ...(summary.business
      ? [
          `business: ${summary.business.customers} customer records, ${summary.business.fleets} fleets with ` +
            `${summary.business.vehicles} vehicles, ${summary.business.contracts} contracts, ${summary.business.tickets} tickets, ` +
            `${summary.business.invoices} monthly invoices`,
        ]
      : []),
    `demo logins (password for all: ${summary.password}):`,
    ...summary.logins.map((l) => `  ${l.email.padEnd(width)}  ${l.who}`),
  ]
}
