// JSON with line numbers: a small recursive-descent parser (RFC 8259) that records where every
// member and item starts. JSON.parse would give the value but no positions, and its error
// messages differ between Node versions; this one names the line and column itself. Duplicate
// keys are an error here (JSON.parse keeps the last one silently: a definition would lose a part).
import { DefinitionSyntaxError, type LocatedSource, OffsetMap, type SourcePath } from './locatedSource.js'

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y

class JsonScanner {
  private pos = 0
  readonly offsets: OffsetMap

  constructor(private readonly text: string) {
    this.offsets = new OffsetMap(text)
  }

  parse(): unknown {
    this.space()
    const value = this.value([])
    this.space()
    if (this.pos < this.text.length) this.fail('unexpected text after the JSON value')
    return value
  }

  private fail(reason: string, at = this.pos): never {
    throw new DefinitionSyntaxError(this.offsets.lineAt(at), this.offsets.columnAt(at), reason)
  }

  private space(): void {
    while (this.pos < this.text.length) {
      const c = this.text.charCodeAt(this.pos)
      if (c === 32 || c === 9 || c === 10 || c === 13) this.pos++
      else break
    }
  }

  private value(path: SourcePath): unknown {
    this.offsets.record(path, this.pos)
    const c = this.text[this.pos]
    if (c === '{') return this.object(path)
    if (c === '[') return this.array(path)
    if (c === '"') return this.string()
    if (c === undefined) this.fail('unexpected end of text: a value is missing')
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const)
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length
        return value
      }
    NUMBER.lastIndex = this.pos
    const m = NUMBER.exec(this.text)
    if (!m) this.fail(`unexpected ${JSON.stringify(c)}: expected a value`)
    this.pos += m[0].length
    return Number(m[0])
  }

  private string(): string {
    const start = this.pos
    this.pos++ // opening quote
    while (this.pos < this.text.length) {
      const c = this.text.charCodeAt(this.pos)
      if (c === 34) {
        this.pos++
        try {
          return JSON.parse(this.text.slice(start, this.pos)) as string
        } catch {
          this.fail('malformed string (bad escape or control character)', start)
        }
      }
      if (c === 92) this.pos += 2
      else if (c < 32) this.fail('control character inside a string (use \\n, \\t…)')
      else this.pos++
    }
    return this.fail('unterminated string', start)
  }

  private object(path: SourcePath): Record<string, unknown> {
    const out: Record<string, unknown> = {}
    this.pos++
    this.space()
    if (this.text[this.pos] === '}') {
      this.pos++
      return out
    }
    for (;;) {
      this.space()
      if (this.text[this.pos] !== '"') this.fail('expected a "quoted" key')
      const keyAt = this.pos
      const key = this.string()
      if (Object.hasOwn(out, key)) this.fail(`duplicate key ${JSON.stringify(key)}`, keyAt)
      this.offsets.record([...path, key], keyAt)
      this.space()
      if (this.text[this.pos] !== ':') this.fail(`expected ':' after key ${JSON.stringify(key)}`)
      this.pos++
      this.space()
      out[key] = this.value([...path, key])
      this.space()
      const next = this.text[this.pos]
      this.pos++
      if (next === '}') return out
      if (next !== ',') this.fail("expected ',' or '}' after a member", this.pos - 1)
    }
  }

  private array(path: SourcePath): unknown[] {
    const out: unknown[] = []
    this.pos++
    this.space()
    if (this.text[this.pos] === ']') {
      this.pos++
      return out
    }
    for (;;) {
      this.space()
      out.push(this.value([...path, out.length]))
      this.space()
      const next = this.text[this.pos]
      this.pos++
      if (next === ']') return out
      if (next !== ',') this.fail("expected ',' or ']' after an item", this.pos - 1)
    }
  }
}

export function parseJsonSource(text: string): LocatedSource {
  const scanner = new JsonScanner(text)
  const value = scanner.parse()
  return { format: 'json', value, lineOf: (path) => scanner.offsets.lineOf(path) }
}
