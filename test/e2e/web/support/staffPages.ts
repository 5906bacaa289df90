// What the staff console's browser tests share: logging in on a page of the console, and the page's
// main content checked with axe-core.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'
import { PASSWORD } from './smallNetwork.js'

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

interface AxeViolation {
  readonly id: string
  readonly impact: string | null
  readonly help: string
  readonly nodes: readonly { readonly target: readonly string[] }[]
}

/**
 * The page's main content checked with axe-core (WCAG 2 A/AA rules: labels, names, roles, contrast,
 * keyboard-reachable controls); any violation fails the test with what and where.
 */
export async function accessible(page: Page, what: string): Promise<void> {
  // Evaluated through the browser's protocol, which the page's script policy does not govern.
  await page.evaluate(AXE)
  const violations = (await page.evaluate(
    `axe.run(document.querySelector('main'), { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`,
  )) as AxeViolation[]
  assert.deepEqual(
    violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `accessibility of ${what}`,
  )
}

/** Opens a page of the staff console and logs in on the form it shows. */
export async function login(page: Page, path: string, email: string): Promise<void> {
  await page.goto(`/staff/${path}`)
  await page.getByLabel('E-mail').fill(email)
  await page.getByLabel('Hasło').fill(PASSWORD)
  await page.getByRole('button', { name: 'Zaloguj się' }).click()
}
