// Breaking text into lines that fit a width, measured with the embedded font. Words longer than a
// line (hashes, ids) are cut between characters rather than running off the page.

export type Measure = (text: string) => number

export function wrapText(text: string, width: number, measure: Measure): string[] {
  const lines: string[] = []
  for (const paragraph of text.split('\n')) {
    let line = ''
    for (const word of paragraph.split(/\s+/).filter((w) => w !== '')) {
      const candidate = line ? `${line} ${word}` : word
      if (measure(candidate) <= width) {
        line = candidate
        continue
      }
      if (line) lines.push(line)
      line = ''
      // A word wider than the line (a hash, a JSON run): cut it into pieces that fit, in one pass.
      let piece = ''
      for (const char of word) {
        if (piece && measure(piece + char) > width) {
          lines.push(piece)
          piece = ''
        }
        piece += char
      }
      line = piece
    }
    lines.push(line)
  }
  return lines
}
