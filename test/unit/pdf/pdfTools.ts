// Reading PDFs back in tests: text with poppler's pdftotext (as a person copying it would get it),
// pages rasterised with pdftoppm and QR codes decoded from the pixels with jsQR.
import { execFile } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import jsQRModule from 'jsqr'
import { PNG } from 'pngjs'

const exec = promisify(execFile)

// jsqr is CommonJS declaring `export default`: under NodeNext the default import is the module, whose
// `default` is the function; at run time tsx may hand either. Take whichever is callable.
type JsQr = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null
const jsQR: JsQr =
  typeof jsQRModule === 'function' ? (jsQRModule as JsQr) : (jsQRModule as unknown as { default: JsQr }).default

async function inTemp<T>(pdf: Uint8Array, fn: (dir: string, file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pdf-'))
  try {
    const file = path.join(dir, 'doc.pdf')
    await writeFile(file, pdf)
    return await fn(dir, file)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** The text of every page, UTF-8, in reading order. */
export function pdfText(pdf: Uint8Array): Promise<string> {
  return inTemp(pdf, async (_dir, file) => (await exec('pdftotext', ['-enc', 'UTF-8', '-layout', file, '-'])).stdout)
}

export function pdfPageCount(pdf: Uint8Array): Promise<number> {
  return inTemp(pdf, async (_dir, file) => {
    const info = (await exec('pdfinfo', [file])).stdout
    return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1])
  })
}

/** The QR codes' contents found on each page (rasterised at `dpi`). */
export function decodeQrCodes(pdf: Uint8Array, dpi = 200): Promise<string[]> {
  return inTemp(pdf, async (dir, file) => {
    await exec('pdftoppm', ['-png', '-r', String(dpi), file, path.join(dir, 'page')])
    const found: string[] = []
    for (const name of (await readdir(dir)).filter((n) => n.endsWith('.png')).sort()) {
      const png = PNG.sync.read(await readFile(path.join(dir, name)))
      const code = jsQR(
        new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length),
        png.width,
        png.height,
      )
      if (code) found.push(code.data)
    }
    return found
  })
}
