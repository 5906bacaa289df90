// Draws a DocumentLayout with pdf-lib: DejaVu Sans embedded (subset, with a Unicode map, so Polish,
// Romanian and Cyrillic text renders and extracts as typed), the template's logo and texts, blocks
// flowing over as many pages as they need (table headers repeated), QR codes drawn as vector
// modules, and the page number on every page.
import fontkit from '@pdf-lib/fontkit'
import { PDFDocument, type PDFFont, type PDFImage, type PDFPage, rgb } from 'pdf-lib'
import type { Block, DocumentLayout, DocumentRenderer } from '../../application/documents/documentLayout.js'
import { type FontFiles, loadFonts } from './fonts.js'
import { qrMatrix } from './qrMatrix.js'
import { wrapText } from './textLayout.js'

const MM = 72 / 25.4
const INK = rgb(0.1, 0.1, 0.12)
const GREY = rgb(0.42, 0.42, 0.45)
const RULE = rgb(0.75, 0.75, 0.78)
const SHADE = rgb(0.93, 0.93, 0.95)

interface Fonts {
  readonly regular: PDFFont
  readonly bold: PDFFont
  readonly mono: PDFFont
}

// fontkit lays out every string it measures, which costs far more than adding up advance widths;
// wrapping measures each candidate line, so widths per character are cached (kerning is ignored:
// DejaVu's is slight, and a line that ends up a hair wider than measured still fits the margin).
const advances = new WeakMap<PDFFont, Map<string, number>>()

function textWidth(font: PDFFont, text: string, size: number): number {
  let cache = advances.get(font)
  if (!cache) {
    cache = new Map()
    advances.set(font, cache)
  }
  let width = 0
  for (const char of text) {
    let w = cache.get(char)
    if (w === undefined) {
      w = font.widthOfTextAtSize(char, 1)
      cache.set(char, w)
    }
    width += w
  }
  return width * size
}

/** A cursor over pages: where the next line goes, and a new page when it does not fit. */
class Flow {
  page: PDFPage
  y: number
  readonly pages: PDFPage[] = []
  readonly left: number
  readonly width: number
  readonly bottom: number
  readonly top: number

  constructor(
    private readonly doc: PDFDocument,
    private readonly layout: DocumentLayout,
    readonly fonts: Fonts,
    readonly size: number,
  ) {
    const f = layout.format
    this.left = f.marginMm * MM
    this.width = (f.widthMm - 2 * f.marginMm) * MM
    // Room for the footer line(s) at the bottom of every page.
    const footerLines = (layout.footer ? 1 : 0) + (layout.pageNumbering ? 1 : 0)
    this.bottom = f.marginMm * MM + footerLines * size * 1.3
    this.top = (f.heightMm - f.marginMm) * MM
    this.page = this.addPage()
    this.y = this.top
  }

  addPage(): PDFPage {
    const f = this.layout.format
    this.page = this.doc.addPage([f.widthMm * MM, f.heightMm * MM])
    this.pages.push(this.page)
    this.y = this.top
    return this.page
  }

  /** Makes room for `height` points, starting a new page when this one is full. */
  need(height: number): void {
    if (this.y - height < this.bottom && this.y < this.top) this.addPage()
  }

  text(text: string, x: number, size: number, font: PDFFont = this.fonts.regular, color = INK): void {
    this.page.drawText(text, { x, y: this.y - size, size, font, color })
  }

  wrap(text: string, width: number, size: number, font: PDFFont = this.fonts.regular): string[] {
    return wrapText(text, width, (s) => textWidth(font, s, size))
  }

  /** Wrapped text across the width, flowing over pages. */
  paragraph(text: string, size: number, font: PDFFont = this.fonts.regular, color = INK): void {
    const lead = size * 1.3
    for (const line of this.wrap(text, this.width, size, font)) {
      this.need(lead)
      this.text(line, this.left, size, font, color)
      this.y -= lead
    }
  }
}

function drawHeader(flow: Flow, layout: DocumentLayout, logo: PDFImage | null): void {
  const size = flow.size
  let logoHeight = 0
  if (logo) {
    // At most 18 mm high and a third of the width, keeping the aspect ratio.
    const scale = Math.min((18 * MM) / logo.height, flow.width / 3 / logo.width)
    const w = logo.width * scale
    const h = logo.height * scale
    flow.page.drawImage(logo, { x: flow.left + flow.width - w, y: flow.y - h, width: w, height: h })
    logoHeight = h
  }
  const startY = flow.y
  const textWidth = logo ? flow.width * 0.62 : flow.width
  if (layout.header) {
    for (const line of flow.wrap(layout.header, textWidth, size * 0.9)) {
      flow.text(line, flow.left, size * 0.9, flow.fonts.regular, GREY)
      flow.y -= size * 1.2
    }
  }
  flow.y = Math.min(flow.y, startY - logoHeight) - size * 0.6
  const titleSize = size * 1.7
  for (const line of flow.wrap(layout.title, flow.width, titleSize, flow.fonts.bold)) {
    flow.text(line, flow.left, titleSize, flow.fonts.bold)
    flow.y -= titleSize * 1.25
  }
  if (layout.subtitle) flow.paragraph(layout.subtitle, size, flow.fonts.regular, GREY)
  flow.y -= size * 0.5
  flow.page.drawLine({
    start: { x: flow.left, y: flow.y },
    end: { x: flow.left + flow.width, y: flow.y },
    thickness: 0.6,
    color: RULE,
  })
  flow.y -= size
}

function drawFields(flow: Flow, rows: ReadonlyArray<readonly [string, string]>): void {
  const size = flow.size
  const lead = size * 1.3
  const labelWidth = Math.min(flow.width * 0.34, 62 * MM)
  const valueWidth = flow.width - labelWidth - 4
  for (const [label, value] of rows) {
    const labels = flow.wrap(label, labelWidth, size, flow.fonts.bold)
    const values = flow.wrap(value || '—', valueWidth, size)
    const lines = Math.max(labels.length, values.length)
    for (let i = 0; i < lines; i++) {
      flow.need(lead)
      if (labels[i]) flow.text(labels[i] as string, flow.left, size, flow.fonts.bold, GREY)
      if (values[i]) flow.text(values[i] as string, flow.left + labelWidth + 4, size)
      flow.y -= lead
    }
  }
  flow.y -= size * 0.4
}

function drawTable(flow: Flow, block: Extract<Block, { kind: 'table' }>): void {
  const size = block.small ? flow.size * 0.85 : flow.size
  const lead = size * 1.25
  const pad = 2.5
  const total = block.columns.reduce((s, c) => s + c.width, 0)
  const widths = block.columns.map((c) => (c.width / total) * flow.width)
  const xs = widths.map((_, i) => flow.left + widths.slice(0, i).reduce((s, w) => s + w, 0))

  const drawRow = (cells: ReadonlyArray<string>, font: PDFFont, shaded: boolean) => {
    const wrapped = cells.map((c, i) => flow.wrap(c, (widths[i] as number) - 2 * pad, size, font))
    const height = Math.max(1, ...wrapped.map((w) => w.length)) * lead + pad
    return { wrapped, height, font, shaded }
  }
  const paint = (row: ReturnType<typeof drawRow>) => {
    if (row.shaded)
      flow.page.drawRectangle({
        x: flow.left,
        y: flow.y - row.height,
        width: flow.width,
        height: row.height,
        color: SHADE,
      })
    row.wrapped.forEach((lines, i) => {
      const align = block.columns[i]?.align ?? 'left'
      lines.forEach((line, j) => {
        const w = textWidth(row.font, line, size)
        const x = align === 'right' ? (xs[i] as number) + (widths[i] as number) - pad - w : (xs[i] as number) + pad
        flow.page.drawText(line, {
          x,
          y: flow.y - pad / 2 - (j + 1) * lead + size * 0.25,
          size,
          font: row.font,
          color: INK,
        })
      })
    })
    flow.y -= row.height
    flow.page.drawLine({
      start: { x: flow.left, y: flow.y },
      end: { x: flow.left + flow.width, y: flow.y },
      thickness: 0.3,
      color: RULE,
    })
  }
  const header = drawRow(
    block.columns.map((c) => c.title),
    flow.fonts.bold,
    true,
  )
  flow.need(header.height + lead)
  paint(header)
  for (const cells of block.rows) {
    const row = drawRow(cells, block.columns.length > 0 ? flow.fonts.regular : flow.fonts.regular, false)
    if (flow.y - row.height < flow.bottom) {
      flow.addPage()
      paint(header) // the header again on the new page
    }
    paint(row)
  }
  flow.y -= flow.size * 0.6
}

function drawSignatures(flow: Flow, boxes: Extract<Block, { kind: 'signatures' }>['boxes']): void {
  const size = flow.size
  const gap = 8 * MM
  const width = (flow.width - gap * (boxes.length - 1)) / Math.max(1, boxes.length)
  const height = 22 * MM
  flow.need(height + size * 3)
  boxes.forEach((box, i) => {
    const x = flow.left + i * (width + gap)
    flow.page.drawRectangle({ x, y: flow.y - height, width, height, borderColor: RULE, borderWidth: 0.6 })
    flow.page.drawText(box.label, {
      x: x + 3,
      y: flow.y - height - size * 1.3,
      size,
      font: flow.fonts.bold,
      color: GREY,
    })
    if (box.note) {
      const lines = flow.wrap(box.note, width - 6, size * 0.85)
      lines.forEach((line, j) => {
        flow.page.drawText(line, {
          x: x + 3,
          y: flow.y - size * 1.2 - j * size * 1.1,
          size: size * 0.85,
          font: flow.fonts.regular,
          color: INK,
        })
      })
    }
  })
  flow.y -= height + size * 2.5
}

function drawQr(flow: Flow, block: Extract<Block, { kind: 'qr' }>): void {
  const size = flow.size
  const side = block.sizeMm * MM
  flow.need(side)
  const matrix = qrMatrix(block.data)
  // Four modules of quiet zone are part of the symbol: keep them white around the code.
  const module = side / (matrix.size + 8)
  const x0 = flow.left + 4 * module
  const yTop = flow.y - 4 * module
  for (let row = 0; row < matrix.size; row++)
    for (let col = 0; col < matrix.size; col++)
      if (matrix.dark[row * matrix.size + col])
        flow.page.drawRectangle({
          x: x0 + col * module,
          y: yTop - (row + 1) * module,
          width: module,
          height: module,
          color: rgb(0, 0, 0),
        })
  const textX = flow.left + side + 3 * MM
  const textWidth = flow.width - side - 3 * MM
  let y = flow.y - 2 * MM
  block.lines.forEach((line, i) => {
    const lineSize = i === 0 ? size * 1.5 : size
    const font = i === 0 ? flow.fonts.bold : flow.fonts.regular
    for (const part of flow.wrap(line, textWidth, lineSize, font)) {
      flow.page.drawText(part, { x: textX, y: y - lineSize, size: lineSize, font, color: INK })
      y -= lineSize * 1.25
    }
  })
  flow.y -= Math.max(side, flow.y - y) + size * 0.5
}

/** An axis figure: integers as they are, others with at most two decimals. */
function axisNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100)
}

/**
 * One series as bars or a line: y axis from zero (or the lowest negative value) to the highest
 * value with its figures at both ends, x labels under the plot (every k-th when they would
 * overlap), the value over each bar when there is room for it.
 */
function drawChart(flow: Flow, block: Extract<Block, { kind: 'chart' }>): void {
  const size = flow.size * 0.8
  const titleSize = flow.size
  const height = block.heightMm * MM
  flow.need(height + titleSize * 2 + size * 3)
  flow.text(block.title, flow.left, titleSize, flow.fonts.bold)
  flow.y -= titleSize * 1.6
  const values = block.values.map((v) => (Number.isFinite(v) ? v : 0))
  const max = Math.max(0, ...values)
  const min = Math.min(0, ...values)
  const span = max - min || 1
  const axisWidth =
    Math.max(
      textWidth(flow.fonts.regular, axisNumber(max), size),
      textWidth(flow.fonts.regular, axisNumber(min), size),
    ) + 4
  const x0 = flow.left + axisWidth
  const plotWidth = flow.width - axisWidth
  const top = flow.y
  const bottom = flow.y - height
  const yOf = (v: number) => bottom + ((v - min) / span) * height
  const zero = yOf(0)
  flow.page.drawLine({ start: { x: x0, y: bottom }, end: { x: x0, y: top }, thickness: 0.5, color: GREY })
  flow.page.drawLine({ start: { x: x0, y: zero }, end: { x: x0 + plotWidth, y: zero }, thickness: 0.5, color: GREY })
  for (const v of new Set([max, min])) {
    const label = axisNumber(v)
    const w = textWidth(flow.fonts.regular, label, size)
    flow.page.drawText(label, { x: x0 - w - 3, y: yOf(v) - size * 0.35, size, font: flow.fonts.regular, color: GREY })
  }
  const n = values.length
  const step = n > 0 ? plotWidth / n : plotWidth
  const centre = (i: number) => x0 + step * (i + 0.5)
  const BAR = rgb(0.2, 0.4, 0.7)
  if (block.chart === 'bar') {
    const barWidth = Math.max(0.5, Math.min(step * 0.7, 16 * MM))
    values.forEach((v, i) => {
      const y = yOf(v)
      flow.page.drawRectangle({
        x: centre(i) - barWidth / 2,
        y: Math.min(y, zero),
        width: barWidth,
        height: Math.abs(y - zero),
        color: BAR,
      })
      const label = axisNumber(v)
      const w = textWidth(flow.fonts.regular, label, size * 0.85)
      if (w < step * 0.95 && n <= 40)
        flow.page.drawText(label, {
          x: centre(i) - w / 2,
          y: Math.max(y, zero) + 2,
          size: size * 0.85,
          font: flow.fonts.regular,
          color: INK,
        })
    })
  } else {
    for (let i = 1; i < n; i++)
      flow.page.drawLine({
        start: { x: centre(i - 1), y: yOf(values[i - 1] as number) },
        end: { x: centre(i), y: yOf(values[i] as number) },
        thickness: 1.2,
        color: BAR,
      })
    values.forEach((v, i) => {
      flow.page.drawCircle({ x: centre(i), y: yOf(v), size: 1.6, color: BAR })
    })
  }
  // x labels: as many as fit side by side, evenly spaced, the first one always.
  const widest = Math.max(1, ...block.labels.map((l) => textWidth(flow.fonts.regular, l, size)))
  const every = Math.max(1, Math.ceil((widest + 4) / step))
  block.labels.forEach((label, i) => {
    if (i % every !== 0) return
    const w = textWidth(flow.fonts.regular, label, size)
    const x = Math.min(Math.max(centre(i) - w / 2, x0), flow.left + flow.width - w)
    flow.page.drawText(label, { x, y: bottom - size * 1.3, size, font: flow.fonts.regular, color: GREY })
  })
  flow.y = bottom - size * 2.6
}

function drawBlock(flow: Flow, block: Block): void {
  const size = flow.size
  switch (block.kind) {
    case 'heading':
      flow.need(size * 4)
      flow.y -= size * 0.4
      flow.paragraph(block.text, size * 1.2, flow.fonts.bold)
      flow.y -= size * 0.2
      return
    case 'paragraph':
      flow.paragraph(
        block.text,
        block.small ? size * 0.8 : size,
        block.mono ? flow.fonts.mono : flow.fonts.regular,
        block.small ? GREY : INK,
      )
      flow.y -= size * 0.3
      return
    case 'fields':
      drawFields(flow, block.rows)
      return
    case 'table':
      drawTable(flow, block)
      return
    case 'signatures':
      drawSignatures(flow, block.boxes)
      return
    case 'qr':
      drawQr(flow, block)
      return
    case 'spacer':
      flow.y -= block.mm * MM
      return
    case 'chart':
      drawChart(flow, block)
      return
  }
}

function drawFooters(flow: Flow, layout: DocumentLayout): void {
  const size = flow.size * 0.8
  const total = flow.pages.length
  flow.pages.forEach((page, i) => {
    let y = layout.format.marginMm * MM
    if (layout.pageNumbering) {
      const text = layout.pageNumbering.replace('{page}', String(i + 1)).replace('{pages}', String(total))
      const w = textWidth(flow.fonts.regular, text, size)
      page.drawText(text, { x: flow.left + flow.width - w, y, size, font: flow.fonts.regular, color: GREY })
      y += size * 1.3
    }
    if (layout.footer) {
      const line = flow.wrap(layout.footer.replace(/\s+/g, ' '), flow.width, size)[0] ?? ''
      page.drawText(line, { x: flow.left, y, size, font: flow.fonts.regular, color: GREY })
    }
  })
}

export class PdfLibRenderer implements DocumentRenderer {
  constructor(private readonly fonts: () => Promise<FontFiles> = () => loadFonts()) {}

  async render(layout: DocumentLayout): Promise<Uint8Array> {
    const files = await this.fonts()
    const doc = await PDFDocument.create()
    doc.registerFontkit(fontkit)
    const fonts: Fonts = {
      regular: await doc.embedFont(files.regular, { subset: true }),
      bold: await doc.embedFont(files.bold, { subset: true }),
      mono: await doc.embedFont(files.mono, { subset: true }),
    }
    doc.setTitle(layout.title)
    doc.setLanguage(layout.locale)
    doc.setProducer('tyre-service-network')
    doc.setCreator('tyre-service-network')
    // Fixed dates: the same data renders to the same file (the audit trail has the real times).
    doc.setCreationDate(new Date(0))
    doc.setModificationDate(new Date(0))
    const logo = layout.logo
      ? layout.logo.contentType === 'image/png'
        ? await doc.embedPng(layout.logo.bytes)
        : await doc.embedJpg(layout.logo.bytes)
      : null
    const flow = new Flow(doc, layout, fonts, layout.format.fontSize)
    drawHeader(flow, layout, logo)
    for (const block of layout.blocks) drawBlock(flow, block)
    drawFooters(flow, layout)
    return doc.save()
  }
}
