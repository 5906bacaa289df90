// `npm run data -- export <template> [--format csv|xlsx|xml] [--fleet <id>] [--point <id>] [--out <file>]`
// `npm run data -- import <template> <file> [--fleet <id>] [--point <id>] [--key <idempotency key>]`
// `npm run data -- templates`
//
// The import/export templates from the command line, as head office (scripts/dataExchange.ts opens
// the configured stores). The files are read and written exactly as over HTTP (tableFiles.ts); an
// import's format is its file's extension. Exit codes: 0 done · 2 bad input, one line on stderr
// (arguments, a refused file: then one line per problem, row by row) · 3 anything unexpected.
import { readFile, writeFile } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import { isLeft } from 'fp-ts/lib/Either.js'
import type { RequestMeta } from '../../application/customers/requestMeta.js'
import type { DataExchangeService } from '../../application/dataExchange/dataExchangeService.js'
import { type TableFile, TEMPLATE_NAMES, type TemplateName } from '../../application/dataExchange/exchangeTemplate.js'
import type { Principal } from '../../domain/access/principal.js'
import { FILE_FORMATS, type FileFormat, readTemplateFile, UnreadableFile, writeTemplateFile } from './tableFiles.js'

export class BadInput extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BadInput'
  }
}

export type DataExchangeArgs =
  | { readonly command: 'templates' }
  | {
      readonly command: 'export'
      readonly template: TemplateName
      readonly format: FileFormat
      readonly fleetId?: string
      readonly pointId?: string
      readonly out?: string
    }
  | {
      readonly command: 'import'
      readonly template: TemplateName
      readonly file: string
      readonly format: FileFormat
      readonly fleetId?: string
      readonly pointId?: string
      readonly key?: string
    }

const USAGE =
  'usage: npm run data -- templates | export <template> [--format csv|xlsx|xml] [--fleet <id>] [--point <id>] [--out <file>] | ' +
  `import <template> <file.csv|.xlsx|.xml> [--fleet <id>] [--point <id>] [--key <idempotency key>]; templates: ${TEMPLATE_NAMES.join(', ')}`

function templateArg(value: string | undefined): TemplateName {
  if (!value || !(TEMPLATE_NAMES as readonly string[]).includes(value))
    throw new BadInput(`unknown template ${value ?? '(none)'}; templates: ${TEMPLATE_NAMES.join(', ')}`)
  return value as TemplateName
}

export function parseDataExchangeArgs(argv: ReadonlyArray<string>): DataExchangeArgs {
  const [command, ...rest] = argv
  const flags = new Map<string, string>()
  const positional: string[] = []
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string
    if (arg.startsWith('--')) {
      const value = rest[i + 1]
      if (!['--format', '--fleet', '--point', '--out', '--key'].includes(arg))
        throw new BadInput(`unknown option ${arg}; ${USAGE}`)
      if (value === undefined || value.startsWith('--')) throw new BadInput(`${arg} needs a value`)
      flags.set(arg.slice(2), value)
      i++
    } else positional.push(arg)
  }
  const fleetId = flags.get('fleet')
  const pointId = flags.get('point')
  const owner = { ...(fleetId ? { fleetId } : {}), ...(pointId ? { pointId } : {}) }
  if (command === 'templates') return { command }
  if (command === 'export') {
    const format = (flags.get('format') ?? 'csv') as FileFormat
    if (!FILE_FORMATS.includes(format)) throw new BadInput(`--format must be one of ${FILE_FORMATS.join(', ')}`)
    const out = flags.get('out')
    return {
      command,
      template: templateArg(positional[0]),
      format,
      ...owner,
      ...(out ? { out } : {}),
    }
  }
  if (command === 'import') {
    const template = templateArg(positional[0])
    const file = positional[1]
    if (!file) throw new BadInput(`import needs the file; ${USAGE}`)
    const format = extname(file).slice(1).toLowerCase() as FileFormat
    if (!FILE_FORMATS.includes(format)) throw new BadInput(`${file}: the file must end in .csv, .xlsx or .xml`)
    const key = flags.get('key')
    return { command, template, file, format, ...owner, ...(key ? { key } : {}) }
  }
  throw new BadInput(USAGE)
}

export interface CliIo {
  out(line: string): void
  err(line: string): void
  /** Writes an export to stdout when no --out is given. */
  stdout(bytes: Uint8Array): void
}

export interface CliDeps {
  readonly service: DataExchangeService
  readonly by: Principal
  readonly meta: () => RequestMeta
}

export async function runDataExchangeCli(argv: ReadonlyArray<string>, deps: CliDeps, io: CliIo): Promise<number> {
  let args: DataExchangeArgs
  try {
    args = parseDataExchangeArgs(argv)
  } catch (error) {
    if (!(error instanceof BadInput)) throw error
    io.err(error.message)
    return 2
  }
  if (args.command === 'templates') {
    for (const t of deps.service.templates())
      io.out(`${t.name} (${t.record}): ${t.columns.map((c) => (c.required ? `${c.name}*` : c.name)).join(', ')}`)
    return 0
  }
  const scope = {
    ...(args.fleetId ? { fleetId: args.fleetId } : {}),
    ...(args.pointId ? { pointId: args.pointId } : {}),
  }
  if (args.command === 'export') {
    const table = await deps.service.export(deps.by, args.template, scope)
    if (isLeft(table)) {
      io.err(`${args.template}: ${table.left.message}`)
      return 2
    }
    const bytes = await writeTemplateFile(args.template, args.format, table.right.cells)
    if (args.out) {
      await writeFile(args.out, bytes)
      io.err(`${table.right.cells.length - 1} record(s) written to ${args.out}`)
    } else io.stdout(bytes)
    return 0
  }
  let bytes: Buffer
  try {
    bytes = await readFile(args.file)
  } catch (error) {
    io.err(`${args.file}: ${error instanceof Error ? error.message : String(error)}`)
    return 2
  }
  const name = basename(args.file)
  let file: TableFile
  try {
    file = await readTemplateFile(args.template, args.format, name, bytes)
  } catch (error) {
    if (!(error instanceof UnreadableFile)) throw error
    io.err(`${name}: ${error.message}; nothing was imported`)
    return 2
  }
  const meta = deps.meta()
  const done = await deps.service.import(deps.by, args.template, scope, file, {
    ...meta,
    ...(args.key ? { commandId: args.key } : {}),
  })
  if (isLeft(done)) {
    io.err(done.left.message)
    const noun = file.rowNoun ?? 'row'
    for (const p of done.left.report?.fileProblems ?? []) io.err(`  file: ${p}`)
    for (const r of done.left.report?.rows ?? [])
      for (const p of r.problems) io.err(`  ${noun} ${r.row}${p.column ? ` "${p.column}"` : ''}: ${p.message}`)
    return 2
  }
  const s = done.right
  io.out(
    `${s.fileName}: ${s.imported} ${args.template} record(s) imported, ${s.unchanged} unchanged${
      s.blankRows.length > 0 ? `, blank rows ${s.blankRows.join(', ')} skipped` : ''
    }`,
  )
  return 0
}
