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

export function attachmentsOf(raw: string): Attachment[] {
  const split = raw.search(/\r?\n\r?\n/)
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(headersOf(raw.slice(0, split)).get('content-type') ?? '')?.[1]
  if (!boundary) return []
  const out: Attachment[] = []
  for (const part of raw.split(`--${boundary}`).slice(1)) {
    if (part.startsWith('--')) break
    const body = part.replace(/^\r?\n/, '')
    const end = body.search(/\r?\n\r?\n/)
    const headers = headersOf(body.slice(0, end))
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
  const split = raw.search(/\r?\n\r?\n/)
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(headersOf(raw.slice(0, split)).get('content-type') ?? '')?.[1]
  if (!boundary) return decodeMail(raw).text
  for (const part of raw.split(`--${boundary}`).slice(1)) {
    if (part.startsWith('--')) break
    const body = part.replace(/^\r?\n/, '')
    const headers = headersOf(body.slice(0, body.search(/\r?\n\r?\n/)))
    if (/filename=/i.test(headers.get('content-disposition') ?? '')) continue
    if ((headers.get('content-type') ?? 'text/plain').toLowerCase().startsWith('text/plain'))
      return decodeMail(body).text
  }
  return ''
}
