// docs/data-exchange.md documents the column mapping the code uses: every template's table, as the
// declarations make it, is on the page.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { allTables } from './docTables.js'

describe('docs/data-exchange.md', () => {
  it('holds each template’s column table exactly as the declarations make it', async () => {
    const page = await readFile(new URL('../../../docs/data-exchange.md', import.meta.url), 'utf8')
    for (const { name, table } of allTables()) assert.ok(page.includes(`### ${name}\n\n${table}\n`), name)
  })
})
