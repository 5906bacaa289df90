// The fonts every document embeds: DejaVu Sans (regular and bold), which covers Polish, Romanian
// (ș ț with comma below) and Cyrillic, from Debian's fonts-dejavu-core. pdf-lib embeds a subset of
// the glyphs used, with a Unicode map, so text copies and extracts as typed. DOCUMENT_FONT_DIR
// points elsewhere (another distribution, a container image).
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

export const DEFAULT_FONT_DIR = '/usr/share/fonts/truetype/dejavu'

export interface FontFiles {
  readonly regular: Uint8Array
  readonly bold: Uint8Array
  readonly mono: Uint8Array
}

export class FontsMissing extends Error {
  readonly code = 'DOCUMENT_FONTS_MISSING'
  constructor(dir: string, cause: unknown) {
    super(
      `DejaVu Sans not found in ${dir} (${cause instanceof Error ? cause.message : String(cause)}): ` +
        'install fonts-dejavu-core (apt-get install -y fonts-dejavu-core) or set DOCUMENT_FONT_DIR',
    )
    this.name = 'FontsMissing'
  }
}

const cache = new Map<string, Promise<FontFiles>>()

/** Reads the font files once per directory; later documents reuse the bytes. */
export function loadFonts(dir: string = process.env.DOCUMENT_FONT_DIR?.trim() || DEFAULT_FONT_DIR): Promise<FontFiles> {
  let fonts = cache.get(dir)
  if (!fonts) {
    fonts = Promise.all([
      readFile(join(dir, 'DejaVuSans.ttf')),
      readFile(join(dir, 'DejaVuSans-Bold.ttf')),
      readFile(join(dir, 'DejaVuSansMono.ttf')),
    ]).then(
      ([regular, bold, mono]) => ({ regular, bold, mono }),
      (error: unknown) => {
        cache.delete(dir)
        throw new FontsMissing(dir, error)
      },
    )
    cache.set(dir, fonts)
  }
  return fonts
}
