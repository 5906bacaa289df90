// A definition's text parsed into a value that still knows where each part came from: errors
// found long after parsing (an unknown field three levels down) can name the line the analyst
// has to fix. Paths are the value's own keys and indexes, e.g. ['groupBy', 1, 'path'].

export type SourcePath = ReadonlyArray<string | number>

export type SourceFormat = 'yaml' | 'json'

export interface LocatedSource {
  readonly format: SourceFormat
  readonly value: unknown
  /** 1-based line of the node at path (of a mapping entry: its key), or of its nearest ancestor present. */
  lineOf(path: SourcePath): number
}

/** The text is not well-formed YAML or JSON; nothing else can be said about it. */
export class DefinitionSyntaxError extends Error {
  readonly code = 'DEFINITION_SYNTAX'
  constructor(
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`line ${line}, column ${column}: ${reason}`)
    this.name = 'DefinitionSyntaxError'
  }
}

const keyOf = (path: SourcePath): string => path.join('\u0000')

/** Collects node offsets while a parser walks the text; the first offset recorded for a path wins. */
export class OffsetMap {
  private readonly offsets = new Map<string, number>()
  private readonly lineStarts: number[] = [0]

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1)
  }

  record(path: SourcePath, offset: number): void {
    if (offset < 0) return
    const key = keyOf(path)
    if (!this.offsets.has(key)) this.offsets.set(key, offset)
  }

  lineAt(offset: number): number {
    let lo = 0
    let hi = this.lineStarts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((this.lineStarts[mid] as number) <= offset) lo = mid
      else hi = mid - 1
    }
    return lo + 1
  }

  columnAt(offset: number): number {
    return offset - (this.lineStarts[this.lineAt(offset) - 1] as number) + 1
  }

  lineOf(path: SourcePath): number {
    for (let n = path.length; n >= 0; n--) {
      const offset = this.offsets.get(keyOf(path.slice(0, n)))
      if (offset !== undefined) return this.lineAt(offset)
    }
    return 1
  }
}
