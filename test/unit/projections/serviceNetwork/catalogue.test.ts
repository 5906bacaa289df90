import assert from 'node:assert/strict'
import {
  CATALOGUE,
  type CatalogueGoodsView,
  type CatalogueServiceView,
} from '../../../../application/queries/catalogueViews.js'
import { catalogueProjection } from '../../../../projections/serviceNetwork/catalogueProjection.js'
import { PLN, runFlat, seasonalChange, sensor, valve } from './support/catalogueItems.js'
import { must, NETWORK, NetworkLog } from './support/networkLog.js'
import { project } from './support/project.js'

describe('catalogue projection', () => {
  it('lists services and goods; a change replaces the item, retiring keeps it inactive', async () => {
    const log = new NetworkLog()
    const c = (command: Parameters<NetworkLog['catalogue']>[0]) => log.catalogue(command).then(must)
    await c({ kind: 'AddService', networkId: NETWORK, service: seasonalChange })
    await c({ kind: 'AddService', networkId: NETWORK, service: runFlat })
    await c({ kind: 'ChangeService', networkId: NETWORK, service: { ...seasonalChange, price: PLN(140) } })
    await c({ kind: 'RetireService', networkId: NETWORK, code: 'RUNFLAT-FIT' })
    await c({ kind: 'AddGoods', networkId: NETWORK, goods: valve })
    await c({ kind: 'AddGoods', networkId: NETWORK, goods: sensor })
    await c({ kind: 'RetireGoods', networkId: NETWORK, sku: 'VALVE-TR414' })

    const { readModels } = await project(log.events, [catalogueProjection])
    const services = await readModels.collection<CatalogueServiceView>(CATALOGUE.projection, CATALOGUE.services)
    const goods = await readModels.collection<CatalogueGoodsView>(CATALOGUE.projection, CATALOGUE.goods)
    const change = await services.findOne({ code: 'TYRE-CHANGE' })
    assert.ok(change)
    assert.equal(change._id, 'net-1:TYRE-CHANGE')
    assert.deepEqual(change.price, PLN(140))
    assert.deepEqual(change.durationRules, seasonalChange.durationRules)
    assert.equal(change.search, 'tyre-change | seasonal tyre change | sezonowa wymiana opon')
    assert.equal(change.active, true)
    assert.deepEqual(
      (await services.find({ active: true }, { sort: { code: 1 } })).map((s) => s.code),
      ['TYRE-CHANGE'],
    )
    assert.equal((await services.findOne({ code: 'RUNFLAT-FIT' }))?.active, false)
    assert.deepEqual(
      (await goods.find({ active: true }, { sort: { kind: 1, sku: 1 } })).map((g) => g.sku),
      ['TPMS-433'],
    )
    assert.equal((await goods.findOne({ sku: 'VALVE-TR414' }))?.active, false)
  })
})
