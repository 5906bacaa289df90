// What a message says about the service point (name, address, time zone, country), folded from
// the point's own stream rather than a read model: the worker then never writes a message from a
// read model that has not caught up yet. Cached briefly; points change rarely.

import type { Address } from '../../domain/service-network/events.js'
import { servicePointEventCodecs } from '../../domain/service-network/events.js'
import type { EventStore } from '../ports/eventStore.js'

export interface PointFacts {
  readonly pointId: string
  readonly name: string
  readonly address: Address | null
  readonly timeZone: string
  /** ISO 3166 alpha-2 from the address; null when unknown. */
  readonly country: string | null
}

export interface PointFactsSource {
  pointFacts(pointId: string): Promise<PointFacts | null>
}

export class PointFactsFromLog implements PointFactsSource {
  private readonly cache = new Map<string, { readonly at: number; readonly facts: PointFacts | null }>()

  constructor(
    private readonly events: EventStore,
    private readonly ttlMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  async pointFacts(pointId: string): Promise<PointFacts | null> {
    const cached = this.cache.get(pointId)
    if (cached && this.now() - cached.at < this.ttlMs) return cached.facts
    const facts = await this.read(pointId)
    this.cache.set(pointId, { at: this.now(), facts })
    return facts
  }

  private async read(pointId: string): Promise<PointFacts | null> {
    let facts = null as PointFacts | null
    for await (const event of this.events.readStream(`servicepoint-${pointId}`)) {
      if (event.type === 'ServicePointCreated') {
        const d = servicePointEventCodecs.ServicePointCreated.decode(event.data)
        if (d._tag === 'Right')
          facts = {
            pointId,
            name: d.right.name,
            address: d.right.address,
            timeZone: d.right.timeZone,
            country: d.right.address.country || null,
          }
      } else if (facts && event.type === 'ServicePointDetailsChanged') {
        const d = servicePointEventCodecs.ServicePointDetailsChanged.decode(event.data)
        if (d._tag === 'Right')
          facts = { ...facts, name: d.right.name, address: d.right.address, country: d.right.address.country || null }
      } else if (facts && event.type === 'ServicePointTimeZoneChanged') {
        const d = servicePointEventCodecs.ServicePointTimeZoneChanged.decode(event.data)
        if (d._tag === 'Right') facts = { ...facts, timeZone: d.right.timeZone }
      }
    }
    return facts
  }
}
