// The service catalogue aggregate: one stream per network, `catalogue-<networkId>`.
// Why one stream for the whole catalogue rather than one per item: codes and SKUs must be unique
// across the network, which one decider can guarantee and per-item streams cannot (two concurrent
// "add TYRE-CHANGE" would both succeed); the catalogue is small (hundreds of items) and edited
// rarely by head office, so contention is negligible; and duration/price computation needs the
// whole catalogue anyway, which is then a single stream read (or one cached state).
// The items are kept in bucketed maps (shared/bucketMap.ts), not plain records copied on every
// event: a network importing 10,000 goods made the fold quadratic (68 s for the first read).
import { type Either, left, right } from 'fp-ts/lib/Either.js'
import { AppendList } from '../shared/appendList.js'
import { type BucketMap, bucketEntries, bucketGet, bucketSet, emptyBucketMap } from '../shared/bucketMap.js'
import { type Decider, type DomainError, domainError } from '../shared/decider.js'
import { moneyProblems } from '../shared/money.js'
import { type FieldProblem, nonBlank, validId } from '../shared/validation.js'
import type { CatalogueCommand } from './commands.js'
import type { CatalogueEvent, GoodsDefinition, LocalizedText, ServiceDefinition } from './events.js'

export const catalogueStream = (networkId: string): string => `catalogue-${networkId}`

export interface CatalogueItem<D> {
  readonly definition: D
  readonly retired: boolean
}

export interface CatalogueState {
  readonly networkId: string | null
  /** By service code; read with catalogueService / catalogueServices. */
  readonly services: BucketMap<CatalogueItem<ServiceDefinition>>
  /** Service codes in the order they were first added (codes are never reused). */
  readonly serviceCodes: AppendList<string>
  /** By SKU; read with catalogueGoods / catalogueGoodsItems. */
  readonly goods: BucketMap<CatalogueItem<GoodsDefinition>>
}

export const initialCatalogueState: CatalogueState = {
  networkId: null,
  services: emptyBucketMap(),
  serviceCodes: AppendList.empty(),
  goods: emptyBucketMap(),
}

/** The service with this code, retired or not. */
export const catalogueService = (
  state: Pick<CatalogueState, 'services'>,
  code: string,
): CatalogueItem<ServiceDefinition> | undefined => bucketGet(state.services, code)

/** The goods with this SKU, retired or not. */
export const catalogueGoods = (
  state: Pick<CatalogueState, 'goods'>,
  sku: string,
): CatalogueItem<GoodsDefinition> | undefined => bucketGet(state.goods, sku)

/** Every service, retired or not, as [code, item] sorted by code. */
export const catalogueServices = (state: CatalogueState): Array<[string, CatalogueItem<ServiceDefinition>]> =>
  bucketEntries(state.services)

/** Every service, retired or not, in the order the codes were first added. */
export const catalogueServicesAsAdded = (state: CatalogueState): Array<[string, CatalogueItem<ServiceDefinition>]> =>
  state.serviceCodes.map((code) => [code, bucketGet(state.services, code) as CatalogueItem<ServiceDefinition>])

/** Every goods item, retired or not, as [sku, item] sorted by SKU. */
export const catalogueGoodsItems = (state: CatalogueState): Array<[string, CatalogueItem<GoodsDefinition>]> =>
  bucketEntries(state.goods)

/** Locales every name must have; others (ro, ru…) are optional. */
export const REQUIRED_LOCALES = ['pl', 'en'] as const
const SERVICE_CODE = /^[A-Z0-9][A-Z0-9_-]{1,39}$/
const SKU = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/
export const MAX_SERVICE_MINUTES = 24 * 60

function namesProblems(names: LocalizedText, path: string): FieldProblem[] {
  return [
    ...REQUIRED_LOCALES.flatMap((l) => nonBlank(names[l] ?? '', `${path}.${l}`)),
    ...Object.keys(names)
      .filter((l) => !/^[a-z]{2}$/.test(l))
      .map((l) => ({ path: `${path}.${l}`, message: 'locale must be a two-letter language code' })),
  ]
}

const isMinutes = (n: number) => Number.isInteger(n) && n > 0 && n <= MAX_SERVICE_MINUTES

function vatProblems(rate: number, path: string): FieldProblem[] {
  return Number.isInteger(rate) && rate >= 0 && rate <= 100
    ? []
    : [{ path, message: 'must be a whole percentage between 0 and 100 (23, 8, 5, 0 in Poland)' }]
}

function serviceProblems(s: ServiceDefinition): FieldProblem[] {
  const p: FieldProblem[] = [
    ...(SERVICE_CODE.test(s.code)
      ? []
      : [{ path: 'service.code', message: 'must be 2-40 characters of A-Z, 0-9, _ and -' }]),
    ...namesProblems(s.names, 'service.names'),
    ...moneyProblems(s.price, 'service.price'),
    ...vatProblems(s.vatRatePercent, 'service.vatRatePercent'),
  ]
  if (!isMinutes(s.baseMinutes))
    p.push({ path: 'service.baseMinutes', message: `must be whole minutes between 1 and ${MAX_SERVICE_MINUTES}` })
  const keys = new Set<string>()
  s.durationRules.forEach((r, i) => {
    const path = `service.durationRules[${i}]`
    if (!isMinutes(r.minutes))
      p.push({ path: `${path}.minutes`, message: `must be whole minutes between 1 and ${MAX_SERVICE_MINUTES}` })
    if (r.wheels !== null && !(Number.isInteger(r.wheels) && r.wheels >= 1 && r.wheels <= 12))
      p.push({ path: `${path}.wheels`, message: 'must be a whole number of wheels between 1 and 12' })
    if (r.vehicleClass === null && r.wheels === null)
      p.push({ path, message: 'must name a vehicle class, a number of wheels or both' })
    const key = `${r.vehicleClass}|${r.wheels}`
    if (keys.has(key)) p.push({ path, message: 'repeats the vehicle class and wheels of an earlier rule' })
    keys.add(key)
  })
  if (new Set(s.requiredFeatures).size !== s.requiredFeatures.length)
    p.push({ path: 'service.requiredFeatures', message: 'must not repeat a feature' })
  return p
}

function goodsProblems(g: GoodsDefinition): FieldProblem[] {
  return [
    ...(SKU.test(g.sku) ? [] : [{ path: 'goods.sku', message: 'must be 1-64 characters of letters, digits, . _ -' }]),
    ...namesProblems(g.names, 'goods.names'),
    ...moneyProblems(g.price, 'goods.price'),
    ...vatProblems(g.vatRatePercent, 'goods.vatRatePercent'),
  ]
}

type Decision = Either<DomainError, ReadonlyArray<CatalogueEvent>>
const invalid = (problems: FieldProblem[]): Decision =>
  left(domainError('invalid', 'CATALOGUE_ITEM_INVALID', 'the catalogue item is invalid', problems))
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

function decide(command: CatalogueCommand, state: CatalogueState): Decision {
  const idProblems = validId(command.networkId, 'networkId')
  if (idProblems.length > 0) return invalid(idProblems)
  if (state.networkId !== null && state.networkId !== command.networkId)
    return left(domainError('conflict', 'CATALOGUE_NETWORK_MISMATCH', 'this catalogue belongs to another network'))
  const networkId = command.networkId
  switch (command.kind) {
    case 'AddService': {
      const problems = serviceProblems(command.service)
      if (problems.length > 0) return invalid(problems)
      const existing = catalogueService(state, command.service.code)
      // Codes are never reused, even after retirement: old bookings refer to them.
      if (existing)
        return same(existing.definition, command.service) && !existing.retired
          ? right([])
          : left(domainError('conflict', 'SERVICE_CODE_TAKEN', `service code ${command.service.code} is taken`))
      return right([{ type: 'CatalogueServiceAdded', data: { networkId, service: command.service } }])
    }
    case 'ChangeService': {
      const problems = serviceProblems(command.service)
      if (problems.length > 0) return invalid(problems)
      const existing = catalogueService(state, command.service.code)
      if (!existing) return left(domainError('not_found', 'SERVICE_NOT_FOUND', `no service ${command.service.code}`))
      if (existing.retired)
        return left(domainError('conflict', 'SERVICE_RETIRED', `${command.service.code} is retired`))
      return same(existing.definition, command.service)
        ? right([])
        : right([{ type: 'CatalogueServiceChanged', data: { networkId, service: command.service } }])
    }
    case 'RetireService': {
      const existing = catalogueService(state, command.code)
      if (!existing) return left(domainError('not_found', 'SERVICE_NOT_FOUND', `no service ${command.code}`))
      return existing.retired
        ? right([])
        : right([{ type: 'CatalogueServiceRetired', data: { networkId, code: command.code } }])
    }
    case 'AddGoods': {
      const problems = goodsProblems(command.goods)
      if (problems.length > 0) return invalid(problems)
      const existing = catalogueGoods(state, command.goods.sku)
      if (existing)
        return same(existing.definition, command.goods) && !existing.retired
          ? right([])
          : left(domainError('conflict', 'SKU_TAKEN', `SKU ${command.goods.sku} is taken`))
      return right([{ type: 'CatalogueGoodsAdded', data: { networkId, goods: command.goods } }])
    }
    case 'ChangeGoods': {
      const problems = goodsProblems(command.goods)
      if (problems.length > 0) return invalid(problems)
      const existing = catalogueGoods(state, command.goods.sku)
      if (!existing) return left(domainError('not_found', 'GOODS_NOT_FOUND', `no goods ${command.goods.sku}`))
      if (existing.retired) return left(domainError('conflict', 'GOODS_RETIRED', `${command.goods.sku} is retired`))
      return same(existing.definition, command.goods)
        ? right([])
        : right([{ type: 'CatalogueGoodsChanged', data: { networkId, goods: command.goods } }])
    }
    case 'RetireGoods': {
      const existing = catalogueGoods(state, command.sku)
      if (!existing) return left(domainError('not_found', 'GOODS_NOT_FOUND', `no goods ${command.sku}`))
      return existing.retired
        ? right([])
        : right([{ type: 'CatalogueGoodsRetired', data: { networkId, sku: command.sku } }])
    }
  }
}

function evolve(state: CatalogueState, event: CatalogueEvent): CatalogueState {
  const networkId = event.data.networkId
  switch (event.type) {
    case 'CatalogueServiceAdded':
    case 'CatalogueServiceChanged': {
      const code = event.data.service.code
      return {
        ...state,
        networkId,
        services: bucketSet(state.services, code, { definition: event.data.service, retired: false }),
        serviceCodes: catalogueService(state, code) ? state.serviceCodes : state.serviceCodes.append(code),
      }
    }
    case 'CatalogueServiceRetired': {
      const item = catalogueService(state, event.data.code)
      return item
        ? { ...state, networkId, services: bucketSet(state.services, event.data.code, { ...item, retired: true }) }
        : state
    }
    case 'CatalogueGoodsAdded':
    case 'CatalogueGoodsChanged':
      return {
        ...state,
        networkId,
        goods: bucketSet(state.goods, event.data.goods.sku, { definition: event.data.goods, retired: false }),
      }
    case 'CatalogueGoodsRetired': {
      const item = catalogueGoods(state, event.data.sku)
      return item
        ? { ...state, networkId, goods: bucketSet(state.goods, event.data.sku, { ...item, retired: true }) }
        : state
    }
  }
}

export const catalogueDecider: Decider<CatalogueCommand, CatalogueState, CatalogueEvent> = {
  initialState: initialCatalogueState,
  decide,
  evolve,
}
