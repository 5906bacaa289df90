// The attachments of a multipart e-mail as nodemailer writes it (multipart/mixed: a text part, then
// each file base64-encoded with a Content-Disposition naming it), decoded back to bytes.
import { decodeMail } from '../../notify/support/mailDecoding.js'
export interface Attachment {
  readonly filename: string
  readonly contentType: string
  readonly content: Buffer
}

function headersOf(block: string): Map<string, string> {
  const headers = new Map<string, string>()
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':')
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim())
  }
  return headers
}

/** The parts of a multipart e-mail (null for a single-part one): each part's headers and its text. */
function partsOf(raw: string): Array<{ headers: Map<string, string>; body: string; end: number }> | null {
  const split = raw.search(/\r?\n\r?\n/)
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(headersOf(raw.slice(0, split)).get('content-type') ?? '')?.[1]
  if (!boundary) return null
  const parts: Array<{ headers: Map<string, string>; body: string; end: number }> = []
  for (const part of raw.split(`--${boundary}`).slice(1)) {
    if (part.startsWith('--')) break
    const body = part.replace(/^\r?\n/, '')
    const end = body.search(/\r?\n\r?\n/)
    parts.push({ headers: headersOf(body.slice(0, end)), body, end })
  }
  return parts
}

export function attachmentsOf(raw: string): Attachment[] {
  const out: Attachment[] = []
  for (const { headers, body, end } of partsOf(raw) ?? []) {
    const disposition = headers.get('content-disposition') ?? ''
    const filename = /filename="?([^";]+)"?/i.exec(disposition)?.[1]
    if (!filename) continue
    const content = body.slice(end).trim()
    const encoding = (headers.get('content-transfer-encoding') ?? '').toLowerCase()
    out.push({
      filename,
      contentType: (headers.get('content-type') ?? '').split(';')[0] ?? '',
      content:
        encoding === 'base64' ? Buffer.from(content.replace(/\s+/g, ''), 'base64') : Buffer.from(content, 'utf8'),
    })
  }
  return out
}

/** The text part of a multipart e-mail (the one without a file name), decoded. */
export function textPartOf(raw: string): string {
  const parts = partsOf(raw)
  if (!parts) return decodeMail(raw).text
  const text = parts.find(
    ({ headers }) =>
      !/filename=/i.test(headers.get('content-disposition') ?? '') &&
      (headers.get('content-type') ?? 'text/plain').toLowerCase().startsWith('text/plain'),
  )
  return text ? decodeMail(text.body).text : ''
}
