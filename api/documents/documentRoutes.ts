// Document routes: an order's PDFs (intake protocol, estimate, work order, handover/return
// protocol, tyre-service confirmation, label), an item's label, and head office's template
// administration (header and footer texts per locale, hidden optional parts, the logo).
import type { DocumentService } from '../../application/documents/documentService.js'
import type { OrderDocumentKind } from '../../application/documents/orderLayouts.js'
import type { ApiKit, ApiModule } from '../apiKit.js'
import { sendPdf } from '../audit/auditRoutes.js'
import { orProblem } from '../problem.js'
import { principalOf } from '../requestContext.js'
import type { ApiRouter } from '../routing/apiRouter.js'
import { decodeInput } from '../validation/decodeInput.js'
import { KindParam, LocaleQuery, LogoBody, TemplateBody, TemplatesBody, TemplateTextsBody } from './documentBodies.js'

const LOCALE_HELP = 'Query: locale (pl, en, ro, ru; default pl).'
const STAFF = ['head_office', 'service_point', 'service_point_manager', 'service_point_employee'] as const
const WITH_CUSTOMERS = [...STAFF, 'customer', 'fleet_client', 'fleet_manager'] as const

const ORDER_DOCUMENTS: ReadonlyArray<{ kind: OrderDocumentKind; file: string; summary: string; customers: boolean }> = [
  { kind: 'intake_protocol', file: 'intake-protocol', summary: 'Intake protocol', customers: true },
  { kind: 'estimate', file: 'estimate', summary: 'Estimate, line by line with decisions and VAT', customers: true },
  { kind: 'work_order', file: 'work-order', summary: 'Work order for the workshop', customers: false },
  {
    kind: 'handover_protocol',
    file: 'handover-protocol',
    summary: 'Handover protocol (or return protocol when returned unrepaired)',
    customers: true,
  },
  {
    kind: 'service_confirmation',
    file: 'service-confirmation',
    summary: 'Tyre-service completion confirmation with tread depths',
    customers: true,
  },
  { kind: 'label', file: 'label', summary: 'Label with the equipment id as a QR code', customers: false },
]

function orderRoutes(kit: ApiKit, documents: DocumentService): ApiRouter {
  const router = kit.router('/documents', 'documents')
  for (const d of ORDER_DOCUMENTS)
    router.get(
      `/orders/:orderId/${d.file}.pdf`,
      {
        summary: `${d.summary} (PDF)`,
        query: LocaleQuery,
        description: `Head office; the order’s point’s staff${d.customers ? '; the order’s customer or fleet' : ''}. ${LOCALE_HELP}`,
        access: d.customers ? [...WITH_CUSTOMERS] : [...STAFF],
        response: { status: 200, description: 'the PDF', contentType: 'application/pdf' },
        problems: { 400: 'the locale is not one of pl, en, ro, ru', 404: 'no such work order' },
      },
      async (req, res, q) => {
        sendPdf(res, orProblem(await documents.orderDocument(principalOf(req), d.kind, req.params.orderId, q.locale)))
      },
    )
  return router.get(
    '/equipment/:equipmentId/label.pdf',
    {
      summary: 'Label for an item: its id as a QR code, plate and make (PDF, 100 × 50 mm)',
      query: LocaleQuery,
      description: `Head office and any point’s staff. ${LOCALE_HELP}`,
      access: [...STAFF],
      response: { status: 200, description: 'the PDF', contentType: 'application/pdf' },
      problems: { 400: 'the locale is not one of pl, en, ro, ru', 404: 'no such equipment' },
    },
    async (req, res, q) => {
      sendPdf(res, orProblem(await documents.equipmentLabel(principalOf(req), req.params.equipmentId, q.locale)))
    },
  )
}

function templateRoutes(kit: ApiKit, documents: DocumentService): ApiRouter {
  const problems = {
    400: 'the kind or the body is malformed',
    422: 'a text is too long, a hidden field is not optional, or the image is not a PNG/JPEG',
  }
  return kit
    .router('/documents/templates', 'documents')
    .get(
      '/',
      {
        summary: 'Every document kind’s template: header and footer texts per locale, hidden parts, logo',
        access: ['head_office'],
        response: { status: 200, description: 'the templates', schema: TemplatesBody },
      },
      async (req, res) => {
        res.json({ templates: orProblem(await documents.templates(principalOf(req))) })
      },
    )
    .put(
      '/:kind',
      {
        summary: 'Set a document kind’s header and footer texts (per locale) and which optional parts it hides',
        description:
          'Recorded as an event on documenttemplate-<kind> (who and when are on the audit trail). The same settings ' +
          'again change nothing. optionalFields in the answer lists what hiddenFields may name.',
        access: ['head_office'],
        body: TemplateTextsBody,
        idempotent: true,
        response: { status: 200, description: 'the template now', schema: TemplateBody },
        problems,
      },
      async (req, res) => {
        const { kind } = decodeInput(KindParam, req.params, 'path')
        res.json(orProblem(await documents.setTemplateTexts(principalOf(req), kind, req.body, kit.commandContext(req))))
      },
    )
    .put(
      '/:kind/logo',
      {
        summary: 'Upload a document kind’s logo (PNG or JPEG, base64, at most 512 KB)',
        access: ['head_office'],
        body: LogoBody,
        idempotent: true,
        response: { status: 200, description: 'the template now', schema: TemplateBody },
        problems,
      },
      async (req, res) => {
        const { kind } = decodeInput(KindParam, req.params, 'path')
        res.json(orProblem(await documents.setTemplateLogo(principalOf(req), kind, req.body, kit.commandContext(req))))
      },
    )
    .delete(
      '/:kind/logo',
      {
        summary: 'Remove a document kind’s logo',
        access: ['head_office'],
        response: { status: 200, description: 'the template now', schema: TemplateBody },
        problems: { 400: 'the kind is malformed' },
      },
      async (req, res) => {
        const { kind } = decodeInput(KindParam, req.params, 'path')
        res.json(orProblem(await documents.setTemplateLogo(principalOf(req), kind, null, kit.commandContext(req))))
      },
    )
}

export function documentsModule(documents: DocumentService): ApiModule {
  return (kit) => [orderRoutes(kit, documents), templateRoutes(kit, documents)]
}
