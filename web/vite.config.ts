// The web clients' build: three pages (customer portal at /, staff console at /staff/, fleet
// dashboard at /fleet/), each its own entry so a customer downloads none of the staff console;
// code they share lands in shared chunks. File names carry a content hash, so the app serves
// them with a year-long immutable cache and index.html with no-cache.
import { resolve } from 'node:path'
import { defineConfig } from 'vite'

// The API's paths, for `npx vite web` during development (the API runs on PORT 3000).
const API_PREFIXES = ['/auth', '/me', '/points', '/bookings', '/catalogue', '/network', '/fleets', '/reports']

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  appType: 'mpa',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    manifest: true,
    rolldownOptions: {
      input: {
        portal: resolve(import.meta.dirname, 'index.html'),
        staff: resolve(import.meta.dirname, 'staff/index.html'),
        fleet: resolve(import.meta.dirname, 'fleet/index.html'),
      },
      // Preact changes less often than our code, and the shared code less often than a page: separate
      // chunks stay cached across releases that do not touch them.
      output: {
        codeSplitting: {
          groups: [
            { name: 'preact', test: /node_modules[\\/]preact/ },
            { name: 'shared', test: /src[\\/]shared/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: Object.fromEntries(API_PREFIXES.map((p) => [p, 'http://127.0.0.1:3000'])),
  },
})
