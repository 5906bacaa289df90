// Small hand-written SVG charts (no chart library: a few hundred bytes instead of a few hundred
// kilobytes). Each chart is an image with a text alternative, and the numbers it draws are also
// in a table on the same page, so nothing is only in the picture.
import { useId } from 'preact/hooks'

export interface Bar {
  readonly label: string
  /** Stacked parts, drawn bottom-up in the order given. */
  readonly parts: readonly number[]
}

export interface BarChartProps {
  readonly title: string
  readonly bars: readonly Bar[]
  /** Names of the stacked parts, for the legend. */
  readonly series: readonly string[]
  readonly format: (value: number) => string
  /** Text alternative: what the chart says in one sentence. */
  readonly summary: string
}

const WIDTH = 640
const HEIGHT = 220
const PAD = { top: 12, right: 8, bottom: 36, left: 8 }

/** Vertical bars over time (e.g. spend per month), optionally stacked. */
export function BarChart(props: BarChartProps) {
  const id = useId()
  const max = Math.max(1, ...props.bars.map((b) => b.parts.reduce((a, x) => a + Math.max(0, x), 0)))
  const inner = { w: WIDTH - PAD.left - PAD.right, h: HEIGHT - PAD.top - PAD.bottom }
  const step = props.bars.length > 0 ? inner.w / props.bars.length : inner.w
  const barW = Math.max(4, step * 0.7)
  return (
    <figure class="chart">
      <figcaption id={`${id}-t`}>{props.title}</figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        preserveAspectRatio="xMidYMid meet"
      >
        <title>{props.title}</title>
        <desc id={`${id}-d`}>{props.summary}</desc>
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={PAD.top + inner.h} y2={PAD.top + inner.h} class="axis" />
        {props.bars.map((bar, i) => {
          let y = PAD.top + inner.h
          const x = PAD.left + i * step + (step - barW) / 2
          const total = bar.parts.reduce((a, v) => a + Math.max(0, v), 0)
          return (
            <g key={bar.label}>
              {bar.parts.map((value, k) => {
                const h = (Math.max(0, value) / max) * inner.h
                y -= h
                return (
                  <rect key={props.series[k] ?? k} x={x} y={y} width={barW} height={h} class={`series-${k}`}>
                    <title>{`${bar.label}: ${props.series[k] ?? ''} ${props.format(value)}`}</title>
                  </rect>
                )
              })}
              <text x={x + barW / 2} y={HEIGHT - PAD.bottom + 16} class="tick" text-anchor="middle">
                {bar.label}
              </text>
              {total > 0 && props.bars.length <= 14 && (
                <text x={x + barW / 2} y={y - 3} class="value" text-anchor="middle">
                  {props.format(total)}
                </text>
              )}
            </g>
          )
        })}
      </svg>
      {props.series.length > 1 && (
        <ul class="legend">
          {props.series.map((s, k) => (
            <li key={s}>
              <span class={`swatch series-${k}`} aria-hidden="true" /> {s}
            </li>
          ))}
        </ul>
      )}
    </figure>
  )
}

export interface Share {
  readonly label: string
  readonly value: number
  /** A class for the bar's colour (e.g. urgency). */
  readonly tone?: string
}

/** Horizontal bars of counts (vehicles by status, tyres by state). */
export function ShareBars(props: { readonly title: string; readonly items: readonly Share[] }) {
  const id = useId()
  const max = Math.max(1, ...props.items.map((i) => i.value))
  return (
    <figure class="chart share-bars">
      <figcaption id={id}>{props.title}</figcaption>
      <ul aria-labelledby={id}>
        {props.items.map((item) => (
          <li key={item.label}>
            <span class="share-label">{item.label}</span>
            <span class="share-track" aria-hidden="true">
              <span class={`share-fill ${item.tone ?? ''}`} style={{ width: `${(item.value / max) * 100}%` }} />
            </span>
            <span class="share-value">{item.value}</span>
          </li>
        ))}
      </ul>
    </figure>
  )
}
