// Routes of scheduled report e-mails: a reader of reports subscribes to a report or a variant with a
// cadence and an address, lists his subscriptions (head office: everyone's) with their next sending
// and the e-mails sent, and ends one (his own; head office any). Who and when are in the events.
import * as t from 'io-ts'
import { ReportQuery } from '../../application/reports/reportQuery.js'
import type { ReportSubscriptions } from '../../application/reports/reportSubscriptions.js'
import { REPORT_READER_ROLES } from '../../application/reports/reportTable.js'
import type { ApiModule } from '../apiKit.js'
import type { JsonSchema } from '../openapi/jsonSchema.js'
import { orProblem } from '../problem.js'
import { principalOf } from '../requestContext.js'

export const SubscriptionBody = t.intersection([
  t.type({
    cadence: t.keyof({ daily: null, weekly: null, monthly: null }),
    email: t.string,
  }),
  t.partial({
    subscriptionId: t.string,
    report: t.string,
    query: ReportQuery,
    variantId: t.string,
    format: t.keyof({ csv: null, xlsx: null, pdf: null }),
    range: t.keyof({ ended: null, coming: null }),
    language: t.keyof({ pl: null, en: null, ro: null, ru: null }),
  }),
])

const anyObject: JsonSchema = { type: 'object' }
const SubscriptionSchema: JsonSchema = {
  type: 'object',
  description:
    'subscriptionId, subscriber, email, report, variantId, title, query, cadence, timeZone, format, language (of the ' +
    'e-mails: pl, en, ro, ru; absent: a customer’s own, else English), active, ' +
    'subscribedAt/By, endedAt/By, next { period { key, from, to }, at }',
}
const ListSchema: JsonSchema = { type: 'object', properties: { items: { type: 'array', items: anyObject } } }

export function reportSubscriptionsModule(subscriptions: ReportSubscriptions): ApiModule {
  const READERS = [...REPORT_READER_ROLES]
  return (kit) =>
    kit
      .router('/reports', 'scheduled report e-mails')
      .get(
        '/subscriptions',
        {
          summary: 'Your subscriptions to scheduled report e-mails (head office: everyone’s), with the next sending',
          access: READERS,
          response: { status: 200, description: 'subscriptions', schema: ListSchema },
        },
        async (req, res) => {
          res.json({ items: await subscriptions.list(principalOf(req)) })
        },
      )
      .post(
        '/subscriptions',
        {
          summary: 'Subscribe to a report or a variant by e-mail: daily, weekly (ISO weeks) or monthly',
          description:
            'Give a report (with an optional query) or a variantId (yours or a built-in one), a cadence, the address ' +
            'and a format (csv; xlsx and pdf where offered), and range: ended (default: the rows of the period just over) ' +
            'or coming (the period just begun: upcoming visits, dues). Periods are local days, weeks and months in your ' +
            'point’s time zone (point staff) or head office’s (everyone else); each period’s e-mail goes out at ' +
            '06:00 local the day after it ends, with the rows you may read then attached, once per period.',
          access: READERS,
          body: SubscriptionBody,
          idempotent: true,
          response: { status: 201, description: 'the subscription', schema: SubscriptionSchema },
          problems: {
            403: 'the report is not one you may read',
            404: 'no such report or variant',
            409: 'too many subscriptions, or the id is taken',
            422: 'invalid address, cadence, format or query',
          },
        },
        async (req, res) => {
          const created = orProblem(await subscriptions.subscribe(principalOf(req), req.body, kit.requestMeta(req)))
          res.status(201).json(created)
        },
      )
      .get(
        '/subscriptions/:subscriptionId',
        {
          summary: 'One subscription of yours (head office: anyone’s) and the e-mails sent for it',
          access: READERS,
          response: { status: 200, description: 'the subscription and its deliveries', schema: SubscriptionSchema },
          problems: { 404: 'no such subscription of yours' },
        },
        async (req, res) => {
          const viewer = principalOf(req)
          const subscription = orProblem(await subscriptions.subscription(viewer, req.params.subscriptionId))
          const deliveries = orProblem(await subscriptions.deliveries(viewer, req.params.subscriptionId))
          res.json({ ...subscription, deliveries })
        },
      )
      .delete(
        '/subscriptions/:subscriptionId',
        {
          summary: 'End a subscription (yours; head office: anyone’s)',
          description: 'An optional ?reason= is recorded with the event.',
          access: READERS,
          response: { status: 204, description: 'ended (or already ended)' },
          problems: { 404: 'no such subscription of yours' },
        },
        async (req, res) => {
          const reason = typeof req.query.reason === 'string' ? req.query.reason.slice(0, 500) : null
          orProblem(
            await subscriptions.unsubscribe(principalOf(req), req.params.subscriptionId, reason, kit.requestMeta(req)),
          )
          res.status(204).end()
        },
      )
}
