// The document template aggregate: one per document kind. Head office sets texts, hidden parts and
// the logo; the same settings again decide nothing, so a retried request appends nothing twice.
//   invalid  DOCUMENT_TEMPLATE_INVALID (with the failing fields)
import { left, right } from 'fp-ts/lib/Either.js'
import { type Decider, domainError } from '../../domain/shared/decider.js'
import type { FileRef } from '../../domain/shared/fileRef.js'
import { fileRefProblems } from '../../domain/shared/fileRef.js'
import { parseInstant } from '../../domain/shared/localTime.js'
import type { FieldProblem } from '../../domain/shared/validation.js'
import { type DocumentKind, LOCALES, OPTIONAL_FIELDS } from './documentKinds.js'
import type { DocumentTemplateEvent, LocalizedTexts } from './templateEvents.js'

export const MAX_TEMPLATE_TEXT = 400
export const LOGO_CONTENT_TYPES = ['image/png', 'image/jpeg'] as const

export type DocumentTemplateCommand =
  | {
      readonly kind: 'SetDocumentTemplateTexts'
      readonly documentKind: DocumentKind
      readonly header: LocalizedTexts
      readonly footer: LocalizedTexts
      readonly hiddenFields: ReadonlyArray<string>
      readonly now: string
    }
  | {
      readonly kind: 'SetDocumentLogo'
      readonly documentKind: DocumentKind
      readonly logo: FileRef | null
      readonly now: string
    }

export interface DocumentTemplateState {
  readonly kind: DocumentKind | null
  readonly header: LocalizedTexts
  readonly footer: LocalizedTexts
  readonly hiddenFields: ReadonlyArray<string>
  readonly logo: FileRef | null
  readonly updatedAt: string | null
}

export const initialDocumentTemplateState: DocumentTemplateState = {
  kind: null,
  header: {},
  footer: {},
  hiddenFields: [],
  logo: null,
  updatedAt: null,
}

function textProblems(texts: LocalizedTexts, path: string): FieldProblem[] {
  const problems: FieldProblem[] = []
  for (const [locale, text] of Object.entries(texts)) {
    if (!(LOCALES as string[]).includes(locale))
      problems.push({ path: `${path}.${locale}`, message: `locale must be one of ${LOCALES.join(', ')}` })
    else if (typeof text !== 'string' || text.length > MAX_TEMPLATE_TEXT)
      problems.push({ path: `${path}.${locale}`, message: `at most ${MAX_TEMPLATE_TEXT} characters` })
  }
  return problems
}

/** Texts with blank entries dropped (a blank header is the same as none) and keys in locale order. */
function tidy(texts: LocalizedTexts): LocalizedTexts {
  const out: Record<string, string> = {}
  for (const locale of LOCALES) {
    const text = texts[locale]?.trim()
    if (text) out[locale] = text
  }
  return out
}

const sameTexts = (a: LocalizedTexts, b: LocalizedTexts): boolean => JSON.stringify(a) === JSON.stringify(b)

const invalid = (problems: FieldProblem[]) =>
  left(domainError('invalid', 'DOCUMENT_TEMPLATE_INVALID', 'the template settings are invalid', problems))

function decide(command: DocumentTemplateCommand, state: DocumentTemplateState) {
  const problems: FieldProblem[] =
    parseInstant(command.now) === null ? [{ path: 'now', message: 'must be a UTC ISO-8601 instant' }] : []
  if (command.kind === 'SetDocumentLogo') {
    const { logo } = command
    if (logo) {
      problems.push(...fileRefProblems(logo, 'logo'))
      if (!(LOGO_CONTENT_TYPES as readonly (string | null)[]).includes(logo.contentType))
        problems.push({ path: 'logo.contentType', message: 'a logo must be image/png or image/jpeg' })
    }
    if (problems.length > 0) return invalid(problems)
    if (JSON.stringify(logo) === JSON.stringify(state.logo) && state.kind !== null) return right([])
    const event: DocumentTemplateEvent = {
      type: 'DocumentTemplateLogoSet',
      data: { kind: command.documentKind, logo, at: command.now },
    }
    return right([event])
  }
  problems.push(...textProblems(command.header, 'header'), ...textProblems(command.footer, 'footer'))
  const allowed = OPTIONAL_FIELDS[command.documentKind]
  command.hiddenFields.forEach((f, i) => {
    if (!allowed.includes(f))
      problems.push({
        path: `hiddenFields.${i}`,
        message: `not an optional part of ${command.documentKind}: one of ${allowed.join(', ')}`,
      })
  })
  if (problems.length > 0) return invalid(problems)
  const header = tidy(command.header)
  const footer = tidy(command.footer)
  const hiddenFields = [...new Set(command.hiddenFields)].sort()
  if (
    state.kind !== null &&
    sameTexts(header, state.header) &&
    sameTexts(footer, state.footer) &&
    JSON.stringify(hiddenFields) === JSON.stringify(state.hiddenFields)
  )
    return right([])
  const event: DocumentTemplateEvent = {
    type: 'DocumentTemplateTextsSet',
    data: { kind: command.documentKind, header, footer, hiddenFields, at: command.now },
  }
  return right([event])
}

function evolve(state: DocumentTemplateState, event: DocumentTemplateEvent): DocumentTemplateState {
  switch (event.type) {
    case 'DocumentTemplateTextsSet':
      return {
        ...state,
        kind: event.data.kind,
        header: event.data.header,
        footer: event.data.footer,
        hiddenFields: event.data.hiddenFields,
        updatedAt: event.data.at,
      }
    case 'DocumentTemplateLogoSet':
      return { ...state, kind: event.data.kind, logo: event.data.logo, updatedAt: event.data.at }
  }
}

export const documentTemplateDecider: Decider<DocumentTemplateCommand, DocumentTemplateState, DocumentTemplateEvent> = {
  initialState: initialDocumentTemplateState,
  decide,
  evolve,
}
