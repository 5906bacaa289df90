// A TCP pass-through in front of the gRPC server. grpc-js gives a server no handle on the sockets
// under its calls, and a test needs to cut them at a chosen moment (mid-append) or to refuse
// connections for a while (node down) and then accept them again on the same port, with the log
// intact. The front door owns the public port and the client sockets, so it can do all three; the
// bytes pass through untouched, so the client still speaks HTTP/2 gRPC to the real server.
import net from 'node:net'

export class FrontDoor {
  private server: net.Server | undefined
  private readonly open = new Set<net.Socket>()
  private boundPort = 0

  constructor(private readonly upstreamPort: number) {}

  get port(): number {
    return this.boundPort
  }

  /** Listens on 127.0.0.1 (`port`, or the one used before, or a free one). */
  async listen(port = this.boundPort): Promise<number> {
    if (this.server) return this.boundPort
    const server = net.createServer((client) => this.pipe(client))
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject)
        resolve()
      })
    })
    this.server = server
    this.boundPort = (server.address() as net.AddressInfo).port
    return this.boundPort
  }

  private pipe(client: net.Socket): void {
    const upstream = net.connect(this.upstreamPort, '127.0.0.1')
    client.setNoDelay(true)
    upstream.setNoDelay(true)
    this.open.add(client)
    const close = () => {
      this.open.delete(client)
      client.destroy()
      upstream.destroy()
    }
    client.on('error', close).on('close', close)
    upstream.on('error', close).on('close', close)
    client.pipe(upstream)
    upstream.pipe(client)
  }

  /** Resets every open client connection (RST, not a graceful close): in-flight calls die mid-way. */
  dropConnections(): void {
    for (const socket of this.open) socket.resetAndDestroy()
    this.open.clear()
  }

  /** Stops listening and drops every connection: clients get "connection refused" until listen(). */
  async close(): Promise<void> {
    const server = this.server
    this.server = undefined
    this.dropConnections()
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
