// The server's `failCommand` fail point (configureFailPoint, a test command real servers accept
// with enableTestCommands=1): make the next matching commands fail with a code, close the
// connection, or block first. One extension, marked as the stand-in's own:
// `closeConnectionAfterWrite` runs the command and then closes the connection instead of
// replying, i.e. a write that happened but whose acknowledgement was lost.
import type { Document } from 'bson'
import { CommandError } from './errors.js'

export interface FailCommandData {
  readonly failCommands: readonly string[]
  readonly closeConnection?: boolean
  readonly errorCode?: number
  readonly errorLabels?: readonly string[]
  readonly blockConnection?: boolean
  readonly blockTimeMS?: number
  /** Only commands from clients with this appName. */
  readonly appName?: string
  /** Stand-in extension: execute, then close the connection without replying. */
  readonly closeConnectionAfterWrite?: boolean
}

export type FailPointMode = 'off' | 'alwaysOn' | { readonly times: number } | { readonly skip: number }

export interface FailCommandConfig {
  readonly mode: FailPointMode
  readonly data: FailCommandData
}

export class FailCommand {
  /** How many commands the fail point has acted on since the stand-in started. */
  hits = 0
  private config: { data: FailCommandData; remaining: number; skip: number } | null = null

  configure(config: FailCommandConfig): void {
    const { mode, data } = config
    if (mode === 'off') {
      this.config = null
      return
    }
    if (!Array.isArray(data.failCommands)) throw new CommandError('BadValue', 'failCommand requires data.failCommands')
    this.config = {
      data,
      remaining: mode === 'alwaysOn' || 'skip' in mode ? Number.POSITIVE_INFINITY : mode.times,
      skip: typeof mode === 'object' && 'skip' in mode ? mode.skip : 0,
    }
  }

  /** The fail point's instructions for this command, consuming one of its `times`. */
  take(commandName: string, appName: string | undefined): FailCommandData | null {
    const c = this.config
    if (c === null) return null
    if (!c.data.failCommands.includes(commandName)) return null
    if (c.data.appName !== undefined && c.data.appName !== appName) return null
    if (c.skip > 0) {
      c.skip--
      return null
    }
    c.remaining--
    if (c.remaining <= 0) this.config = null
    this.hits++
    return c.data
  }
}

export function parseFailPointCommand(command: Document): FailCommandConfig {
  if (command.configureFailPoint !== 'failCommand')
    throw new CommandError(
      'BadValue',
      `the stand-in only has the failCommand fail point, not ${String(command.configureFailPoint)}`,
    )
  const mode = command.mode as FailPointMode
  return { mode, data: (command.data ?? { failCommands: [] }) as FailCommandData }
}
