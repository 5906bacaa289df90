// Events of reports: analysts' definitions (stream `reportdefinition-<name>`: who registered or
// changed which version, when, with the exact text they wrote), users' saved variants (stream
// `reportvariants-<accountId>`), subscriptions to scheduled e-mails (stream `reportsubscriptions`:
// who subscribed to what, when, and who ended it) and the e-mails sent (stream
// `reportmail-<subscriptionId>`: one per period). The composition root registers them in the
// EventCatalogue.
import * as t from 'io-ts'
import { Language } from '../../domain/customer/fields.js'
import type { EventsOf } from '../../domain/shared/eventDefinition.js'
import type { EventDefinition } from '../eventLog/eventCatalogue.js'
import { ReportDefinition } from './reportDefinition.js'
import { ReportQuery } from './reportQuery.js'

export const SourceFormat = t.keyof({ yaml: null, json: null })
export type SourceFormat = t.TypeOf<typeof SourceFormat>

const DefinitionVersion = t.type({
  name: t.string,
  version: t.number,
  /** As checked (with `version` set to the one assigned); what the projection is compiled from. */
  definition: ReportDefinition,
  format: SourceFormat,
  /** The text as the analyst wrote it, comments included. */
  source: t.string,
})

export const reportEventCodecs = {
  ReportDefinitionRegistered: DefinitionVersion,
  ReportDefinitionChanged: DefinitionVersion,
  ReportDefinitionRetired: t.type({ name: t.string, version: t.number, reason: t.union([t.string, t.null]) }),
  ReportVariantSaved: t.type({
    ownerId: t.string,
    variantId: t.string,
    report: t.string,
    title: t.string,
    query: ReportQuery,
  }),
  ReportVariantDeleted: t.type({ ownerId: t.string, variantId: t.string }),
}

export const Cadence = t.keyof({ daily: null, weekly: null, monthly: null }, 'cadence')
export type Cadence = t.TypeOf<typeof Cadence>
export const MailFormat = t.keyof({ csv: null, xlsx: null, pdf: null }, 'format')
/** Which dates an e-mail covers: the period that has just ended (history) or the one just begun (what is coming). */
export const MailRange = t.keyof({ ended: null, coming: null }, 'range')
export type MailRange = t.TypeOf<typeof MailRange>
export type MailFormat = t.TypeOf<typeof MailFormat>
const nullableString = t.union([t.string, t.null])

export const subscriptionEventCodecs = {
  ReportSubscribed: t.intersection([
    t.type({
      subscriptionId: t.string,
      /** The subscriber's account, role and tenant: the report is run with his rights at every sending. */
      subscriber: t.type({
        id: t.string,
        role: t.string,
        tenant: t.record(t.string, t.string),
      }),
      email: t.string,
      report: t.string,
      /** The variant subscribed to (its query is copied into `query`), or null for the report itself. */
      variantId: nullableString,
      title: t.string,
      query: ReportQuery,
      cadence: Cadence,
      /** The point's zone for a point's staff, head office's for everyone else: where periods start and end. */
      timeZone: t.string,
      format: MailFormat,
      range: MailRange,
    }),
    t.partial({
      /** The language of its e-mails (pl, en, ro, ru); absent: the customer's own for a customer, else English. */
      language: Language,
    }),
  ]),
  ReportUnsubscribed: t.type({ subscriptionId: t.string, subscriberId: t.string, reason: nullableString }),
  ReportEmailed: t.type({
    subscriptionId: t.string,
    /** `2026-11-25`, `2026-W48` or `2026-11`, and its local dates. */
    period: t.type({ key: t.string, from: t.string, to: t.string }),
    /** The local dates the rows cover: the period's, or the next one's for a `coming` subscription. */
    covered: t.type({ from: t.string, to: t.string }),
    recipient: t.string,
    rows: t.number,
    attachment: t.type({ filename: t.string, format: MailFormat, bytes: t.number }),
    notificationId: t.string,
    providerMessageId: t.string,
    sentAt: t.string,
  }),
}

export type ReportEvent = EventsOf<typeof reportEventCodecs & typeof subscriptionEventCodecs>
export type DefinitionEvent = Extract<
  ReportEvent,
  { type: 'ReportDefinitionRegistered' | 'ReportDefinitionChanged' | 'ReportDefinitionRetired' }
>
export type VariantEvent = Extract<ReportEvent, { type: 'ReportVariantSaved' | 'ReportVariantDeleted' }>
export type SubscriptionEvent = Extract<ReportEvent, { type: 'ReportSubscribed' | 'ReportUnsubscribed' }>
export type MailEvent = Extract<ReportEvent, { type: 'ReportEmailed' }>

export const reportEventDefinitions: ReadonlyArray<EventDefinition> = Object.entries({
  ...reportEventCodecs,
  ...subscriptionEventCodecs,
}).map(([type, codec]) => ({ type, schemaVersion: 1, codec }))

export const DEFINITION_EVENT_TYPES = [
  'ReportDefinitionRegistered',
  'ReportDefinitionChanged',
  'ReportDefinitionRetired',
]

export const definitionStream = (name: string): string => `reportdefinition-${name}`
export const variantStream = (ownerId: string): string => `reportvariants-${ownerId}`
/** Every subscription in one stream: few, changed rarely, and the scheduler folds them all. */
export const SUBSCRIPTIONS_STREAM = 'reportsubscriptions'
export const mailStream = (subscriptionId: string): string => `reportmail-${subscriptionId}`
