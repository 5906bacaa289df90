// The definition language's checks: what a good definition becomes, and every kind of bad input
// answered with the line to fix, in YAML and in JSON.
import assert from 'node:assert/strict'
import { isLeft, isRight } from 'fp-ts/lib/Either.js'
import type { DefinitionProblem } from '../../../application/reports/reportPorts.js'
import { planQuery } from '../../../application/reports/reportTable.js'
import type { EntityId } from '../../../domain/access/fields.js'
import { builtInPresets } from '../../../projections/reports/builtIn/builtInPresets.js'
import { builtInReportDefinitions } from '../../../projections/reports/builtIn/builtInReports.js'
import { loadCustomProjections } from '../../../projections/reports/customProjections.js'
import { checkDefinitionSource } from '../../../projections/reports/definition/checkDefinition.js'
import { language } from './support/language.js'

const GOOD_YAML = `# bookings made per point and day
name: perPoint
title: Bookings per point
events: [BookingRequested, BookingCancelled]
remember:
  - name: pointId
    from: BookingRequested
    path: data.pointId
filter:
  data.vehicle.vehicleClass: { $in: [passenger, suv] }
groupBy:
  - path: remembered.pointId
  - bucket: week
    timeZone: Europe/Warsaw
measures:
  - { name: bookings, op: count, filter: { type: BookingRequested } }
  - name: minutes
    op: sum
    path: data.durationMinutes
  - name: lead
    op: avg
    duration: { from: metadata.occurredAt, to: data.slot.start, unit: hours }
  - { name: plates, op: distinct, path: data.vehicle.plate }
scope:
  pointId: pointId
`

function problemsOf(format: 'yaml' | 'json', text: string): DefinitionProblem[] {
  const checked = checkDefinitionSource(format, text, language.events)
  assert.ok(isLeft(checked), 'expected the definition to be refused')
  return checked.left
}

function oneProblem(format: 'yaml' | 'json', text: string, line: number, pattern: RegExp): DefinitionProblem {
  const problems = problemsOf(format, text)
  const hit = problems.find((p) => pattern.test(p.message))
  assert.ok(hit, `no problem matching ${pattern} in ${JSON.stringify(problems, null, 1)}`)
  assert.equal(hit.line, line, `line of ${JSON.stringify(hit)}`)
  return hit
}

describe('report definition language', () => {
  it('a good YAML definition is checked into its normal form (defaults filled in)', () => {
    const checked = checkDefinitionSource('yaml', GOOD_YAML, language.events)
    assert.ok(isRight(checked), JSON.stringify(checked))
    const { normal } = checked.right
    assert.deepEqual(
      normal.groupBy.map((k) => [k.name, k.path, k.bucket, k.timeZone]),
      [
        ['pointId', 'remembered.pointId', null, null],
        ['week', 'metadata.occurredAt', 'week', 'Europe/Warsaw'],
      ],
    )
    assert.deepEqual(normal.remember, [{ name: 'pointId', from: ['BookingRequested'], path: 'data.pointId' }])
    assert.equal(normal.measures[2]?.duration?.unit, 'hours')
    assert.equal(normal.scopePointKey, 'pointId')
  })

  it('the same definition in JSON is checked the same', () => {
    const checked = language.check('json', JSON.stringify(checkDefinitionFromYaml(), null, 2))
    assert.ok(isRight(checked), JSON.stringify(checked))
  })

  it('an unknown event type names its line and the closest known type', () => {
    const hit = oneProblem(
      'yaml',
      GOOD_YAML.replace('events: [BookingRequested, BookingCancelled]', 'events: [BookingRequested, BookingCanceled]'),
      4,
      /unknown event type BookingCanceled; did you mean BookingCancelled\?/,
    )
    assert.equal(hit.path, 'events.1')
  })

  it('an unknown field names its line and what the event does have', () => {
    const hit = oneProblem(
      'yaml',
      GOOD_YAML.replace('path: data.durationMinutes', 'path: data.durationMinutez'),
      19,
      /unknown field data\.durationMinutez .*did you mean durationMinutes\?/,
    )
    assert.equal(hit.path, 'measures.1.path')
    oneProblem('yaml', GOOD_YAML.replace('to: data.slot.start', 'to: data.slot.begin'), 22, /data\.slot has .*start/)
    oneProblem('yaml', GOOD_YAML.replace('data.vehicle.vehicleClass', 'data.vehicle.class'), 10, /unknown field/)
  })

  it('a group-by on a path one of the events lacks names the line and suggests remembering it', () => {
    const hit = oneProblem(
      'yaml',
      GOOD_YAML.replace('  - path: remembered.pointId', '  - path: data.pointId'),
      12,
      /group-by on a missing path: BookingCancelled has no data\.pointId .*remember it from BookingRequested/,
    )
    assert.equal(hit.path, 'groupBy.0.path')
  })

  it('an unknown time zone, and a bucket without a zone, name their lines', () => {
    oneProblem(
      'yaml',
      GOOD_YAML.replace('Europe/Warsaw', 'Europe/Warszawa'),
      14,
      /unknown time zone "Europe\/Warszawa"/,
    )
    oneProblem('yaml', GOOD_YAML.replace('    timeZone: Europe/Warsaw\n', ''), 13, /needs a time zone/)
  })

  it('wrong kinds, unknown keys, operators and references are refused with their lines', () => {
    oneProblem(
      'yaml',
      GOOD_YAML.replace('path: data.durationMinutes', 'path: data.note'),
      19,
      /sum needs a number; data\.note is a string/,
    )
    oneProblem('yaml', GOOD_YAML.replace('groupBy:', 'groupby:'), 11, /unknown key "groupby"/)
    oneProblem('yaml', GOOD_YAML.replace('$in', '$regex'), 10, /unsupported operator \$regex/)
    oneProblem(
      'yaml',
      GOOD_YAML.replace('op: sum', 'op: total'),
      18,
      /must be one of count, sum, avg, min, max, distinct/,
    )
    oneProblem(
      'yaml',
      GOOD_YAML.replace('remembered.pointId', 'remembered.point'),
      12,
      /nothing is remembered as "point"; did you mean pointId/,
    )
    oneProblem('yaml', GOOD_YAML.replace('  pointId: pointId', '  pointId: week'), 25, /week is a time bucket/)
    oneProblem('yaml', GOOD_YAML.replace('name: perPoint', 'name: Per Point'), 2, /must start with a lower-case letter/)
    oneProblem('yaml', GOOD_YAML.replace('path: data.vehicle.plate', 'path: data.services.code'), 23, /crosses a list/)
  })

  it('YAML and JSON syntax errors name their line', () => {
    const yaml = problemsOf('yaml', 'name: x\nevents: [A, B\nmeasures: []\n')
    assert.equal(yaml.length, 1)
    assert.match(yaml[0]?.message ?? '', /not valid YAML/)
    assert.ok((yaml[0]?.line ?? 0) >= 2)
    const json = problemsOf('json', '{\n  "name": "x",\n  "events": ["A"]\n  "measures": []\n}')
    // Reported where the parser meets the next member, as JSON parsers do.
    assert.deepEqual([json[0]?.line, /expected ',' or '}'/.test(json[0]?.message ?? '')], [4, true])
    const duplicate = problemsOf('json', '{\n  "name": "x",\n  "name": "y"\n}')
    assert.match(duplicate[0]?.message ?? '', /duplicate key "name"/)
    assert.equal(duplicate[0]?.line, 3)
  })

  it('in JSON the line is found from the offending path', () => {
    const json = JSON.stringify(
      {
        ...checkDefinitionFromYaml(),
        groupBy: [{ path: 'data.pointId' }, { bucket: 'day', timeZone: 'Mars/Olympus' }],
      },
      null,
      2,
    )
    const lines = json.split('\n')
    const problems = problemsOf('json', json)
    const missing = problems.find((p) => p.path === 'groupBy.0.path')
    const zone = problems.find((p) => p.path === 'groupBy.1.timeZone')
    assert.ok(missing && zone, JSON.stringify(problems))
    assert.match(lines[(missing.line ?? 0) - 1] ?? '', /"path": "data.pointId"/)
    assert.match(lines[(zone.line ?? 0) - 1] ?? '', /"timeZone": "Mars\/Olympus"/)
  })

  it('the built-in reports pass the checker, and every built-in variant fits its report', async () => {
    for (const definition of builtInReportDefinitions) {
      const checked = language.checkValue(definition)
      assert.ok(isRight(checked), `${definition.name}: ${JSON.stringify(checked)}`)
    }
    // Declarative built-ins and the custom ones (projections/custom modules that export a report).
    const shapes = [
      ...builtInReportDefinitions.map((d) => language.compile(d, 1, true).shape),
      ...((await loadCustomProjections()).reports ?? []),
    ]
    const hq = { id: 'hq' as EntityId, role: 'head_office' as const, tenant: { scope: 'network' as const } }
    for (const preset of builtInPresets) {
      const shape = shapes.find((s) => s.report === preset.report)
      assert.ok(shape, preset.variantId)
      assert.ok(isRight(planQuery(shape, preset.query, hq)), preset.variantId)
    }
  })
})

function checkDefinitionFromYaml(): Record<string, unknown> {
  const checked = checkDefinitionSource('yaml', GOOD_YAML, language.events)
  assert.ok(isRight(checked))
  return checked.right.definition as unknown as Record<string, unknown>
}
