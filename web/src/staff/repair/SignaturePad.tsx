// The customer signs on the phone or tablet with a finger (or with the mouse at the desk): strokes
// drawn on a canvas, handed over as a PNG to upload (POST /files) and name in the protocol. The
// signature is optional: a keyboard user leaves it empty and the paper copy is signed instead.
import { useEffect, useId, useRef } from 'preact/hooks'
import { useRepair } from './common.js'

export interface SignatureHandle {
  /** The drawing as a PNG, or null when nothing was drawn. */
  png(): Promise<Blob | null>
}

export function SignaturePad(props: { readonly label: string; readonly handle: { current: SignatureHandle | null } }) {
  const { r } = useRepair()
  const id = useId()
  const canvas = useRef<HTMLCanvasElement>(null)
  const inked = useRef(false)

  useEffect(() => {
    const c = canvas.current
    if (!c) return
    const ctx = c.getContext('2d')
    if (!ctx) return
    ctx.lineWidth = 2.5
    ctx.lineCap = 'round'
    ctx.strokeStyle = '#1b1f24'
    let drawing = false
    const at = (e: PointerEvent) => {
      const box = c.getBoundingClientRect()
      return [((e.clientX - box.left) * c.width) / box.width, ((e.clientY - box.top) * c.height) / box.height] as const
    }
    const down = (e: PointerEvent) => {
      drawing = true
      c.setPointerCapture(e.pointerId)
      const [x, y] = at(e)
      ctx.beginPath()
      ctx.moveTo(x, y)
      e.preventDefault()
    }
    const move = (e: PointerEvent) => {
      if (!drawing) return
      const [x, y] = at(e)
      ctx.lineTo(x, y)
      ctx.stroke()
      inked.current = true
      e.preventDefault()
    }
    const up = () => {
      drawing = false
    }
    c.addEventListener('pointerdown', down)
    c.addEventListener('pointermove', move)
    c.addEventListener('pointerup', up)
    c.addEventListener('pointercancel', up)
    return () => {
      c.removeEventListener('pointerdown', down)
      c.removeEventListener('pointermove', move)
      c.removeEventListener('pointerup', up)
      c.removeEventListener('pointercancel', up)
    }
  }, [])

  props.handle.current = {
    png: () =>
      new Promise((resolve) => {
        const c = canvas.current
        if (!c || !inked.current) resolve(null)
        else c.toBlob((blob) => resolve(blob), 'image/png')
      }),
  }

  const clear = () => {
    const c = canvas.current
    c?.getContext('2d')?.clearRect(0, 0, c.width, c.height)
    inked.current = false
  }

  return (
    <div class="field signature">
      <p class="signature-label" id={`${id}-label`}>
        {props.label}
      </p>
      <canvas
        ref={canvas}
        width={600}
        height={200}
        role="img"
        aria-labelledby={`${id}-label`}
        aria-describedby={`${id}-hint`}
      />
      <p class="hint" id={`${id}-hint`}>
        {r('signature.hint')}
      </p>
      <button type="button" class="link-button" onClick={clear}>
        {r('signature.clear')}
      </button>
    </div>
  )
}
