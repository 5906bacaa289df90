// The documents the network prints, the locales they are printed in, and per kind the optional
// parts head office may leave out through the template (everything else is always printed: a
// protocol without its order number or date would not be a protocol).
import * as t from 'io-ts'

export const DocumentKind = t.keyof({
  intake_protocol: null,
  estimate: null,
  work_order: null,
  /** Handover, or return of an unrepaired / irreparable item: the protocol says which. */
  handover_protocol: null,
  /** Goods-receipt / service-completion confirmation for tyre services. */
  service_confirmation: null,
  /** A label to stick on the item at intake: the equipment id as a QR code. */
  label: null,
  audit_report: null,
})
export type DocumentKind = t.TypeOf<typeof DocumentKind>
export const DOCUMENT_KINDS = Object.keys(DocumentKind.keys) as DocumentKind[]

export const Locale = t.keyof({ pl: null, en: null, ro: null, ru: null })
export type Locale = t.TypeOf<typeof Locale>
export const LOCALES = Object.keys(Locale.keys) as Locale[]
export const DEFAULT_LOCALE: Locale = 'pl'

/** The parts of each document a template may hide. */
export const OPTIONAL_FIELDS: Readonly<Record<DocumentKind, readonly string[]>> = {
  intake_protocol: ['customerContact', 'conditionNotes', 'accessories', 'mileage', 'photos', 'promisedAt', 'signature'],
  estimate: ['customerContact', 'problems', 'vatBreakdown', 'photos', 'expiry'],
  work_order: ['customerContact', 'technicians', 'problems', 'checklists', 'prices', 'labour', 'parts', 'log'],
  handover_protocol: ['customerContact', 'mileage', 'lines', 'prices', 'recommendations', 'signature'],
  service_confirmation: ['customerContact', 'mileage', 'lines', 'treadDepths', 'tyres'],
  label: ['equipmentLabel', 'makeModel', 'orderNumber', 'owner'],
  audit_report: ['eventData', 'hashes', 'currentState'],
}

/** Stream of one kind's template settings. */
export const documentTemplateStream = (kind: DocumentKind): string => `documenttemplate-${kind}`
