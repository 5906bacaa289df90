import assert from 'node:assert/strict'
import {
  DEFAULT_VISIT_SERVICES,
  DueServiceConfigError,
  loadDueServiceRules,
} from '../../../infrastructure/dueServices/dueServiceConfig.js'

describe('due-service settings', () => {
  it('default to the demo catalogue’s services and the usual tread minimums', () => {
    const rules = loadDueServiceRules({})
    assert.deepEqual(rules.visitServices, DEFAULT_VISIT_SERVICES)
    assert.deepEqual(rules.treadLimits, {
      legalMinimumMm: 1.6,
      recommendedMinimumMm: { summer: 3, winter: 4, all_season: 4 },
    })
  })

  it('take services per kind (several joined with +, - for none) and a fleet’s stricter tread minimums', () => {
    const rules = loadDueServiceRules({
      DUE_VISIT_SERVICES: 'inspection=INSPECTION; tyre_replacement=TYRE_CHANGE+BALANCING; warranty_end=-',
      DUE_TREAD_MIN_MM: 'summer=2.5;winter=3.5',
    })
    assert.deepEqual(rules.visitServices.inspection, ['INSPECTION'])
    assert.deepEqual(rules.visitServices.tyre_replacement, ['TYRE_CHANGE', 'BALANCING'])
    assert.equal(rules.visitServices.warranty_end, null)
    assert.deepEqual(rules.visitServices.recommendations, DEFAULT_VISIT_SERVICES.recommendations)
    assert.deepEqual(rules.treadLimits.recommendedMinimumMm, { summer: 2.5, winter: 3.5, all_season: 4 })
  })

  it('refuses what it cannot read, saying which setting and why', () => {
    assert.throws(() => loadDueServiceRules({ DUE_VISIT_SERVICES: 'oil_change=OIL' }), DueServiceConfigError)
    assert.throws(
      () => loadDueServiceRules({ DUE_VISIT_SERVICES: 'inspection' }),
      /DUE_VISIT_SERVICES: "inspection" must be key=value/,
    )
    assert.throws(
      () => loadDueServiceRules({ DUE_TREAD_MIN_MM: 'winter=1.2' }),
      /DUE_TREAD_MIN_MM: winter must be 1.6 to 10 mm/,
    )
    assert.throws(() => loadDueServiceRules({ DUE_TREAD_MIN_MM: 'spring=3' }), /unknown season spring/)
  })
})
