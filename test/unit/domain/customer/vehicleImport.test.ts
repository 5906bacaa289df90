import assert from 'node:assert/strict'
import type { FleetEvent } from '../../../../domain/customer/events.js'
import { fleetDecider } from '../../../../domain/customer/fleetDecider.js'
import { normaliseHeader, validateVehicleImport } from '../../../../domain/customer/vehicleImport.js'

const fleetId = 'fleet-1'
const at = '2026-03-01T10:00:00.000Z'
const address = { street: 'ul. Fabryczna 5', postalCode: '50-001', city: 'Wrocław', country: 'PL' }
const contacts = { email: null, phone: null }
const events: FleetEvent[] = [
  {
    type: 'FleetRegistered',
    data: { fleetId, customerId: 'c', name: 'Trans-Pol', headOffice: { address, contacts }, at },
  },
  { type: 'FleetBranchOpened', data: { fleetId, branch: { branchId: 'wro', name: 'Wrocław', address, contacts }, at } },
  { type: 'FleetBranchOpened', data: { fleetId, branch: { branchId: 'poz', name: 'Poznań', address, contacts }, at } },
  {
    type: 'FleetVehicleAdded',
    data: {
      fleetId,
      vehicle: {
        equipmentId: 'eq-0',
        plate: 'DW99999',
        plateCountry: 'PL',
        vin: 'WVWZZZ1JZXW000009',
        make: 'VW',
        model: 'Caddy',
        year: null,
        branchId: null,
      },
      at,
    },
  },
]
const fleet = events.reduce(fleetDecider.evolve, fleetDecider.initialState)
const headers = ['Nr rejestracyjny', 'VIN', 'Marka', 'Model', 'Oddział', 'Rok']
const row = (plate: string, vin: string, branch = 'Wrocław', year = '2020') => ({
  'Nr rejestracyjny': plate,
  VIN: vin,
  Marka: 'Volkswagen',
  Model: 'Crafter',
  Oddział: branch,
  Rok: year,
})
const blank = Object.fromEntries(headers.map((h) => [h, ' ']))
const ids = ['eq-a', 'eq-b', 'eq-c', 'eq-d', 'eq-e']

describe('fleet vehicle import validation', () => {
  it('recognises Polish and English headers ignoring case, accents and spacing', () => {
    assert.equal(normaliseHeader(' Nr  rejestracyjny '), 'nr_rejestracyjny')
    assert.equal(normaliseHeader('Oddział'), 'oddzial')
    assert.equal(normaliseHeader('Plate_Country'), 'plate_country')
  })

  it('a clean file becomes one ImportVehicles command the fleet decider accepts; blank rows are skipped', () => {
    const result = validateVehicleImport({
      fleet,
      importId: 'imp-1',
      equipmentIds: ids,
      now: at,
      file: {
        fileName: 'flota.xlsx',
        headers,
        rows: [row('DW 12345', 'wvwzzz1jzxw000001'), blank, row('PO 5XY12', 'WVWZZZ1JZXW000002', 'poz', '')],
      },
    })
    assert.ok(result.ok, JSON.stringify(result))
    assert.deepEqual(result.blankRows, [3])
    assert.deepEqual(
      result.command.vehicles.map((v) => [v.equipmentId, v.branchId, v.year]),
      [
        ['eq-a', 'wro', 2020],
        ['eq-b', 'poz', null],
      ],
    )
    const decided = fleetDecider.decide(result.command, fleet)
    assert.equal(decided._tag, 'Right')
  })

  it('reports every bad row with the file’s row number and column, and issues nothing', () => {
    const result = validateVehicleImport({
      fleet,
      importId: 'imp-1',
      equipmentIds: ids,
      now: at,
      file: {
        fileName: 'flota.csv',
        headers,
        rows: [
          row('DW 12345', 'WVWZZZ1JZXW000001'), // row 2: fine
          row('DW 12345', 'WVWZZZ1JZXW000003'), // row 3: plate repeats row 2
          row('XX 1', 'WVWZZZ1JZXW00000', 'Kraków', '20x0'), // row 4: plate, VIN, branch, year
          row('DW 99999', 'WVWZZZ1JZXW000009'), // row 5: plate and VIN of a vehicle already in the fleet
        ],
      },
    })
    assert.ok(!result.ok)
    assert.deepEqual(result.fileProblems, [])
    assert.deepEqual(
      result.rows.map((r) => [r.row, r.problems.map((p) => p.column)]),
      [
        [3, ['Nr rejestracyjny']],
        [4, ['Rok', 'Oddział', 'Nr rejestracyjny', 'VIN']],
        [5, ['Nr rejestracyjny', 'VIN']],
      ],
    )
    assert.match(result.rows[0]?.problems[0]?.message ?? '', /already used by row 2/)
    assert.match(result.rows[2]?.problems[0]?.message ?? '', /already used by vehicle eq-0 of this fleet/)
  })

  it('wrong columns are a file problem: missing, unknown and doubled columns named; rows not checked', () => {
    const result = validateVehicleImport({
      fleet,
      importId: 'imp-1',
      equipmentIds: ids,
      now: at,
      file: { fileName: 'f.csv', headers: ['Plate', 'Registration', 'Vin ', 'Colour'], rows: [{ Plate: 'x' }] },
    })
    assert.ok(!result.ok)
    assert.equal(result.fileProblems.length, 3)
    assert.match(result.fileProblems[0] ?? '', /"Plate" and "Registration" both hold the plate/)
    assert.match(result.fileProblems[1] ?? '', /missing column\(s\): make .*model/)
    assert.match(result.fileProblems[2] ?? '', /unknown column\(s\): "Colour"/)
    assert.deepEqual(result.rows, [])
  })

  it('a file without vehicle rows is refused', () => {
    const result = validateVehicleImport({
      fleet,
      importId: 'imp-1',
      equipmentIds: ids,
      now: at,
      file: { fileName: 'f.csv', headers, rows: [blank] },
    })
    assert.ok(!result.ok && result.fileProblems[0] === 'the file holds no vehicles')
  })
})
