// Importing a fleet's vehicles from CSV and XLSX over HTTP: a good file adds every vehicle in one
// event; a file with any problem adds nothing and answers problem+json with every problem, row by
// row; a retried upload imports once.
import assert from 'node:assert/strict'
import ExcelJS from 'exceljs'
import request from 'supertest'
import { type BusinessFixture, businessFixture } from './support/businessFixture.js'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

async function xlsxOf(rows: Array<Array<string | number>>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Pojazdy')
  for (const row of rows) sheet.addRow(row)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

describe('fleet vehicle import (CSV, XLSX)', () => {
  let f: BusinessFixture
  before(async () => {
    f = await businessFixture()
  })
  after(() => f.close())

  const upload = (
    body: Buffer | string,
    type: string,
    who: Parameters<BusinessFixture['bearer']>[0] = 'fleet_manager_f1',
    key?: string,
  ) => {
    const r = request(f.app)
      .post('/fleets/f1/vehicle-imports?fileName=flota.csv')
      .set('Authorization', f.bearer(who))
      .set('Content-Type', type)
    return (key ? r.set('Idempotency-Key', key) : r).send(Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'))
  }

  async function refused(body: Buffer | string, type: string) {
    const before = await f.eventCount()
    const res = await upload(body, type)
    assert.equal(res.status, 422, JSON.stringify(res.body))
    assert.match(res.headers['content-type'] ?? '', /^application\/problem\+json/)
    assert.equal(res.body.code, 'VEHICLE_IMPORT_INVALID')
    assert.equal(await f.eventCount(), before, 'nothing written')
    return res.body
  }

  it('a Polish CSV (BOM, semicolons, accents in headers, branch by name) imports every row in one event', async () => {
    const csv =
      '\uFEFFNr rejestracyjny;VIN;Marka;Model;Rok;Oddział\r\n' +
      'WA 11111;WVWZZZ1JZ3W000001;Volkswagen;Golf;2021;Warszawa\r\n' +
      'KR 22222;WVWZZZ1JZ3W000002;Skoda;Octavia;2020;krk\r\n' +
      ';;;;;\r\n' +
      'WA 33333;WVWZZZ1JZ3W000003;Toyota;Corolla;;\r\n'
    const res = await upload(csv, 'text/csv; charset=utf-8')
    assert.equal(res.status, 201, JSON.stringify(res.body))
    assert.equal(res.body.imported, 3)
    assert.deepEqual(res.body.blankRows, [4])
    const imported = (await f.events()).filter((e) => e.type === 'FleetVehiclesImported')
    assert.equal(imported.length, 1)
    const vehicles = await f.call('fleet_f1').get('/fleets/f1/vehicles?branchId=waw')
    assert.deepEqual(
      vehicles.body.items.map((v: { plate: string }) => v.plate),
      ['WA11111'],
    )
  })

  it('an XLSX sheet imports the same way (numbers read as Excel shows them)', async () => {
    const file = await xlsxOf([
      ['plate', 'vin', 'make', 'model', 'year', 'branch'],
      ['WA 44444', 'WVWZZZ1JZ3W000004', 'Ford', 'Transit', 2019, 'waw'],
      ['WA 55555', 'WVWZZZ1JZ3W000005', 'Ford', 'Focus', 2022, ''],
    ])
    const res = await upload(file, XLSX)
    assert.equal(res.status, 201, JSON.stringify(res.body))
    assert.equal(res.body.imported, 2)
    const page = await f.call('fleet_manager_f1').get('/fleets/f1/vehicles?q=WA4')
    assert.equal(page.body.items[0].year, 2019)
  })

  it('wrong columns: the file is refused with what is missing and what is unknown; nothing written', async () => {
    const body = await refused('registration;chassis;make\nWA 1;X;Y\n', 'text/csv')
    assert.equal(body.rows.length, 0)
    assert.equal(body.fileProblems.length, 2)
    assert.match(body.fileProblems[0], /missing column\(s\): vin .*model/)
    assert.match(body.fileProblems[1], /unknown column\(s\): "chassis"/)
    assert.equal(body.errors[0].path, 'file')
  })

  it('rows with problems: every problem, row by row (file row numbers, headers as written); nothing imported', async () => {
    const csv =
      'Plate,VIN,Make,Model,Year,Branch\n' +
      'WA 66666,WVWZZZ1JZ3W000006,Opel,Astra,2018,\n' +
      'WA 77777,WVWZZZ1JZ3W00000O,Opel,Astra,20x8,\n' +
      'WA 11111,WVWZZZ1JZ3W000008,Opel,Astra,2018,Gdańsk\n' +
      'WA 66666,WVWZZZ1JZ3W000009,Opel,,2018,\n'
    const body = await refused(csv, 'text/csv')
    const byRow = Object.fromEntries(
      body.rows.map((r: { row: number; problems: Array<{ column: string; message: string }> }) => [r.row, r.problems]),
    )
    assert.deepEqual(Object.keys(byRow), ['3', '4', '5'])
    assert.deepEqual(byRow[3].map((p: { column: string }) => p.column).sort(), ['VIN', 'Year'])
    assert.ok(
      byRow[4].some(
        (p: { column: string; message: string }) => p.column === 'Plate' && /already used by vehicle/.test(p.message),
      ),
    )
    assert.ok(
      byRow[4].some(
        (p: { column: string; message: string }) => p.column === 'Branch' && /no open branch "Gdańsk"/.test(p.message),
      ),
    )
    assert.ok(
      byRow[5].some((p: { column: string; message: string }) => p.column === 'Plate' && /row 2/.test(p.message)),
    )
    assert.ok(byRow[5].some((p: { column: string }) => p.column === 'Model'))
    assert.ok(body.errors.some((e: { path: string }) => e.path === 'row 3 "VIN"'))
    const plates = await f.call('fleet_f1').get('/fleets/f1/vehicles?q=WA6')
    assert.equal(plates.body.total, 0, 'row 2 was fine, but nothing of the file is in')
  })

  it('a file that is not a workbook, or not CSV/XLSX at all', async () => {
    const body = await refused(Buffer.from('not a zip'), XLSX)
    assert.match(body.fileProblems[0], /not a readable XLSX workbook/)
    const json = await request(f.app)
      .post('/fleets/f1/vehicle-imports')
      .set('Authorization', f.bearer('fleet_manager_f1'))
      .send({ plate: 'x' })
    assert.equal(json.status, 415)
  })

  it('a retried upload (same Idempotency-Key) imports once', async () => {
    const csv = 'plate,vin,make,model\nWA 88888,WVWZZZ1JZ3W000010,Kia,Ceed\n'
    const first = await upload(csv, 'text/csv', 'fleet_manager_f1', 'upload-42')
    assert.equal(first.status, 201, JSON.stringify(first.body))
    const count = await f.eventCount()
    const again = await upload(csv, 'text/csv', 'fleet_manager_f1', 'upload-42')
    assert.equal(again.status, 201, JSON.stringify(again.body))
    assert.deepEqual(again.body.equipmentIds, first.body.equipmentIds)
    assert.equal(await f.eventCount(), count)
  })

  it('only the fleet’s people and head office import into a fleet', async () => {
    const csv = 'plate,vin,make,model\nWA 99999,WVWZZZ1JZ3W000011,Kia,Ceed\n'
    const customer = await upload(csv, 'text/csv', 'customer')
    assert.equal(customer.status, 403)
    assert.equal(customer.body.code, 'ROLE_NOT_ALLOWED')
    const staff = await upload(csv, 'text/csv', 'manager_p1')
    assert.equal(staff.status, 403)
  })
})
