// The network's catalogue of services and goods: head office keeps it (one stream,
// `catalogue-<networkId>`, see catalogueDecider.ts for why one); anybody may read it.
import { type Either, isLeft, left, right } from 'fp-ts/lib/Either.js'
import { actorOf, type Principal } from '../../domain/access/principal.js'
import {
  type CatalogueState,
  catalogueDecider,
  catalogueGoodsItems,
  catalogueServices,
  catalogueStream,
} from '../../domain/service-network/catalogueDecider.js'
import type { CatalogueCommand } from '../../domain/service-network/commands.js'
import type { GoodsDefinition, ServiceDefinition } from '../../domain/service-network/events.js'
import type { DomainError } from '../../domain/shared/decider.js'
import { handleCommand } from '../commands/handleCommand.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import type { EventStore } from '../ports/eventStore.js'
import type { NetworkReader } from './networkReader.js'
import { mayEditCatalogue } from './pointAccess.js'
import type { RequestMeta } from './servicePointService.js'

type WithoutNetwork<C> = C extends unknown ? Omit<C, 'networkId'> : never
export type CatalogueChange = WithoutNetwork<CatalogueCommand>

export interface CatalogueView {
  readonly networkId: string
  readonly services: ReadonlyArray<ServiceDefinition & { readonly retired: boolean }>
  readonly goods: ReadonlyArray<GoodsDefinition & { readonly retired: boolean }>
}

export function catalogueView(networkId: string, state: CatalogueState): CatalogueView {
  const byKey = <T>(items: Array<[string, { definition: T; retired: boolean }]>) =>
    items.map(([, item]) => ({ ...item.definition, retired: item.retired }))
  return { networkId, services: byKey(catalogueServices(state)), goods: byKey(catalogueGoodsItems(state)) }
}

export interface CatalogueServiceDeps {
  readonly store: EventStore
  readonly catalogue: EventCatalogue
  readonly reader: NetworkReader
}

export class CatalogueService {
  constructor(private readonly deps: CatalogueServiceDeps) {}

  async get(): Promise<CatalogueView> {
    return catalogueView(this.deps.reader.networkId, await this.deps.reader.catalogue())
  }

  async change(by: Principal, change: CatalogueChange, meta: RequestMeta): Promise<Either<DomainError, CatalogueView>> {
    const denied = mayEditCatalogue(by)
    if (denied) return left(denied)
    const networkId = this.deps.reader.networkId
    const outcome = await handleCommand({
      store: this.deps.store,
      catalogue: this.deps.catalogue,
      decider: catalogueDecider,
      streamId: catalogueStream(networkId),
      command: { ...change, networkId } as CatalogueCommand,
      context: { ...meta, actor: actorOf(by) },
    })
    return isLeft(outcome) ? outcome : right(await this.get())
  }
}
