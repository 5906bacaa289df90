// Text as the read models compare it: lower case, Polish and other Latin diacritics folded away, so
// "lodz" finds "Łódź" and a prefix search is a plain string range ({ $gte: p, $lt: p + '\uffff' })
// the document stores can answer from an index.

/** Letters NFD does not decompose into a base letter and a combining mark. */
const UNDECOMPOSED: Readonly<Record<string, string>> = { ł: 'l', ø: 'o', đ: 'd', ß: 'ss', æ: 'ae', œ: 'oe' }

export function foldForSearch(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{Mn}+/gu, '')
    .replace(/[łøđßæœ]/g, (c) => UNDECOMPOSED[c] ?? c)
    .replace(/\s+/g, ' ')
    .trim()
}

/** The filter for "starts with" on a field holding folded text. */
export function prefixRange(prefix: string): { $gte: string; $lt: string } {
  const folded = foldForSearch(prefix)
  return { $gte: folded, $lt: `${folded}\uffff` }
}
