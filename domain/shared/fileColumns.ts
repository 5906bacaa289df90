// Matching the header line of an uploaded file (CSV, XLSX, or XML's element names) to the columns
// an import knows: by name, in English or Polish, ignoring case, accents, spaces and underscores
// ("Nr  rejestracyjny " = "nr_rejestracyjny"). Unknown columns are refused rather than ignored (a
// misspelt column silently dropped would import records without that value), and so are a column
// given twice and a missing required one. Used by the fleet vehicle import and by every
// import/export template (application/dataExchange).

/** 'Nr  rejestracyjny ' → 'nr_rejestracyjny'; 'Oddział' → 'oddzial'. */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[łŁ]/g, 'l')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
}

export interface KnownColumn<K extends string> {
  readonly key: K
  /** The headers it is known by; the first is the one files are written with. */
  readonly names: ReadonlyArray<string>
  readonly required: boolean
}

export interface MatchedColumns<K extends string> {
  /** Each column found → its header as written in the file. */
  readonly columns: Map<K, string>
  /** What is wrong with the header line as a whole; empty when every header is known. */
  readonly problems: string[]
}

export function matchColumns<K extends string>(
  known: ReadonlyArray<KnownColumn<K>>,
  headers: ReadonlyArray<string>,
): MatchedColumns<K> {
  const byName = new Map<string, K>()
  for (const column of known) for (const name of column.names) byName.set(normaliseHeader(name), column.key)
  const columns = new Map<K, string>()
  const problems: string[] = []
  const unknown: string[] = []
  for (const header of headers) {
    if (header.trim() === '') continue
    const key = byName.get(normaliseHeader(header))
    if (key === undefined) unknown.push(header)
    else if (columns.has(key))
      problems.push(`columns "${columns.get(key)}" and "${header}" both hold the ${key}; keep one`)
    else columns.set(key, header)
  }
  const missing = known.filter((c) => c.required && !columns.has(c.key))
  if (missing.length > 0)
    problems.push(
      `missing column(s): ${missing
        .map((c) => (c.names.length > 1 ? `${c.names[0]} (or "${c.names[1]}")` : (c.names[0] ?? c.key)))
        .join(', ')}; found: ${headers.map((h) => `"${h}"`).join(', ')}`,
    )
  if (unknown.length > 0)
    problems.push(
      `unknown column(s): ${unknown.map((h) => `"${h}"`).join(', ')}; known columns: ${known
        .map((c) => c.names[0])
        .join(', ')}`,
    )
  return { columns, problems }
}
