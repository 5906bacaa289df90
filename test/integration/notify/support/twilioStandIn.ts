// A local HTTP server standing in for Twilio's Messages API: it records each request and answers
// 201 with a JSON message (sid, status, to, from, body), or what a test told it to answer.
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordedRequest {
  readonly method: string
  readonly path: string
  readonly authorization: string
  readonly form: Readonly<Record<string, string>>
}

interface CannedAnswer {
  readonly status: number
  readonly body: Record<string, unknown>
}

export class TwilioStandIn {
  readonly requests: RecordedRequest[] = []
  private readonly server: Server
  private readonly answers: CannedAnswer[] = []

  constructor() {
    this.server = createServer((req, res) => {
      void this.record(req).then((recorded) => {
        this.requests.push(recorded)
        const canned = this.answers.shift()
        const status = canned?.status ?? 201
        const body = canned?.body ?? {
          sid: `SM${randomBytes(16).toString('hex')}`,
          status: 'queued',
          to: recorded.form.To,
          from: recorded.form.From,
          body: recorded.form.Body,
          account_sid: recorded.path.split('/')[3],
        }
        res.writeHead(status, { 'content-type': 'application/json' })
        res.end(JSON.stringify(body))
      })
    })
  }

  /** The next request is answered with this status and Twilio-style error body. */
  failNext(status: number, code: number, message: string): void {
    this.answers.push({
      status,
      body: { status, code, message, more_info: `https://www.twilio.com/docs/errors/${code}` },
    })
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve))
    return this
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private async record(req: IncomingMessage): Promise<RecordedRequest> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')))
    return { method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization ?? '', form }
  }
}
