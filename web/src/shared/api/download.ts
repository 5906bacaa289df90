// Downloads: a file the API makes (a report's CSV, behind the login, so a plain link would lack the
// token) and a CSV made here from what a page shows (the fleet's vehicle list). Either way the
// browser saves a file; a refusal is thrown as an ApiError for the page to put into words.
import { type Query, queryString } from './client.js'
import { ApiError, networkProblem, problemOf } from './problem.js'

function save(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** GET path with the bearer token and save the answer under the name the API gives (or fallback). */
export async function downloadFromApi(
  path: string,
  query: Query,
  token: string | null,
  fallback: string,
): Promise<string> {
  let response: Response
  try {
    response = await fetch(`${path}${queryString(query)}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    })
  } catch {
    throw new ApiError(networkProblem())
  }
  if (!response.ok) {
    let body: unknown = null
    try {
      body = await response.json()
    } catch {
      body = null
    }
    throw new ApiError(problemOf(response.status, body))
  }
  const named = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1]
  const fileName = named ?? fallback
  save(await response.blob(), fileName)
  return fileName
}

const cell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : String(v)
  return /[",;\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** Rows as CSV (comma-separated, UTF-8 with a BOM so spreadsheet programs read Polish letters). */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`
}

export function downloadCsv(fileName: string, header: readonly string[], rows: readonly (readonly unknown[])[]): void {
  save(new Blob([toCsv(header, rows)], { type: 'text/csv;charset=utf-8' }), fileName)
}
