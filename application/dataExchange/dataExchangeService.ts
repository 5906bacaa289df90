// Import and export through the templates (exchangeTemplate.ts, templates/): the API and the CLI
// read a file into a TableFile and call `import`, or call `export` and write the rows as CSV, XML
// or XLSX. Every import is all or nothing: a file with any problem answers with all of them, row
// by row (or as a problem of the whole file: columns, size, unreadable), and appends nothing.
import { type Either, left, right } from 'fp-ts/lib/Either.js'
import type { Principal } from '../../domain/access/principal.js'
import { type DomainError, domainError } from '../../domain/shared/decider.js'
import type { RequestMeta } from '../customers/requestMeta.js'
import type { DataExchangeDeps } from './dataExchangeDeps.js'
import {
  decodeRows,
  type ExchangeTemplate,
  encodeRows,
  type ImportRefusal,
  type ImportSummary,
  refusal,
  type TableFile,
  TEMPLATE_NAMES,
  type TemplateName,
  type TemplateScope,
} from './exchangeTemplate.js'
import { goodsTemplate, pricesTemplate } from './templates/catalogueTemplates.js'
import { customersTemplate } from './templates/customersTemplate.js'
import { stockMinimumsTemplate } from './templates/stockMinimumsTemplate.js'
import { vehiclesTemplate } from './templates/vehiclesTemplate.js'

export const TEMPLATES: Readonly<Record<TemplateName, ExchangeTemplate<DataExchangeDeps>>> = {
  customers: customersTemplate,
  vehicles: vehiclesTemplate,
  prices: pricesTemplate,
  goods: goodsTemplate,
  'stock-minimums': stockMinimumsTemplate,
}

export interface TemplateDescription {
  readonly name: TemplateName
  readonly title: string
  readonly record: string
  readonly scope: 'network' | 'fleet' | 'point'
  readonly columns: ReadonlyArray<{
    readonly name: string
    readonly aliases: ReadonlyArray<string>
    readonly type: string
    readonly required: boolean
    readonly exportOnly: boolean
    readonly description: string
    readonly example: string
  }>
}

/** The rows of an export as text: the header line, then one line of cells per record. */
export interface ExportedTable {
  readonly template: TemplateName
  readonly record: string
  readonly cells: string[][]
}

const unknownTemplate = (name: string): DomainError =>
  domainError('not_found', 'TEMPLATE_NOT_FOUND', `no template ${name}; templates: ${TEMPLATE_NAMES.join(', ')}`)

export function templateOf(name: string): Either<DomainError, ExchangeTemplate<DataExchangeDeps>> {
  return (TEMPLATE_NAMES as readonly string[]).includes(name)
    ? right(TEMPLATES[name as TemplateName])
    : left(unknownTemplate(name))
}

export function describeTemplate(template: ExchangeTemplate<DataExchangeDeps>): TemplateDescription {
  return {
    name: template.name,
    title: template.title,
    record: template.record,
    scope: template.name === 'vehicles' ? 'fleet' : template.name === 'stock-minimums' ? 'point' : 'network',
    columns: template.columns.map((c) => ({
      name: c.name,
      aliases: c.aliases ?? [],
      type: c.type.name,
      required: c.required,
      exportOnly: c.exportOnly ?? false,
      description: c.description,
      example: c.example,
    })),
  }
}

export class DataExchangeService {
  constructor(private readonly deps: DataExchangeDeps) {}

  templates(): TemplateDescription[] {
    return TEMPLATE_NAMES.map((n) => describeTemplate(TEMPLATES[n]))
  }

  async export(by: Principal, name: string, scope: TemplateScope): Promise<Either<DomainError, ExportedTable>> {
    const template = templateOf(name)
    if (template._tag === 'Left') return template
    const t = template.right
    const denied = t.mayExport(by, scope)
    if (denied) return left(denied)
    const rows = await t.exportRows(this.deps, by, scope)
    if (!Array.isArray(rows)) return left(rows as DomainError)
    return right({ template: t.name, record: t.record, cells: encodeRows(t.columns, rows) })
  }

  async import(
    by: Principal,
    name: string,
    scope: TemplateScope,
    file: TableFile,
    meta: RequestMeta,
  ): Promise<Either<ImportRefusal, ImportSummary>> {
    const template = templateOf(name)
    if (template._tag === 'Left') return template
    const t = template.right
    const denied = t.mayImport(by, scope)
    if (denied) return left(denied)
    const decoded = decodeRows(t.columns, file)
    if (!decoded.ok)
      return left(refusal('TEMPLATE_IMPORT_INVALID', file.fileName, decoded.fileProblems, [], file.rowNoun))
    const done = await t.importRows(this.deps, by, scope, file, decoded.rows, [...decoded.problems], meta)
    if (!done.ok) return left(done.refusal)
    return right({ template: t.name, fileName: file.fileName, blankRows: decoded.blankRows, ...done.summary })
  }
}
