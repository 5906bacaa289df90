// "Did you mean …?" for misspelt event types and field names.

function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let diagonal = prev[0] as number
    prev[0] = i
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j] as number
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      prev[j] = Math.min(above + 1, (prev[j - 1] as number) + 1, diagonal + cost)
      diagonal = above
    }
  }
  return prev[b.length] as number
}

/** The closest candidate within a third of the word's length (case ignored), if any. */
export function closest(word: string, candidates: readonly string[]): string | null {
  const lower = word.toLowerCase()
  // A word that is the start of a candidate (`point` for `pointId`) is the likeliest slip.
  const prefixed = candidates.find((c) => c.toLowerCase().startsWith(lower) || lower.startsWith(c.toLowerCase()))
  if (prefixed && word.length >= 3) return prefixed
  let best: string | null = null
  let bestDistance = Math.max(1, Math.floor(word.length / 3)) + 1
  for (const c of candidates) {
    const d = distance(lower, c.toLowerCase())
    if (d < bestDistance) {
      best = c
      bestDistance = d
    }
  }
  return best
}

export function didYouMean(word: string, candidates: readonly string[]): string {
  const c = closest(word, candidates)
  return c ? `; did you mean ${c}?` : ''
}
