// The Notifier port: hands one message to one channel's provider. Adapters: e-mail over SMTP
// (infrastructure/notify/email, nodemailer) and SMS through Twilio (infrastructure/notify/sms).
// A Notifier only delivers; what to say, to whom, on which channel and when is decided in
// application/notifications.

export type NotificationChannel = 'email' | 'sms'

export interface OutgoingMessage {
  /** E-mail address or E.164 phone number, already normalised (see application/notifications/recipients.ts). */
  readonly to: string
  /** E-mail subject; SMS ignores it. */
  readonly subject: string
  readonly text: string
  /**
   * Stable id of this notification (the same on every attempt). E-mail uses it in the Message-ID
   * header, so a receiving system can recognise a redelivery after a crash as the same message.
   */
  readonly notificationId: string
  /** Files sent with an e-mail (a scheduled report's CSV); SMS ignores them. */
  readonly attachments?: ReadonlyArray<MessageAttachment>
}

export interface MessageAttachment {
  readonly filename: string
  readonly contentType: string
  /** Text as is ('utf8') or binary as base64 ('base64'): JSON-safe, so outboxes and job payloads can hold it. */
  readonly content: string
  readonly encoding: 'utf8' | 'base64'
}

export interface DeliveryReceipt {
  /** What the provider calls the message (SMTP Message-ID, Twilio SID). */
  readonly providerMessageId: string
}

export interface Notifier {
  readonly channel: NotificationChannel
  /**
   * Resolves once the provider has accepted the message. Throws InvalidRecipient (nothing sent)
   * or DeliveryFailed (permanent: retrying will not help; transient: retry later).
   */
  send(message: OutgoingMessage): Promise<DeliveryReceipt>
  close(): Promise<void>
}

/** The address is not a valid e-mail address / phone number: refused before anything is sent. */
export class InvalidRecipient extends Error {
  readonly code = 'INVALID_RECIPIENT'
  constructor(
    readonly channel: NotificationChannel,
    readonly recipient: string,
    reason: string,
  ) {
    super(`invalid ${channel === 'email' ? 'e-mail address' : 'phone number'} ${JSON.stringify(recipient)}: ${reason}`)
    this.name = 'InvalidRecipient'
  }
}

/** The provider did not accept the message. */
export class DeliveryFailed extends Error {
  readonly code = 'DELIVERY_FAILED'
  constructor(
    readonly channel: NotificationChannel,
    message: string,
    /** True when the provider said no for good (unknown mailbox, number not SMS-capable). */
    readonly permanent: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'DeliveryFailed'
  }
}
