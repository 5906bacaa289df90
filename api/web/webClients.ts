// The web clients (web/, built into web/dist by `npm run build:web`) served by the app itself: the
// customer portal at /, the staff console at /staff/ and the fleet dashboard at /fleet/.
//
// Caching: files under /assets/ carry a content hash in their names, so they are cached for a year
// as immutable; the pages (index.html) are revalidated on every load (no-cache + ETag), so a new
// build reaches browsers at once. Everything is read into memory at start (the bundle is small) and
// compressed (brotli, gzip) on first request, so serving costs a lookup. A rebuild needs a restart to be served
// (`npm start` builds first when the sources changed).
//
// The pages' Content-Security-Policy allows only this origin's scripts, styles and API.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { extname, join, relative, sep } from 'node:path'
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib'
import type { NextFunction, Request, RequestHandler, Response } from 'express'

export interface WebClientsOptions {
  /** The build's folder (web/dist). */
  readonly dir: string
  /** Told once when the folder has no build. */
  readonly warn?: (message: string) => void
}

interface Asset {
  readonly body: Buffer
  /** Compressed on first request and kept: brotli at its best level costs ~0.1 s per large file. */
  gzip(): Buffer | null
  brotli(): Buffer | null
  readonly type: string
  readonly etag: string
  readonly cacheControl: string
  readonly page: boolean
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
}

const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.webmanifest', '.txt'])
const IMMUTABLE = 'public, max-age=31536000, immutable'
const REVALIDATE = 'no-cache'

export const PAGE_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ')

/** Every file of the build, by URL path; dot-folders (Vite's manifest) are not served. */
function listFiles(dir: string): string[] {
  const out: string[] = []
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue
      const full = join(folder, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.isFile()) out.push(full)
    }
  }
  walk(dir)
  return out
}

function once<T>(make: () => T): () => T {
  let made: { value: T } | null = null
  return () => {
    made ??= { value: make() }
    return made.value
  }
}

export function loadAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>()
  for (const file of listFiles(dir)) {
    const urlPath = `/${relative(dir, file).split(sep).join('/')}`
    const ext = extname(file).toLowerCase()
    const body = readFileSync(file)
    const compress = COMPRESSIBLE.has(ext) && body.length > 512
    const page = ext === '.html'
    assets.set(urlPath, {
      body,
      gzip: once(() => (compress ? gzipSync(body, { level: 9 }) : null)),
      brotli: once(() =>
        compress
          ? brotliCompressSync(body, {
              params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length },
            })
          : null,
      ),
      type: TYPES[ext] ?? 'application/octet-stream',
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
      cacheControl: urlPath.startsWith('/assets/') ? IMMUTABLE : REVALIDATE,
      page,
    })
  }
  return assets
}

/** '/', '/staff/' → their index.html; '/staff' → redirect to '/staff/' (relative links need the slash). */
function lookup(assets: Map<string, Asset>, path: string): { asset: Asset } | { redirect: string } | null {
  const direct = assets.get(path)
  if (direct && !path.endsWith('/index.html')) return { asset: direct }
  if (path.endsWith('/')) {
    const index = assets.get(`${path}index.html`)
    return index ? { asset: index } : null
  }
  if (path.endsWith('/index.html')) return direct ? { redirect: path.slice(0, -'index.html'.length) } : null
  return assets.has(`${path}/index.html`) ? { redirect: `${path}/` } : null
}

function send(req: Request, res: Response, asset: Asset): void {
  res.setHeader('Cache-Control', asset.cacheControl)
  res.setHeader('ETag', asset.etag)
  res.setHeader('Content-Type', asset.type)
  res.setHeader('Vary', 'Accept-Encoding')
  if (asset.page) {
    res.setHeader('Content-Security-Policy', PAGE_SECURITY_POLICY)
    res.setHeader('Referrer-Policy', 'same-origin')
  }
  const match = req.headers['if-none-match']
  if (match?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === asset.etag)) {
    res.status(304).end()
    return
  }
  const accepts = String(req.headers['accept-encoding'] ?? '')
  let body = asset.body
  const brotli = /\bbr\b/.test(accepts) ? asset.brotli() : null
  const gzip = !brotli && /\bgzip\b/.test(accepts) ? asset.gzip() : null
  if (brotli) {
    body = brotli
    res.setHeader('Content-Encoding', 'br')
  } else if (gzip) {
    body = gzip
    res.setHeader('Content-Encoding', 'gzip')
  }
  res.setHeader('Content-Length', String(body.length))
  res.status(200).end(req.method === 'HEAD' ? undefined : body)
}

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Not built</title>
<p>The web clients are not built. Run <code>npm run build:web</code> (npm start does it) and restart.</p></html>`

/**
 * Express middleware serving the build; anything it does not know goes on (to the API's 404), so it
 * must come after the API's routes.
 */
export function webClients(options: WebClientsOptions): RequestHandler {
  const built = existsSync(join(options.dir, 'index.html')) && statSync(options.dir).isDirectory()
  if (!built) {
    options.warn?.(`the web clients are not built (no ${join(options.dir, 'index.html')}): run npm run build:web`)
    return (req: Request, res: Response, next: NextFunction) => {
      if ((req.method === 'GET' || req.method === 'HEAD') && ['/', '/staff/', '/fleet/'].includes(req.path))
        res.status(503).type('html').setHeader('Cache-Control', 'no-store').send(NOT_BUILT)
      else next()
    }
  }
  const assets = loadAssets(options.dir)
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next()
    const found = lookup(assets, req.path)
    if (!found) return next()
    if ('redirect' in found) {
      const query = req.originalUrl.slice(req.path.length)
      res.redirect(301, `${found.redirect}${query.startsWith('?') ? query : ''}`)
      return
    }
    send(req, res, found.asset)
  }
}
