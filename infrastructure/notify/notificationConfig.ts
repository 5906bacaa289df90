// Settings of the notification worker, from the environment (beside infrastructure/config.ts,
// which picks the stores; these only matter to processes that send messages).
//
//   SMTP_URL               smtp://user:pass@host:587 | smtps://… | smtp://127.0.0.1:2525?ignoreTLS=true
//   MAIL_FROM              From header (default "Tyre Service" <no-reply@localhost>)
//   TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM   SMS through Twilio
//   TWILIO_API_BASE_URL    only for a stand-in of Twilio's API (tests)
//   REMINDERS              e.g. 24h,2h (default)
//   SMS_QUIET_HOURS        e.g. 21:00-08:00 (default), in each point's time zone
//   PUBLIC_BASE_URL        where the links in messages lead (default http://localhost:3000)
//   RATING_REQUEST_DELAY   how long after handover the rating request goes, e.g. 2h (default), 0m
//   SLA_WARN_BEFORE        how long before an SLA deadline staff are warned, e.g. 30m (default)
//   NOTIFY_MAX_EVENT_AGE   events older than this get no message about them (a worker started on an
//                          existing log does not write about the past), e.g. 2d (default), 12h, 90m
//   JOBS_PREFIX            Redis key prefix of the queue (default tyre)
//   JOB_ATTEMPTS, JOB_BACKOFF_MS, JOB_LOCK_MS, JOB_STALLED_INTERVAL_MS
//   JOB_CONCURRENCY        jobs one worker runs at once (default 4)
//   WORKER_ID              stable identity of this worker (e.g. the pod name): restarted under the
//                          same id it takes its subscription lease back at once instead of waiting
//                          for it to expire
// A channel without a provider writes to DATA_DIR/outbox-<channel>.jsonl (see outbox/outboxNotifier.ts).
import { parseReminders, type ReminderRule } from '../../application/notifications/bookingReminderPolicy.js'
import { parseQuietHours, type QuietHours } from '../../application/notifications/quietHours.js'
import { DEFAULT_MAX_EVENT_AGE_MS } from '../../application/notifications/workOrderNotificationPolicy.js'
import { ConfigError } from '../config.js'
import type { SmtpEmailOptions } from './email/smtpEmailNotifier.js'
import { smtpOptionsFromUrl } from './email/smtpEmailNotifier.js'
import type { TwilioSmsOptions } from './sms/twilioSmsNotifier.js'

export interface NotificationConfig {
  readonly email: SmtpEmailOptions | null
  readonly sms: TwilioSmsOptions | null
  readonly reminders: ReadonlyArray<ReminderRule>
  readonly quietHours: QuietHours
  readonly publicBaseUrl: string
  readonly jobsPrefix: string
  readonly attempts: number
  readonly backoffMs: number
  readonly lockMs: number
  readonly stalledIntervalMs: number
  readonly workerId: string | null
  readonly concurrency: number
  /** After handover, before the rating request. Default 2 h. */
  readonly ratingDelayMs?: number
  /** Before an SLA deadline (at most half the target). Default 30. */
  readonly slaWarnBeforeMinutes?: number
  /** Events older than this get no message (bookings, work orders, tickets). Default 2 days. */
  readonly maxEventAgeMs?: number
}

type Env = Readonly<Record<string, string | undefined>>

function positiveInt(env: Env, name: string, fallback: number): number {
  const raw = env[name]?.trim()
  if (!raw) return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n <= 0) throw new ConfigError(`${name} must be a positive integer, got ${raw}`)
  return n
}

function wrap<T>(name: string, read: () => T): T {
  try {
    return read()
  } catch (error) {
    throw new ConfigError(`${name}: ${error instanceof Error ? error.message : String(error)}`)
  }
}

/** "90m", "2h", "1d", "0m" → minutes. */
function durationMinutes(raw: string | undefined, fallback: number): number {
  const value = raw?.trim()
  if (!value) return fallback
  const match = /^(\d+)(m|h|d)$/.exec(value)
  if (!match) throw new Error(`${JSON.stringify(value)} must look like 30m, 2h or 1d`)
  const n = Number(match[1])
  return match[2] === 'm' ? n : match[2] === 'h' ? n * 60 : n * 1440
}

export function loadNotificationConfig(env: Env = process.env): NotificationConfig {
  const from = env.MAIL_FROM?.trim() || '"Tyre Service" <no-reply@localhost>'
  const smtpUrl = env.SMTP_URL?.trim()
  const sid = env.TWILIO_ACCOUNT_SID?.trim()
  const token = env.TWILIO_AUTH_TOKEN?.trim()
  const smsFrom = env.TWILIO_FROM?.trim()
  if ((sid || token || smsFrom) && !(sid && token && smsFrom))
    throw new ConfigError('TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM go together')
  const apiBase = env.TWILIO_API_BASE_URL?.trim()
  const prefix = env.JOBS_PREFIX?.trim() || 'tyre'
  if (prefix.includes(':')) throw new ConfigError('JOBS_PREFIX must not contain ":"')
  return {
    email: smtpUrl ? wrap('SMTP_URL', () => smtpOptionsFromUrl(smtpUrl, from)) : null,
    sms:
      sid && token && smsFrom
        ? { accountSid: sid, authToken: token, from: smsFrom, ...(apiBase ? { apiBaseUrl: apiBase } : {}) }
        : null,
    reminders: wrap('REMINDERS', () => parseReminders(env.REMINDERS?.trim() || '24h,2h')),
    quietHours: wrap('SMS_QUIET_HOURS', () => parseQuietHours(env.SMS_QUIET_HOURS?.trim() || '21:00-08:00')),
    publicBaseUrl: (env.PUBLIC_BASE_URL?.trim() || 'http://localhost:3000').replace(/\/$/, ''),
    jobsPrefix: prefix,
    attempts: positiveInt(env, 'JOB_ATTEMPTS', 5),
    backoffMs: positiveInt(env, 'JOB_BACKOFF_MS', 30_000),
    lockMs: positiveInt(env, 'JOB_LOCK_MS', 30_000),
    stalledIntervalMs: positiveInt(env, 'JOB_STALLED_INTERVAL_MS', 30_000),
    workerId: env.WORKER_ID?.trim() || null,
    concurrency: positiveInt(env, 'JOB_CONCURRENCY', 4),
    ratingDelayMs: wrap('RATING_REQUEST_DELAY', () => durationMinutes(env.RATING_REQUEST_DELAY, 120)) * 60_000,
    slaWarnBeforeMinutes: wrap('SLA_WARN_BEFORE', () => durationMinutes(env.SLA_WARN_BEFORE, 30)),
    maxEventAgeMs: wrap('NOTIFY_MAX_EVENT_AGE', () => {
      const minutes = durationMinutes(env.NOTIFY_MAX_EVENT_AGE, DEFAULT_MAX_EVENT_AGE_MS / 60_000)
      if (minutes <= 0) throw new Error('must be longer than 0')
      return minutes * 60_000
    }),
  }
}
