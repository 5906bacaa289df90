// An API error in words: our own text for the problem's code where we have one (in the chosen
// language), else the API's detail (English); the fields it refused; and for a server fault the
// request id to quote. role="alert" makes a screen reader read it out when it appears.
import type { ApiError } from '../api/problem.js'
import { useI18n } from '../i18n/i18n.js'

export function ErrorNotice(props: { readonly error: ApiError | null; readonly context?: string }) {
  const { t, maybe } = useI18n()
  const error = props.error
  if (!error) return null
  const p = error.problem
  const words = maybe(`error.${p.code}`)
  const statusWords = p.status === 0 ? t('error.NETWORK_ERROR') : t('error.status', { status: p.status })
  return (
    <div class="error-notice" role="alert" data-code={p.code}>
      {props.context && <p class="error-context">{props.context}</p>}
      <p class="error-words">{words ?? (p.detail || statusWords)}</p>
      {p.errors && p.errors.length > 0 && (
        <ul class="error-fields">
          {p.errors.map((e) => (
            <li key={`${e.path}:${e.message}`}>
              {maybe(`field.${e.path}`) ?? e.path}: {e.message}
            </li>
          ))}
        </ul>
      )}
      {p.status >= 500 && p.instance && <p class="error-detail">{t('error.requestId', { id: p.instance })}</p>}
    </div>
  )
}

/** A short line for an error inside a list item (e.g. a failed check-in on one booking). */
export function errorWords(error: ApiError, maybe: (key: string) => string | undefined): string {
  return maybe(`error.${error.code}`) ?? (error.problem.detail || error.code)
}
