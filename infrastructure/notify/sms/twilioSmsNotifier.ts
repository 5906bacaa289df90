// SMS through Twilio's Messages API with the official client. Numbers are checked (E.164)
// before the client is called, so an invalid number costs nothing and sends nothing.
//
// `apiBaseUrl` points the real client at another server (a local stand-in in tests, a recording
// proxy): Twilio's documented `httpClient` option takes a RequestClient, and ours rewrites the
// `https://<product>.twilio.com` prefix of each request's URI. Production leaves it unset.
import twilio from 'twilio'
import type RequestClient from 'twilio/lib/base/RequestClient.js'
import { normalisePhone } from '../../../application/notifications/recipients.js'
import {
  DeliveryFailed,
  type DeliveryReceipt,
  type Notifier,
  type OutgoingMessage,
} from '../../../application/ports/notifier.js'

export interface TwilioSmsOptions {
  readonly accountSid: string
  readonly authToken: string
  /** Sender: an E.164 number, an alphanumeric sender id, or a Messaging Service SID (MG…). */
  readonly from: string
  /** Only for a stand-in server, e.g. http://127.0.0.1:4010 (no trailing slash). */
  readonly apiBaseUrl?: string
  /** Request timeout. Default 15 s. */
  readonly timeoutMs?: number
}

const TWILIO_PREFIX = /^https:\/\/[a-z0-9.-]*\.twilio\.com/

/** Sends every request the twilio client makes to `base` instead of Twilio's hosts. */
class RedirectingRequestClient extends twilio.RequestClient {
  constructor(
    private readonly base: string,
    timeoutMs: number,
  ) {
    super({ timeout: timeoutMs })
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    return super.request({ ...opts, uri: opts.uri.replace(TWILIO_PREFIX, this.base) })
  }
}

interface TwilioError extends Error {
  readonly status?: number
  readonly code?: number | string
}

export class TwilioSmsNotifier implements Notifier {
  readonly channel = 'sms' as const
  private readonly client: twilio.Twilio

  constructor(private readonly options: TwilioSmsOptions) {
    const timeout = options.timeoutMs ?? 15_000
    const httpClient = options.apiBaseUrl
      ? new RedirectingRequestClient(options.apiBaseUrl.replace(/\/$/, ''), timeout)
      : new twilio.RequestClient({ timeout })
    this.client = twilio(options.accountSid, options.authToken, { httpClient })
  }

  async send(message: OutgoingMessage): Promise<DeliveryReceipt> {
    // Numbers reach the notifier normalised; a number still not in E.164 is refused here.
    const to = normalisePhone(message.to)
    try {
      const sent = await this.client.messages.create({ to, from: this.options.from, body: message.text })
      return { providerMessageId: sent.sid }
    } catch (error) {
      const e = error as TwilioError
      const status = typeof e.status === 'number' ? e.status : null
      // 4xx (invalid or unreachable number, opted out) will not change on a retry; 429 and 5xx may.
      const permanent = status !== null && status >= 400 && status < 500 && status !== 429
      throw new DeliveryFailed(
        'sms',
        `Twilio${status !== null ? ` ${status}` : ''}${e.code !== undefined ? ` (code ${e.code})` : ''}: ${e.message}`,
        permanent,
        { cause: error },
      )
    }
  }

  async close(): Promise<void> {}
}
