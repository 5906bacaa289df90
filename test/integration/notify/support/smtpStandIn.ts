// A real SMTP server on 127.0.0.1 (the `smtp-server` package) that keeps what it accepts, for
// tests that hold a real SMTP conversation with the e-mail notifier.
import type { AddressInfo } from 'node:net'
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server'
import { type DecodedMail, decodeMail } from './mailDecoding.js'

export interface ReceivedMail extends DecodedMail {
  readonly from: string
  readonly to: ReadonlyArray<string>
  readonly messageId: string
  readonly notificationId: string
  readonly raw: string
}

export interface SmtpStandInOptions {
  /** Recipients answered with 550 at RCPT TO. */
  readonly refuse?: ReadonlyArray<string>
  /**
   * Runs after the message's data arrived and before the server answers. Throwing (or the client
   * going away meanwhile) means the message is not accepted and not counted, as in SMTP: the
   * server owns a message only once it has answered 250.
   */
  readonly beforeAccept?: (mail: ReceivedMail, session: SMTPServerSession) => Promise<void>
}

export class SmtpStandIn {
  readonly received: ReceivedMail[] = []
  /** Connections the server saw (a refused address must not even open one). */
  connections = 0
  private readonly server: SMTPServer
  private readonly closedSessions = new Set<string>()
  private portNumber = 0

  constructor(private readonly options: SmtpStandInOptions = {}) {
    this.server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      authOptional: true,
      logger: false,
      onConnect: (_session, callback) => {
        this.connections++
        callback()
      },
      onClose: (session) => {
        this.closedSessions.add(session.id)
      },
      onRcptTo: (address, _session, callback) => {
        if (this.options.refuse?.includes(address.address)) {
          const error = new Error('mailbox unavailable') as Error & { responseCode: number }
          error.responseCode = 550
          return callback(error)
        }
        callback()
      },
      onData: (stream, session, callback) => {
        void this.receive(stream, session).then(
          () => callback(),
          (error: Error) => callback(error),
        )
      },
    })
    this.server.on('error', () => undefined)
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve))
    this.portNumber = (this.server.server.address() as AddressInfo).port
    return this
  }

  get port(): number {
    return this.portNumber
  }

  /** How many accepted messages carry this notification id. */
  countOf(notificationId: string): number {
    return this.received.filter((m) => m.notificationId === notificationId).length
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private async receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of stream) chunks.push(chunk as Buffer)
    const raw = Buffer.concat(chunks).toString('utf8')
    const decoded = decodeMail(raw)
    const mail: ReceivedMail = {
      ...decoded,
      raw,
      from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
      to: session.envelope.rcptTo.map((r) => r.address),
      messageId: decoded.headers.get('message-id') ?? '',
      notificationId: decoded.headers.get('x-notification-id') ?? '',
    }
    await this.options.beforeAccept?.(mail, session)
    if (this.closedSessions.has(session.id)) throw new Error('client went away before the answer')
    this.received.push(mail)
  }
}
