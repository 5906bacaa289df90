import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url))

export interface Child {
  readonly process: ChildProcess
  readonly stdout: string[]
  /** Everything written to stderr, as received. */
  readonly stderr: string[]
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /** Positions this process printed as applied. */
  applied(): number[]
}

/** Runs a TypeScript file under tsx with extra environment, collecting stdout lines. */
export function spawnTs(file: string, env: Record<string, string>, args: readonly string[] = []): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const stdout: string[] = []
  let partial = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n')
    partial = lines.pop() ?? ''
    stdout.push(...lines)
  })
  const stderr: string[] = []
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  )
  return {
    process: child,
    stdout,
    stderr,
    exited,
    applied: () => stdout.filter((l) => l.startsWith('applied ')).map((l) => Number(l.slice(8))),
  }
}
