// What head office's later pages share: their texts in the chosen language, their API calls, and
// an error in words (these pages' codes first, then the console's own; a refused import file's
// report row by row).
import { useMemo, useState } from 'preact/hooks'
import type { ApiError } from '../../shared/api/problem.js'
import { useI18n } from '../../shared/i18n/i18n.js'
import { useSession } from '../../shared/session.js'
import { ErrorNotice } from '../../shared/ui/ErrorNotice.js'
import { Notice } from '../../shared/ui/Status.js'
import { useAction } from '../../shared/useAction.js'
import { type SetupApi, setupApi } from './setupApi.js'
import { type SetupKey, setupTexts } from './setupTexts.js'
import './setup.css'

export type Vars = Readonly<Record<string, string | number>>

const fill = (text: string, vars?: Vars) =>
  vars ? text.replace(/\{(\w+)\}/g, (all, name: string) => (name in vars ? String(vars[name]) : all)) : text

export interface Setup {
  readonly api: SetupApi
  readonly locale: string
  s(key: SetupKey, vars?: Vars): string
  /** A text of these pages by a key made at run time (a code, a skill), if there is one. */
  maybe(key: string, vars?: Vars): string | undefined
}

export function useSetup(): Setup {
  const { locale } = useI18n()
  const { client } = useSession()
  return useMemo(() => {
    const texts = setupTexts(locale) as Readonly<Record<string, string>>
    return {
      api: setupApi(client),
      locale,
      s: (key, vars) => fill(texts[key] ?? key, vars),
      maybe: (key, vars) => (key in texts ? fill(texts[key] as string, vars) : undefined),
    }
  }, [locale, client])
}

/** Commands of a long page whose answer is shown where they were given (on a phone, beside the button). */
export interface PlacedAction {
  readonly busy: boolean
  /** Runs `what` for the form `here`; answers what it answered, or null after a refusal. */
  run<T>(here: string, what: () => Promise<T>, message: (answer: T) => string | null): Promise<T | null>
  /** The last command's success or refusal, if it was given here. */
  outcome(here: string): preact.JSX.Element | null
}

export function usePlacedAction(): PlacedAction {
  const action = useAction()
  const [at, setAt] = useState<string | null>(null)
  return {
    busy: action.busy,
    run: (here, what, message) => {
      setAt(here)
      return action.run(what, message)
    },
    outcome: (here) =>
      here === at && (action.done || action.error) ? (
        <div class="outcome">
          {action.done && <Notice kind="success">{action.done}</Notice>}
          <SetupError error={action.error} />
        </div>
      ) : null,
  }
}

/** "07:00-21:00" as a range; '' as none; null when it is not a range. */
export function rangeOf(text: string): { from: string; to: string } | null | 'none' {
  const trimmed = text.trim()
  if (!trimmed) return 'none'
  const m = /^(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})$/.exec(trimmed)
  if (!m?.[1] || !m[2]) return null
  const pad = (t: string) => t.padStart(5, '0')
  return { from: pad(m[1]), to: pad(m[2]) }
}

/** An API error in words; for a refused import, every problem of the file and of each row. */
export function SetupError(props: { readonly error: ApiError | null }) {
  const { s, maybe } = useSetup()
  const error = props.error
  if (!error) return null
  const p = error.problem
  const words = maybe(`error.${p.code}`)
  const report = (p.fileProblems?.length ?? 0) > 0 || (p.rows?.length ?? 0) > 0
  if (!words && !report) return <ErrorNotice error={error} />
  return (
    <div class="error-notice" role="alert" data-code={p.code}>
      <p class="error-words">{report ? s('exchange.refused') : words}</p>
      {!report && p.errors && p.errors.length > 0 && (
        <ul class="error-fields">
          {p.errors.map((e) => (
            <li key={`${e.path}:${e.message}`}>
              {e.path}: {e.message}
            </li>
          ))}
        </ul>
      )}
      {p.fileProblems && p.fileProblems.length > 0 && (
        <>
          <h3>{s('exchange.fileProblems')}</h3>
          <ul class="import-file-problems">
            {p.fileProblems.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </>
      )}
      {p.rows && p.rows.length > 0 && (
        <>
          <h3>{s('exchange.rowProblems')}</h3>
          <ul class="import-rows">
            {p.rows.map((r) => (
              <li key={r.row} aria-label={s('exchange.row', { row: r.row })}>
                <strong>{s('exchange.row', { row: r.row })}</strong>
                <ul>
                  {r.problems.map((x) => (
                    <li key={`${x.column}:${x.message}`}>
                      {x.column || s('exchange.wholeRow')}: {x.message}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  )
}
