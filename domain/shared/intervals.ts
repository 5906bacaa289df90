// Half-open intervals [start, end) on a number line (epoch ms or minutes), kept as sorted,
// disjoint lists: the representation slot search and the capacity guard reason with, so that a
// day costs a handful of intervals instead of a minute-by-minute array.

export interface Interval {
  readonly start: number
  readonly end: number
}

/** Sorts and merges touching or overlapping intervals; drops empty ones. */
export function normalize(intervals: ReadonlyArray<Interval>): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start || a.end - b.end)
  const out: Interval[] = []
  for (const i of sorted) {
    const last = out.at(-1)
    if (last && i.start <= last.end) out[out.length - 1] = { start: last.start, end: Math.max(last.end, i.end) }
    else out.push({ start: i.start, end: i.end })
  }
  return out
}

/** a minus b; both normalized. */
export function subtract(a: ReadonlyArray<Interval>, b: ReadonlyArray<Interval>): Interval[] {
  const out: Interval[] = []
  let j = 0
  for (const i of a) {
    let start = i.start
    while (j < b.length && (b[j] as Interval).end <= start) j++
    let k = j
    while (k < b.length && (b[k] as Interval).start < i.end) {
      const cut = b[k] as Interval
      if (cut.start > start) out.push({ start, end: cut.start })
      start = Math.max(start, cut.end)
      k++
    }
    if (start < i.end) out.push({ start, end: i.end })
  }
  return out
}

/** a ∩ b; both normalized. */
export function intersect(a: ReadonlyArray<Interval>, b: ReadonlyArray<Interval>): Interval[] {
  const out: Interval[] = []
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    const x = a[i] as Interval
    const y = b[j] as Interval
    const start = Math.max(x.start, y.start)
    const end = Math.min(x.end, y.end)
    if (start < end) out.push({ start, end })
    if (x.end < y.end) i++
    else j++
  }
  return out
}

/** Whether [start, end) lies inside one interval of a normalized list (binary search). */
export function covers(intervals: ReadonlyArray<Interval>, start: number, end: number): boolean {
  let lo = 0
  let hi = intervals.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const i = intervals[mid] as Interval
    if (i.end <= start) lo = mid + 1
    else if (i.start > start) hi = mid - 1
    else return end <= i.end
  }
  return false
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end
}
