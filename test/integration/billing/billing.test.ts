// Billing over HTTP: an order priced and invoiced under the contract covering its vehicle (package
// price, deferred tiered usage, parts from the catalogue), billed once; the monthly run (fee and
// the month's usage through the tiers), idempotent per month; invoices for their buyers; the
// accounting export as CSV and XML.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { fixedPrice, terms, tiered } from '../contracts/support/terms.js'
import { type BusinessFixture, businessFixture, vehicleBody } from '../customers/support/businessFixture.js'

describe('billing over HTTP', () => {
  let f: BusinessFixture
  let v1: string
  before(async () => {
    f = await businessFixture()
    v1 = (await f.call('fleet_f1').post('/fleets/f1/vehicles', vehicleBody(1, { branchId: 'waw' }))).body.vehicle
      .equipmentId
    const signed = await f.call('head_office').post('/contracts', {
      contractId: 'k1',
      contractNumber: 'UM/2026/0007',
      holder: { kind: 'fleet', fleetId: 'f1' },
      currency: 'PLN',
      timeZone: 'Europe/Warsaw',
      validFrom: '2026-10-01',
      validTo: null,
      terms: terms([v1], {
        TYRE_CHANGE: fixedPrice(9_000),
        BALANCING: tiered(600, 2400),
        INSPECTION: { kind: 'flat_monthly', monthlyFeeMinor: 50_000 },
      }),
    })
    assert.equal(signed.status, 201, JSON.stringify(signed.body))
  })
  after(() => f.close())

  const work = {
    workDate: '2026-11-10',
    services: [{ code: 'TYRE_CHANGE', quantity: 1 }],
    labour: [{ serviceCode: 'BALANCING', minutes: 700 }],
    parts: [{ sku: 'VALVE-TR413', quantity: 4 }],
  }

  it('pricing an order shows its lines under the contract and writes nothing', async () => {
    const before = await f.eventCount()
    const res = await f.call('employee_p1').post('/billing/orders/o1/price', { ...work, equipmentId: v1 })
    assert.equal(res.status, 200, JSON.stringify(res.body))
    assert.equal(res.body.contract.contractId, 'k1')
    assert.deepEqual(
      res.body.lines.map((l: { code: string; basis: string; netMinor: number }) => [l.code, l.basis, l.netMinor]),
      [
        ['TYRE_CHANGE', 'contract_package', 9_000],
        ['BALANCING', 'contract_usage', 0],
        ['VALVE-TR413', 'catalogue', 3_200],
      ],
    )
    assert.deepEqual(res.body.deferredUsage, [{ serviceCode: 'BALANCING', minutes: 700 }])
    assert.equal(res.body.totals.grossMinor, 9_000 + 2_070 + 3_200 + 736)
    assert.equal(await f.eventCount(), before)
  })

  it('billing an order issues its invoice once, numbered in the month’s series', async () => {
    const res = await f.call('employee_p1').post('/billing/orders/o1/invoice', { ...work, equipmentId: v1 })
    assert.equal(res.status, 201, JSON.stringify(res.body))
    assert.equal(res.body.invoice.invoiceNumber, 'FV/2026/11/000001')
    assert.deepEqual(res.body.invoice.buyer, { customerId: null, fleetId: 'f1' })
    assert.equal(res.body.newlyBilled, true)
    const count = await f.eventCount()
    const again = await f.call('employee_p1').post('/billing/orders/o1/invoice', { ...work, equipmentId: v1 })
    assert.equal(again.status, 201)
    assert.equal(again.body.newlyBilled, false)
    assert.equal(again.body.invoice.invoiceNumber, 'FV/2026/11/000001')
    assert.equal(await f.eventCount(), count, 'billed once')
    const other = await f.call('manager_p1').post('/billing/orders/o2/invoice', {
      workDate: '2026-11-12',
      equipmentId: null,
      services: [{ code: 'TYRE_CHANGE', quantity: 1 }],
      labour: [],
      parts: [],
      buyer: { customerId: 'c1', fleetId: null },
    })
    assert.equal(other.status, 201, JSON.stringify(other.body))
    assert.equal(other.body.invoice.invoiceNumber, 'FV/2026/11/000002')
    assert.equal(other.body.contract, null)
    assert.equal(other.body.invoice.totals.netMinor, 10_000, 'catalogue price')
  })

  it('a month not over yet is not billed', async () => {
    const res = await f.call('head_office').post('/billing/runs', { month: '2026-11' })
    assert.equal(res.status, 200, JSON.stringify(res.body))
    assert.equal(res.body.billed, 0)
    assert.deepEqual(
      res.body.failures.map((x: { code: string }) => x.code),
      ['MONTH_NOT_OVER'],
    )
  })

  it('the monthly run bills the fee and the month’s usage through the tiers; a second run changes nothing', async () => {
    await f.advanceClock((4 * 24 + 15) * 3600) // 2026-11-30T23:00Z: midnight in Warsaw
    await f.settle()
    const res = await f.call('head_office').post('/billing/runs', { month: '2026-11' })
    assert.equal(res.status, 200, JSON.stringify(res.body))
    assert.equal(res.body.contracts, 1)
    assert.equal(res.body.billed, 1)
    assert.deepEqual(res.body.invoices, [
      { contractId: 'k1', invoiceNumber: 'UM/2026/0007/2026-11', grossMinor: 87_330, currency: 'PLN' },
    ])
    const count = await f.eventCount()
    const again = await f.call('head_office').post('/billing/runs', { month: '2026-11' })
    assert.equal(again.status, 200)
    assert.deepEqual(
      { billed: again.body.billed, alreadyBilled: again.body.alreadyBilled, invoices: again.body.invoices },
      { billed: 0, alreadyBilled: 1, invoices: [] },
    )
    assert.equal(await f.eventCount(), count, 'the second run appended nothing')
    await f.settle()
    const invoice = await f.call('fleet_manager_f1').get('/billing/invoices/inv-m-k1-2026-11')
    assert.equal(invoice.status, 200, JSON.stringify(invoice.body))
    assert.deepEqual(
      invoice.body.lines.map(
        (l: { code: string; tier: string | null; quantity: number; netMinor: number; vatMinor: number }) => [
          l.code,
          l.tier,
          l.quantity,
          l.netMinor,
          l.vatMinor,
        ],
      ),
      [
        ['BALANCING', 'free', 600, 0, 0],
        ['BALANCING', 'standard', 105, 21_000, 4_830],
        ['INSPECTION', null, 1, 50_000, 11_500],
      ],
    )
  })

  it('buyers see their own invoices; others do not', async () => {
    const fleet = await f.call('fleet_f1').get('/billing/invoices')
    assert.deepEqual(fleet.body.items.map((i: { invoiceNumber: string }) => i.invoiceNumber).sort(), [
      'FV/2026/11/000001',
      'UM/2026/0007/2026-11',
    ])
    const customer = await f.call('customer').get('/billing/invoices')
    assert.deepEqual(
      customer.body.items.map((i: { invoiceNumber: string }) => i.invoiceNumber),
      ['FV/2026/11/000002'],
    )
    assert.equal((await f.call('customer').get('/billing/invoices/inv-m-k1-2026-11')).status, 403)
    assert.equal((await f.call('customer').get('/billing/invoices?fleetId=f1')).status, 403)
    assert.equal((await f.call('employee_p1').get('/billing/invoices')).status, 403)
  })

  it('exports CSV (one row per invoice and VAT rate) and XML for accounting, head office only', async () => {
    const csv = await f.call('head_office').get('/billing/invoices/export.csv?from=2026-11-01&to=2026-12-31')
    assert.equal(csv.status, 200)
    assert.match(csv.headers['content-type'] ?? '', /^text\/csv/)
    const lines = csv.text.trim().split('\r\n')
    assert.equal(
      lines[0],
      'invoice_number,invoice_id,kind,issued_at,period_from,period_to,buyer_customer_id,buyer_fleet_id,contract_id,order_id,currency,vat_rate_percent,net,vat,gross',
    )
    assert.ok(
      lines.includes(
        'UM/2026/0007/2026-11,inv-m-k1-2026-11,monthly,2026-11-30T23:00:00.000Z,2026-11-01,2026-11-30,,f1,k1,,PLN,23,710.00,163.30,873.30',
      ),
    )
    assert.equal(lines.length, 4)
    const xml = await f.call('head_office').get('/billing/invoices/export.xml?from=2026-11-01&to=2026-12-31')
    assert.equal(xml.status, 200)
    assert.match(xml.headers['content-type'] ?? '', /^application\/xml/)
    assert.match(
      xml.text,
      /<invoice id="inv-m-k1-2026-11" number="UM\/2026\/0007\/2026-11" kind="monthly" currency="PLN">/,
    )
    assert.match(xml.text, /<totals net="710.00" vat="163.30" gross="873.30">/)
    assert.equal((xml.text.match(/<invoice /g) ?? []).length, 3)
    assert.equal(
      (await f.call('fleet_f1').get('/billing/invoices/export.csv?from=2026-11-01&to=2026-12-31')).status,
      403,
    )
    const bad = await f.call('head_office').get('/billing/invoices/export.csv?from=2026-12-31&to=2026-11-01')
    assert.equal(bad.status, 422)
  })

  it('an invoice as a PDF (Polish or English), for its buyer and head office', async () => {
    const res = await f
      .call('fleet_manager_f1')
      .get('/billing/invoices/inv-m-k1-2026-11/pdf')
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = []
        r.on('data', (c: Buffer) => chunks.push(c))
        r.on('end', () => done(null, Buffer.concat(chunks)))
      })
    assert.equal(res.status, 200)
    assert.match(res.headers['content-type'] ?? '', /^application\/pdf/)
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: res.body as Buffer }).toString('utf8')
    assert.match(text, /Faktura VAT nr UM\/2026\/0007\/2026-11/)
    assert.match(text, /ACME Logistics/)
    assert.match(text, /NIP 5260250274/)
    assert.match(text, /Opony Sieć Sp\. z o\.o\./)
    assert.match(text, /godziny wolne/)
    assert.match(text, /873,30 PLN/)
    const en = await f.call('head_office').get('/billing/invoices/inv-m-k1-2026-11/pdf?locale=en')
    assert.equal(en.status, 200)
    assert.equal((await f.call('customer').get('/billing/invoices/inv-m-k1-2026-11/pdf')).status, 403)
  })

  it('only head office runs the billing; only staff bill orders', async () => {
    assert.equal((await f.call('fleet_f1').post('/billing/runs', { month: '2026-10' })).status, 403)
    assert.equal(
      (await f.call('customer').post('/billing/orders/o9/invoice', { ...work, equipmentId: null })).status,
      403,
    )
    const bad = await f.call('head_office').post('/billing/runs', { month: '2026-13' })
    assert.equal(bad.status, 400)
  })
})
