// A page whose code is fetched when it is first opened: the repair pages are their own chunks, so
// the console's calendar (the page most staff open first) does not wait for them. A failed fetch
// (the network dropped, a new release replaced the chunk) is said in words with a way to retry.
import type { ComponentType } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import { ApiError, asApiError, networkProblem } from '../../shared/api/problem.js'
import { useI18n } from '../../shared/i18n/i18n.js'
import type { PageProps } from '../../shared/ui/AppShell.js'
import { ErrorNotice } from '../../shared/ui/ErrorNotice.js'
import { Loading } from '../../shared/ui/Status.js'

type Page = ComponentType<PageProps>

export function lazyPage(load: () => Promise<Page>): Page {
  let loaded: Page | null = null
  let pending: Promise<Page> | null = null
  const fetchPage = () => {
    pending ??= load().then(
      (page) => {
        loaded = page
        return page
      },
      (error: unknown) => {
        pending = null
        throw error
      },
    )
    return pending
  }
  return function LazyPage(props: PageProps) {
    const [page, setPage] = useState<{ readonly Page: Page } | null>(() => (loaded ? { Page: loaded } : null))
    const { locale } = useI18n()
    const [error, setError] = useState<ApiError | null>(null)
    const waited = useRef(false)
    const attempt = () => {
      setError(null)
      waited.current = true
      fetchPage().then(
        (Page) => setPage({ Page }),
        (e: unknown) => setError(e instanceof TypeError ? new ApiError(networkProblem()) : asApiError(e)),
      )
    }
    useEffect(() => {
      if (!page) attempt()
    }, [])
    // The shell moves the focus to a new page's heading; a page that arrived later takes it then.
    useEffect(() => {
      const main = document.querySelector('main')
      if (page && waited.current && !main?.contains(document.activeElement))
        main?.querySelector<HTMLElement>('h1')?.focus()
    }, [page])
    if (page) return <page.Page {...props} />
    return (
      <>
        <Loading show={!error} />
        <ErrorNotice error={error} />
        {error && (
          <button type="button" onClick={attempt}>
            {locale === 'pl' ? 'Spróbuj ponownie' : 'Try again'}
          </button>
        )}
      </>
    )
  }
}
