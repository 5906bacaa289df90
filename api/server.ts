// Serving the app, and stopping it without dropping work: on close() the server stops accepting
// connections, lets in-flight requests finish (up to a timeout, then cuts what is left), and only
// then closes the stores (onClose), so no request loses its store halfway through.
import { createServer, type RequestListener, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ServerHandle {
  readonly server: Server
  /** The port actually bound (useful with port 0). */
  readonly port: number
  readonly url: string
  /** Idempotent: every call waits for the same shutdown. */
  close(): Promise<void>
}

export interface StartServerOptions {
  /** Default 127.0.0.1; '0.0.0.0' (or '::') to serve other machines, e.g. inside a container. */
  readonly host?: string
  /** How long in-flight requests may take to finish once shutdown begins. Default 10 s. */
  readonly shutdownTimeoutMs?: number
}

export function startServer(
  app: RequestListener,
  port: number,
  onClose: () => Promise<void>,
  options: StartServerOptions = {},
): Promise<ServerHandle> {
  const host = options.host ?? '127.0.0.1'
  const timeoutMs = options.shutdownTimeoutMs ?? 10_000
  let closing: Promise<void> | null = null

  const server = createServer((req, res) => {
    // A request that arrives on a kept-alive connection during shutdown is served, and the
    // client told not to send another on it.
    if (closing) res.setHeader('Connection', 'close')
    app(req, res)
  })

  const close = (): Promise<void> => {
    closing ??= (async () => {
      const drained = new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      )
      server.closeIdleConnections()
      const deadline = setTimeout(() => server.closeAllConnections(), timeoutMs)
      // Connections that finish their last request become idle: close them as they do.
      const sweeper = setInterval(() => server.closeIdleConnections(), 50)
      try {
        await drained
      } finally {
        clearTimeout(deadline)
        clearInterval(sweeper)
      }
      await onClose()
    })()
    return closing
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      const bound = (server.address() as AddressInfo).port
      const shownHost = host.includes(':') ? `[${host}]` : host
      resolve({ server, port: bound, url: `http://${shownHost}:${bound}`, close })
    })
  })
}

export interface SignalOptions {
  readonly signals?: readonly NodeJS.Signals[]
  readonly log?: (message: string) => void
  readonly exit?: (code: number) => void
}

/**
 * For scripts/start.ts: the first SIGTERM/SIGINT shuts down gracefully, a second one exits at
 * once. Returns a function that removes the handlers again.
 */
export function closeOnSignals(handle: Pick<ServerHandle, 'close'>, options: SignalOptions = {}): () => void {
  const log = options.log ?? ((m: string) => console.error(m))
  const exit = options.exit ?? ((code: number) => process.exit(code))
  let received = false
  const onSignal = (signal: NodeJS.Signals) => {
    if (received) {
      log(`${signal} again: exiting now`)
      exit(1)
      return
    }
    received = true
    log(`${signal}: finishing in-flight requests, then closing the stores`)
    handle.close().then(
      () => exit(0),
      (error: unknown) => {
        log(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`)
        exit(1)
      },
    )
  }
  const signals = options.signals ?? ['SIGTERM', 'SIGINT']
  for (const signal of signals) process.on(signal, onSignal)
  return () => {
    for (const signal of signals) process.off(signal, onSignal)
  }
}
