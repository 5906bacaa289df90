// The template files' readers and writers, and the cell types: what a writer writes the reader
// reads back as the same cells (formula-like text, quotes, commas, line breaks, Polish and Cyrillic
// letters, XML's special characters); Windows-1250 CSV and semicolons; money and years as the
// columns read them.
import assert from 'node:assert/strict'
import fc from 'fast-check'
import {
  readCsv,
  readXlsx,
  readXml,
  UnreadableFile,
  writeCsv,
  writeXlsx,
  writeXml,
} from '../../../api/dataExchange/tableFiles.js'
import { money, oneOf, optionalYear, readCell, writeCell } from '../../../application/dataExchange/cells.js'
import { TEMPLATES } from '../../../application/dataExchange/dataExchangeService.js'
import { decodeRows, encodeRows, mapHeaders } from '../../../application/dataExchange/exchangeTemplate.js'

const SHAPE = { root: 'goods', record: 'item', columns: ['sku', 'name_pl'] }
const cellText = fc.string({
  unit: fc.constantFrom('a', 'Ł', 'ż', 'Ж', ',', ';', '"', "'", '=', '+', '-', '@', '<', '&', ' ', '\n', '1'),
})

describe('template files and cells', () => {
  it('CSV, XML and XLSX read back what they wrote, whatever the text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(cellText, cellText), { minLength: 1, maxLength: 5 }), async (pairs) => {
        // Cells as the readers give them: no surrounding blanks only (CSV keeps them; XLSX too).
        const rows = pairs.map(([a, b]) => [`k${a}`, b])
        const cells = [['sku', 'name_pl'], ...rows]
        const expected = rows.map(([sku, name]) => ({ sku, name_pl: name }))
        assert.deepEqual(readCsv('x.csv', writeCsv(cells)).rows, expected)
        assert.deepEqual(readXml('x.xml', writeXml(SHAPE, cells), SHAPE).rows, expected)
        const xlsx = await readXlsx('x.xlsx', await writeXlsx('goods', cells))
        assert.deepEqual(
          xlsx.rows,
          expected.map((r) => ({ sku: r.sku, name_pl: r.name_pl })),
        )
      }),
      { numRuns: 40 },
    )
  })

  it('CSV: text a spreadsheet would run is written with an apostrophe, numbers are not', () => {
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(
      writeCsv([
        ['a', 'b'],
        ['=SUM(A1)', '-12.5'],
      ]),
    )
    assert.equal(text, "\uFEFFa,b\r\n'=SUM(A1),-12.5\r\n")
  })

  it('CSV from Polish Excel: Windows-1250 and semicolons', () => {
    const bytes = Buffer.from([
      ...Buffer.from('sku;nazwa\r\nA-1;', 'latin1'),
      0xa3, // Ł in Windows-1250
      0xf3, // ó
      0x64,
      0x9f, // ź
      0x0d,
      0x0a,
    ])
    const file = readCsv('x.csv', bytes)
    assert.deepEqual(file.headers, ['sku', 'nazwa'])
    assert.deepEqual(file.rows, [{ sku: 'A-1', nazwa: 'Łódź' }])
  })

  it('XML: a column twice, nested elements and other encodings are refused', () => {
    const twice = () => readXml('x.xml', Buffer.from('<goods><item><sku>a</sku><sku>b</sku></item></goods>'), SHAPE)
    assert.throws(twice, (e: unknown) => e instanceof UnreadableFile && /<sku> twice in record 1/.test(e.message))
    const nested = () => readXml('x.xml', Buffer.from('<goods><item><sku><b>a</b></sku></item></goods>'), SHAPE)
    assert.throws(nested, /<b> inside <sku>: a column holds text only/)
    assert.throws(() => readXml('x.xml', Buffer.from([0x3c, 0x67, 0xff, 0x3e]), SHAPE), /must be UTF-8/)
  })

  it('XML: the Polish names a CSV header may have are element names too, matched as headers are', async () => {
    const { xmlShapeOf } = await import('../../../api/dataExchange/tableFiles.js')
    const shape = xmlShapeOf('customers')
    const xml =
      '<customers><customer><rodzaj>individual</rodzaj><Imię>Łucja</Imię><NAZWISKO>Żak</NAZWISKO>' +
      '<telefon>+48 600 100 200</telefon></customer><customer><kind>individual</kind><first_name>Jan</first_name>' +
      '</customer></customers>'
    const file = readXml('c.xml', Buffer.from(xml), shape)
    assert.deepEqual(file.headers, shape.columns)
    assert.equal(file.rows[0]?.kind, 'individual')
    assert.equal(file.rows[0]?.first_name, 'Łucja')
    assert.equal(file.rows[0]?.last_name, 'Żak')
    assert.equal(file.rows[0]?.phone, '+48 600 100 200')
    assert.equal(file.rows[1]?.first_name, 'Jan')
    // The same column under two of its names is a column twice; an unknown name is still refused.
    const twice = () =>
      readXml(
        'c.xml',
        Buffer.from('<customers><customer><imie>a</imie><first_name>b</first_name></customer></customers>'),
        shape,
      )
    assert.throws(twice, /<first_name> twice in record 1/)
    const unknown = () =>
      readXml('c.xml', Buffer.from('<customers><customer><imiona>a</imiona></customer></customers>'), shape)
    assert.throws(unknown, /unknown element <imiona>/)
    // And the template decodes them as it does a CSV with those headers.
    const decoded = decodeRows(TEMPLATES.customers.columns, file)
    assert.ok(decoded.ok)
  })

  it('cells: money in minor units (comma or point), years, words ignoring case; written back the same', () => {
    assert.deepEqual(readCell(money, '1 234,5'), { ok: true, value: 123450 })
    assert.deepEqual(readCell(money, '0.07'), { ok: true, value: 7 })
    assert.equal(readCell(money, '12.345').ok, false)
    assert.equal(readCell(money, '-1').ok, false)
    assert.equal(writeCell(money, 123405), '1234.05')
    assert.deepEqual(readCell(optionalYear, ''), { ok: true, value: null })
    assert.equal(readCell(optionalYear, '21').ok, false)
    assert.deepEqual(readCell(oneOf(['individual', 'company'] as const), 'Company'), { ok: true, value: 'company' })
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), (minor) => {
        const read = readCell(money, writeCell(money, minor))
        return read.ok && read.value === minor
      }),
    )
  })

  it('headers: Polish and English names, case, accents and spacing ignored; doubled, unknown and missing named', () => {
    const goods = TEMPLATES.goods.columns
    const ok = mapHeaders(goods, ['SKU', 'Rodzaj', 'Nazwa', 'Name EN', 'Cena', 'Waluta', 'Stawka VAT'])
    assert.deepEqual(ok.problems, [])
    assert.equal(ok.byColumn.get('vat_rate_percent'), 'Stawka VAT')
    const bad = mapHeaders(goods, ['sku', 'kod_towaru', 'colour'])
    assert.match(bad.problems.join(' | '), /columns "sku" and "kod_towaru" both hold the sku/)
    assert.match(
      bad.problems.join(' | '),
      /missing column\(s\): kind \(or "rodzaj"\), name_pl \(or "nazwa"\), name_en, price \(or "cena"\), currency \(or "waluta"\), vat_rate_percent \(or "vat"\);/,
    )
    assert.match(bad.problems.join(' | '), /unknown column\(s\): "colour"/)
  })

  it('decoding keeps the good rows and lists every bad cell; an export encodes back to the same cells', () => {
    const columns = TEMPLATES.goods.columns
    const header = columns.map((c) => c.name)
    const file = {
      fileName: 'g.csv',
      headers: header,
      rows: [
        {
          sku: 'A',
          kind: 'valve',
          name_pl: 'Zawór',
          name_en: 'Valve',
          name_ro: '',
          name_ru: '',
          price: '1.50',
          currency: 'PLN',
          vat_rate_percent: '23',
        },
        {
          sku: 'B',
          kind: 'wheel',
          name_pl: '',
          name_en: 'x',
          name_ro: '',
          name_ru: '',
          price: 'abc',
          currency: 'PLN',
          vat_rate_percent: '23',
        },
      ],
    }
    const decoded = decodeRows(columns, file)
    assert.ok(decoded.ok)
    assert.deepEqual(
      decoded.rows.map((r) => r.row),
      [2],
    )
    assert.deepEqual(
      decoded.problems.map((p) => [p.row, p.column]),
      [
        [3, 'kind'],
        [3, 'name_pl'],
        [3, 'price'],
      ],
    )
    const cells = encodeRows(
      columns,
      decoded.rows.map((r) => r.values),
    )
    assert.deepEqual(cells, [header, ['A', 'valve', 'Zawór', 'Valve', '', '', '1.50', 'PLN', '23']])
  })
})
