// The published document and the served routes must agree, both ways.
import assert from 'node:assert/strict'
import express, { type Express } from 'express'
import * as t from 'io-ts'
import request from 'supertest'
import type { ApiModule } from '../../../api/apiKit.js'
import { IntegerFromQuery } from '../../../api/serviceNetwork/queryCodecs.js'
import { testApi } from './support/testApi.js'

interface Layer {
  readonly rawPath?: unknown
  readonly route?: { readonly path: unknown; readonly methods: Record<string, boolean> }
  readonly handle?: { readonly stack?: readonly Layer[] }
}

/** Every (METHOD, path) Express would route, read from the app's own router stack. */
function registeredRoutes(app: Express): string[] {
  const found: string[] = []
  const walk = (stack: readonly Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const path = `${prefix}${String(layer.route.path)}`.replace(/\/+$/, '') || '/'
        for (const [method, on] of Object.entries(layer.route.methods))
          if (on && method !== '_all') found.push(`${method.toUpperCase()} ${path}`)
      } else if (layer.handle?.stack) {
        const mount = typeof layer.rawPath === 'string' ? layer.rawPath.replace(/\/+$/, '') : ''
        walk(layer.handle.stack, `${prefix}${mount}`)
      }
    }
  }
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '')
  return found.sort()
}

function documentedRoutes(doc: { paths: Record<string, Record<string, unknown>> }): string[] {
  return Object.entries(doc.paths)
    .flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`),
    )
    .sort()
}

const extraModule: ApiModule = (kit) =>
  kit
    .router('/points', 'points')
    .get(
      '/:pointId/bays',
      { summary: 'bays', access: ['head_office'], response: { status: 200, description: 'bays' } },
      (_req, res) => {
        res.json([])
      },
    )

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 and lists exactly the routes the app serves, modules included', async () => {
    const api = await testApi({ modules: [extraModule] })
    const res = await request(api.app).get('/openapi.json')
    assert.equal(res.status, 200)
    assert.equal(res.body.openapi, '3.1.0')
    const served = registeredRoutes(api.app)
    assert.ok(served.includes('GET /points/:pointId/bays'))
    assert.ok(served.length >= 12, served.join('\n'))
    assert.deepEqual(documentedRoutes(res.body), served)
  })

  it('the check would catch a route added behind the document’s back', async () => {
    const api = await testApi()
    const doc = (await request(api.app).get('/openapi.json')).body
    const sneaky = express.Router()
    sneaky.get('/undocumented', (_req, res) => {
      res.end()
    })
    api.app.use('/sneaky', sneaky)
    assert.ok(registeredRoutes(api.app).includes('GET /sneaky/undocumented'))
    assert.notDeepEqual(documentedRoutes(doc), registeredRoutes(api.app))
  })

  it('describes bodies from the codecs, security from the access rule, and problem answers', async () => {
    const api = await testApi()
    const doc = (await request(api.app).get('/openapi.json')).body
    const register = doc.paths['/auth/register'].post
    const schema = register.requestBody.content['application/json'].schema
    assert.deepEqual(schema.required, ['email', 'password', 'displayName'])
    assert.equal(schema.properties.email.format, 'email')
    assert.equal(schema.properties.password.minLength, 10)
    assert.deepEqual(register.security, [])
    assert.ok(register.parameters.some((p: { name: string }) => p.name === 'Idempotency-Key'))
    assert.ok(register.responses['409'] && register.responses['400'])

    const create = doc.paths['/accounts'].post
    assert.deepEqual(create.security, [{ bearer: [] }])
    assert.match(create.description, /Roles: head_office, service_point_manager/)
    assert.deepEqual(create.requestBody.content['application/json'].schema.properties.role.enum.length, 7)
    for (const status of ['401', '403', '413', '415', '500'])
      assert.equal(
        create.responses[status].content['application/problem+json'].schema.$ref,
        '#/components/schemas/Problem',
        status,
      )
    assert.deepEqual(doc.paths['/accounts/{accountId}'].get.parameters[0], {
      name: 'accountId',
      in: 'path',
      required: true,
      schema: { type: 'string' },
    })
    assert.equal(doc.paths['/ready'].get.responses['503'].description.includes('not_ready'), true)
  })

  it('a route with a query codec refuses a bad query before its handler runs, naming each field', async () => {
    let ran = false
    const module: ApiModule = (kit) =>
      kit.router('/probe', 'probe').get(
        '/',
        {
          summary: 'probe',
          access: 'public',
          query: t.exact(t.type({ n: IntegerFromQuery, name: t.string })),
          response: { status: 200, description: 'the decoded query' },
        },
        (_req, res, query) => {
          ran = true
          res.json(query)
        },
      )
    const api = await testApi({ modules: [module] })
    const bad = await request(api.app).get('/probe?n=x')
    assert.equal(bad.status, 400)
    assert.match(String(bad.headers['content-type']), /application\/problem\+json/)
    assert.deepEqual(bad.body.errors.map((e: { path: string }) => e.path).sort(), ['n', 'name'])
    assert.equal(ran, false)
    const good = await request(api.app).get('/probe?n=7&name=Łódź')
    assert.equal(good.status, 200)
    assert.deepEqual(good.body, { n: 7, name: 'Łódź' })

    const op = (await request(api.app).get('/openapi.json')).body.paths['/probe'].get
    assert.deepEqual(
      op.parameters.filter((p: { in: string }) => p.in === 'query'),
      [
        { name: 'n', in: 'query', required: true, schema: { type: 'integer' } },
        { name: 'name', in: 'query', required: true, schema: { type: 'string' } },
      ],
    )
    assert.ok(op.responses['400'], 'a bad query is a documented 400')
  })

  it('documents a download by its media type, as bytes, not as JSON', async () => {
    const module: ApiModule = (kit) =>
      kit.router('/files', 'files').get(
        '/report.pdf',
        {
          summary: 'a PDF',
          access: 'public',
          response: { status: 200, description: 'the PDF', contentType: 'application/pdf' },
        },
        (_req, res) => {
          res.type('application/pdf').send(Buffer.from('%PDF-1.7'))
        },
      )
    const api = await testApi({ modules: [module] })
    const ok = (await request(api.app).get('/openapi.json')).body.paths['/files/report.pdf'].get.responses['200']
    assert.deepEqual(ok.content, { 'application/pdf': { schema: { type: 'string', format: 'binary' } } })
  })
})
