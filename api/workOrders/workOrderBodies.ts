// Request shapes of the work-order routes (decoded with these), and the documented answers.
import * as t from 'io-ts'
import { EntityId } from '../../domain/access/fields.js'
import { FileRef } from '../../domain/shared/fileRef.js'
import { Money } from '../../domain/shared/money.js'
import { type ApprovalChannel, ChecklistResult, LineDecision } from '../../domain/work-order/events.js'
import type { JsonSchema } from '../openapi/jsonSchema.js'

const Nullable = <C extends t.Mixed>(codec: C) => t.union([codec, t.null])
const Text = t.string
const opt = <P extends t.Props>(props: P) => t.partial(props)

const Signature = t.exact(t.intersection([t.type({ signerName: Text, image: FileRef }), opt({ signedAt: Text })]))

const IntakeBody = t.exact(
  t.intersection([
    t.type({ customerDescription: Text }),
    opt({
      conditionNotes: Text,
      accessories: t.array(Text),
      mileageKm: Nullable(t.number),
      odometerReplaced: t.boolean,
      photos: t.array(FileRef),
      signature: Nullable(Signature),
    }),
  ]),
)

export const OpenWorkOrderBody = t.exact(
  t.intersection([
    t.type({ pointId: EntityId, equipmentId: EntityId, intake: IntakeBody }),
    opt({
      customer: t.exact(
        opt({
          customerId: Nullable(EntityId),
          fleetId: Nullable(EntityId),
          name: Nullable(Text),
          phone: Nullable(Text),
          email: Nullable(Text),
        }),
      ),
      promisedAt: Nullable(Text),
      bookingId: Nullable(EntityId),
      startDiagnosis: t.boolean,
      technicianId: EntityId,
    }),
  ]),
)

export const ReworkBody = t.exact(
  t.intersection([
    t.type({ reason: Text, intake: IntakeBody }),
    opt({ pointId: EntityId, promisedAt: Nullable(Text), startDiagnosis: t.boolean }),
  ]),
)

export const SignBody = Signature
export const ChecklistBody = t.exact(opt({ checklistId: Text }))
export const ChecklistResultsBody = t.exact(
  t.type({
    results: t.array(
      t.exact(
        t.intersection([
          t.type({ itemId: Text, result: ChecklistResult }),
          opt({
            note: Nullable(Text),
            photos: t.array(FileRef),
            measurement: Nullable(t.type({ value: t.number, unit: Text })),
          }),
        ]),
      ),
    ),
  }),
)
export const ProblemBody = t.exact(
  t.intersection([
    t.type({ defectCode: Text }),
    opt({ problemId: EntityId, causeCode: Nullable(Text), note: Nullable(Text), checklistItemId: Nullable(Text) }),
  ]),
)

const lineCommon = { lineId: EntityId, problemId: Nullable(EntityId), photos: t.array(FileRef), description: Text }
export const LineBody = t.union([
  t.exact(
    t.intersection([
      t.type({ kind: t.literal('service'), serviceCode: Text }),
      opt({ ...lineCommon, wheels: t.number }),
    ]),
  ),
  t.exact(t.intersection([t.type({ kind: t.literal('goods'), sku: Text, quantity: t.number }), opt(lineCommon)])),
  t.exact(
    t.intersection([
      t.type({ kind: t.literal('labour'), description: Text, minutes: t.number }),
      opt({ lineId: EntityId, problemId: Nullable(EntityId), photos: t.array(FileRef) }),
    ]),
  ),
])
export const PhotosBody = t.exact(t.type({ photos: t.array(FileRef) }))
export const CarryBody = t.exact(opt({ recommendationIds: t.array(Text) }))
export const SendEstimateBody = t.exact(
  opt({ channel: t.keyof({ sms: null, email: null, in_person: null }), address: Nullable(Text) }),
)
export const Decisions = t.array(
  t.exact(t.intersection([t.type({ lineId: Text, decision: LineDecision }), opt({ reason: Nullable(Text) })])),
)
export const DecisionBody = t.exact(
  t.intersection([
    t.type({ revision: t.number, decidedByName: Text, decisions: Decisions }),
    opt({
      channel: t.keyof({
        portal: null,
        in_person: null,
        phone: null,
        email: null,
      } satisfies Record<Exclude<t.TypeOf<typeof ApprovalChannel>, 'link'>, null>),
    }),
  ]),
)
export const ReasonBody = t.exact(t.type({ reason: Text }))
export const ExternalRepairBody = t.exact(
  t.intersection([
    t.type({ repairerId: EntityId, repairerName: Text }),
    opt({ reference: Nullable(Text), expectedBackAt: Nullable(Text), note: Nullable(Text) }),
  ]),
)
export const ExternalReturnBody = t.exact(
  t.intersection([
    t.type({ outcome: t.keyof({ repaired: null, not_repaired: null }) }),
    opt({ cost: Nullable(Money), note: Nullable(Text) }),
  ]),
)
export const ReadyBody = t.exact(opt({ summary: Nullable(Text) }))
const handover = { signature: Nullable(FileRef), mileageKm: Nullable(t.number), note: Nullable(Text) }
export const HandoverBody = t.exact(t.intersection([t.type({ receivedBy: Text }), opt(handover)]))
export const ReturnUnrepairedBody = t.exact(t.intersection([t.type({ receivedBy: Text, reason: Text }), opt(handover)]))
export const CustomStatusBody = t.exact(t.intersection([t.type({ code: Text }), opt({ note: Nullable(Text) })]))
export const TechnicianBody = t.exact(t.type({ technicianId: EntityId }))
export const LogEntryBody = t.exact(
  t.intersection([
    t.type({ text: Text }),
    opt({ entryId: EntityId, photos: t.array(FileRef), visibleToCustomer: t.boolean }),
  ]),
)
export const ClockInBody = t.exact(
  t.intersection([t.type({ technicianId: EntityId }), opt({ lineId: Nullable(Text) })]),
)
export const PromisedDateBody = t.exact(
  t.intersection([t.type({ promisedAt: Nullable(Text) }), opt({ reason: Nullable(Text) })]),
)

// ── answers (documented as schemas; the views are built in application/workOrders) ──

const object = (description: string, properties: Record<string, JsonSchema> = {}): JsonSchema => ({
  type: 'object',
  description,
  properties,
})

export const OrderSchema = object(
  'the order: status, trail of statuses, intake protocol, checklists, problems, estimate lines with decisions, technicians, log, labour summary',
  {
    workOrderId: { type: 'string' },
    pointId: { type: 'string' },
    status: { type: 'string' },
    revision: { type: 'integer', description: 'the estimate’s revision: what an answer to it names' },
    streamRevision: { type: 'integer', description: 'the revision of the order’s stream' },
  },
)
export const ChangeSchema = object('the order after the step, and what the policies did', {
  order: OrderSchema,
  policies: {
    type: 'array',
    items: object('policy outcome', {
      policy: { type: 'string' },
      eventType: { type: 'string' },
      outcome: { type: 'string', enum: ['applied', 'unchanged', 'refused'] },
      code: { type: 'string' },
      message: { type: 'string' },
      shortages: { type: 'array' },
      alreadyDone: {
        type: 'boolean',
        description:
          'on an applied outcome: the reaction was found done already (a retried request), nothing appended now',
      },
    }),
  },
})
export const OpenedSchema = {
  ...ChangeSchema,
  description: 'the new order; `trackingCode` opens the public status page and is shown only in this answer',
  properties: { ...(ChangeSchema.properties as object), trackingCode: { type: 'string' } },
}
export const SentSchema = {
  ...ChangeSchema,
  description: 'the order with the estimate sent; `accessCode` opens the approval link and is shown only here',
  properties: { ...(ChangeSchema.properties as object), accessCode: { type: 'string' }, expiresAt: { type: 'string' } },
}
export const SuggestionsSchema = object('technicians ranked for the job', {
  skills: { type: 'array', items: { type: 'string' } },
  suggestions: {
    type: 'array',
    items: object('a technician', { technicianId: { type: 'string' }, fits: { type: 'boolean' } }),
  },
})
export const BoardSchema = object('the point’s open orders by status', {
  pointId: { type: 'string' },
  columns: { type: 'array' },
})
export const OrderListSchema = object('a page of orders', {
  items: { type: 'array' },
  total: { type: 'integer' },
  limit: { type: 'integer' },
  offset: { type: 'integer' },
})
export const FileSchema = object('the stored file: reference it in commands as { fileId, sha256, contentType }', {
  fileId: { type: 'string' },
  sha256: { type: 'string' },
  contentType: { type: 'string' },
  size: { type: 'integer' },
})
