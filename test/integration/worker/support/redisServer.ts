// A redis-server of the test's own on a free loopback port, without persistence (--save ""
// --appendonly no): stopping it loses everything, as a crashed server without persistence does.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { waitUntil } from '../../../contract/jobQueue/waitUntil.js'

export function redisServerPath(): string | null {
  try {
    return execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim() || null
  } catch {
    return null
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

export class OwnRedisServer {
  private child: ChildProcess | null = null

  constructor(
    private readonly binary: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`
  }

  async start(): Promise<void> {
    this.child = spawn(
      this.binary,
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    )
    await waitUntil(async () => {
      try {
        execFileSync('redis-cli', ['-h', '127.0.0.1', '-p', String(this.port), 'ping'], { stdio: 'pipe' })
        return true
      } catch {
        return false
      }
    }, 'redis-server answering')
  }

  /** SIGKILL: no save, everything it held is gone. */
  async kill(): Promise<void> {
    const child = this.child
    this.child = null
    if (!child || child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGKILL')
    await exited
  }
}
