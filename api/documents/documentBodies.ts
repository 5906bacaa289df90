// Request and response shapes of the document routes.
import * as t from 'io-ts'
import { DocumentKind, Locale } from '../../application/documents/documentKinds.js'
import { LocalizedTexts } from '../../application/documents/templateEvents.js'

export const LocaleQuery = t.exact(t.partial({ locale: Locale }))
export const KindParam = t.type({ kind: DocumentKind })

export const TemplateTextsBody = t.exact(
  t.type({ header: LocalizedTexts, footer: LocalizedTexts, hiddenFields: t.array(t.string) }),
)
export const LogoBody = t.exact(t.type({ base64: t.string }))

export const TemplateBody = t.type({
  kind: DocumentKind,
  header: LocalizedTexts,
  footer: LocalizedTexts,
  hiddenFields: t.array(t.string),
  optionalFields: t.array(t.string),
  logo: t.union([t.type({ fileId: t.string, sha256: t.string, contentType: t.union([t.string, t.null]) }), t.null]),
  updatedAt: t.union([t.string, t.null]),
})
export const TemplatesBody = t.type({ templates: t.array(TemplateBody) })
