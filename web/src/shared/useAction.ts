// A command from a button or form: busy while it runs, the refusal kept as an ApiError to put into
// words, and a success message to show. One hook for the pages whose forms all work this way.
import { useState } from 'preact/hooks'
import { type ApiError, asApiError } from './api/problem.js'

export interface Action {
  readonly busy: boolean
  readonly error: ApiError | null
  /** The last success message. */
  readonly done: string | null
  /** Runs `what`; on success shows `message(answer)`. Answers what `what` answered, or null after a refusal. */
  run<T>(what: () => Promise<T>, message?: (answer: T) => string | null): Promise<T | null>
}

export function useAction(): Action {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const [done, setDone] = useState<string | null>(null)
  return {
    busy,
    error,
    done,
    run: async (what, message) => {
      setBusy(true)
      setError(null)
      setDone(null)
      try {
        const answer = await what()
        setDone(message?.(answer) ?? null)
        return answer
      } catch (e) {
        setError(asApiError(e))
        return null
      } finally {
        setBusy(false)
      }
    },
  }
}
