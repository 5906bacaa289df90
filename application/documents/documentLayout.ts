// What a document says, laid out as blocks, independent of the PDF library: application code
// builds a DocumentLayout from data, a template and a locale; infrastructure/pdf draws it. Tests
// of content can look at the layout; tests of rendering at the PDF's text.

export type Align = 'left' | 'right'

export type Block =
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string; readonly small?: boolean; readonly mono?: boolean }
  /** Label: value rows in two columns. */
  | { readonly kind: 'fields'; readonly rows: ReadonlyArray<readonly [string, string]> }
  | {
      readonly kind: 'table'
      /** Widths are shares of the text width (they are normalised). */
      readonly columns: ReadonlyArray<{ readonly title: string; readonly width: number; readonly align?: Align }>
      readonly rows: ReadonlyArray<ReadonlyArray<string>>
      readonly small?: boolean
    }
  /** A box to sign in, with who signs (and, when signed electronically, by whom and when). */
  | {
      readonly kind: 'signatures'
      readonly boxes: ReadonlyArray<{ readonly label: string; readonly note: string | null }>
    }
  /** A QR code of `data`, `sizeMm` square, with lines of text beside it. */
  | { readonly kind: 'qr'; readonly data: string; readonly sizeMm: number; readonly lines: ReadonlyArray<string> }
  | { readonly kind: 'spacer'; readonly mm: number }
  /**
   * A simple chart of one series: bars, or a line through the points, `heightMm` high across the
   * text width. Labels are the x values (time buckets, names); the y axis starts at zero (or at the
   * lowest value when it is negative).
   */
  | {
      readonly kind: 'chart'
      readonly chart: 'bar' | 'line'
      readonly title: string
      readonly labels: ReadonlyArray<string>
      readonly values: ReadonlyArray<number>
      readonly heightMm: number
    }

export interface PageFormat {
  readonly widthMm: number
  readonly heightMm: number
  readonly marginMm: number
  /** Base text size in points. */
  readonly fontSize: number
}

export const A4: PageFormat = { widthMm: 210, heightMm: 297, marginMm: 15, fontSize: 9.5 }
/** A 100 × 50 mm self-adhesive label, as thermal label printers take them. */
export const LABEL: PageFormat = { widthMm: 100, heightMm: 50, marginMm: 3, fontSize: 8 }

export interface LogoImage {
  readonly bytes: Uint8Array
  readonly contentType: 'image/png' | 'image/jpeg'
}

export interface DocumentLayout {
  readonly format: PageFormat
  /** The document's title: printed at the top and stored as the PDF's title. */
  readonly title: string
  /** Printed under the title (e.g. the order number and date). */
  readonly subtitle: string | null
  /** From the template: the network's name, address, a note. Null: none. */
  readonly header: string | null
  readonly footer: string | null
  readonly logo: LogoImage | null
  readonly blocks: ReadonlyArray<Block>
  /** e.g. 'strona {page} z {pages}': printed on every page with the numbers filled in. */
  readonly pageNumbering: string | null
  readonly locale: string
}

/** Draws a layout into a file; infrastructure/pdf/pdfLibRenderer.ts is the one implementation. */
export interface DocumentRenderer {
  render(layout: DocumentLayout): Promise<Uint8Array>
}
