// The point the page works on, for accounts that see more than one (head office).
import type { StaffPoint } from '../shared/api/types.js'
import { useI18n } from '../shared/i18n/i18n.js'
import { rememberPoint } from './points.js'

export function PointSelect(props: {
  readonly points: readonly StaffPoint[] | null
  readonly value: string | null
  readonly onChange: (pointId: string) => void
}) {
  const { t } = useI18n()
  if (!props.points || props.points.length < 2) return null
  return (
    <label class="field">
      <span>{t('calendar.point')}</span>
      <select
        value={props.value ?? ''}
        onChange={(e) => {
          rememberPoint(e.currentTarget.value)
          props.onChange(e.currentTarget.value)
        }}
      >
        {props.points.map((p) => (
          <option key={p.pointId} value={p.pointId}>
            {p.name}
            {p.active ? '' : ` (${t('staff.points.inactive')})`}
          </option>
        ))}
      </select>
    </label>
  )
}
