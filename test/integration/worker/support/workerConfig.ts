import type { NotificationConfig } from '../../../../infrastructure/notify/notificationConfig.js'

/** The worker's settings for in-process tests: e-mail to a local SMTP server, fast retries, no quiet hours. */
export function workerConfig(smtpPort: number, overrides: Partial<NotificationConfig> = {}): NotificationConfig {
  return {
    email: { host: '127.0.0.1', port: smtpPort, ignoreTLS: true, from: 'no-reply@tyres.example' },
    sms: null,
    reminders: [],
    quietHours: { start: '00:00', end: '00:00' },
    publicBaseUrl: 'https://network.example',
    jobsPrefix: 'unused',
    attempts: 3,
    backoffMs: 50,
    lockMs: 5_000,
    stalledIntervalMs: 5_000,
    workerId: null,
    concurrency: 2,
    ...overrides,
  }
}
