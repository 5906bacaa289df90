// A vehicle's tyres by position: make and size, tread depth, and (where known) the date to replace
// them before. The customer's vehicles and a fleet vehicle's card show the same table.
import { useI18n } from '../i18n/i18n.js'

export interface TyreRow {
  readonly position: string
  readonly brand: string
  readonly size: string
  readonly depthMm: number | null
  /** A date or an instant; shown as its day. */
  readonly replaceBefore?: string | null
}

export function TyreTable(props: { readonly tyres: readonly TyreRow[]; readonly caption?: string }) {
  const { t, date } = useI18n()
  const withDates = props.tyres.some((ty) => ty.replaceBefore !== undefined)
  return (
    <div class="table-wrap">
      <table class="responsive tyre-table">
        {props.caption && <caption>{props.caption}</caption>}
        <thead>
          <tr>
            <th scope="col">{t('fleetd.position')}</th>
            <th scope="col">{t('fleetd.tyre')}</th>
            <th scope="col">{t('fleetd.tread')}</th>
            {withDates && <th scope="col">{t('fleetd.replaceBefore')}</th>}
          </tr>
        </thead>
        <tbody>
          {props.tyres.map((ty) => (
            <tr key={ty.position}>
              <th scope="row" data-label={t('fleetd.position')}>
                {ty.position}
              </th>
              <td data-label={t('fleetd.tyre')}>
                {ty.brand} {ty.size}
              </td>
              <td data-label={t('fleetd.tread')}>{ty.depthMm === null ? '—' : `${ty.depthMm} mm`}</td>
              {withDates && (
                <td data-label={t('fleetd.replaceBefore')}>
                  {ty.replaceBefore ? date(ty.replaceBefore.slice(0, 10)) : '—'}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
