// A channel with no provider configured (no SMTP_URL, no Twilio account) writes its messages to
// a JSON-lines file in DATA_DIR instead: `npm run worker` on a bare machine still shows what
// would have been sent, and the audit trail records the outbox as the provider.
import { randomUUID } from 'node:crypto'
import { appendFile } from 'node:fs/promises'
import { normaliseEmail, normalisePhone } from '../../../application/notifications/recipients.js'
import type {
  DeliveryReceipt,
  NotificationChannel,
  Notifier,
  OutgoingMessage,
} from '../../../application/ports/notifier.js'

export class OutboxNotifier implements Notifier {
  constructor(
    readonly channel: NotificationChannel,
    private readonly file: string,
  ) {}

  async send(message: OutgoingMessage): Promise<DeliveryReceipt> {
    const to = this.channel === 'email' ? normaliseEmail(message.to) : normalisePhone(message.to)
    const providerMessageId = `outbox-${randomUUID()}`
    const line = { at: new Date().toISOString(), channel: this.channel, providerMessageId, ...message, to }
    await appendFile(this.file, `${JSON.stringify(line)}\n`, 'utf8')
    return { providerMessageId }
  }

  async close(): Promise<void> {}
}
