// The Express application, built from its dependencies: application services, a readiness
// check and configuration. No adapter is imported here; infrastructure/composition.ts wires
// the real ones, tests wire memory ones.
import express, { type Express, type NextFunction, type Request, type RequestHandler, type Response } from 'express'
import { isRight } from 'fp-ts/lib/Either.js'
import type { Principal } from '../domain/access/principal.js'
import type { DomainError } from '../domain/shared/decider.js'
import { type AccountUseCases, type AuthUseCases, accountRoutes, authRoutes, meRoutes } from './access/accessRoutes.js'
import { type ApiModule, apiKit } from './apiKit.js'
import { authenticate } from './auth/authenticate.js'
import { type ApiLogger, jsonLineLogger, problemHandler, routeNotFound } from './errorHandling.js'
import { healthRoutes } from './health/healthRoutes.js'
import type { ReadinessCheck } from './health/readiness.js'
import { buildOpenApiDocument, type OpenApiDocument, type OpenApiInfo } from './openapi/openapiDocument.js'
import { problemFromDomainError } from './problem.js'
import { assignRequestId, readIdempotencyKey } from './requestId.js'
import { ApiRouter } from './routing/apiRouter.js'

export interface ApiConfig {
  /** Largest accepted JSON body (bytes, or '1mb'-style). */
  readonly bodyLimit: string | number
  readonly readinessTimeoutMs: number
  /** Express 'trust proxy': set when behind a load balancer, so req.ip is the client's. */
  readonly trustProxy: boolean | number | string
  /** One log line per request. */
  readonly logRequests: boolean
  readonly info: OpenApiInfo
}

export const DEFAULT_API_CONFIG: ApiConfig = {
  bodyLimit: '1mb',
  readinessTimeoutMs: 2000,
  trustProxy: false,
  logRequests: false,
  info: { title: 'Tyre service network API', version: '0.1.0' },
}

export interface AppDeps {
  readonly accounts: AccountUseCases
  readonly auth: AuthUseCases
  readonly readiness: ReadinessCheck
  readonly config?: Partial<ApiConfig>
  /** The API's clock; defaults to the system clock. */
  readonly clock?: () => Date
  /** The other bounded contexts' routes. */
  readonly modules?: readonly ApiModule[]
  /** Static pages (the web clients, api/web/webClients.ts), tried after every API route. */
  readonly web?: RequestHandler
  readonly logger?: ApiLogger
  /**
   * Asked after authentication, before any route: refuses an account that is valid but no longer
   * admitted (a dismissed fleet manager: FleetBranchScope.dismissal), as a 403 problem.
   */
  readonly admit?: (actor: Principal) => Promise<DomainError | null>
}

const JSON_TYPES = ['application/json', 'application/*+json']

function noStore(_req: Request, res: Response, next: NextFunction): void {
  // Answers carry tokens and personal data: no caching anywhere on the way.
  res.setHeader('Cache-Control', 'no-store')
  res.setHeader('X-Content-Type-Options', 'nosniff')
  next()
}

function requestLog(logger: ApiLogger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint()
    res.on('finish', () =>
      logger.info('request', {
        requestId: req.requestId,
        method: req.method,
        path: req.originalUrl.split('?')[0],
        status: res.statusCode,
        ms: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
        actor: req.actor?.id,
      }),
    )
    next()
  }
}

export function createApp(deps: AppDeps): Express {
  const config: ApiConfig = { ...DEFAULT_API_CONFIG, ...deps.config }
  const clock = deps.clock ?? (() => new Date())
  const logger = deps.logger ?? jsonLineLogger
  const admit = deps.admit
  const guard = authenticate(
    admit
      ? async (token, now) => {
          const verdict = await deps.auth.authenticate(token, now)
          if (isRight(verdict)) {
            const refused = await admit(verdict.right)
            if (refused) throw problemFromDomainError(refused)
          }
          return verdict
        }
      : (token, now) => deps.auth.authenticate(token, now),
    clock,
  )
  const kit = apiKit((basePath, tag) => new ApiRouter(basePath, tag, guard), clock)

  let document: OpenApiDocument | undefined
  const routers: ApiRouter[] = [
    healthRoutes({
      readiness: deps.readiness,
      readinessTimeoutMs: config.readinessTimeoutMs,
      openApiDocument: () => document as OpenApiDocument,
      authenticate: guard,
    }),
    authRoutes(kit, deps.accounts, deps.auth),
    accountRoutes(kit, deps.accounts),
    meRoutes(kit, deps.accounts),
  ]
  for (const module of deps.modules ?? []) routers.push(...[module(kit)].flat())
  // Built now, not on first request: an undocumentable route fails the start, not a client.
  document = buildOpenApiDocument(config.info, routers)

  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', config.trustProxy)
  app.use(assignRequestId)
  app.use(noStore)
  if (config.logRequests) app.use(requestLog(logger))
  app.use(express.json({ limit: config.bodyLimit, type: JSON_TYPES, strict: true }))
  app.use(readIdempotencyKey)
  for (const router of routers) app.use(router.basePath, router.router)
  if (deps.web) app.use(deps.web)
  app.use(routeNotFound)
  app.use(problemHandler(logger))
  return app
}
