import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { isRight } from 'fp-ts/lib/Either.js'
import { accessEventDefinitions } from '../../../application/access/accessEvents.js'
import { EventCatalogue } from '../../../application/eventLog/eventCatalogue.js'
import { MemoryDocumentStore } from '../../../infrastructure/documents/memory/memoryDocumentStore.js'
import { MemoryEventStore } from '../../../infrastructure/event-store/memory/memoryEventStore.js'
import { accessServices } from '../../../infrastructure/security/accessServices.js'
import { runCreateHeadOffice } from '../../../scripts/createHeadOffice.js'
import { TEST_SECRET } from './support/accessFixture.js'

function capture() {
  const out: string[] = []
  const err: string[] = []
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } }
}

function memoryRuntime() {
  const eventStore = new MemoryEventStore()
  const documentStore = new MemoryDocumentStore()
  const services = accessServices({
    eventStore,
    documentStore,
    catalogue: new EventCatalogue(accessEventDefinitions),
    tokenSecret: TEST_SECRET,
    scrypt: { logN: 10, r: 8, p: 1 },
  })
  let opened = 0
  return {
    services,
    documentStore,
    opened: () => opened,
    open: async () => {
      opened++
      return { accounts: services.accounts, close: async () => {} }
    },
  }
}

describe('createHeadOffice CLI', () => {
  it('bad input: one line on stderr, exit code 2, stores never opened', async () => {
    const rt = memoryRuntime()
    const cases: Array<[string[], Record<string, string>]> = [
      [[], {}],
      [['--email', 'boss@network.example'], {}],
      [['--email', 'not an address'], { HEAD_OFFICE_PASSWORD: 'long enough pw' }],
      [['--email', 'boss@network.example', '--pasword', 'typo'], {}],
      [['--email', 'boss@network.example'], { HEAD_OFFICE_PASSWORD: 'short' }],
    ]
    for (const [argv, env] of cases) {
      const c = capture()
      assert.equal(await runCreateHeadOffice(argv, env, rt.open, c.io), 2, argv.join(' '))
      assert.equal(c.err.length, 1)
      assert.ok(!c.err[0]?.includes('\n'), c.err[0])
      assert.match(c.err[0] ?? '', /^createHeadOffice: /)
    }
    assert.equal(rt.opened(), 0)
  })

  it('creates the account (password from the environment), whose credentials live in the document store', async () => {
    const rt = memoryRuntime()
    const c = capture()
    const code = await runCreateHeadOffice(
      ['--email', 'Boss@Network.example', '--name', 'Centrala'],
      { HEAD_OFFICE_PASSWORD: 'the boss’s password' },
      rt.open,
      c.io,
    )
    assert.equal(code, 0, c.err.join())
    assert.match(c.out[0] ?? '', /^created head-office account .+ for boss@network\.example$/)
    const login = await rt.services.auth.login('boss@network.example', 'the boss’s password', new Date())
    assert.ok(isRight(login))
    assert.equal(login.right.account.displayName, 'Centrala')
    const stored = await rt.documentStore.collection('credentials').findOne({ _id: login.right.account.accountId })
    assert.match(String(stored?.passwordHash), /^\$scrypt\$/)

    const again = capture()
    assert.equal(
      await runCreateHeadOffice(
        ['--email', 'boss@network.example'],
        { HEAD_OFFICE_PASSWORD: 'x'.repeat(12) },
        rt.open,
        again.io,
      ),
      1,
    )
    assert.match(again.err[0] ?? '', /already exists/)
  })

  it('as a process: bad input exits with 2 and one line', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/createHeadOffice.ts', '--email', 'nope'], {
      encoding: 'utf8',
      cwd: fileURLToPath(new URL('../../..', import.meta.url)),
      env: { ...process.env, HEAD_OFFICE_PASSWORD: 'long enough pw' },
    })
    assert.equal(run.status, 2, run.stderr)
    assert.equal(run.stderr.trim().split('\n').length, 1)
    assert.equal(run.stderr.trim(), 'createHeadOffice: email must be an e-mail address')
  })
})
