// A definition's filters follow the document store's Mongo subset, over the event.
import assert from 'node:assert/strict'
import type { EventContext } from '../../../projections/reports/compile/eventContext.js'
import { compileFilter } from '../../../projections/reports/compile/filterMatcher.js'

const event: EventContext = {
  type: 'BookingRequested',
  streamId: 'booking-b1',
  data: {
    pointId: 'p1',
    durationMinutes: 90,
    note: null,
    services: [
      { code: 'TYRE-CHANGE', minutes: 60 },
      { code: 'BALANCE', minutes: 30 },
    ],
    tags: ['winter', 'vip'],
    vehicle: { plate: 'WA12345', rimInches: 17 },
  },
  metadata: { actor: { id: 'c1', role: 'customer' }, occurredAt: '2026-03-01T06:00:00.000Z' },
  remembered: { city: 'Kraków' },
}

const matches = (filter: Record<string, unknown>) => compileFilter(filter)(event)

describe('report filters', () => {
  it('implicit equality, operators and ranges on numbers and text', () => {
    assert.ok(matches({ type: 'BookingRequested', 'data.pointId': 'p1' }))
    assert.ok(!matches({ type: 'BookingCancelled' }))
    assert.ok(matches({ 'data.durationMinutes': { $gte: 90, $lt: 120 } }))
    assert.ok(!matches({ 'data.durationMinutes': { $gt: 90 } }))
    assert.ok(matches({ 'metadata.occurredAt': { $gte: '2026-03-01', $lt: '2026-03-02' } }))
    assert.ok(!matches({ 'data.durationMinutes': { $gt: '80' } }), 'a number is not compared with text')
    assert.ok(matches({ 'data.vehicle': { plate: 'WA12345', rimInches: 17 } }))
    assert.ok(!matches({ 'data.vehicle': { rimInches: 17, plate: 'WA12345' } }), 'whole objects compare in order')
    assert.ok(matches({ 'metadata.actor.role': { $in: ['customer', 'fleet_manager'] } }))
    assert.ok(matches({ 'metadata.actor.role': { $nin: ['head_office'] } }))
    assert.ok(matches({ 'remembered.city': 'Kraków' }))
  })

  it('null matches a missing field; $exists tells them apart', () => {
    assert.ok(matches({ 'data.note': null }))
    assert.ok(matches({ 'data.missing': null }))
    assert.ok(matches({ 'data.note': { $exists: true } }))
    assert.ok(!matches({ 'data.missing': { $exists: true } }))
    assert.ok(matches({ 'data.missing': { $exists: false } }))
    assert.ok(!matches({ 'data.pointId': { $ne: 'p1' } }))
    assert.ok(matches({ 'data.missing': { $ne: 'x' } }))
  })

  it('paths look into lists as MongoDB does: any element, or an element by index', () => {
    assert.ok(matches({ 'data.services.code': 'BALANCE' }))
    assert.ok(matches({ 'data.services.minutes': { $gt: 45 } }))
    assert.ok(!matches({ 'data.services.code': 'ALIGN' }))
    assert.ok(matches({ 'data.services.0.code': 'TYRE-CHANGE' }))
    assert.ok(!matches({ 'data.services.1.code': 'TYRE-CHANGE' }))
    assert.ok(matches({ 'data.tags': 'vip' }))
    assert.ok(matches({ 'data.tags': ['winter', 'vip'] }))
    assert.ok(!matches({ 'data.services.code': { $nin: ['BALANCE'] } }))
  })

  it('$and and $or combine filters', () => {
    assert.ok(matches({ $or: [{ type: 'BookingCancelled' }, { 'data.pointId': 'p1' }] }))
    assert.ok(!matches({ $and: [{ type: 'BookingRequested' }, { 'data.pointId': 'p2' }] }))
    assert.ok(matches({ $and: [{ type: 'BookingRequested' }, { $or: [{ 'data.tags': 'vip' }, { 'data.x': 1 }] }] }))
  })
})
