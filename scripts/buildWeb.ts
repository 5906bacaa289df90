// `npm run build:web`: bundles the web clients (web/) into web/dist with Vite. With --if-stale
// (npm start's prestart, npm test's pretest) it builds only when the sources, the build config or
// the locked dependencies changed since the last build: a fingerprint of them is kept in the build.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const WEB = join(ROOT, 'web')
const DIST = join(WEB, 'dist')
const STAMP = join(DIST, '.build-stamp')

/** A hash over every source file of web/ (not the build) and the lock file. */
export function webFingerprint(): string {
  const hash = createHash('sha256')
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(folder, entry.name)
      if (entry.isDirectory()) {
        if (full !== DIST && entry.name !== 'node_modules') walk(full)
      } else if (entry.isFile()) hash.update(relative(WEB, full)).update('\0').update(readFileSync(full)).update('\0')
    }
  }
  walk(WEB)
  hash.update(readFileSync(join(ROOT, 'package-lock.json')))
  return hash.digest('hex')
}

export function webBuildIsCurrent(): boolean {
  return existsSync(STAMP) && existsSync(join(DIST, 'index.html')) && readFileSync(STAMP, 'utf8') === webFingerprint()
}

export async function buildWeb(options: { ifStale?: boolean; quiet?: boolean } = {}): Promise<'built' | 'current'> {
  if (options.ifStale && webBuildIsCurrent()) return 'current'
  const fingerprint = webFingerprint()
  // Imported here: loading Vite costs a moment that a current build does not need to pay.
  const { build } = await import('vite')
  await build({ root: WEB, configFile: join(WEB, 'vite.config.ts'), logLevel: options.quiet ? 'warn' : 'info' })
  writeFileSync(STAMP, fingerprint)
  return 'built'
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]
if (isMain) {
  const ifStale = process.argv.includes('--if-stale')
  buildWeb({ ifStale, quiet: ifStale })
    .then((outcome) => {
      if (outcome === 'current') console.error('[build:web] web/dist is up to date')
      else if (ifStale) console.error('[build:web] built web/dist')
    })
    .catch((error: unknown) => {
      console.error(`[build:web] ${error instanceof Error ? error.message : String(error)}`)
      process.exitCode = 1
    })
}
