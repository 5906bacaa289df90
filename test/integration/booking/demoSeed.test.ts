// The demo seed on memory stores, at a small scale: it builds the network through the services,
// its logins work, and the same seed on the same date builds the same log.
import assert from 'node:assert/strict'
import { isRight } from 'fp-ts/lib/Either.js'
import { AuthService } from '../../../application/access/authService.js'
import { bookingPlatform } from '../../../application/booking/bookingPlatform.js'
import type { RecordedEvent } from '../../../application/ports/eventStore.js'
import { eventCatalogue } from '../../../infrastructure/composition.js'
import { MemoryDocumentStore } from '../../../infrastructure/documents/memory/memoryDocumentStore.js'
import { MemoryEventStore } from '../../../infrastructure/event-store/memory/memoryEventStore.js'
import { DocumentCredentialStore } from '../../../infrastructure/security/documentCredentialStore.js'
import { JoseTokenService } from '../../../infrastructure/security/joseTokenService.js'
import { ScryptPasswordHasher } from '../../../infrastructure/security/scryptPasswordHasher.js'
import { DEMO_PASSWORD } from '../../../scripts/demo/demoData.js'
import { DemoAlreadySeeded } from '../../../scripts/demo/seedNetwork.js'
import { seedDemoPlatform } from '../../../scripts/demo/seedPlatform.js'

const NOW = new Date('2026-11-26T10:00:00.000Z')
const small = { now: NOW, customers: 6, bookingsPerBayDay: 0.4, pastDays: 6, futureDays: 3 }

async function seeded() {
  const eventStore = new MemoryEventStore()
  const documentStore = new MemoryDocumentStore()
  const catalogue = eventCatalogue()
  const platform = {
    stores: { eventStore, documentStore },
    catalogue,
    network: bookingPlatform({ store: eventStore, catalogue }),
  }
  const summary = await seedDemoPlatform(platform, small)
  const events: RecordedEvent[] = []
  for await (const e of eventStore.readAll()) events.push(e)
  return { platform, summary, events, eventStore, documentStore, catalogue }
}

describe('demo seed', function () {
  this.timeout(30_000)

  it('builds 12 points, the catalogue, staff, customers and bookings through the services; the logins work', async () => {
    const { summary, events, eventStore, documentStore, catalogue } = await seeded()
    assert.equal(summary.points, 12)
    assert.equal(summary.customers, 6)
    assert.ok(summary.bookings.made > 50, JSON.stringify(summary.bookings))
    assert.ok(summary.bookings.completed > 0 && summary.bookings.upcoming > 0, JSON.stringify(summary.bookings))
    const count = (type: string) => events.filter((e) => e.type === type).length
    assert.equal(count('ServicePointCreated'), 12)
    assert.ok(count('CatalogueServiceAdded') >= 10)
    assert.ok(count('ShiftPlanned') > 500)
    assert.equal(
      count('BookingRequested'),
      summary.bookings.made + count('BookingCancelled') - summary.bookings.cancelled,
    )
    const login = new AuthService({
      store: eventStore,
      catalogue,
      hasher: new ScryptPasswordHasher(),
      credentials: new DocumentCredentialStore(documentStore),
      tokens: new JoseTokenService({ secret: 'demo-seed-test-secret-long-enough-for-hs256' }),
    })
    for (const { email } of summary.logins) assert.ok(isRight(await login.login(email, DEMO_PASSWORD, NOW)), email)
  })

  it('is deterministic: the same seed and date build the same streams', async () => {
    const [a, b] = [await seeded(), await seeded()]
    // Streams of different points (and accounts registered side by side) interleave in the log in
    // any order; each stream's content is the same.
    const shape = (events: RecordedEvent[]) =>
      events
        .map(
          (e) => [`${e.streamId}@${String(e.revision).padStart(6, '0')}`, e.type, e.data, e.metadata.eventId] as const,
        )
        .sort((x, y) => (x[0] < y[0] ? -1 : 1))
    assert.deepEqual(shape(a.events), shape(b.events))
  })

  it('logs how long each phase took, in the order they ran', async () => {
    const lines: string[] = []
    const eventStore = new MemoryEventStore()
    const catalogue = eventCatalogue()
    await seedDemoPlatform(
      {
        stores: { eventStore, documentStore: new MemoryDocumentStore() },
        catalogue,
        network: bookingPlatform({ store: eventStore, catalogue }),
      },
      { ...small, log: (line) => lines.push(line) },
    )
    const summary = lines.filter((l) => l.startsWith('seed phases: '))
    assert.equal(summary.length, 1, lines.join('\n'))
    const phases = [...(summary[0] as string).matchAll(/([a-z][a-z ]*?) (\d+\.\d) s/g)].map((m) => m[1])
    assert.deepEqual(phases.slice(0, 4), ['accounts', 'catalogue', 'bookings', 'equipment'])
    assert.ok(phases.includes('business tickets and billing'), summary[0])
    assert.match(summary[0] as string, /; total \d+\.\d s \(done\)$/)
  })

  it('refuses to seed twice', async () => {
    const { platform } = await seeded()
    await assert.rejects(seedDemoPlatform(platform, small), DemoAlreadySeeded)
  })
})
