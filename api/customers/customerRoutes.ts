// Customers over HTTP: registration (staff at the desk, or a customer his own record), the record
// itself, identity, contacts, preferences, consents, addresses, archiving, and staff's list.
// Roles are declared per route; whose record it is, is checked by the guard (a customer only
// himself; staff any; fleet accounts their company, read-only) and again by the service.
import type { NextFunction, Request, Response } from 'express'
import type { CustomerService } from '../../application/customers/customerService.js'
import type { ApiKit } from '../apiKit.js'
import { authenticationRequired } from '../auth/authenticate.js'
import { orProblem, ProblemError } from '../problem.js'
import { principalOf } from '../requestContext.js'
import type { ApiRouter } from '../routing/apiRouter.js'
import {
  AddressBody,
  ConsentBody,
  ContactsChangeBody,
  CustomerListQuery,
  contactsOf,
  IdentityBody,
  PreferencesBody,
  ReasonBody,
  RegisterCustomerBody,
} from './customerBodies.js'
import { objectSchema, PAGING_HELP, pageSchema, pagingOf } from './queryFields.js'

const STAFF = ['head_office', 'service_point', 'service_point_manager', 'service_point_employee'] as const
const STAFF_AND_CUSTOMER = [...STAFF, 'customer'] as const
const CUSTOMER = objectSchema(
  'the customer: party, contacts, preferences, consents (purpose, channel, granted, when, where), addresses',
)
const NOT_FOUND = { 404: 'no such customer' }

/** A customer reaches only his own record; staff any (the service checks fleets' read access). */
function ownRecord(req: Request, _res: Response, next: NextFunction): void {
  if (!req.actor) throw authenticationRequired()
  const { tenant } = req.actor
  if (tenant.scope === 'customer' && tenant.customerId !== req.params.customerId)
    throw new ProblemError({ status: 403, code: 'TENANT_ACCESS_DENIED', detail: 'this belongs to another customer' })
  next()
}

export function customerRoutes(kit: ApiKit, customers: CustomerService): ApiRouter {
  return kit
    .router('/customers', 'customers')
    .post(
      '/',
      {
        summary: 'Register a customer',
        description:
          'Staff register a person or a company (the id may be chosen; a NIP is checked and stored as 10 digits, phones in E.164). ' +
          'A customer registers his own record under his account’s customerId. At least an e-mail or a phone.',
        access: STAFF_AND_CUSTOMER,
        body: RegisterCustomerBody,
        idempotent: true,
        response: { status: 201, description: 'the customer', schema: CUSTOMER },
        problems: {
          409: 'the customer exists (CUSTOMER_ALREADY_EXISTS)',
          422: 'invalid party, NIP, e-mail or phone (CUSTOMER_INVALID)',
        },
      },
      async (req, res) => {
        const body = req.body
        const view = orProblem(
          await customers.register(
            principalOf(req),
            {
              party: body.party,
              contacts: contactsOf(body.contacts),
              ...(body.customerId ? { customerId: body.customerId } : {}),
              ...(body.preferences ? { preferences: body.preferences } : {}),
            },
            kit.requestMeta(req),
          ),
        )
        res.status(201).location(`/customers/${view.customerId}`).json(view)
      },
    )
    .get(
      '/',
      {
        summary: 'Staff’s customer list',
        query: CustomerListQuery,
        description: `Query: q (part of the name, e-mail or phone; case and accents ignored), kind, includeArchived, ${PAGING_HELP}.`,
        access: STAFF,
        response: {
          status: 200,
          description: 'customers by name',
          schema: pageSchema('customerId, kind, displayName, status, contacts'),
        },
      },
      async (req, res, q) => {
        res.json(
          orProblem(
            await customers.list(
              principalOf(req),
              {
                ...(q.q ? { q: q.q } : {}),
                ...(q.kind ? { kind: q.kind } : {}),
                ...(q.includeArchived ? { includeArchived: true } : {}),
              },
              pagingOf(q),
            ),
          ),
        )
      },
    )
    .get(
      '/:customerId',
      {
        summary: 'One customer',
        description: 'Staff any customer; a customer himself; a fleet’s people their company’s record.',
        access: 'authenticated',
        guards: [ownRecord],
        response: { status: 200, description: 'the customer', schema: CUSTOMER },
        problems: NOT_FOUND,
      },
      async (req, res) => {
        res.json(orProblem(await customers.get(principalOf(req), req.params.customerId)))
      },
    )
    .put(
      '/:customerId/identity',
      {
        summary: 'Correct names or tax id (a person stays a person, a company a company)',
        access: STAFF_AND_CUSTOMER,
        guards: [ownRecord],
        body: IdentityBody,
        idempotent: true,
        response: { status: 200, description: 'the customer', schema: CUSTOMER },
        problems: { ...NOT_FOUND, 409: 'archived, or the kind would change', 422: 'invalid names or NIP' },
      },
      async (req, res) => {
        res.json(
          orProblem(
            await customers.change(
              principalOf(req),
              req.params.customerId,
              { kind: 'CorrectCustomerIdentity', party: req.body.party },
              kit.requestMeta(req),
            ),
          ),
        )
      },
    )
    .put(
      '/:customerId/contacts',
      {
        summary: 'Change e-mail and phone',
        access: STAFF_AND_CUSTOMER,
        guards: [ownRecord],
        body: ContactsChangeBody,
        idempotent: true,
        response: { status: 200, description: 'the customer', schema: CUSTOMER },
        problems: { ...NOT_FOUND, 409: 'archived', 422: 'invalid e-mail or phone, or neither' },
      },
      async (req, res) => {
        res.json(
          orProblem(
            await customers.change(
              principalOf(req),
              req.params.customerId,
              { kind: 'ChangeCustomerContacts', contacts: contactsOf(req.body.contacts) },
              kit.requestMeta(req),
            ),
          ),
        )
      },
    )
    .put(
      '/:customerId/preferences',
      {
        summary: 'Preferred channel and language',
        access: STAFF_AND_CUSTOMER,
        guards: [ownRecord],
        body: PreferencesBody,
        idempotent: true,
        response: { status: 200, description: 'the customer', schema: CUSTOMER },
        problems: { ...NOT_FOUND, 409: 'archived', 422: 'the preferred channel has no address or number' },
      },
      async (req, res) => {
        res.json(
          orProblem(
            await customers.change(
              principalOf(req),
              req.params.customerId,
              { kind: 'SetContactPreferences', preferences: req.body.preferences },
              kit.requestMeta(req),
            ),
          ),
        )
      },
    )
    .post(
      '/:customerId/consents',
      {
        summary: 'Give or withdraw a consent (marketing or reminders, per channel)',
        description:
          'Staff say where it was given (source: staff_desk, phone_call, paper_form, import…); a customer’s own change is recorded ' +
          'as customer_portal. Withdrawal always works, even for an archived customer; repeats change nothing.',
        access: STAFF_AND_CUSTOMER,
        guards: [ownRecord],
        body: ConsentBody,
        idempotent: true,
        response: { status: 200, description: 'the customer', schema: CUSTOMER },
        problems: { ...NOT_FOUND, 409: 'archived (giving)', 422: 'staff did not say the source' },
      },
      async (req, res) => {
        const b = req.body
        res.json(
          orProblem(
            await customers.consent(
              principalOf(req),
              req.params.customerId,
              { purpose: b.purpose, channel: b.channel, granted: b.granted, ...(b.source ? { source: b.source } : {}) },
              kit.requestMeta(req),
            ),
          ),
        )
      },
    )
    .put(
      '/:customerId/addresses/:addressId',
      {
        summary: 'Set an address (billing, correspondence, other)',
        access: STAFF_AND_CUSTOMER,
        guards: [ownRecord],
        body: AddressBody,
        idempotent: true,
        response: { status: 200, description: 'the customer', schema: CUSTOMER },
        problems: { ...NOT_FOUND, 409: 'archived', 422: 'invalid address (e.g. a Polish postal code NN-NNN)' },
      },
      async (req, res) => {
        res.json(
          orProblem(
            await customers.change(
              principalOf(req),
              req.params.customerId,
              {
                kind: 'SetCustomerAddress',
                addressId: req.params.addressId,
                label: req.body.label,
                address: req.body.address,
              },
              kit.requestMeta(req),
            ),
          ),
        )
      },
    )
    .delete(
      '/:customerId/addresses/:addressId',
      {
        summary: 'Remove an address',
        access: STAFF_AND_CUSTOMER,
        guards: [ownRecord],
        idempotent: true,
        response: { status: 200, description: 'the customer', schema: CUSTOMER },
        problems: { ...NOT_FOUND, 409: 'archived' },
      },
      async (req, res) => {
        res.json(
          orProblem(
            await customers.change(
              principalOf(req),
              req.params.customerId,
              { kind: 'RemoveCustomerAddress', addressId: req.params.addressId },
              kit.requestMeta(req),
            ),
          ),
        )
      },
    )
    .post(
      '/:customerId/archive',
      {
        summary: 'Archive a customer (nothing is sent to him any more; consents can still be withdrawn)',
        access: ['head_office'],
        body: ReasonBody,
        idempotent: true,
        response: { status: 200, description: 'the customer', schema: CUSTOMER },
        problems: { ...NOT_FOUND, 409: 'already archived', 422: 'no reason' },
      },
      async (req, res) => {
        res.json(
          orProblem(
            await customers.archive(principalOf(req), req.params.customerId, req.body.reason, kit.requestMeta(req)),
          ),
        )
      },
    )
}
