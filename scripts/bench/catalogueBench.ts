// `npm run bench:catalogue`: folding a large service catalogue (one stream per network).
//
// A network imports 10,000 goods (BENCH_ITEMS) and 50 services, then changes a tenth of the goods
// and retires a hundredth. Timed, in memory (no store, so only the decider's cost shows):
//   1. fold: catalogueDecider.evolve over every event from the initial state (what the first read
//      of the catalogue does after the import);
//   2. import: deciding AddGoods for each item against the state folded so far, then folding the
//      event (what an import of the items one by one does);
//   3. view: the catalogue as the API lists it (catalogueView) from the folded state.
// Each figure is the median of BENCH_RUNS (default 5) runs after one untimed run. The last line
// printed is one JSON object: { items, events, foldMs, importMs, viewMs, runs }.
import { catalogueView } from '../../application/serviceNetwork/catalogueService.js'
import { type CatalogueState, catalogueDecider } from '../../domain/service-network/catalogueDecider.js'
import type { CatalogueEvent, GoodsDefinition, ServiceDefinition } from '../../domain/service-network/events.js'

const ITEMS = Number(process.env.BENCH_ITEMS ?? 10_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const NETWORK = 'bench-network'
const say = (line: string) => console.error(line)
const round = (ms: number) => Math.round(ms * 100) / 100

const goodsAt = (i: number, priceMinor = 1000 + i): GoodsDefinition => ({
  sku: `SKU-${String(i).padStart(6, '0')}`,
  kind: i % 3 === 0 ? 'tyre' : 'valve',
  names: { pl: `Towar ${i}`, en: `Goods ${i}` },
  price: { amountMinor: priceMinor, currency: 'PLN' },
  vatRatePercent: 23,
})

const serviceAt = (i: number): ServiceDefinition => ({
  code: `SERVICE-${i}`,
  names: { pl: `Usługa ${i}`, en: `Service ${i}` },
  baseMinutes: 30,
  durationRules: [],
  price: { amountMinor: 5000, currency: 'PLN' },
  vatRatePercent: 23,
  requiredFeatures: [],
  requiredSkill: null,
})

function history(): CatalogueEvent[] {
  const events: CatalogueEvent[] = []
  for (let i = 0; i < 50; i++)
    events.push({ type: 'CatalogueServiceAdded', data: { networkId: NETWORK, service: serviceAt(i) } })
  for (let i = 0; i < ITEMS; i++)
    events.push({ type: 'CatalogueGoodsAdded', data: { networkId: NETWORK, goods: goodsAt(i) } })
  for (let i = 0; i < ITEMS; i += 10)
    events.push({ type: 'CatalogueGoodsChanged', data: { networkId: NETWORK, goods: goodsAt(i, 99) } })
  for (let i = 5; i < ITEMS; i += 100)
    events.push({ type: 'CatalogueGoodsRetired', data: { networkId: NETWORK, sku: goodsAt(i).sku } })
  return events
}

function median(fn: () => void): number {
  fn()
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now()
    fn()
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)] as number
}

function main(): void {
  const events = history()
  let folded: CatalogueState = catalogueDecider.initialState
  const foldMs = median(() => {
    folded = events.reduce(catalogueDecider.evolve, catalogueDecider.initialState)
  })
  const importMs = median(() => {
    let state = catalogueDecider.initialState
    for (let i = 0; i < ITEMS; i++) {
      const decided = catalogueDecider.decide({ kind: 'AddGoods', networkId: NETWORK, goods: goodsAt(i) }, state)
      if (decided._tag === 'Left') throw new Error(decided.left.message)
      state = decided.right.reduce(catalogueDecider.evolve, state)
    }
  })
  let goodsListed = 0
  const viewMs = median(() => {
    goodsListed = catalogueView(NETWORK, folded).goods.length
  })
  if (goodsListed !== ITEMS) throw new Error(`expected ${ITEMS} goods in the view, got ${goodsListed}`)

  say(`| what (median of ${RUNS}, ${ITEMS} goods, ${events.length} events) | measured |`)
  say('| ------------------------------------------------------------- | -------- |')
  say(`| fold the catalogue stream from its first event                 | ${round(foldMs)} ms |`)
  say(`| import: decide AddGoods and fold, item by item                 | ${round(importMs)} ms |`)
  say(`| catalogue view (sorted services and goods) from the state      | ${round(viewMs)} ms |`)
  console.log(
    JSON.stringify({
      items: ITEMS,
      events: events.length,
      foldMs: round(foldMs),
      importMs: round(importMs),
      viewMs: round(viewMs),
      runs: RUNS,
    }),
  )
}

main()
