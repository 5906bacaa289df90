// A QR code as a square of dark/light modules, from the `qrcode` encoder (pure JS, no canvas): the
// renderer draws the dark modules as rectangles, so the code is vector-sharp at any print size.
import QRCode from 'qrcode'

export interface QrMatrix {
  /** Modules per side (21 for version 1, +4 per version). */
  readonly size: number
  /** Row-major, size × size; true = dark. */
  readonly dark: ReadonlyArray<boolean>
}

/** Error correction M (15 %): survives a scuffed label, keeps short ids at version 1–2. */
export function qrMatrix(data: string): QrMatrix {
  const code = QRCode.create(data, { errorCorrectionLevel: 'M' })
  const { size, data: modules } = code.modules
  return { size, dark: Array.from(modules, (m) => m === 1) }
}
