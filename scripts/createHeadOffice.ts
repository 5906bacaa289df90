// Creates a head-office account: the way into a new network (and back into a locked-out one).
//
//   HEAD_OFFICE_PASSWORD='…' npm exec tsx scripts/createHeadOffice.ts -- --email boss@network.example [--name "Head office"]
//
// The password comes from HEAD_OFFICE_PASSWORD (a --password argument works too, but shows in
// `ps` and shell history). Exit codes: 0 created, 1 refused or failed, 2 bad input.
// Stores are opened through infrastructure/composition.ts (`openStores(config)`), so the account
// lands where `npm start` will look for it.
import { randomUUID } from 'node:crypto'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { isLeft } from 'fp-ts/lib/Either.js'
import { accessEventDefinitions } from '../application/access/accessEvents.js'
import type { AccountService } from '../application/access/accountService.js'
import {
  BootstrapInputError,
  type HeadOfficeInput,
  parseHeadOfficeInput,
} from '../application/access/bootstrapHeadOffice.js'
import { EventCatalogue } from '../application/eventLog/eventCatalogue.js'
import type { DocumentStore } from '../application/ports/documentStore.js'
import type { EventStore } from '../application/ports/eventStore.js'
import { type Config, loadConfig } from '../infrastructure/config.js'
import { accessServices } from '../infrastructure/security/accessServices.js'

type Env = Readonly<Record<string, string | undefined>>

export interface CliIo {
  readonly out: (line: string) => void
  readonly err: (line: string) => void
}

export interface AccessRuntime {
  readonly accounts: Pick<AccountService, 'createHeadOfficeAsOperator'>
  close(): Promise<void>
}

const USAGE = 'usage: createHeadOffice --email <address> [--name <display name>] (password in HEAD_OFFICE_PASSWORD)'

/** Reads and checks the input; throws BootstrapInputError with one line for the operator. */
export function headOfficeInputFrom(argv: readonly string[], env: Env): HeadOfficeInput {
  let values: { email?: string; password?: string; name?: string }
  try {
    values = parseArgs({
      args: [...argv],
      options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }).values
  } catch (error) {
    throw new BootstrapInputError(`${error instanceof Error ? error.message.split('\n')[0] : String(error)}; ${USAGE}`)
  }
  const email = values.email ?? env.HEAD_OFFICE_EMAIL
  const password = values.password ?? env.HEAD_OFFICE_PASSWORD
  if (!email) throw new BootstrapInputError(`no e-mail address; ${USAGE}`)
  if (!password) throw new BootstrapInputError(`no password: set HEAD_OFFICE_PASSWORD; ${USAGE}`)
  const displayName = values.name ?? env.HEAD_OFFICE_NAME
  return parseHeadOfficeInput({ email, password, ...(displayName !== undefined ? { displayName } : {}) })
}

/** The whole CLI, with its dependencies passed in. Returns the exit code. */
export async function runCreateHeadOffice(
  argv: readonly string[],
  env: Env,
  open: () => Promise<AccessRuntime>,
  io: CliIo,
): Promise<number> {
  let input: HeadOfficeInput
  try {
    input = headOfficeInputFrom(argv, env)
  } catch (error) {
    if (!(error instanceof BootstrapInputError)) throw error
    io.err(`createHeadOffice: ${error.message}`)
    return 2
  }
  const runtime = await open()
  try {
    const created = await runtime.accounts.createHeadOfficeAsOperator(input, {
      correlationId: `cli-${randomUUID()}`,
      causationId: null,
      now: new Date().toISOString(),
    })
    if (isLeft(created)) {
      io.err(`createHeadOffice: ${created.left.message}`)
      return 1
    }
    io.out(`created head-office account ${created.right.accountId} for ${created.right.email}`)
    return 0
  } finally {
    await runtime.close()
  }
}

/** What this script needs from the composition root. */
interface Composition {
  openStores(config: Config): Promise<{ eventStore: EventStore; documentStore: DocumentStore; close(): Promise<void> }>
}

async function openFromComposition(): Promise<AccessRuntime> {
  const config = loadConfig()
  // Resolved at run time: the composition root is written alongside this script.
  const specifier = '../infrastructure/composition.js'
  const composition = (await import(specifier)) as Partial<Composition>
  if (typeof composition.openStores !== 'function')
    throw new Error('infrastructure/composition.ts does not export openStores(config) yet')
  const stores = await composition.openStores(config)
  const catalogue = new EventCatalogue(accessEventDefinitions)
  const { accounts } = accessServices({
    eventStore: stores.eventStore,
    documentStore: stores.documentStore,
    catalogue,
    tokenSecret: config.tokenSecret,
  })
  return { accounts, close: () => stores.close() }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const io: CliIo = { out: (l) => console.log(l), err: (l) => console.error(l) }
  runCreateHeadOffice(process.argv.slice(2), process.env, openFromComposition, io).then(
    (code) => {
      process.exitCode = code
    },
    (error: unknown) => {
      io.err(`createHeadOffice: ${error instanceof Error ? error.message : String(error)}`)
      process.exitCode = 1
    },
  )
}
