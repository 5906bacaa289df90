// The processes of an end-to-end run, each a child as an operator would start it: the stand-ins
// (scripts/standIns.ts), the API (scripts/start.ts, i.e. `npm start`) and a projection rebuild
// (scripts/projectionRebuild.ts, i.e. `npm run projection:rebuild`). Node with tsx directly rather
// than through npm, which only adds its own start-up time.
import { type ChildProcess, spawn } from 'node:child_process'

export type Env = Readonly<Record<string, string>>

export interface Child {
  readonly child: ChildProcess
  /** Everything the process printed so far (stdout and stderr), for failure messages. */
  output(): string
}

function run(script: string, args: readonly string[], env: Env): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (d) => (output += d))
  child.stderr?.on('data', (d) => (output += d))
  return { child, output: () => output }
}

/** Resolves with the first match of `pattern` in the output; rejects when the process exits or time runs out. */
function waitFor(running: Child, pattern: RegExp, what: string, timeoutMs: number): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, match?: RegExpExecArray) => {
      clearTimeout(timer)
      running.child.stdout?.off('data', check)
      running.child.stderr?.off('data', check)
      running.child.off('exit', exited)
      if (error) reject(error)
      else resolve(match as RegExpExecArray)
    }
    const check = () => {
      const match = pattern.exec(running.output())
      if (match) done(null, match)
    }
    const exited = (code: number | null) => done(new Error(`${what}: exited with ${code}:\n${running.output()}`))
    const timer = setTimeout(
      () => done(new Error(`${what}: not within ${timeoutMs} ms:\n${running.output()}`)),
      timeoutMs,
    )
    running.child.stdout?.on('data', check)
    running.child.stderr?.on('data', check)
    running.child.once('exit', exited)
    check()
  })
}

/** SIGTERM, then the exit code (SIGKILL after `graceMs`, so a stuck shutdown cannot hang the suite). */
export function stop(running: Child, graceMs = 10_000): Promise<number | null> {
  const { child } = running
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode)
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
    child.once('exit', (code) => {
      clearTimeout(timer)
      resolve(code)
    })
    child.kill('SIGTERM')
  })
}

export interface StandIns extends Child {
  readonly eventStoreUrl: string
  readonly mongoUrl: string
}

export async function startStandIns(): Promise<StandIns> {
  const running = run('scripts/standIns.ts', [], {})
  const match = await waitFor(running, /^EVENTSTORE_URL=(\S+)\nMONGO_URL=(\S+)$/m, 'stand-ins', 30_000)
  return { ...running, eventStoreUrl: match[1] as string, mongoUrl: match[2] as string }
}

export interface Api extends Child {
  readonly url: string
}

export async function startApi(env: Env): Promise<Api> {
  const running = run('scripts/start.ts', [], { PORT: '0', LOG_REQUESTS: '0', ...env })
  const match = await waitFor(running, /listening on (http:\/\/\S+)/, 'npm start', 60_000)
  return { ...running, url: match[1] as string }
}

/** `npm run projection:rebuild -- <name>` on the same environment as the API; answers its output. */
export async function rebuildProjection(name: string, env: Env): Promise<string> {
  const running = run('scripts/projectionRebuild.ts', [name], env)
  const code = await new Promise<number | null>((resolve) => running.child.once('exit', resolve))
  if (code !== 0) throw new Error(`projection:rebuild ${name} exited with ${code}:\n${running.output()}`)
  return running.output()
}
