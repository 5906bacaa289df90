// What the API hands every use case besides the principal: correlation id, Idempotency-Key, now.
import { randomUUID } from 'node:crypto'
import { type CommandContext, deterministicUuid } from '../commands/commandContext.js'

export type RequestMeta = Omit<CommandContext, 'actor'>

/**
 * A new id for something the request creates. With an Idempotency-Key the id derives from it, so a
 * retried request names the same customer, contract or ticket and cannot create it twice.
 */
export function newIdFor(prefix: string, meta: RequestMeta, salt = ''): string {
  return meta.commandId
    ? `${prefix}-${deterministicUuid(`${prefix}|${salt}|${meta.commandId}`)}`
    : `${prefix}-${randomUUID()}`
}
