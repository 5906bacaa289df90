// An Express router whose routes document themselves: each route is declared once, with its
// access rule, its body codec and its answers, and that one declaration both installs the
// middleware (authenticate, role guard, body decoding) and becomes its entry in /openapi.json.
// A route cannot be published without saying who may call it.
import express, { type Request, type RequestHandler, type Response, type Router } from 'express'
import type { RouteParameters } from 'express-serve-static-core'
import type * as t from 'io-ts'
import type { AccountRole } from '../../domain/access/tenant.js'
import { requireRole } from '../auth/requireRole.js'
import type { JsonSchema } from '../openapi/jsonSchema.js'
import { ProblemError } from '../problem.js'
import { decodeInput } from '../validation/decodeInput.js'
import '../requestTypes.js'

/** Who may call a route: anybody, any logged-in account, or the listed roles. */
export type Access = 'public' | 'authenticated' | readonly AccountRole[]

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete'

export interface ResponseSpec {
  readonly status: number
  readonly description: string
  /** An io-ts codec (converted) or a JSON Schema; omit for an empty body. */
  readonly schema?: t.Decoder<unknown, unknown> | JsonSchema
  /** The media type of the body, when it is not JSON (a PDF, a CSV or XLSX download). */
  readonly contentType?: string
}

export interface OperationSpec<Body, Query = undefined> {
  readonly summary: string
  readonly description?: string
  readonly access: Access
  /** JSON body codec: the handler gets req.body decoded; invalid input is a 400 listing every field. */
  readonly body?: t.Decoder<unknown, Body>
  /**
   * Query-string codec (an io-ts object: t.type / t.partial / their intersection): each property
   * becomes a documented query parameter, the query is decoded before the handler (invalid input
   * is a 400 listing every field) and the handler gets the decoded value as its third argument.
   */
  readonly query?: t.Decoder<unknown, Query>
  readonly response: ResponseSpec
  /** Other non-problem answers (e.g. /ready's 503 with the same report). */
  readonly otherResponses?: readonly ResponseSpec[]
  /** Problems this route answers with besides the generic ones (400/401/403/413/415/500 are added). */
  readonly problems?: Readonly<Record<number, string>>
  /** The route honours an Idempotency-Key header. */
  readonly idempotent?: boolean
  /** More middleware after the role guard, e.g. requireTenantAccess(...). */
  readonly guards?: readonly RequestHandler[]
}

export interface RouteOperation {
  readonly method: HttpMethod
  /** Express syntax, relative to the router's base path. */
  readonly path: string
  readonly spec: OperationSpec<unknown, unknown>
}

export type RouteHandler<Params, Body, Query = undefined> = (
  req: Request<Params, unknown, Body>,
  res: Response,
  query: Query,
) => Promise<void> | void

/** Where decodeQuery leaves the decoded query for the handler (Express 5's req.query is read-only). */
const DECODED_QUERY = Symbol('decodedQuery')
type WithDecodedQuery = Request & { [DECODED_QUERY]?: unknown }

function decodeQuery(codec: t.Decoder<unknown, unknown>): RequestHandler {
  return (req, _res, next) => {
    ;(req as WithDecodedQuery)[DECODED_QUERY] = decodeInput(codec, req.query, 'query')
    next()
  }
}

const JSON_TYPES = ['application/json', 'application/*+json']

function decodeBody(codec: t.Decoder<unknown, unknown>): RequestHandler {
  return (req, _res, next) => {
    // req.is: null without a body, false for a body of another type. An explicit
    // Content-Length: 0 (what many clients send for a bodiless POST) counts as no body.
    const type = req.get('content-length') === '0' ? null : req.is(JSON_TYPES)
    if (type === false)
      throw new ProblemError({
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        detail: 'send the body as application/json',
      })
    // No body reads as {}: the codec then names every required field, and optional-only bodies
    // (e.g. a deactivation's reason) may be left out.
    req.body = decodeInput(codec, type === null ? {} : req.body, 'body')
    next()
  }
}

export class ApiRouter {
  readonly router: Router = express.Router()
  readonly operations: RouteOperation[] = []

  /**
   * @param basePath where the router is mounted, e.g. '/accounts'
   * @param tag the OpenAPI tag its operations are grouped under
   * @param authenticate the app's token check (ApiKit.router supplies it)
   */
  constructor(
    readonly basePath: string,
    readonly tag: string,
    private readonly authenticate: RequestHandler,
  ) {}

  get<Path extends string, Query = undefined>(
    path: Path,
    spec: OperationSpec<undefined, Query>,
    handler: RouteHandler<RouteParameters<Path>, undefined, Query>,
  ): this {
    return this.route('get', path, spec, handler)
  }

  post<Path extends string, Body = undefined, Query = undefined>(
    path: Path,
    spec: OperationSpec<Body, Query>,
    handler: RouteHandler<RouteParameters<Path>, Body, Query>,
  ): this {
    return this.route('post', path, spec, handler)
  }

  put<Path extends string, Body = undefined, Query = undefined>(
    path: Path,
    spec: OperationSpec<Body, Query>,
    handler: RouteHandler<RouteParameters<Path>, Body, Query>,
  ): this {
    return this.route('put', path, spec, handler)
  }

  patch<Path extends string, Body = undefined, Query = undefined>(
    path: Path,
    spec: OperationSpec<Body, Query>,
    handler: RouteHandler<RouteParameters<Path>, Body, Query>,
  ): this {
    return this.route('patch', path, spec, handler)
  }

  delete<Path extends string, Query = undefined>(
    path: Path,
    spec: OperationSpec<undefined, Query>,
    handler: RouteHandler<RouteParameters<Path>, undefined, Query>,
  ): this {
    return this.route('delete', path, spec, handler)
  }

  private route<Params, Body, Query>(
    method: HttpMethod,
    path: string,
    spec: OperationSpec<Body, Query>,
    handler: RouteHandler<Params, Body, Query>,
  ): this {
    if (!/^\/([A-Za-z0-9._~-]+|:[A-Za-z][A-Za-z0-9_]*)?(\/([A-Za-z0-9._~-]+|:[A-Za-z][A-Za-z0-9_]*))*$/.test(path))
      throw new Error(`${method.toUpperCase()} ${path}: only literal segments and :params are supported`)
    const chain: RequestHandler[] = []
    if (spec.access !== 'public') chain.push(this.authenticate)
    if (Array.isArray(spec.access)) chain.push(requireRole(...spec.access))
    chain.push(...(spec.guards ?? []))
    if (spec.query) chain.push(decodeQuery(spec.query))
    if (spec.body) chain.push(decodeBody(spec.body))
    // Express types handlers with loose params and body; this one's were checked above.
    chain.push((req, res) => handler(req as never, res, (req as WithDecodedQuery)[DECODED_QUERY] as Query))
    this.router[method](path, ...chain)
    this.operations.push({ method, path, spec: spec as OperationSpec<unknown, unknown> })
    return this
  }
}
