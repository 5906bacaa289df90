// What `npm run audit` does, as a function of its arguments, an event store and two output lines
// sinks, so tests run it in-process; scripts/audit.ts only opens the configured store.
//
// Exit codes: 0 fine · 1 the chain is broken (with --verify) · 2 bad input (one line on stderr:
// arguments, an unknown stream, an as-of the stream cannot answer).
import { parseArgs } from 'node:util'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import type { EventStore } from '../ports/eventStore.js'
import { AuditedStreams } from './auditedStreams.js'
import {
  type AsOf,
  AuditService,
  type ChainReport,
  parseAsOfInstant,
  resolveStreamId,
  type StateAsOf,
  type StreamHistory,
} from './streamAudit.js'

export const AUDIT_USAGE =
  'usage: npm run audit -- <orderId|streamId> [--as-of <ISO date-time>|--revision <n>] [--verify] [--json]'

export interface AuditCliIo {
  readonly out: (line: string) => void
  readonly err: (line: string) => void
}

/** Arguments that make no sense: one line for stderr, exit 2. */
export class BadInput extends Error {}

interface Options {
  readonly target: string
  readonly asOf: AsOf | undefined
  readonly verify: boolean
  readonly json: boolean
}

const OPTIONS = {
  'as-of': { type: 'string' },
  revision: { type: 'string' },
  verify: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
} as const

/** The arguments, or BadInput with the one line to print. */
export function parseAuditArgs(argv: readonly string[]): Options {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true })
  } catch (error) {
    throw new BadInput(`${error instanceof Error ? error.message : String(error)}; ${AUDIT_USAGE}`)
  }
  const { values, positionals } = parsed
  if (positionals.length !== 1) throw new BadInput(AUDIT_USAGE)
  const target = positionals[0] as string
  if (values['as-of'] !== undefined && values.revision !== undefined)
    throw new BadInput('give either --as-of or --revision, not both')
  let asOf: AsOf | undefined
  if (values['as-of'] !== undefined) {
    if (!parseAsOfInstant(values['as-of']))
      throw new BadInput(
        `--as-of must be an ISO-8601 date-time with a zone, e.g. 2026-03-02T10:00:00Z: ${values['as-of']}`,
      )
    asOf = { at: values['as-of'] }
  }
  if (values.revision !== undefined) {
    if (!/^\d+$/.test(values.revision)) throw new BadInput(`--revision must be a whole number: ${values.revision}`)
    asOf = { revision: Number(values.revision) }
  }
  return { target, asOf, verify: values.verify, json: values.json }
}

const short = (hash: string) => hash.slice(0, 12)

function printHistory(h: StreamHistory, out: (line: string) => void): void {
  const trail = h.notifications
  out(
    `== history of ${h.streamId} (${h.total} events, head revision ${h.head.revision})` +
      (trail ? ` with ${trail.total} notification events from ${trail.streamId} (marked ✉), in log order` : '') +
      ' ==',
  )
  // The subject's events and the messages about it, merged by log position.
  const lines: Array<{ position: number; text: string[] }> = [
    ...h.events.map((e) => ({
      position: e.position,
      text: [
        `#${e.revision}  pos ${e.position}  ${e.occurredAt}  ${e.actor.id} (${e.actor.role})  ${e.type}  v${e.schemaVersion}  hash ${short(e.hash)}  prev ${short(e.prevHash)}`,
        `    ${JSON.stringify(e.data)}`,
      ],
    })),
    ...(trail?.events ?? []).map((e) => ({
      position: e.position,
      text: [
        `✉ notification #${e.revision}  pos ${e.position}  ${e.occurredAt}  ${e.actor.id} (${e.actor.role})  ${e.type}  v${e.schemaVersion}  hash ${short(e.hash)}  prev ${short(e.prevHash)}  [${trail?.streamId}]`,
        `    ${JSON.stringify(e.data)}`,
      ],
    })),
  ].sort((a, b) => a.position - b.position)
  for (const line of lines) for (const text of line.text) out(text)
}

function printState(s: StateAsOf, out: (line: string) => void): void {
  const moment =
    'revision' in s.requested ? `revision ${s.requested.revision}` : 'at' in s.requested ? s.requested.at : 'now'
  const last = s.lastApplied
    ? `last event #${s.lastApplied.revision} at ${s.lastApplied.occurredAt}`
    : 'before the first event'
  out(`== state as of ${moment} (${s.eventsApplied} of ${s.eventsInStream} events; ${last}) ==`)
  out(JSON.stringify(s.state, null, 2))
}

/** The verdict in one line: what an operator greps for. */
export function verdictLine(c: ChainReport): string {
  if (c.ok) return `OK: ${c.events} events verified; head hash ${c.headHash}`
  return `BROKEN at revision ${c.brokenAt.revision} (position ${c.brokenAt.position}, ${c.brokenAt.type}, event ${c.brokenAt.eventId}, recorded ${c.brokenAt.occurredAt}): ${c.reason}; ${c.events} events before it verify (last good hash ${c.lastGoodHash})`
}

export async function runAuditCli(
  argv: readonly string[],
  deps: { readonly store: EventStore; readonly catalogue: EventCatalogue; readonly streams?: AuditedStreams },
  io: AuditCliIo,
): Promise<number> {
  let options: Options
  try {
    options = parseAuditArgs(argv)
  } catch (error) {
    if (!(error instanceof BadInput)) throw error
    io.err(error.message)
    return 2
  }
  const audit = new AuditService(deps.store, deps.catalogue, deps.streams ?? new AuditedStreams())
  const streamId = resolveStreamId(options.target, audit.streams)
  const inspected = await audit.inspect(null, streamId, options.asOf)
  if (inspected._tag === 'Left') {
    io.err(`${inspected.left.code}: ${inspected.left.message}`)
    return 2
  }
  const { history, chain, state } = inspected.right
  if (state?._tag === 'Left' && state.left.kind === 'invalid') {
    io.err(`${state.left.code}: ${state.left.message}`)
    return 2
  }
  if (options.json) {
    io.out(
      JSON.stringify({
        history,
        state: state === null ? null : state._tag === 'Right' ? state.right : { error: state.left },
        ...(options.verify ? { chain } : {}),
      }),
    )
  } else {
    printHistory(history, io.out)
    if (state === null) io.out(`== no state: no decider is registered for ${history.category} streams ==`)
    else if (state._tag === 'Left') io.out(`== state cannot be rebuilt: ${state.left.code}: ${state.left.message} ==`)
    else printState(state.right, io.out)
    if (options.verify) {
      io.out('== hash chain ==')
      io.out(verdictLine(chain))
      // The notification stream's chain, verified on its own.
      if (history.notifications)
        io.out(`${history.notifications.streamId}: ${verdictLine(history.notifications.chain)}`)
    }
  }
  const broken = !chain.ok || history.notifications?.chain.ok === false
  return options.verify && broken ? 1 : 0
}
