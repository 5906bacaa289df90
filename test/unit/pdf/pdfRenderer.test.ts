// The PDF renderer: DejaVu Sans embedded so Polish, Romanian and Cyrillic text renders and comes
// back intact from pdftotext; long tables flow over pages with their header repeated; QR codes
// decode from the rasterised page; logos are drawn; the same layout renders to the same bytes.
import assert from 'node:assert/strict'
import { deflateSync } from 'node:zlib'
import { A4, type DocumentLayout, LABEL } from '../../../application/documents/documentLayout.js'
import { PdfLibRenderer } from '../../../infrastructure/pdf/pdfLibRenderer.js'
import { qrMatrix } from '../../../infrastructure/pdf/qrMatrix.js'
import { wrapText } from '../../../infrastructure/pdf/textLayout.js'
import { decodeQrCodes, pdfPageCount, pdfText } from './pdfTools.js'

const POLISH = 'Zażółć gęślą jaźń — ĄĆĘŁŃÓŚŹŻ ąćęłńóśźż'
const ROMANIAN = 'Știință și țară: ȘȚ șț ăâî'
const RUSSIAN = 'Съешь же ещё этих мягких французских булок'

/** A 2 × 2 red PNG, built here so the test needs no image file. */
function tinyPng(): Uint8Array {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (buf: Buffer) => {
    let c = 0xffffffff
    for (const b of buf) c = (crcTable[(c ^ b) & 0xff] as number) ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const sum = Buffer.alloc(4)
    sum.writeUInt32BE(crc(body))
    return Buffer.concat([len, body, sum])
  }
  const ihdr = Buffer.from([0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0])
  const raw = Buffer.from([0, 255, 0, 0, 255, 0, 0, 0, 255, 0, 0, 255, 0, 0])
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const layout = (over: Partial<DocumentLayout> = {}): DocumentLayout => ({
  format: A4,
  title: 'Protokół przyjęcia',
  subtitle: 'Zlecenie wo-1 · 2026-03-02 09:00',
  header: 'Sieć Opon Sp. z o.o., ul. Łąkowa 5, Łódź',
  footer: 'Dziękujemy — Mulțumim — Спасибо',
  logo: null,
  blocks: [
    { kind: 'heading', text: 'Klient' },
    {
      kind: 'fields',
      rows: [
        ['Imię i nazwisko', POLISH],
        ['Nume', ROMANIAN],
        ['Имя', RUSSIAN],
      ],
    },
    { kind: 'paragraph', text: `${POLISH}. ${ROMANIAN}. ${RUSSIAN}.` },
    {
      kind: 'signatures',
      boxes: [
        { label: 'Podpis klienta', note: 'Podpisano elektronicznie' },
        { label: 'Przyjął', note: null },
      ],
    },
  ],
  pageNumbering: 'strona {page} z {pages}',
  locale: 'pl',
  ...over,
})

describe('PDF renderer (pdf-lib + DejaVu Sans)', function () {
  this.timeout(20_000)
  const renderer = new PdfLibRenderer()

  it('embeds the font so Polish, Romanian and Cyrillic text extracts intact', async () => {
    const pdf = await renderer.render(layout())
    assert.equal(Buffer.from(pdf.subarray(0, 5)).toString('latin1'), '%PDF-')
    const text = await pdfText(pdf)
    for (const expected of [
      'Protokół przyjęcia',
      'Sieć Opon Sp. z o.o., ul. Łąkowa 5, Łódź',
      'ĄĆĘŁŃÓŚŹŻ ąćęłńóśźż',
      'Știință și țară: ȘȚ șț ăâî',
      RUSSIAN,
      'Podpis klienta',
      'strona 1 z 1',
      'Dziękujemy — Mulțumim — Спасибо',
    ])
      assert.ok(text.includes(expected), `missing ${expected} in:\n${text}`)
  })

  it('flows a long table over pages, repeating its header, and numbers the pages', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => [`#${i}`, `Wpis ${i}: wymiana zaworu, żółty`, `${i},00 zł`])
    const pdf = await renderer.render(
      layout({
        blocks: [
          {
            kind: 'table',
            columns: [
              { title: 'Nr', width: 1 },
              { title: 'Opis', width: 6 },
              { title: 'Kwota', width: 2, align: 'right' },
            ],
            rows,
          },
        ],
      }),
    )
    const pages = await pdfPageCount(pdf)
    assert.ok(pages >= 3, `120 rows need several pages, got ${pages}`)
    const text = await pdfText(pdf)
    assert.equal(text.match(/Opis/g)?.length, pages, 'the header on every page')
    assert.ok(text.includes('Wpis 119: wymiana zaworu, żółty'))
    assert.ok(text.includes(`strona ${pages} z ${pages}`))
  })

  it('draws a QR code that decodes from the rasterised page, on an A4 page and on a label', async () => {
    const data = 'equipment:eq-7f3c1b2a-0000-4000-8000-000000000001'
    const a4 = await renderer.render(
      layout({ blocks: [{ kind: 'qr', data, sizeMm: 35, lines: ['DW1AB23', 'Škoda Octavia'] }] }),
    )
    assert.deepEqual(await decodeQrCodes(a4, 100), [data])
    const label = await renderer.render(
      layout({
        format: LABEL,
        title: 'DW1AB23',
        subtitle: null,
        header: null,
        footer: null,
        pageNumbering: null,
        blocks: [{ kind: 'qr', data, sizeMm: 30, lines: ['eq-7f3c', 'Škoda Octavia', 'Zlecenie wo-1'] }],
      }),
    )
    assert.equal(await pdfPageCount(label), 1)
    assert.deepEqual(await decodeQrCodes(label, 300), [data])
    assert.ok((await pdfText(label)).includes('Škoda Octavia'))
  })

  it('draws a PNG logo, and renders the same layout to the same bytes', async () => {
    const withLogo = layout({ logo: { bytes: tinyPng(), contentType: 'image/png' } })
    const a = await renderer.render(withLogo)
    const b = await renderer.render(withLogo)
    assert.deepEqual(Buffer.from(a), Buffer.from(b))
    assert.ok(Buffer.from(a).includes(Buffer.from('/Subtype /Image')), 'an image XObject')
  })

  it('QR matrix and wrapping: the pieces', () => {
    const m = qrMatrix('eq-1')
    assert.equal(m.size, 21)
    assert.equal(m.dark.length, 21 * 21)
    // Finder pattern: the top-left 7 × 7 square has a dark border.
    for (let i = 0; i < 7; i++) assert.ok(m.dark[i] && m.dark[i * 21] && m.dark[6 * 21 + i] && m.dark[i * 21 + 6])
    const measure = (s: string) => s.length
    assert.deepEqual(wrapText('aa bb cc', 5, measure), ['aa bb', 'cc'])
    assert.deepEqual(wrapText('0123456789', 4, measure), ['0123', '4567', '89'])
    assert.deepEqual(wrapText('a\n\nb', 5, measure), ['a', '', 'b'])
  })
})
