// An immutable list that only grows, whose append does not copy what came before: every version
// shares one backing array and knows its own length. Appending to the newest version pushes onto
// that array (O(1) amortised); appending to an older version (a fork, e.g. folding on from a state
// "as of" some revision that was kept) copies its prefix first, so no version ever sees another's
// items. A state folded event by event with `[...list, item]` costs O(n²) copies over a stream of
// n appends; with this list it costs O(n), while each intermediate state stays a value.

export class AppendList<T> implements Iterable<T> {
  private constructor(
    /** Shared by the versions appended from one another; only ever pushed onto, never changed. */
    private readonly items: T[],
    readonly length: number,
  ) {}

  static empty<T>(): AppendList<T> {
    return new AppendList<T>([], 0)
  }

  static of<T>(items: Iterable<T>): AppendList<T> {
    const copy = Array.isArray(items) ? items.slice() : [...items]
    return new AppendList(copy, copy.length)
  }

  append(item: T): AppendList<T> {
    if (this.items.length === this.length) {
      this.items.push(item)
      return new AppendList(this.items, this.length + 1)
    }
    const items = this.items.slice(0, this.length)
    items.push(item)
    return new AppendList(items, this.length + 1)
  }

  at(index: number): T | undefined {
    const i = index < 0 ? this.length + index : index
    return i >= 0 && i < this.length ? this.items[i] : undefined
  }

  *[Symbol.iterator](): Iterator<T> {
    for (let i = 0; i < this.length; i++) yield this.items[i] as T
  }

  some(test: (item: T) => boolean): boolean {
    for (let i = 0; i < this.length; i++) if (test(this.items[i] as T)) return true
    return false
  }

  filter(test: (item: T) => boolean): T[] {
    const out: T[] = []
    for (let i = 0; i < this.length; i++) if (test(this.items[i] as T)) out.push(this.items[i] as T)
    return out
  }

  map<U>(change: (item: T) => U): U[] {
    const out: U[] = []
    for (let i = 0; i < this.length; i++) out.push(change(this.items[i] as T))
    return out
  }

  /** A fresh array of the items (the caller may keep or change it). */
  toArray(): T[] {
    return this.items.slice(0, this.length)
  }

  /** JSON.stringify writes the list as the array it stands for. */
  toJSON(): T[] {
    return this.toArray()
  }
}
