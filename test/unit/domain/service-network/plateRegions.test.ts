import assert from 'node:assert/strict'
import { isLeft, isRight } from 'fp-ts/lib/Either.js'
import { nearestPoints, type PointLocation } from '../../../../domain/service-network/nearestPoints.js'
import { DISTRICTS, VOIVODESHIPS } from '../../../../domain/service-network/plateRegionData.js'
import { regionForPlate, validatePlate } from '../../../../domain/service-network/plateRegions.js'
import { distanceKm } from '../../../../domain/shared/geo.js'

const region = (plate: string) => {
  const r = regionForPlate(plate)
  if (!isRight(r)) assert.fail(`${plate}: ${r.left.message}`)
  return r.right
}

describe('Polish registration plates', () => {
  it('normalises spaces, hyphens and case', () => {
    assert.deepEqual(validatePlate(' wa 12345 '), { _tag: 'Right', right: 'WA12345' })
    assert.deepEqual(validatePlate('kra-1a23'), { _tag: 'Right', right: 'KRA1A23' })
  })

  it('resolves the most specific known region: district, else voivodeship', () => {
    assert.equal(region('WX 12345').name, 'Warszawa')
    assert.equal(region('KR 4A567').name, 'Kraków')
    assert.equal(region('KK 12345').name, 'Kraków')
    assert.equal(region('PO 5XY12').name, 'Poznań')
    assert.equal(region('DW 1AB23').name, 'Wrocław')
    assert.equal(region('GD 12345').name, 'Gdańsk')
    assert.equal(region('EL 1234A').name, 'Łódź')
    assert.equal(region('GSP 1234').name, 'Sopot')
    assert.equal(region('WPI 12AB').prefix, 'WPI')
    // an unknown district of a known voivodeship
    const nowyTarg = region('KNT 12345')
    assert.equal(nowyTarg.level, 'voivodeship')
    assert.equal(nowyTarg.name, 'małopolskie')
    // individual plates carry only the voivodeship
    assert.deepEqual(region('L0 BIBI'), {
      prefix: 'L',
      level: 'voivodeship',
      name: 'lubelskie',
      voivodeship: 'lubelskie',
      centroid: { lat: 51.2465, lon: 22.5684 },
    })
  })

  it('refuses invalid plates with a clear error', () => {
    for (const bad of ['', 'XX 12345', 'HPA 1234', 'U 12345', 'WA ŁÓDŹ1', 'WA 1', 'WAABCDEF', 'WA 123456789']) {
      const r = regionForPlate(bad)
      assert.ok(isLeft(r), bad)
      assert.equal(r.left.code, 'INVALID_REGISTRATION_PLATE')
      assert.equal(r.left.kind, 'invalid')
      assert.equal(r.left.fields?.[0]?.path, 'plate')
    }
  })

  it('every table entry sits inside Poland and under its voivodeship’s letter', () => {
    for (const [letter, v] of Object.entries(VOIVODESHIPS)) {
      assert.ok(v.lat > 49 && v.lat < 54.9 && v.lon > 14.1 && v.lon < 24.2, letter)
    }
    for (const [prefix, d] of Object.entries(DISTRICTS)) {
      const v = VOIVODESHIPS[prefix[0] as string]
      assert.ok(v, prefix)
      assert.ok(distanceKm(d, v) < 250, `${prefix} ${d.name} is too far from ${v.capital}`)
    }
  })
})

describe('nearest points', () => {
  const caps = (features: PointLocation['capabilities']['features'], rimMaxInches: number | null = 19) => ({
    features,
    rimMaxInches,
  })
  const points: PointLocation[] = [
    { pointId: 'waw', geo: { lat: 52.23, lon: 21.01 }, capabilities: caps(['passenger']), active: true },
    {
      pointId: 'lodz',
      geo: { lat: 51.76, lon: 19.46 },
      capabilities: caps(['passenger', 'run_flat'], 21),
      active: true,
    },
    {
      pointId: 'krk',
      geo: { lat: 50.06, lon: 19.94 },
      capabilities: caps(['passenger', 'run_flat'], 22),
      active: true,
    },
    { pointId: 'gone', geo: { lat: 52.24, lon: 21.0 }, capabilities: caps(['passenger']), active: false },
  ]

  it('sorts by distance, filters by capabilities and distance, skips inactive points', () => {
    const from = region('WA 12345').centroid
    assert.deepEqual(
      nearestPoints({ from, points }).map((p) => p.pointId),
      ['waw', 'lodz', 'krk'],
    )
    assert.deepEqual(
      nearestPoints({ from, points, requirement: { features: ['run_flat'], rimInches: 22 } }).map((p) => p.pointId),
      ['krk'],
    )
    assert.deepEqual(
      nearestPoints({ from, points, maxDistanceKm: 150 }).map((p) => p.pointId),
      ['waw', 'lodz'],
    )
    const [first] = nearestPoints({ from, points })
    assert.ok(first && first.distanceKm < 5)
  })

  it('puts the point of the car’s last service first', () => {
    const from = { lat: 52.23, lon: 21.01 }
    assert.deepEqual(
      nearestPoints({ from, points, lastServicePointId: 'krk' }).map((p) => [p.pointId, p.lastService]),
      [
        ['krk', true],
        ['waw', false],
        ['lodz', false],
      ],
    )
  })

  it('filters and orders 1,000 points (speed is measured by npm run bench:booking)', () => {
    const many: PointLocation[] = Array.from({ length: 1000 }, (_, i) => ({
      pointId: `p${i}`,
      geo: { lat: 49 + ((i * 37) % 600) / 100, lon: 14.2 + ((i * 53) % 990) / 100 },
      capabilities: caps(i % 3 === 0 ? ['passenger', 'run_flat'] : ['passenger'], 18 + (i % 5)),
      active: i % 17 !== 0,
    }))
    const from = { lat: 51.1, lon: 17.03 }
    const found = nearestPoints({
      from,
      points: many,
      requirement: { features: ['run_flat'], rimInches: 20 },
      maxDistanceKm: 300,
      limit: 10,
    })
    assert.ok(found.length > 0 && found.length <= 10)
    assert.ok(found.every((p, k) => k === 0 || (found[k - 1] as typeof p).distanceKm <= p.distanceKm))
    assert.ok(found.every((p) => p.distanceKm <= 300 && Number(p.pointId.slice(1)) % 3 === 0))
  })
})
