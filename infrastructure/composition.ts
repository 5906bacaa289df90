// The composition root: the one place that picks adapters (from the configuration) and wires
// the application, the projection engine and the API together. Everything else depends on ports.
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Express } from 'express'
import { createApp } from '../api/app.js'
import { auditModule } from '../api/audit/auditRoutes.js'
import { repairHistoryModule } from '../api/audit/repairHistoryRoutes.js'
import { bookingModule } from '../api/booking/bookingRoutes.js'
import { calendarModule } from '../api/calendar/calendarRoutes.js'
import { businessModule } from '../api/customers/businessModule.js'
import { dataExchangeModule } from '../api/dataExchange/dataExchangeRoutes.js'
import { documentsModule } from '../api/documents/documentRoutes.js'
import { readinessFromPorts } from '../api/health/readiness.js'
import { reportsModule } from '../api/reports/reportRoutes.js'
import { reportSubscriptionsModule } from '../api/reports/subscriptionRoutes.js'
import { serviceNetworkModule } from '../api/serviceNetwork/serviceNetworkRoutes.js'
import { webClients } from '../api/web/webClients.js'
import { repairModules } from '../api/workOrders/repairModules.js'
import { accessEventDefinitions } from '../application/access/accessEvents.js'
import { RepairHistoryQueries } from '../application/audit/repairHistoryQueries.js'
import { AuditService } from '../application/audit/streamAudit.js'
import { type BookingPlatform, bookingPlatform } from '../application/booking/bookingPlatform.js'
import {
  type BusinessPlatform,
  businessEventDefinitions,
  businessPlatform,
} from '../application/customers/businessPlatform.js'
import { CustomerReader } from '../application/customers/customerReader.js'
import { FleetBranchScope } from '../application/customers/fleetBranchScope.js'
import {
  FleetEquipmentPolicy,
  fleetEquipmentSubscriber,
  registryLinker,
} from '../application/customers/fleetEquipmentPolicy.js'
import { DataExchangeService } from '../application/dataExchange/dataExchangeService.js'
import { documentStoreAssets } from '../application/documents/documentAssets.js'
import { DocumentService } from '../application/documents/documentService.js'
import { documentTemplateEventDefinitions } from '../application/documents/templateEvents.js'
import { EventCatalogue } from '../application/eventLog/eventCatalogue.js'
import { jobQueuesHealth } from '../application/jobs/jobQueueHealth.js'
import type { PolicySubscriber } from '../application/jobs/policySubscriber.js'
import { notificationEventDefinitions } from '../application/notifications/notificationEvents.js'
import type { DocumentStore } from '../application/ports/documentStore.js'
import type { EventStore } from '../application/ports/eventStore.js'
import { readQueries } from '../application/queries/readQueries.js'
import { ReadModels } from '../application/readModels/readModels.js'
import { reportEventDefinitions } from '../application/reports/reportEvents.js'
import { policyCatchUp } from '../application/workOrders/policyCatchUp.js'
import { repairEventDefinitions } from '../application/workOrders/repairEvents.js'
import { type RepairPlatform, repairPlatform } from '../application/workOrders/repairPlatform.js'
import { repairQueries } from '../application/workOrders/repairQueries.js'
import { bookingContextEventDefinitions } from '../domain/booking/events.js'
import { dueServiceEventDefinitions } from '../domain/due-service/events.js'
import { serviceNetworkEventDefinitions } from '../domain/service-network/events.js'
import { visitProposalEventDefinitions } from '../domain/visit-proposal/events.js'
import { runnerSync } from '../projections/customers/runnerSync.js'
import { ProjectionHost } from '../projections/projectionHost.js'
import { builtInProjections } from '../projections/registry.js'
import { type ReportPlatform, reportPlatform } from '../projections/reports/reportPlatform.js'
import type { Config } from './config.js'
import { SqliteDocumentStore } from './documents/sqlite/sqliteDocumentStore.js'
import { dueServiceApi, visitProposalSecret } from './dueServices/dueServiceApi.js'
import { loadDueServiceRules } from './dueServices/dueServiceConfig.js'
import { composeDueServiceWorker, DUE_SERVICE_QUEUE, type DueServiceWorker } from './dueServices/dueServiceWorker.js'
import { SqliteEventStore } from './event-store/sqlite/sqliteEventStore.js'
import { LocalDiskFileStore } from './files/localDiskFileStore.js'
import { JoseEstimateLinks } from './notify/joseEstimateLinks.js'
import { loadNotificationConfig } from './notify/notificationConfig.js'
import { composeNotificationWorker, type NotificationWorker } from './notify/notificationWorker.js'
import { PdfLibRenderer } from './pdf/pdfLibRenderer.js'
import { ReportFileWriter } from './reportOutputs/reportFileWriter.js'
import {
  composeReportMailWorker,
  REPORT_MAIL_QUEUE,
  type ReportMailWorker,
  reportSubscriptionsFor,
} from './reports/reportMailWorker.js'
import { type AccessServices, accessServices } from './security/accessServices.js'
import { HttpExternalStock } from './stock/httpExternalStock.js'

export interface Stores {
  readonly eventStore: EventStore
  readonly documentStore: DocumentStore
  close(): Promise<void>
}

/** The built web clients (portal, staff console, fleet dashboard). */
export const WEB_DIST = fileURLToPath(new URL('../web/dist', import.meta.url))

/** Where the embedded stores keep their files inside DATA_DIR. */
export const embeddedFiles = (dataDir: string) => ({
  events: join(dataDir, 'events.sqlite'),
  readModels: join(dataDir, 'readmodels.sqlite'),
})

/** Opens the event store and the document store the configuration asks for. */
export async function openStores(config: Config): Promise<Stores> {
  const files = embeddedFiles(config.dataDir)
  // Server adapters are imported only when configured: their client libraries are heavy to load.
  const eventStore: EventStore = config.eventStoreUrl
    ? new (await import('./event-store/esdb/esdbEventStore.js')).EsdbEventStore(config.eventStoreUrl)
    : new SqliteEventStore(files.events, { synchronous: config.sqliteSynchronous })
  let documentStore: DocumentStore
  try {
    documentStore = config.mongoUrl
      ? await (await import('./documents/mongo/mongoDocumentStore.js')).MongoDocumentStore.connect(
          config.mongoUrl,
          config.mongoDatabase,
        )
      : new SqliteDocumentStore(files.readModels)
  } catch (error) {
    await eventStore.close()
    throw error
  }
  return {
    eventStore,
    documentStore,
    async close() {
      await Promise.allSettled([eventStore.close(), documentStore.close()])
    },
  }
}

/** Every event type the application knows, with its codec and upcasters. */
export function eventCatalogue(): EventCatalogue {
  return new EventCatalogue([
    ...accessEventDefinitions,
    ...serviceNetworkEventDefinitions,
    ...bookingContextEventDefinitions,
    ...notificationEventDefinitions,
    ...reportEventDefinitions,
    ...repairEventDefinitions,
    ...documentTemplateEventDefinitions,
    ...businessEventDefinitions,
    ...dueServiceEventDefinitions,
    ...visitProposalEventDefinitions,
  ])
}

export interface Platform {
  readonly config: Config
  readonly stores: Stores
  readonly catalogue: EventCatalogue
  readonly access: AccessServices
  readonly projections: ProjectionHost
  readonly readModels: ReadModels
  /** Service points, catalogue, staff schedules, nearest points and bookings. */
  readonly network: BookingPlatform
  /** Reports: built-in, analyst-defined and custom projections, their runtime and use cases. */
  readonly reports: ReportPlatform
  /** Equipment registry, work orders, tracking, stock and files. */
  readonly repair: RepairPlatform
  /** Audit of any stream: history, state as of a moment, hash chain. */
  readonly audit: AuditService
  /** PDF documents of orders and their templates. */
  readonly documents: DocumentService
  /** Customers, fleets and dashboards, contracts, helpdesk tickets (SLA escalation), billing. */
  readonly business: BusinessPlatform
  readonly app: Express
  /** The notification worker, when this process runs it (PlatformOptions.runNotifications). */
  readonly notifications: NotificationWorker | null
  /** Scheduled report e-mails, when this process runs the notification worker. */
  readonly reportMail: ReportMailWorker | null
  /** The leased catch-up that replays repair policies lost to a crash (application/workOrders/policyCatchUp.ts). */
  readonly repairPolicyCatchUp: PolicySubscriber
  /** Registers fleet vehicles in the equipment registry (application/customers/fleetEquipmentPolicy.ts). */
  readonly fleetEquipment: PolicySubscriber
  /** Starts what PlatformOptions asked to run (once; composePlatform does it unless deferBackground). */
  startBackground(): void
  /** Stops the notification worker and the projection runners, then closes the stores. */
  close(): Promise<void>
}

export interface PlatformOptions {
  /** Run the projection runners in this process (they take turns by lease with other processes). */
  readonly runProjections?: boolean
  /**
   * Run the notification worker in this process: the leased subscriber that turns events into jobs,
   * and a job processor (BullMQ with REDIS_URL, else the embedded scheduler). `npm start` does, so an
   * embedded install sends reminders with no other process; `npm run worker` does too.
   */
  readonly runNotifications?: boolean
  /**
   * Compose the runners and workers but start them only at platform.startBackground(): `npm start`
   * seeds the demo network first, so the seed does not compete with them for the CPU.
   */
  readonly deferBackground?: boolean
  /** How long after an order's event the policy catch-up replays it (default 5 s; tests shorten it). */
  readonly policyCatchUpGraceMs?: number
}

export async function composePlatform(config: Config, options: PlatformOptions = {}): Promise<Platform> {
  const stores = await openStores(config)
  const catalogue = eventCatalogue()
  const access = accessServices({
    eventStore: stores.eventStore,
    documentStore: stores.documentStore,
    catalogue,
    tokenSecret: config.tokenSecret,
  })
  const projections = new ProjectionHost({
    projections: builtInProjections,
    events: stores.eventStore,
    documents: stores.documentStore,
  })
  const readModels = new ReadModels(stores.documentStore)
  // Fleet managers appointed for some branches see those branches' bookings and orders only (as on the business side).
  const fleetBranches = new FleetBranchScope(new CustomerReader(stores.eventStore, catalogue))
  const network = bookingPlatform({ store: stores.eventStore, catalogue, readModels, fleetBranches })
  const repairReads = repairQueries(readModels, fleetBranches)
  // Signed estimate links: the worker's messages carry them, the public estimate routes accept them.
  const estimateLinks = new JoseEstimateLinks(config.tokenSecret)
  const repair = repairPlatform({
    store: stores.eventStore,
    catalogue,
    reader: network.reader,
    // Access codes of retried requests derive from a server secret (application/workOrders/accessCodes.ts).
    codeSecret: `${config.tokenSecret}|access-codes`,
    files: new LocalDiskFileStore(join(config.dataDir, 'files')),
    workload: repairReads.workload,
    duplicates: repairReads.duplicates,
    links: estimateLinks,
    // Stock queries asked of an external warehouse/accounting system when EXTERNAL_STOCK_URL is set.
    ...(config.externalStock
      ? {
          externalStock: new HttpExternalStock({
            baseUrl: config.externalStock.url,
            token: config.externalStock.token,
            timeoutMs: config.externalStock.timeoutMs,
          }),
        }
      : {}),
    fleetBranches,
  })
  const reports = await reportPlatform({
    events: stores.eventStore,
    documents: stores.documentStore,
    catalogue,
    core: { projections: builtInProjections, runners: () => projections.runners },
    fleetBranches,
  })
  // Audit (history, state as of, chain) over every stream; documents rendered from the streams.
  const audit = new AuditService(stores.eventStore, catalogue)
  const documents = new DocumentService({
    store: stores.eventStore,
    catalogue,
    renderer: new PdfLibRenderer(),
    assets: documentStoreAssets(stores.documentStore),
    audit,
    // Times on a document are on the wall clock of the order's service point.
    pointTimeZone: async (pointId) => {
      const point = await network.reader.point(pointId)
      return point.status === 'none' ? null : point.timeZone
    },
  })
  // Fleet vehicles become equipment owned by the fleet (application/customers/fleetEquipmentPolicy.ts).
  const fleetEquipmentPolicy = new FleetEquipmentPolicy({ store: stores.eventStore, catalogue, config: repair.config })
  // Decisions that read read models (contract overlaps, billing) wait for them to catch up first.
  const business = businessPlatform({
    store: stores.eventStore,
    catalogue,
    readModels,
    sync: runnerSync(projections, stores.eventStore),
    networkCatalogue: () => network.reader.catalogue(),
    documents: stores.documentStore,
    renderer: new PdfLibRenderer(),
    // A ticket becomes a real work order.
    workOrders: repair.workOrders,
    // A new fleet vehicle takes the id of the registry's item with its VIN or plate (linked, not doubled).
    equipmentLinker: registryLinker(readModels),
    // and is registered there in the request (the fleet-equipment subscriber below catches up the rest).
    fleetEquipment: fleetEquipmentPolicy,
  })
  const notifications = options.runNotifications
    ? await composeNotificationWorker({
        events: stores.eventStore,
        documents: stores.documentStore,
        catalogue,
        config: loadNotificationConfig(),
        redisUrl: config.redisUrl,
        dataDir: config.dataDir,
        // Customers' own contact details, preferred channel, language and consents.
        contacts: business.contacts,
        estimateLinks,
      }).catch(async (error: unknown) => {
        await stores.close()
        throw error
      })
    : null
  // Due services and proposed visits: the routes; with the notification worker, the reminders.
  const dueRules = loadDueServiceRules()
  const dueServices = dueServiceApi({
    events: stores.eventStore,
    documents: stores.documentStore,
    catalogue,
    network,
    tokenSecret: config.tokenSecret,
    rules: dueRules,
    fleetBranches,
  })
  const dueWorker: DueServiceWorker | null = notifications
    ? await composeDueServiceWorker({
        events: stores.eventStore,
        documents: stores.documentStore,
        catalogue,
        config: loadNotificationConfig(),
        redisUrl: config.redisUrl,
        dataDir: config.dataDir,
        bookings: network.bookings,
        nearest: network.nearest,
        reader: network.reader,
        codeSecret: visitProposalSecret(config.tokenSecret),
        rules: dueRules,
        contacts: business.contacts,
      }).catch(async (error: unknown) => {
        await notifications.stop()
        await stores.close()
        throw error
      })
    : null
  // Scheduled report e-mails: the jobs run where the notification worker runs; subscribing works anywhere.
  const reportFiles = new ReportFileWriter(new PdfLibRenderer())
  const reportMail = options.runNotifications
    ? await composeReportMailWorker({
        events: stores.eventStore,
        catalogue,
        reports: reports.service,
        files: reportFiles,
        config: loadNotificationConfig(),
        redisUrl: config.redisUrl,
        dataDir: config.dataDir,
      })
    : null
  const reportSubscriptions =
    reportMail?.subscriptions ??
    reportSubscriptionsFor({ events: stores.eventStore, catalogue, reports: reports.service, files: reportFiles })
  const app = createApp({
    accounts: access.accounts,
    auth: access.auth,
    readiness: readinessFromPorts({
      eventStore: stores.eventStore,
      documentStore: stores.documentStore,
      projectionLag: async () => Object.fromEntries((await projections.statuses()).map((s) => [s.projection, s.lag])),
      // Lag is a difference of log positions: events on SQLite, bytes of log on EventStoreDB
      // (~850 bytes per event here), so the same tolerance needs a different number.
      maxLag: config.eventStoreUrl ? 10_000 * 1_000 : 10_000,
      // Every queue this process works: the notifications', the due-service reminders', the report e-mails'.
      ...(notifications
        ? {
            jobs: jobQueuesHealth({
              notifications: notifications.health,
              ...(dueWorker ? { [DUE_SERVICE_QUEUE]: dueWorker.health } : {}),
              ...(reportMail ? { [REPORT_MAIL_QUEUE]: reportMail.health } : {}),
            }),
          }
        : {}),
    }),
    config: { logRequests: config.logRequests },
    // A dismissed fleet manager's account is refused on every route (FLEET_MANAGER_DISMISSED).
    admit: (actor) => fleetBranches.dismissal(actor),
    // The service network first: its /points/nearest must not be taken for a point id by a later /points/:pointId.
    // The read routes (points, catalogue, calendars) last, for the same reason.
    modules: [
      serviceNetworkModule(network),
      bookingModule(network.bookings),
      calendarModule(readQueries(readModels)),
      reportsModule(reports.service, reportFiles),
      reportSubscriptionsModule(reportSubscriptions),
      ...repairModules(repair, repairReads),
      auditModule(audit, documents),
      repairHistoryModule(new RepairHistoryQueries(readModels)),
      documentsModule(documents),
      businessModule(business),
      dueServices.module,
      // Import/export templates (customers, fleet vehicles, price list, goods) over the same services.
      dataExchangeModule(
        new DataExchangeService({
          store: stores.eventStore,
          catalogue,
          customers: business.customers,
          customerReader: business.reader,
          readModels,
          vehicleImports: business.imports,
          network: network.reader,
          stock: repair.stock,
        }),
      ),
    ],
    // The web clients, built by `npm run build:web` (npm start's prestart) into web/dist.
    web: webClients({ dir: WEB_DIST, warn: (message) => console.error(`[web] ${message}`) }),
  })
  // Reactions of work orders (equipment status, stock reservations) lost to a crash between two
  // appends are replayed from the log, one process at a time (lease), idempotently.
  const repairPolicyCatchUp = policyCatchUp({
    events: stores.eventStore,
    documents: stores.documentStore,
    catalogue,
    policies: repair.policies,
    ...(options.policyCatchUpGraceMs !== undefined ? { graceMs: options.policyCatchUpGraceMs } : {}),
  })
  // Fleet vehicles become equipment owned by the fleet (registered, linked, corrected), one
  // process at a time (lease), from the log's start, idempotently.
  const fleetEquipment = fleetEquipmentSubscriber({
    events: stores.eventStore,
    documents: stores.documentStore,
    policy: fleetEquipmentPolicy,
  })
  let backgroundStarted = false
  const startBackground = () => {
    if (backgroundStarted) return
    backgroundStarted = true
    if (options.runProjections !== false) {
      projections.start()
      reports.runtime.start()
      // The SLA escalation check (leased: one process checks at a time).
      business.escalation.start()
      repairPolicyCatchUp.start()
      fleetEquipment.start()
    }
    notifications?.start()
    reportMail?.start()
    dueWorker?.start()
  }
  if (!options.deferBackground) startBackground()
  return {
    startBackground,
    config,
    stores,
    catalogue,
    access,
    projections,
    readModels,
    network,
    reports,
    repair,
    audit,
    documents,
    business,
    app,
    notifications,
    reportMail,
    repairPolicyCatchUp,
    fleetEquipment,
    async close() {
      await fleetEquipment.stop()
      await repairPolicyCatchUp.stop()
      await dueWorker?.stop()
      await reportMail?.stop()
      await notifications?.stop()
      await business.escalation.stop()
      await reports.runtime.stop()
      await projections.stop()
      await stores.close()
    },
  }
}
