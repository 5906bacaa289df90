// Events of a document template (stream `documenttemplate-<kind>`): what head office changed in
// how a kind of document looks. Kept as events rather than a settings document so that who changed
// a template and when is on the audit trail, and a document can be re-printed as it looked on a
// given day (the template's state as of that day).
import * as t from 'io-ts'
import { type EventsOf, firstVersionDefinitions } from '../../domain/shared/eventDefinition.js'
import { FileRef } from '../../domain/shared/fileRef.js'
import { DocumentKind } from './documentKinds.js'

/** Text per locale; a locale left out prints the built-in text (or nothing). */
export const LocalizedTexts = t.partial({ pl: t.string, en: t.string, ro: t.string, ru: t.string })
export type LocalizedTexts = t.TypeOf<typeof LocalizedTexts>

export const documentTemplateEventCodecs = {
  DocumentTemplateTextsSet: t.type({
    kind: DocumentKind,
    header: LocalizedTexts,
    footer: LocalizedTexts,
    /** Optional parts left out (see OPTIONAL_FIELDS). */
    hiddenFields: t.array(t.string),
    at: t.string,
  }),
  /** A PNG or JPEG stored in the document assets, or null to print none. */
  DocumentTemplateLogoSet: t.type({ kind: DocumentKind, logo: t.union([FileRef, t.null]), at: t.string }),
}
export type DocumentTemplateEvent = EventsOf<typeof documentTemplateEventCodecs>

export const documentTemplateEventDefinitions = firstVersionDefinitions(documentTemplateEventCodecs)
