// Metric tyre size designations as moulded on the sidewall (ETRTO / ISO 4000):
//   205/55 R16 91V      width mm / aspect ratio % · construction · rim inches · load index · speed symbol
//   225/45 ZR17 94W XL  ZR: the old marking for > 240 km/h; XL: reinforced (extra load)
//   195/70 R15C 104/102R  C: commercial (van) tyre, twin/single load indices
//   315/80 R22.5 156/150L  truck tyre on a 22.5" rim
//   LT235/85R16 120/116Q   P / LT prefixes of the US P-metric and light-truck systems
// Flotation sizes (31x10.50R15) are not metric designations and are refused.

export type Construction = 'R' | 'ZR' | 'D' | 'B'

export interface TyreSize {
  readonly widthMm: number
  readonly aspectRatio: number
  readonly construction: Construction
  readonly rimInches: number
  readonly commercial: boolean
  /** Single-fitment load index first, twin-fitment second (if any); empty when not given. */
  readonly loadIndices: ReadonlyArray<number>
  readonly speedSymbol: string | null
  readonly extraLoad: boolean
  /** Canonical spelling, e.g. '205/55 R16 91V'. */
  readonly designation: string
}

const SIZE =
  /^(P|LT)?(\d{3})\/(\d{2})\s*(ZR|R|D|B|-)\s*(\d{2}(?:\.5)?)(C?)(?:\s+(\d{2,3})(?:\/(\d{2,3}))?\s*\(?([A-HJ-NP-Z])\)?)?(?:\s+(XL|RF|REINF))?$/
// Speed symbols in use (A1–A8 are for special vehicles and not sold in a tyre shop).
const SPEED_SYMBOLS = new Set([
  'F',
  'G',
  'J',
  'K',
  'L',
  'M',
  'N',
  'P',
  'Q',
  'R',
  'S',
  'T',
  'U',
  'H',
  'V',
  'W',
  'Y',
  'Z',
])
const HALF_INCH_RIMS = new Set([14.5, 15.5, 16.5, 17.5, 19.5, 22.5, 24.5])

export function parseTyreSize(raw: string): { ok: true; value: TyreSize } | { ok: false; reason: string } {
  const text = raw.trim().toUpperCase().replace(/\s+/g, ' ')
  const m = SIZE.exec(text)
  if (!m) return { ok: false, reason: 'must read like 205/55 R16 91V' }
  const widthMm = Number(m[2])
  const aspectRatio = Number(m[3])
  const construction = (m[4] === '-' ? 'D' : m[4]) as Construction
  const rimInches = Number(m[5])
  const commercial = m[6] === 'C' || m[1] === 'LT'
  const loadIndices = [m[7], m[8]].filter((x): x is string => x !== undefined).map(Number)
  const speedSymbol = m[9] ?? null
  // Metric section widths are nominal 5 mm steps ending in 5 (155, 165 … 395).
  if (widthMm < 125 || widthMm > 395 || widthMm % 10 !== 5)
    return { ok: false, reason: 'width must be 125–395 mm ending in 5' }
  if (aspectRatio < 25 || aspectRatio > 95 || aspectRatio % 5 !== 0)
    return { ok: false, reason: 'aspect ratio must be 25–95 in steps of 5' }
  if (!Number.isInteger(rimInches) ? !HALF_INCH_RIMS.has(rimInches) : rimInches < 10 || rimInches > 26)
    return { ok: false, reason: 'rim must be 10–26 inches (or a truck half size such as 22.5)' }
  if (loadIndices.some((li) => li < 50 || li > 170)) return { ok: false, reason: 'load index must be 50–170' }
  if (loadIndices.length === 2 && (loadIndices[1] as number) > (loadIndices[0] as number))
    return { ok: false, reason: 'the twin load index cannot exceed the single one' }
  if (speedSymbol !== null && !SPEED_SYMBOLS.has(speedSymbol)) return { ok: false, reason: 'unknown speed symbol' }
  const extraLoad = m[10] === 'XL' || m[10] === 'REINF'
  const service = loadIndices.length > 0 ? ` ${loadIndices.join('/')}${speedSymbol ?? ''}` : ''
  const designation = `${m[1] ?? ''}${widthMm}/${aspectRatio} ${construction}${m[5]}${m[6]}${service}${m[10] ? ` ${m[10]}` : ''}`
  return {
    ok: true,
    value: {
      widthMm,
      aspectRatio,
      construction,
      rimInches,
      commercial,
      loadIndices,
      speedSymbol,
      extraLoad,
      designation,
    },
  }
}
