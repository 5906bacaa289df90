// Import/export templates over HTTP (customers, fleet vehicles, price list, goods) in CSV, XLSX
// and XML: an export imported into a clean platform exports the same file again (CSV and XML byte
// for byte, XLSX cell for cell); bad files (wrong columns, bad rows, unknown XML elements,
// malformed XML) are refused with every problem named by row and column and nothing appended; who
// may import and export what.
import assert from 'node:assert/strict'
import { isRight, left } from 'fp-ts/lib/Either.js'
import request from 'supertest'
import { dataExchangeModule } from '../../../api/dataExchange/dataExchangeRoutes.js'
import { DataExchangeService } from '../../../application/dataExchange/dataExchangeService.js'
import type { GoodsDefinition } from '../../../domain/service-network/events.js'
import { domainError } from '../../../domain/shared/decider.js'
import { SERVICES } from '../booking/support/networkFixture.js'
import { type BusinessFixture, businessFixture } from '../customers/support/businessFixture.js'
import { download, exchangeFixture, type Format, TYPES, upload, xlsxCells, xlsxOf } from './support/exchangeFixture.js'

const TEMPLATES = [
  ['customers', ''],
  ['vehicles', '&fleetId=f1'],
  ['prices', ''],
  ['goods', ''],
  ['stock-minimums', '&pointId=p1'],
] as const

/** Platform A: more customers (Polish, Cyrillic, a name with a comma and quotes), goods, a changed price, vehicles. */
async function seedA(f: BusinessFixture): Promise<void> {
  const must = (r: { _tag: string }) => assert.ok(isRight(r as never), JSON.stringify(r))
  must(
    await f.platform.customers.register(
      f.boss,
      {
        customerId: 'cus-lucja',
        party: { kind: 'individual', firstName: 'Łucja', lastName: 'Źdźbło-Wąż' },
        contacts: { email: 'lucja@example.pl', phone: null },
        preferences: { preferredChannel: 'email', language: 'pl' },
      },
      f.at,
    ),
  )
  must(
    await f.platform.customers.register(
      f.boss,
      {
        customerId: 'cus-dmitry',
        party: { kind: 'individual', firstName: 'Дмитрий', lastName: 'Иванов' },
        contacts: { email: null, phone: '+48 601 222 333' },
        preferences: { preferredChannel: 'sms', language: 'ru' },
      },
      f.at,
    ),
  )
  must(
    await f.platform.customers.register(
      f.boss,
      {
        customerId: 'cus-debem',
        party: {
          kind: 'company',
          companyName: 'Opony "Pod Dębem", s.c.',
          taxId: { country: 'PL', value: '123-456-32-18' },
        },
        contacts: { email: 'biuro@poddebem.pl', phone: '71 333 44 55' },
        preferences: { preferredChannel: null, language: 'pl' },
      },
      f.at,
    ),
  )
  must(
    await f.platform.customers.change(
      f.boss,
      'cus-lucja',
      {
        kind: 'SetCustomerAddress',
        addressId: 'home',
        label: 'billing',
        address: { street: 'ul. Świdnicka 12/4', postalCode: '50-066', city: 'Wrocław', country: 'PL' },
      },
      f.at,
    ),
  )
  must(
    await f.platform.customers.consent(
      f.boss,
      'cus-lucja',
      { purpose: 'marketing', channel: 'email', granted: true, source: 'paper_form' },
      f.at,
    ),
  )
  must(
    await f.platform.customers.consent(
      f.boss,
      'cus-dmitry',
      { purpose: 'reminders', channel: 'sms', granted: true, source: 'phone_call' },
      f.at,
    ),
  )
  const newGoods: GoodsDefinition[] = [
    {
      sku: 'TYR-205-55-R16',
      kind: 'tyre' as const,
      names: { pl: 'Opona zimowa 205/55 R16 — ślizg', en: 'Winter tyre', ro: 'Anvelopă de iarnă', ru: 'Зимняя шина' },
      price: { amountMinor: 39999, currency: 'PLN' },
      vatRatePercent: 23,
    },
    {
      sku: 'TPMS-01',
      kind: 'tpms_sensor' as const,
      names: { pl: 'Czujnik ciśnienia', en: 'TPMS sensor' },
      price: { amountMinor: 12050, currency: 'PLN' },
      vatRatePercent: 8,
    },
  ]
  for (const goods of newGoods) must(await f.network.catalogue.change(f.boss, { kind: 'AddGoods', goods }, f.at))
  const tyreChange = SERVICES[0]
  assert.ok(tyreChange)
  must(
    await f.network.catalogue.change(
      f.boss,
      { kind: 'ChangeService', service: { ...tyreChange, price: { amountMinor: 12345, currency: 'PLN' } } },
      f.at,
    ),
  )
  for (const [sku, minimum] of [
    ['VALVE-TR413', 20],
    ['TYR-205-55-R16', 8],
  ] as const)
    must(await f.repair.stock.change(f.boss, 'p1', { kind: 'SetMinimum', sku, minimum }, f.at))
  const vehicles = await upload(
    f,
    '/fleets/f1/vehicle-imports',
    'plate,vin,make,model,year,branch\r\n' +
      'WA 11111,WVWZZZ1JZ3W000001,Volkswagen,Golf,2021,Warszawa\r\n' +
      'KR 22222,TMBZZZ1Z3W0000002,Škoda,Octavia,,krk\r\n' +
      'PO 33333,VF1ZZZ1Z3W0000003,Renault,Mégane,2019,\r\n',
    'text/csv',
    'fleet_manager_f1',
  )
  assert.equal(vehicles.status, 201, JSON.stringify(vehicles.body))
  await f.settle()
}

describe('import/export templates (CSV, XLSX, XML)', function () {
  this.timeout(60_000)
  let a: BusinessFixture
  before(async () => {
    a = await exchangeFixture()
    await seedA(a)
  })
  after(() => a.close())

  it('lists the templates with their columns, Polish headers and cell types', async () => {
    const res = await a.call('manager_p1').get('/data-exchange/templates')
    assert.equal(res.status, 200)
    const byName = Object.fromEntries(res.body.items.map((t: { name: string }) => [t.name, t]))
    assert.deepEqual(Object.keys(byName), ['customers', 'vehicles', 'prices', 'goods', 'stock-minimums'])
    assert.equal(byName['stock-minimums'].scope, 'point')
    const plate = byName.vehicles.columns.find((c: { name: string }) => c.name === 'plate')
    assert.ok(plate.aliases.includes('nr_rejestracyjny'))
    assert.equal(plate.required, true)
    assert.equal(byName.prices.columns.find((c: { name: string }) => c.name === 'price').type, 'money')
    const doc = await a.call(null).get('/openapi.json')
    for (const path of [
      '/data-exchange/templates',
      '/data-exchange/{template}/export',
      '/data-exchange/{template}/blank',
    ])
      assert.ok(doc.body.paths[path]?.get, path)
    const importOp = doc.body.paths['/data-exchange/{template}/import'].post
    assert.ok(importOp.responses['422'])
    assert.deepEqual(
      importOp.parameters.filter((p: { in: string }) => p.in === 'query').map((p: { name: string }) => p.name),
      ['fleetId', 'pointId', 'fileName'],
    )
  })

  it('exports what is recorded: CSV with escaping, XML, XLSX with every cell as text', async () => {
    const csv = await download(a, '/data-exchange/customers/export?format=csv')
    assert.equal(csv.status, 200)
    assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8')
    assert.equal(csv.headers['content-disposition'], 'attachment; filename="customers.csv"')
    const text = csv.body.toString('utf8')
    assert.ok(
      text.startsWith('\uFEFFcustomer_id,kind,first_name,last_name,company_name,tax_id,tax_country,email,phone,'),
    )
    assert.match(text, /\r\ncus-debem,company,,,"Opony ""Pod Dębem"", s\.c\.",1234563218,PL,biuro@poddebem\.pl,/)
    assert.match(text, /\r\ncus-dmitry,individual,Дмитрий,Иванов,,,,,'\+48601222333,sms,ru,,,,,,,no,no,no,yes\r\n/)
    assert.match(
      text,
      /\r\ncus-lucja,individual,Łucja,Źdźbło-Wąż,,,,lucja@example\.pl,,email,pl,home,billing,ul\. Świdnicka 12\/4,50-066,Wrocław,PL,yes,no,no,no\r\n/,
    )
    const xml = await download(a, '/data-exchange/goods/export?format=xml')
    assert.equal(xml.headers['content-type'], 'application/xml; charset=utf-8')
    assert.match(
      xml.body.toString('utf8'),
      /<goods>\n {2}<item>\n {4}<sku>TPMS-01<\/sku>\n {4}<kind>tpms_sensor<\/kind>/,
    )
    assert.match(xml.body.toString('utf8'), /<name_ru>Зимняя шина<\/name_ru>/)
    const xlsx = await download(a, '/data-exchange/prices/export?format=xlsx')
    assert.equal(xlsx.headers['content-type'], TYPES.xlsx)
    assert.equal(xlsx.headers['content-disposition'], 'attachment; filename="prices.xlsx"')
    const cells = await xlsxCells(xlsx.body)
    assert.deepEqual(cells[0], [
      'service_code',
      'name',
      'name_en',
      'minutes',
      'required_features',
      'required_skill',
      'price',
      'currency',
      'vat_rate_percent',
    ])
    assert.ok(cells.some((r) => r[0] === 'TYRE_CHANGE' && r[6] === '123.45' && r[8] === '23'))
    const vehicles = await download(a, '/data-exchange/vehicles/export?fleetId=f1', 'fleet_manager_f1')
    assert.equal(vehicles.headers['content-disposition'], 'attachment; filename="vehicles-f1.csv"')
    assert.equal(
      vehicles.body.toString('utf8'),
      '\uFEFFplate,plate_country,vin,make,model,year,branch\r\n' +
        'KR22222,PL,TMBZZZ1Z3W0000002,Škoda,Octavia,,krk\r\n' +
        'PO33333,PL,VF1ZZZ1Z3W0000003,Renault,Mégane,2019,\r\n' +
        'WA11111,PL,WVWZZZ1JZ3W000001,Volkswagen,Golf,2021,waw\r\n',
    )
  })

  for (const format of ['csv', 'xml', 'xlsx'] as const satisfies readonly Format[])
    it(`round trip in ${format.toUpperCase()}: export → import into a clean platform → the same export`, async () => {
      const b = await exchangeFixture()
      try {
        for (const [template, scope] of TEMPLATES) {
          const path = `/data-exchange/${template}/export?format=${format}${scope}`
          const exported = await download(a, path)
          assert.equal(exported.status, 200, `${template}: ${exported.status}`)
          const imported = await upload(
            b,
            `/data-exchange/${template}/import?fileName=${template}.${format}${scope}`,
            exported.body,
            TYPES[format],
          )
          assert.equal(imported.status, 201, `${template}: ${JSON.stringify(imported.body)}`)
          assert.equal(imported.body.template, template)
          await b.settle()
          const again = await download(b, path)
          if (format === 'xlsx') assert.deepEqual(await xlsxCells(again.body), await xlsxCells(exported.body), template)
          else assert.equal(again.body.toString('utf8'), exported.body.toString('utf8'), template)
        }
        // What B got: the three new customers (acme and c1 were there with the same details).
        const customers = await download(b, '/data-exchange/customers/export')
        assert.equal(customers.body.toString('utf8').split('\r\n').length - 2, 5)
      } finally {
        await b.close()
      }
    })

  it('imports report what they did: new, changed and unchanged records, ids', async () => {
    const b = await exchangeFixture()
    try {
      const goods = await upload(
        b,
        '/data-exchange/goods/import',
        'sku;kind;nazwa;name_en;cena;waluta;VAT\r\nVALVE-TR413;valve;Zawór TR413;Valve TR413;8,00;PLN;23\r\nNUT-M12;wheel_bolt;Śruba M12;Bolt M12;2,5;PLN;23\r\n',
        'text/csv',
      )
      assert.equal(goods.status, 201, JSON.stringify(goods.body))
      assert.deepEqual(
        { imported: goods.body.imported, unchanged: goods.body.unchanged, ids: goods.body.ids },
        { imported: 1, unchanged: 1, ids: ['NUT-M12'] },
      )
      const nut = (await b.network.catalogue.get()).goods.find((g) => g.sku === 'NUT-M12')
      assert.deepEqual(nut?.price, { amountMinor: 250, currency: 'PLN' })
      assert.deepEqual(nut?.names, { pl: 'Śruba M12', en: 'Bolt M12' })
    } finally {
      await b.close()
    }
  })

  it('customers already recorded are updated through their commands, each an event; a bad row stops the whole file', async () => {
    const b = await exchangeFixture()
    try {
      const header =
        'customer_id;rodzaj;imie;nazwisko;nazwa_firmy;nip;e_mail;telefon;kanal;jezyk;ulica;kod_pocztowy;miasto;zgoda_przypomnienia_sms;zgoda_marketing_email\r\n'
      const first = await upload(
        b,
        '/data-exchange/customers/import',
        `${header}cus-ola;individual;Ola;Nowak;;;ola@example.pl;;email;pl;ul. Długa 1;50-001;Wrocław;;yes\r\n`,
        'text/csv',
      )
      assert.equal(first.status, 201, JSON.stringify(first.body))
      const before = await b.eventCount()
      // The same customer with a new phone, address and consents, and a new customer with an invalid
      // e-mail: refused, nothing appended.
      const changed = `cus-ola;individual;Ola;Nowak-Kos;;;ola@example.pl;+48 600 700 800;sms;en;ul. Krótka 2;50-002;Wrocław;yes;no\r\n`
      const bad = await upload(
        b,
        '/data-exchange/customers/import',
        `${header}${changed}cus-bad;individual;Jan;Zły;;;not-an-address;;;;;;;;\r\n`,
        'text/csv',
      )
      assert.equal(bad.status, 422, JSON.stringify(bad.body))
      assert.deepEqual(
        bad.body.rows.map((r: { row: number; problems: Array<{ column: string }> }) => [
          r.row,
          r.problems.map((p) => p.column),
        ]),
        [[3, ['e_mail']]],
      )
      assert.equal(await b.eventCount(), before, 'nothing appended')
      // Alone, it is imported: one event per change, on the customer's stream, by the importer.
      const done = await upload(b, '/data-exchange/customers/import', `${header}${changed}`, 'text/csv')
      assert.equal(done.status, 201, JSON.stringify(done.body))
      assert.deepEqual(
        { imported: done.body.imported, unchanged: done.body.unchanged, ids: done.body.ids },
        { imported: 1, unchanged: 0, ids: ['cus-ola'] },
      )
      const appended = (await b.events()).slice(before)
      assert.deepEqual(
        appended.map((e) => [e.streamId, e.type]),
        [
          ['customer-cus-ola', 'CustomerIdentityCorrected'],
          ['customer-cus-ola', 'CustomerContactsChanged'],
          ['customer-cus-ola', 'CustomerContactPreferencesChanged'],
          ['customer-cus-ola', 'CustomerAddressSet'],
          ['customer-cus-ola', 'CustomerConsentWithdrawn'], // marketing by e-mail: no
          ['customer-cus-ola', 'CustomerConsentGiven'], // reminders by SMS: yes
        ],
      )
      assert.deepEqual(appended[5]?.data, {
        ...(appended[5]?.data as object),
        purpose: 'reminders',
        channel: 'sms',
        source: 'import',
      })
      const record = (await b.call('head_office').get('/customers/cus-ola')).body
      assert.equal(record.party.lastName, 'Nowak-Kos')
      assert.equal(record.contacts.phone, '+48600700800')
      assert.equal(record.preferences.language, 'en')
      // The same file again: nothing to change.
      const again = await upload(b, '/data-exchange/customers/import', `${header}${changed}`, 'text/csv')
      assert.deepEqual(
        { imported: again.body.imported, unchanged: again.body.unchanged },
        { imported: 0, unchanged: 1 },
      )
      await b.settle()
      const exported = (await download(b, '/data-exchange/customers/export')).body.toString('utf8')
      assert.match(
        exported,
        /\r\ncus-ola,individual,Ola,Nowak-Kos,,,,ola@example\.pl,'\+48600700800,sms,en,main,correspondence,ul\. Krótka 2,50-002,Wrocław,PL,no,no,no,yes\r\n/,
      )
    } finally {
      await b.close()
    }
  })

  it('price list: a new code with a name and minutes adds a service; known ones change; one batch', async () => {
    const b = await exchangeFixture()
    try {
      const before = await b.eventCount()
      const csv =
        'kod_uslugi;nazwa;nazwa_en;minuty;wymagania_stanowiska;umiejetnosc;cena;waluta;vat\r\n' +
        'NITROGEN;Pompowanie azotem;Nitrogen inflation;15;passenger,suv;tyre_fitting;20,00;PLN;23\r\n' +
        'TYRE_CHANGE;;;;;;130,00;PLN;23\r\n'
      const res = await upload(b, '/data-exchange/prices/import', csv, 'text/csv')
      assert.equal(res.status, 201, JSON.stringify(res.body))
      assert.deepEqual(
        { imported: res.body.imported, ids: res.body.ids },
        { imported: 2, ids: ['NITROGEN', 'TYRE_CHANGE'] },
      )
      const appended = (await b.events()).slice(before)
      assert.deepEqual(
        appended.map((e) => e.type),
        ['CatalogueServiceAdded', 'CatalogueServiceChanged'],
      )
      const catalogue = await b.network.catalogue.get()
      const nitrogen = catalogue.services.find((x) => x.code === 'NITROGEN')
      assert.deepEqual(nitrogen, {
        code: 'NITROGEN',
        names: { pl: 'Pompowanie azotem', en: 'Nitrogen inflation' },
        baseMinutes: 15,
        durationRules: [],
        price: { amountMinor: 2000, currency: 'PLN' },
        vatRatePercent: 23,
        requiredFeatures: ['passenger', 'suv'],
        requiredSkill: 'tyre_fitting',
        retired: false,
      })
      // The known service kept its name, minutes and rules: only the price changed.
      const tyreChange = catalogue.services.find((x) => x.code === 'TYRE_CHANGE')
      const original = SERVICES.find((x) => x.code === 'TYRE_CHANGE')
      assert.deepEqual(tyreChange, { ...original, price: { amountMinor: 13000, currency: 'PLN' }, retired: false })
      // Bad minutes and an unknown feature are named; nothing appended.
      const count = await b.eventCount()
      const bad = await upload(
        b,
        '/data-exchange/prices/import',
        'service_code,name,name_en,minutes,required_features,price,currency,vat_rate_percent\r\n' +
          'WASH,Mycie kół,Wheel wash,0,,10,PLN,23\r\nPAINT,Malowanie,Painting,30,laser,10,PLN,23\r\n',
        'text/csv',
      )
      assert.equal(bad.status, 422, JSON.stringify(bad.body))
      assert.deepEqual(
        bad.body.rows.map((r: { row: number; problems: Array<{ column: string }> }) => [r.row, r.problems[0]?.column]),
        [
          [2, 'minutes'],
          [3, 'required_features'],
        ],
      )
      assert.equal(await b.eventCount(), count)
    } finally {
      await b.close()
    }
  })

  describe('bad files: every problem named, nothing appended', () => {
    async function refused(path: string, body: Buffer | string, type: string, code = 'TEMPLATE_IMPORT_INVALID') {
      const before = await a.eventCount()
      const res = await upload(a, path, body, type)
      assert.equal(res.status, 422, JSON.stringify(res.body))
      assert.match(res.headers['content-type'] ?? '', /^application\/problem\+json/)
      assert.equal(res.body.code, code)
      assert.equal(await a.eventCount(), before, 'nothing appended')
      return res.body
    }

    it('wrong columns: unknown and missing columns named, rows not checked', async () => {
      const body = await refused(
        '/data-exchange/customers/import',
        'customer_id;imie;Emial\r\nx;Jan;j@x.pl\r\n',
        'text/csv',
      )
      assert.equal(body.rows.length, 0)
      assert.match(body.fileProblems.join(' '), /missing column\(s\): kind \(or "rodzaj"\);/)
      assert.match(body.fileProblems.join(' '), /unknown column\(s\): "Emial"/)
    })

    it('bad rows: every row with its column and the reason', async () => {
      const csv =
        'customer_id,kind,first_name,last_name,company_name,tax_id,email,phone\r\n' +
        'cus-new1,individual,Anna,Nowak,,,anna@example.pl,\r\n' +
        'cus-new2,person,Jan,Nowak,,,jan@example.pl,\r\n' +
        'cus-new3,individual,Ewa,Kos,,,,\r\n' +
        'cus-new4,company,,,Firma,1234567890,firma@example.pl,\r\n' +
        'cus-new1,individual,Anna,Nowak,,,anna@example.pl,\r\n' +
        'acme,individual,Jan,Acme,,,x@acme.example,\r\n'
      const body = await refused('/data-exchange/customers/import', csv, 'text/csv')
      const problems = body.rows.map((r: { row: number; problems: Array<{ column: string }> }) => [
        r.row,
        r.problems.map((p) => p.column),
      ])
      assert.deepEqual(problems, [
        [3, ['kind']],
        [4, ['email']],
        [5, ['tax_id']],
        [6, ['customer_id']],
        [7, ['kind']],
      ])
      assert.match(body.rows[0].problems[0].message, /must be one of individual, company/)
      assert.match(body.rows[2].problems[0].message, /NIP/)
      assert.match(body.rows[3].problems[0].message, /the same id as row 2/)
      assert.match(body.rows[4].problems[0].message, /must stay company/)
      assert.ok(body.errors.some((e: { path: string }) => e.path === 'row 3 "kind"'))
    })

    it('price list: an unknown service, a bad amount and a bad VAT rate', async () => {
      const body = await refused(
        '/data-exchange/prices/import',
        'service_code,price,currency,vat_rate_percent\r\nTYRE_CHANGE,99.999,PLN,23\r\nOIL_CHANGE,50,PLN,23\r\nBALANCING,40,PLN,abc\r\n',
        'text/csv',
      )
      assert.deepEqual(
        body.rows.map((r: { row: number; problems: Array<{ column: string; message: string }> }) => [
          r.row,
          r.problems[0]?.column,
        ]),
        [
          [2, 'price'],
          [3, 'name'],
          [4, 'vat_rate_percent'],
        ],
      )
      // A code the catalogue does not have is a new service: it needs a name and minutes.
      assert.deepEqual(
        body.rows[1].problems.map((p: { message: string }) => p.message),
        [
          'no service OIL_CHANGE in the catalogue: a new service needs its name',
          'no service OIL_CHANGE in the catalogue: a new service needs its name_en',
          'no service OIL_CHANGE in the catalogue: a new service needs its minutes',
        ],
      )
    })

    it('XML: an unknown element, a wrong root, text outside columns and malformed XML name their line', async () => {
      const unknown = await refused(
        '/data-exchange/goods/import',
        '<?xml version="1.0"?>\n<goods>\n  <item>\n    <sku>X-1</sku>\n    <colour>red</colour>\n  </item>\n</goods>\n',
        'application/xml',
      )
      assert.match(unknown.fileProblems[0], /line 5: unknown element <colour> in record 1; the columns are sku, kind/)
      const root = await refused(
        '/data-exchange/goods/import',
        '<towary><item><sku>X</sku></item></towary>',
        'text/xml',
      )
      assert.match(root.fileProblems[0], /line 1: the root element must be <goods>, not <towary>/)
      const stray = await refused(
        '/data-exchange/goods/import',
        '<goods>\n<item>oops<sku>X</sku></item></goods>',
        'application/xml',
      )
      assert.match(stray.fileProblems[0], /line 2: text "oops" outside a column/)
      const broken = await refused(
        '/data-exchange/goods/import',
        '<goods><item><sku>X</item></goods>',
        'application/xml',
      )
      assert.match(broken.fileProblems[0], /not well-formed XML/)
    })

    it('XML rows are records: a bad record is named by its number', async () => {
      const body = await refused(
        '/data-exchange/goods/import',
        '<goods><item><sku>OK-1</sku><kind>valve</kind><name_pl>Zawór</name_pl><name_en>Valve</name_en><price>1.00</price><currency>PLN</currency><vat_rate_percent>23</vat_rate_percent></item>' +
          '<item><sku>BAD-2</sku><kind>wheel</kind><name_pl>Koło</name_pl><name_en>Wheel</name_en><price>1.00</price><currency>PLN</currency><vat_rate_percent>23</vat_rate_percent></item></goods>',
        'application/xml',
      )
      assert.deepEqual(
        body.rows.map((r: { row: number }) => r.row),
        [2],
      )
      assert.ok(body.errors.some((e: { path: string }) => e.path === 'record 2 "kind"'))
    })

    it('vehicles through the template: the fleet import’s checks, XLSX rows numbered as in the sheet', async () => {
      const xlsx = await xlsxOf([
        ['Nr rejestracyjny', 'VIN', 'Marka', 'Model'],
        ['WA 44444', 'WVWZZZ1JZ3W000004', 'Volkswagen', 'Polo'],
        ['WA 11111', 'WVWZZZ1JZ3W000005', 'Volkswagen', 'Polo'],
      ])
      const body = await refused(
        '/data-exchange/vehicles/import?fleetId=f1',
        xlsx,
        TYPES.xlsx,
        'VEHICLE_IMPORT_INVALID',
      )
      assert.equal(body.rows[0].row, 3)
      assert.equal(body.rows[0].problems[0].column, 'Nr rejestracyjny')
    })

    it('a type the templates do not read is 415', async () => {
      const res = await upload(a, '/data-exchange/goods/import', '{}', 'application/json')
      assert.equal(res.status, 415)
    })
  })

  it('stock minimums: a point’s manager keeps his point’s, nobody else’s; unknown goods and bad numbers refused', async () => {
    const own = await download(a, '/data-exchange/stock-minimums/export?pointId=p1', 'manager_p1')
    assert.equal(own.status, 200)
    assert.equal(own.headers['content-disposition'], 'attachment; filename="stock-minimums-p1.csv"')
    assert.equal(
      own.body.toString('utf8'),
      '\uFEFFsku,name,minimum\r\nTYR-205-55-R16,Opona zimowa 205/55 R16 — ślizg,8\r\nVALVE-TR413,Zawór TR413,20\r\n',
    )
    const set = await upload(
      a,
      '/data-exchange/stock-minimums/import?pointId=p1',
      'Indeks;Stan minimalny\r\nVALVE-TR413;20\r\nTPMS-01;4\r\n',
      'text/csv',
      'manager_p1',
    )
    assert.equal(set.status, 201, JSON.stringify(set.body))
    assert.deepEqual([set.body.imported, set.body.unchanged, set.body.ids], [1, 1, ['TPMS-01']])
    const levels = await a.repair.stock.levels('p1')
    assert.equal(levels.find((l) => l.sku === 'TPMS-01')?.minimum, 4)

    const before = await a.eventCount()
    const bad = await upload(
      a,
      '/data-exchange/stock-minimums/import?pointId=p1',
      'sku,minimum\r\nNO-SUCH,3\r\nVALVE-TR413,-1\r\nTPMS-01,2.5\r\n',
      'text/csv',
      'manager_p1',
    )
    assert.equal(bad.status, 422)
    assert.deepEqual(
      bad.body.rows.map((r: { row: number; problems: Array<{ column: string }> }) => [r.row, r.problems[0]?.column]),
      [
        [2, 'sku'],
        [3, 'minimum'],
        [4, 'minimum'],
      ],
    )
    assert.match(bad.body.rows[0].problems[0].message, /no goods NO-SUCH in the catalogue/)
    assert.equal(await a.eventCount(), before, 'nothing appended')

    assert.equal((await download(a, '/data-exchange/stock-minimums/export?pointId=p1', 'manager_p2')).status, 403)
    assert.equal((await download(a, '/data-exchange/stock-minimums/export?pointId=p1', 'employee_p1')).status, 403)
    assert.equal((await download(a, '/data-exchange/stock-minimums/export?pointId=p1', 'fleet_manager_f1')).status, 403)
    assert.equal((await download(a, '/data-exchange/stock-minimums/export?pointId=p1', 'point_p1')).status, 200)
    assert.equal((await download(a, '/data-exchange/stock-minimums/export')).status, 422)
    const nowhere = await upload(
      a,
      '/data-exchange/stock-minimums/import?pointId=p9',
      'sku,minimum\r\nTPMS-01,1\r\n',
      'text/csv',
    )
    assert.equal(nowhere.status, 404)
  })

  it('who may: customers head office only; the catalogue exported by points too, imported by head office; vehicles by their fleet', async () => {
    const csv = 'sku,kind,name_pl,name_en,price,currency,vat_rate_percent\r\nQ-1,valve,Zawór,Valve,1.00,PLN,23\r\n'
    assert.equal((await download(a, '/data-exchange/customers/export', 'manager_p1')).status, 403)
    assert.equal((await download(a, '/data-exchange/customers/export', 'fleet_f1')).status, 403)
    assert.equal(
      (await upload(a, '/data-exchange/customers/import', 'kind\r\nindividual\r\n', 'text/csv', 'manager_p1')).status,
      403,
    )
    assert.equal((await download(a, '/data-exchange/prices/export', 'manager_p1')).status, 200)
    assert.equal((await download(a, '/data-exchange/goods/export?format=xlsx', 'point_p1')).status, 200)
    assert.equal((await upload(a, '/data-exchange/goods/import', csv, 'text/csv', 'manager_p1')).status, 403)
    assert.equal((await download(a, '/data-exchange/goods/export', 'employee_p1')).status, 403)
    assert.equal((await download(a, '/data-exchange/goods/export', 'customer')).status, 403)
    assert.equal((await download(a, '/data-exchange/goods/export', 'fleet_manager_f1')).status, 403)
    assert.equal((await download(a, '/data-exchange/vehicles/export?fleetId=f1', 'fleet_f1')).status, 200)
    assert.equal((await download(a, '/data-exchange/vehicles/export?fleetId=f2', 'fleet_manager_f1')).status, 403)
    assert.equal((await download(a, '/data-exchange/vehicles/export?fleetId=f1', 'manager_p1')).status, 403)
    const noFleet = await download(a, '/data-exchange/vehicles/export')
    assert.equal(noFleet.status, 422)
    assert.equal((await download(a, '/data-exchange/invoices/export')).status, 404)
    assert.equal((await download(a, '/data-exchange/goods/export?format=pdf')).status, 400)
    const blank = await download(a, '/data-exchange/goods/blank?format=csv', 'manager_p1')
    assert.equal(
      blank.body.toString('utf8'),
      '\uFEFFsku,kind,name_pl,name_en,name_ro,name_ru,price,currency,vat_rate_percent\r\n',
    )
  })
})

describe('customers import stopped halfway by the store', function () {
  this.timeout(60_000)

  it('says how far it got, and the same file with the same key registers the rest', async () => {
    let failAt: string | null = 'cus-h3'
    const f = await businessFixture({
      modules: ({ network, platform, readModels, store, catalogue, repair }) => {
        // The store refuses one registration, as a failing disk or a concurrent writer would.
        const customers = Object.create(platform.customers) as typeof platform.customers
        customers.register = async (by, input, meta) =>
          input.customerId === failAt
            ? left(domainError('conflict', 'STORE_UNAVAILABLE', 'the event store did not answer'))
            : platform.customers.register(by, input, meta)
        const service = new DataExchangeService({
          store,
          catalogue,
          customers,
          customerReader: platform.reader,
          readModels,
          vehicleImports: platform.imports,
          network: network.reader,
          stock: repair.stock,
        })
        return [dataExchangeModule(service)]
      },
    })
    try {
      const csv =
        'customer_id,kind,first_name,last_name,email\r\n' +
        'cus-h1,individual,Anna,Nowak,anna@example.pl\r\n' +
        ',individual,Bez,Numeru,bez@example.pl\r\n' +
        'cus-h3,individual,Celina,Kos,celina@example.pl\r\n' +
        'cus-h4,individual,Dawid,Lis,dawid@example.pl\r\n'
      const send = () =>
        request(f.app)
          .post('/data-exchange/customers/import')
          .set('Authorization', f.bearer('head_office'))
          .set('Idempotency-Key', 'customers-2026-11-26')
          .set('Content-Type', 'text/csv')
          .send(Buffer.from(csv))
      const first = await send()
      assert.equal(first.status, 409, JSON.stringify(first.body))
      assert.match(first.body.detail, /row 4: the event store did not answer; 2 customer\(s\) before it were imported/)
      failAt = null
      const second = await send()
      assert.equal(second.status, 201, JSON.stringify(second.body))
      assert.deepEqual([second.body.imported, second.body.unchanged], [2, 2])
      assert.deepEqual(second.body.ids, ['cus-h3', 'cus-h4'])
      await f.settle()
      const names = (await f.call('head_office').get('/customers?limit=50')).body.items.map(
        (c: { displayName: string }) => c.displayName,
      )
      assert.equal(names.filter((n: string) => n === 'Bez Numeru').length, 1, 'the row without an id registered once')
    } finally {
      await f.close()
    }
  })
})
