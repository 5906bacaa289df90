// Documents of work orders, rendered on request from the event streams (the order's state as its
// events say now, the equipment's, the kind's template) through per-locale layouts, and the template
// administration head office uses to change them without a code change.
//
// Who may print what: head office everything; a point's staff their point's orders' documents and
// any item's label; the order's customer (or fleet) the documents handed to him (intake protocol,
// estimate, handover protocol, service confirmation). The audit report follows the audit rules.
import { type Either, left, right } from 'fp-ts/lib/Either.js'
import type { Principal } from '../../domain/access/principal.js'
import { type EquipmentState, equipmentDecider, equipmentStream } from '../../domain/equipment/equipmentDecider.js'
import { type DomainError, domainError } from '../../domain/shared/decider.js'
import type { HandoverProtocol } from '../../domain/work-order/events.js'
import { workOrderDecider, workOrderStream } from '../../domain/work-order/workOrderDecider.js'
import type { WorkOrderState } from '../../domain/work-order/workOrderState.js'
import type { AuditService } from '../audit/streamAudit.js'
import type { CommandContext } from '../commands/commandContext.js'
import { handleCommand, loadState } from '../commands/handleCommand.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import type { EventStore } from '../ports/eventStore.js'
import { POINT_STAFF } from '../queries/viewer.js'
import { auditReportLayout } from './auditReportLayout.js'
import { type DocumentAssets, imageTypeOf, MAX_LOGO_BYTES } from './documentAssets.js'
import {
  DEFAULT_LOCALE,
  DOCUMENT_KINDS,
  type DocumentKind,
  documentTemplateStream,
  LOCALES,
  type Locale,
  OPTIONAL_FIELDS,
} from './documentKinds.js'
import type { DocumentRenderer, LogoImage } from './documentLayout.js'
import { contextOf, labelLayout, type OrderClosing, type OrderDocumentKind, orderLayout } from './orderLayouts.js'
import type { AuditReports, RenderedDocument } from './renderedDocument.js'
import { type DocumentTemplateState, documentTemplateDecider } from './templateDecider.js'
import type { LocalizedTexts } from './templateEvents.js'

/** What a customer or fleet may print of his own order. */
const HANDED_TO_CUSTOMER: ReadonlySet<DocumentKind> = new Set([
  'intake_protocol',
  'estimate',
  'handover_protocol',
  'service_confirmation',
])

export interface TemplateView {
  readonly kind: DocumentKind
  readonly header: LocalizedTexts
  readonly footer: LocalizedTexts
  readonly hiddenFields: ReadonlyArray<string>
  readonly optionalFields: ReadonlyArray<string>
  readonly logo: { readonly fileId: string; readonly sha256: string; readonly contentType: string | null } | null
  readonly updatedAt: string | null
}

export interface DocumentServiceDeps {
  readonly store: EventStore
  readonly catalogue: EventCatalogue
  readonly renderer: DocumentRenderer
  readonly assets: DocumentAssets
  readonly audit: AuditService
  /**
   * The service point's time zone (the ServicePoint aggregate's), by point id: documents print times
   * on the wall clock of the point the order belongs to. Null (unknown point) or absent: timeZone.
   */
  readonly pointTimeZone?: (pointId: string) => Promise<string | null>
  /** Wall clock for documents whose point has no known zone (default Europe/Warsaw). */
  readonly timeZone?: string
  readonly clock?: () => Date
}

const orderNotFound = (orderId: string) =>
  domainError('not_found', 'WORK_ORDER_NOT_FOUND', `there is no work order ${orderId}`)
const headOfficeOnly = (viewer: Principal) =>
  domainError('forbidden', 'ROLE_NOT_ALLOWED', `a ${viewer.role} may not change document templates`)

export function localeOf(locale: string | undefined): Locale {
  return locale && (LOCALES as string[]).includes(locale) ? (locale as Locale) : DEFAULT_LOCALE
}

const CLOSING_TYPES = new Set([
  'WorkOrderHandedOver',
  'WorkOrderReturnedUnrepaired',
  'WorkOrderDeclaredIrreparable',
  'WorkOrderCancelled',
])

export class DocumentService implements AuditReports {
  private readonly timeZone: string
  private readonly clock: () => Date

  constructor(private readonly deps: DocumentServiceDeps) {
    this.timeZone = deps.timeZone ?? 'Europe/Warsaw'
    this.clock = deps.clock ?? (() => new Date())
  }

  /** The zone a point's documents print times in: the point's own, else the configured default. */
  private async zoneOf(pointId: string | null): Promise<string> {
    if (!pointId || !this.deps.pointTimeZone) return this.timeZone
    const zone = await this.deps.pointTimeZone(pointId)
    return zone && isTimeZone(zone) ? zone : this.timeZone
  }

  private async loadOrder(orderId: string): Promise<{ order: WorkOrderState; closing: OrderClosing | null } | null> {
    let closing: OrderClosing | null = null
    const { state } = await loadState(
      this.deps.store,
      this.deps.catalogue,
      workOrderDecider,
      workOrderStream(orderId),
      undefined,
      (recorded) => {
        if (!CLOSING_TYPES.has(recorded.type)) return
        // The catalogue validated these types' data on write; the fields read here are in each.
        const d = recorded.data as { protocol?: HandoverProtocol; reason?: string; at: string }
        closing = {
          receivedBy: d.protocol?.receivedBy ?? null,
          mileageKm: d.protocol?.mileageKm ?? null,
          note: d.protocol?.note ?? null,
          signed: Boolean(d.protocol?.signature),
          reason: d.reason ?? null,
          at: d.at,
        }
      },
    )
    return state.exists ? { order: state, closing } : null
  }

  private async loadEquipment(equipmentId: string): Promise<EquipmentState | null> {
    const { state } = await loadState(
      this.deps.store,
      this.deps.catalogue,
      equipmentDecider,
      equipmentStream(equipmentId),
    )
    return state.exists ? state : null
  }

  async template(kind: DocumentKind): Promise<DocumentTemplateState> {
    return (
      await loadState(this.deps.store, this.deps.catalogue, documentTemplateDecider, documentTemplateStream(kind))
    ).state
  }

  private async logoOf(template: DocumentTemplateState): Promise<LogoImage | null> {
    if (!template.logo) return null
    const bytes = await this.deps.assets.get(template.logo)
    const type = bytes ? imageTypeOf(bytes) : null
    // A missing or altered logo prints no logo rather than failing the protocol the customer waits for.
    return bytes && type ? { bytes, contentType: type } : null
  }

  private mayPrint(viewer: Principal, kind: DocumentKind, order: WorkOrderState): DomainError | null {
    if (viewer.role === 'head_office') return null
    if (POINT_STAFF.includes(viewer.role))
      return viewer.tenant.scope === 'point' && viewer.tenant.pointId === order.pointId
        ? null
        : domainError('forbidden', 'TENANT_ACCESS_DENIED', 'this order belongs to another service point')
    const own =
      (viewer.tenant.scope === 'customer' && order.customer?.customerId === viewer.tenant.customerId) ||
      (viewer.tenant.scope === 'fleet' && order.customer?.fleetId === viewer.tenant.fleetId)
    if (!own) return domainError('forbidden', 'TENANT_ACCESS_DENIED', 'this order is not yours')
    if (!HANDED_TO_CUSTOMER.has(kind))
      return domainError('forbidden', 'ROLE_NOT_ALLOWED', `a ${viewer.role} may not print the ${kind} document`)
    return null
  }

  async orderDocument(
    viewer: Principal,
    kind: OrderDocumentKind,
    orderId: string,
    locale?: string,
  ): Promise<Either<DomainError, RenderedDocument>> {
    const loaded = await this.loadOrder(orderId)
    if (!loaded) return left(orderNotFound(orderId))
    const refusal = this.mayPrint(viewer, kind, loaded.order)
    if (refusal) return left(refusal)
    const template = await this.template(kind)
    const equipment = loaded.order.equipment ? await this.loadEquipment(loaded.order.equipment.equipmentId) : null
    const layout = orderLayout(kind, {
      order: loaded.order,
      closing: loaded.closing,
      equipment,
      template,
      logo: await this.logoOf(template),
      locale: localeOf(locale),
      timeZone: await this.zoneOf(loaded.order.pointId),
    })
    return right({
      bytes: await this.deps.renderer.render(layout),
      filename: `${kind.replace(/_/g, '-')}-${orderId}.pdf`,
      contentType: 'application/pdf',
    })
  }

  /** A label for an item by its id (e.g. a stored tyre set at intake), for any point's staff. */
  async equipmentLabel(
    viewer: Principal,
    equipmentId: string,
    locale?: string,
  ): Promise<Either<DomainError, RenderedDocument>> {
    if (!POINT_STAFF.includes(viewer.role))
      return left(domainError('forbidden', 'ROLE_NOT_ALLOWED', `a ${viewer.role} may not print labels`))
    const equipment = await this.loadEquipment(equipmentId)
    if (!equipment) return left(domainError('not_found', 'EQUIPMENT_NOT_FOUND', `there is no equipment ${equipmentId}`))
    const template = await this.template('label')
    const ctx = contextOf({
      order: workOrderDecider.initialState,
      closing: null,
      equipment,
      template,
      logo: null,
      locale: localeOf(locale),
      // A label is printed at the desk: the printing point's zone.
      timeZone: await this.zoneOf(viewer.tenant.scope === 'point' ? viewer.tenant.pointId : null),
    })
    const label =
      equipment.registration?.plate ??
      equipment.vin ??
      equipment.serialNumber ??
      `${equipment.make} ${equipment.model}`.trim()
    const layout = labelLayout(
      ctx,
      { equipmentId, label, makeModel: `${equipment.make} ${equipment.model}`.trim(), owner: null },
      null,
    )
    return right({
      bytes: await this.deps.renderer.render(layout),
      filename: `label-${equipmentId}.pdf`,
      contentType: 'application/pdf',
    })
  }

  async auditReport(
    viewer: Principal,
    orderId: string,
    locale?: string,
  ): Promise<Either<DomainError, RenderedDocument>> {
    const streamId = workOrderStream(orderId)
    const inspected = await this.deps.audit.inspect(viewer, streamId)
    if (inspected._tag === 'Left')
      return inspected.left.code === 'STREAM_NOT_FOUND' ? left(orderNotFound(orderId)) : inspected
    const { history, chain, state } = inspected.right
    const loaded = await this.loadOrder(orderId).catch(() => null)
    const template = await this.template('audit_report')
    const order = loaded?.order ?? { ...workOrderDecider.initialState, workOrderId: orderId }
    const layout = auditReportLayout({
      order,
      closing: loaded?.closing ?? null,
      equipment: null,
      template,
      logo: await this.logoOf(template),
      locale: localeOf(locale),
      timeZone: await this.zoneOf(loaded?.order.pointId ?? null),
      history,
      chain,
      state: state?._tag === 'Right' ? state.right.state : null,
      generatedAt: this.clock().toISOString(),
    })
    return right({
      bytes: await this.deps.renderer.render(layout),
      filename: `audit-report-${orderId}.pdf`,
      contentType: 'application/pdf',
    })
  }

  // ── template administration (head office) ──

  private view(kind: DocumentKind, s: DocumentTemplateState): TemplateView {
    return {
      kind,
      header: s.header,
      footer: s.footer,
      hiddenFields: s.hiddenFields,
      optionalFields: OPTIONAL_FIELDS[kind],
      logo: s.logo,
      updatedAt: s.updatedAt,
    }
  }

  async templates(viewer: Principal): Promise<Either<DomainError, TemplateView[]>> {
    if (viewer.role !== 'head_office') return left(headOfficeOnly(viewer))
    return right(await Promise.all(DOCUMENT_KINDS.map(async (k) => this.view(k, await this.template(k)))))
  }

  async setTemplateTexts(
    viewer: Principal,
    kind: DocumentKind,
    body: { header: LocalizedTexts; footer: LocalizedTexts; hiddenFields: ReadonlyArray<string> },
    context: CommandContext,
  ): Promise<Either<DomainError, TemplateView>> {
    if (viewer.role !== 'head_office') return left(headOfficeOnly(viewer))
    const outcome = await handleCommand({
      store: this.deps.store,
      catalogue: this.deps.catalogue,
      decider: documentTemplateDecider,
      streamId: documentTemplateStream(kind),
      command: { kind: 'SetDocumentTemplateTexts', documentKind: kind, ...body, now: context.now },
      context,
    })
    if (outcome._tag === 'Left') return outcome
    return right(this.view(kind, await this.template(kind)))
  }

  /** base64 null removes the logo. */
  async setTemplateLogo(
    viewer: Principal,
    kind: DocumentKind,
    image: { base64: string } | null,
    context: CommandContext,
  ): Promise<Either<DomainError, TemplateView>> {
    if (viewer.role !== 'head_office') return left(headOfficeOnly(viewer))
    let logo = null
    if (image) {
      const bytes = Buffer.from(image.base64, 'base64')
      const type = imageTypeOf(bytes)
      const problems = []
      if (bytes.length === 0 || bytes.length > MAX_LOGO_BYTES)
        problems.push({ path: 'base64', message: `must be 1 byte to ${MAX_LOGO_BYTES / 1024} KB of image` })
      else if (!type) problems.push({ path: 'base64', message: 'must be a PNG or JPEG image' })
      if (problems.length > 0 || !type)
        return left(domainError('invalid', 'DOCUMENT_TEMPLATE_INVALID', 'the logo is not usable', problems))
      logo = await this.deps.assets.put(new Uint8Array(bytes), type, context.now)
    }
    const outcome = await handleCommand({
      store: this.deps.store,
      catalogue: this.deps.catalogue,
      decider: documentTemplateDecider,
      streamId: documentTemplateStream(kind),
      command: { kind: 'SetDocumentLogo', documentKind: kind, logo, now: context.now },
      context,
    })
    if (outcome._tag === 'Left') return outcome
    return right(this.view(kind, await this.template(kind)))
  }
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}
