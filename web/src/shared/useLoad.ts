// Loading data for a page: the answer, the error (as an ApiError to put into words) and a reload.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import { type ApiError, asApiError } from './api/problem.js'

export interface Loaded<T> {
  readonly data: T | null
  readonly error: ApiError | null
  readonly loading: boolean
  reload(): Promise<T | null>
}

/** Runs `load` now and whenever `deps` change; a slower earlier answer never overwrites a later one. */
export function useLoad<T>(load: (() => Promise<T>) | null, deps: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: ApiError | null; loading: boolean }>({
    data: null,
    error: null,
    loading: load !== null,
  })
  const generation = useRef(0)
  // The caller's deps decide when to load again.
  const run = useCallback(async (): Promise<T | null> => {
    if (!load) return null
    const mine = ++generation.current
    setState((s) => ({ ...s, loading: true, error: null }))
    try {
      const data = await load()
      if (mine === generation.current) setState({ data, error: null, loading: false })
      return data
    } catch (error) {
      if (mine === generation.current) setState((s) => ({ ...s, error: asApiError(error), loading: false }))
      return null
    }
  }, deps)
  useEffect(() => {
    void run()
  }, [run])
  return { ...state, reload: run }
}

/**
 * The calendars and booking lists are read models: they follow a command by a moment. After a
 * command, reload until the list shows its outcome (or give up after a few seconds and show what is there).
 */
export async function reloadUntil<T>(
  reload: () => Promise<T | null>,
  done: (data: T) => boolean,
  attempts = 15,
  delayMs = 200,
): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    const data = await reload()
    if (data !== null && done(data)) return
    await new Promise((r) => setTimeout(r, delayMs))
  }
}
