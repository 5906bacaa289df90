// E-mail through SMTP with nodemailer. The Message-ID is derived from the notification id, so a
// message sent again after a crash (the provider accepted it, the worker died before recording
// that) carries the same Message-ID and mail stores and clients can recognise the duplicate.
import nodemailer, { type Transporter } from 'nodemailer'
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js'
import { normaliseEmail } from '../../../application/notifications/recipients.js'
import {
  DeliveryFailed,
  type DeliveryReceipt,
  type Notifier,
  type OutgoingMessage,
} from '../../../application/ports/notifier.js'

export interface SmtpEmailOptions {
  readonly host: string
  readonly port: number
  /** TLS from the first byte (port 465). Default false. */
  readonly secure?: boolean
  /** Never upgrade with STARTTLS (a local test server). Default false: upgrade when offered. */
  readonly ignoreTLS?: boolean
  readonly auth?: { readonly user: string; readonly pass: string }
  /** The From header, e.g. `"Tyre Network" <no-reply@example.com>`. */
  readonly from: string
  /** Domain part of generated Message-IDs. Default: the From address's domain. */
  readonly messageIdDomain?: string
  /** Connections kept open to the server. Default 2. */
  readonly maxConnections?: number
}

/** smtp://user:pass@host:port (STARTTLS when offered), smtps://… (TLS), ?ignoreTLS=true for a local server. */
export function smtpOptionsFromUrl(url: string, from: string): SmtpEmailOptions {
  const parsed = new URL(url)
  const secure = parsed.protocol === 'smtps:'
  if (!secure && parsed.protocol !== 'smtp:')
    throw new Error(`SMTP_URL must start with smtp:// or smtps://, got ${url}`)
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    ignoreTLS: parsed.searchParams.get('ignoreTLS') === 'true',
    ...(parsed.username
      ? { auth: { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } }
      : {}),
    from,
  }
}

interface SmtpError extends Error {
  readonly responseCode?: number
  readonly code?: string
}

export class SmtpEmailNotifier implements Notifier {
  readonly channel = 'email' as const
  private readonly transport: Transporter<SMTPPool.SentMessageInfo, SMTPPool.Options>
  private readonly idDomain: string

  constructor(private readonly options: SmtpEmailOptions) {
    this.transport = nodemailer.createTransport({
      pool: true,
      maxConnections: options.maxConnections ?? 2,
      host: options.host,
      port: options.port,
      secure: options.secure ?? false,
      ignoreTLS: options.ignoreTLS ?? false,
      ...(options.auth ? { auth: { user: options.auth.user, pass: options.auth.pass } } : {}),
    })
    this.idDomain = options.messageIdDomain ?? /@([^>\s]+)/.exec(options.from)?.[1] ?? 'localhost'
  }

  async send(message: OutgoingMessage): Promise<DeliveryReceipt> {
    // Throws InvalidRecipient before any connection is made.
    const to = normaliseEmail(message.to)
    const messageId = `<${message.notificationId}@${this.idDomain}>`
    try {
      const info = await this.transport.sendMail({
        from: this.options.from,
        to,
        subject: message.subject,
        text: message.text,
        messageId,
        headers: { 'X-Notification-Id': message.notificationId },
        ...(message.attachments?.length
          ? {
              attachments: message.attachments.map((a) => ({
                filename: a.filename,
                contentType: a.contentType,
                content: a.content,
                encoding: a.encoding,
              })),
            }
          : {}),
      })
      if (info.rejected.length > 0)
        throw new DeliveryFailed('email', `the server refused ${info.rejected.join(', ')}: ${info.response}`, true)
      return { providerMessageId: info.messageId || messageId }
    } catch (error) {
      if (error instanceof DeliveryFailed) throw error
      const e = error as SmtpError
      // 5xx is the server's final no (unknown mailbox, policy); anything else may pass on a retry.
      const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600
      throw new DeliveryFailed('email', `SMTP: ${e.message}`, permanent, { cause: error })
    }
  }

  async close(): Promise<void> {
    this.transport.close()
  }
}
