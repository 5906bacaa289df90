// Many clients registering one address at the same moment, over real HTTP: exactly one wins.
import assert from 'node:assert/strict'
import { startServer } from '../../../api/server.js'
import { testApi } from './support/testApi.js'

describe('concurrent registrations of one e-mail address', () => {
  it('exactly one of 40 parallel requests creates the account; the rest get 409 and write nothing', async () => {
    const api = await testApi()
    const handle = await startServer(api.app, 0, async () => {})
    try {
      const before = await api.eventCount()
      const responses = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          fetch(`${handle.url}/auth/register`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            // the same address, in different letter cases
            body: JSON.stringify({
              email: i % 2 ? 'Race@Example.com' : 'race@example.COM',
              password: `password of racer ${i}`,
              displayName: `Racer ${i}`,
            }),
          }).then(async (r) => ({ status: r.status, body: (await r.json()) as { code?: string } })),
        ),
      )
      const statuses = responses.map((r) => r.status)
      assert.equal(statuses.filter((s) => s === 201).length, 1, statuses.join(','))
      assert.equal(statuses.filter((s) => s === 409).length, 39)
      assert.ok(responses.filter((r) => r.status === 409).every((r) => r.body.code === 'EMAIL_TAKEN'))
      const written = (await api.events()).slice(before)
      assert.deepEqual(
        written.map((e) => e.type),
        ['EmailClaimed', 'AccountRegistered'],
      )
    } finally {
      await handle.close()
    }
  })
})
