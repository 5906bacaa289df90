// Stream names of the access context (see domain/access/events.ts for what each holds).
import { createHash } from 'node:crypto'
import type { Email } from '../../domain/access/fields.js'

export const accountStream = (accountId: string): string => `account-${accountId}`

/** The address itself stays out of the stream name (names show up in logs and metrics). */
export const emailStream = (email: Email): string => `email-${createHash('sha256').update(email).digest('hex')}`

export const HEAD_OFFICE_ROSTER_STREAM = 'access-headoffice-roster'
