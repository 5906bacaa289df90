// Head office's reports (and a point's, for its own rows): pick a report, filter it (period, dates,
// keys to group by, values of a key), see the rows as a table and a chart of a measure, download
// them as CSV; XLSX and PDF downloads are offered when the API has those routes.
import { useState } from 'preact/hooks'
import { saveFile } from '../../shared/api/download.js'
import { officeEndpoints, type ReportQuery, reportParams } from '../../shared/api/officeEndpoints.js'
import { type ApiError, asApiError } from '../../shared/api/problem.js'
import { addDays, today } from '../../shared/booking/visit.js'
import { BarChart } from '../../shared/charts/Charts.js'
import '../../shared/charts/charts.css'
import { useI18n } from '../../shared/i18n/i18n.js'
import { navigate } from '../../shared/router.js'
import { useSession } from '../../shared/session.js'
import type { PageProps } from '../../shared/ui/AppShell.js'
import { ErrorNotice } from '../../shared/ui/ErrorNotice.js'
import { SelectField, TextField } from '../../shared/ui/Field.js'
import { Loading, Notice } from '../../shared/ui/Status.js'
import { useLoad } from '../../shared/useLoad.js'
import { OfficeTabs } from './OfficeTabs.js'

const PERIODS = ['day', 'week', 'month', 'total'] as const
const FORMATS = ['xlsx', 'pdf'] as const

function queryOf(p: URLSearchParams): ReportQuery {
  const filters: Record<string, string> = {}
  for (const [k, v] of p.entries()) if (k.startsWith('f.')) filters[k.slice(2)] = v
  return {
    period: p.get('period') ?? 'month',
    from: p.get('from') ?? addDays(today(), -90),
    to: p.get('to') ?? today(),
    groupBy: p.has('groupBy') ? (p.get('groupBy') ?? '').split(',').filter(Boolean) : undefined,
    filters,
  }
}

export function ReportsPage({ location }: PageProps) {
  const { t, maybe } = useI18n()
  const { client, session } = useSession()
  const api = officeEndpoints(client)
  const reports = useLoad(() => api.reports(), [])
  const formats = useLoad(async () => {
    const doc = await api.openapiPaths()
    return FORMATS.filter((f) => `/reports/{report}/rows.${f}` in doc.paths)
  }, [])
  const params = location.params
  const report = params.get('report') ?? reports.data?.items[0]?.report ?? ''
  const info = reports.data?.items.find((r) => r.report === report)
  const query = queryOf(params)
  const queryKey = params.toString()
  const table = useLoad(report ? () => api.reportRows(report, query) : null, [report, queryKey])
  const [draft, setDraft] = useState<ReportQuery & { report: string }>({ ...query, report })
  const [downloadError, setDownloadError] = useState<ApiError | null>(null)
  const [downloaded, setDownloaded] = useState<string | null>(null)
  const keys = info?.keys.map((k) => k.name) ?? []
  const draftReport = draft.report || report
  const draftInfo = reports.data?.items.find((r) => r.report === draftReport) ?? info
  const draftKeys = draftInfo?.keys.map((k) => k.name) ?? keys
  // Values to keep are asked for the keys that are not the time.
  const filterKeys = draftInfo?.keys.filter((k) => k.bucket === null).map((k) => k.name) ?? []

  const rows = table.data?.rows ?? []
  const keyCols = table.data?.columns.filter((c) => c.kind === 'key').map((c) => c.name) ?? []
  const measures = table.data?.columns.filter((c) => c.kind === 'measure').map((c) => c.name) ?? []
  const chartMeasure = measures[0]
  const num = (v: unknown) => (typeof v === 'number' ? v : Number(v) || 0)
  const fmt = (v: number) => new Intl.NumberFormat().format(Math.round(v * 100) / 100)

  const download = async (format: 'csv' | 'xlsx' | 'pdf') => {
    setDownloadError(null)
    setDownloaded(null)
    try {
      const file = await client.download(`/reports/${encodeURIComponent(report)}/rows.${format}`, reportParams(query))
      const name = file.filename ?? `${report}.${format}`
      saveFile(file.blob, name)
      setDownloaded(name)
    } catch (e) {
      setDownloadError(asApiError(e))
    }
  }

  return (
    <section>
      <h1 tabIndex={-1}>{t('office.rep.title')}</h1>
      {session?.account.role === 'head_office' && <OfficeTabs current="office-reports" />}
      <Loading show={reports.loading} />
      <ErrorNotice error={reports.error} />
      {reports.data && (
        <form
          class="card"
          aria-label={t('office.rep.filters')}
          onSubmit={(e) => {
            e.preventDefault()
            const filters = Object.fromEntries(
              Object.entries(draft.filters ?? {})
                .filter(([k, v]) => v.trim() && filterKeys.includes(k))
                .map(([k, v]) => [`f.${k}`, v.trim()]),
            )
            navigate('office-reports', {
              report: draftReport,
              period: draft.period,
              from: draft.from,
              to: draft.to,
              ...(draft.groupBy ? { groupBy: draft.groupBy.filter((k) => draftKeys.includes(k)).join(',') } : {}),
              ...filters,
            })
          }}
        >
          <SelectField
            label={t('office.rep.report')}
            value={draftReport}
            onValue={(v) => setDraft({ ...draft, report: v, groupBy: undefined, filters: {} })}
            options={reports.data.items.map((r) => ({ value: r.report, label: r.title || r.report }))}
          />
          <div class="field-row">
            <SelectField
              label={t('office.rep.period')}
              value={(draft.period ?? 'month') as (typeof PERIODS)[number]}
              onValue={(v) => setDraft({ ...draft, period: v })}
              options={PERIODS.map((p) => ({ value: p, label: t(`office.rep.period.${p}`) }))}
            />
            <TextField
              label={t('fleet.from')}
              type="date"
              value={draft.from ?? ''}
              onValue={(v) => setDraft({ ...draft, from: v })}
            />
            <TextField
              label={t('fleet.to')}
              type="date"
              value={draft.to ?? ''}
              onValue={(v) => setDraft({ ...draft, to: v })}
            />
          </div>
          {draftKeys.length > 0 && (
            <fieldset>
              <legend>{t('office.rep.groupBy')}</legend>
              <div class="choice-list">
                {draftKeys.map((k) => (
                  <label key={k} class="check">
                    <input
                      type="checkbox"
                      checked={(draft.groupBy ?? draftKeys).includes(k)}
                      onChange={(e) => {
                        const current = draft.groupBy ?? draftKeys
                        setDraft({
                          ...draft,
                          groupBy: e.currentTarget.checked ? [...current, k] : current.filter((x) => x !== k),
                        })
                      }}
                    />
                    {maybe(`office.rep.key.${k}`) ?? k}
                  </label>
                ))}
              </div>
            </fieldset>
          )}
          {filterKeys.slice(0, 3).map((k) => (
            <TextField
              key={k}
              label={t('office.rep.only', { key: maybe(`office.rep.key.${k}`) ?? k })}
              hint={t('office.rep.only.hint')}
              value={draft.filters?.[k] ?? ''}
              onValue={(v) => setDraft({ ...draft, filters: { ...draft.filters, [k]: v } })}
            />
          ))}
          <button type="submit" class="primary">
            {t('office.rep.show')}
          </button>
        </form>
      )}
      <Loading show={table.loading} />
      <ErrorNotice error={table.error} />
      {table.data && (
        <>
          <h2>{table.data.title || table.data.report}</h2>
          <div class="button-row">
            <button type="button" onClick={() => download('csv')}>
              {t('office.rep.download', { format: 'CSV' })}
            </button>
            {(formats.data ?? []).map((f) => (
              <button type="button" key={f} onClick={() => download(f)}>
                {t('office.rep.download', { format: f.toUpperCase() })}
              </button>
            ))}
          </div>
          {downloaded && <Notice kind="success">{t('office.rep.downloaded', { file: downloaded })}</Notice>}
          <ErrorNotice error={downloadError} />
          {chartMeasure && rows.length > 0 && (
            <BarChart
              title={t('office.rep.chart', { measure: maybe(`office.rep.key.${chartMeasure}`) ?? chartMeasure })}
              bars={rows.slice(0, 24).map((r, i) => ({
                label: keyCols.map((k) => String(r[k] ?? '')).join(' ') || String(i + 1),
                parts: [num(r[chartMeasure])],
              }))}
              series={[maybe(`office.rep.key.${chartMeasure}`) ?? chartMeasure]}
              format={fmt}
              summary={t('office.rep.chartSummary', { measure: chartMeasure, n: Math.min(rows.length, 24) })}
            />
          )}
          <p>{t('office.rep.rows', { n: table.data.total })}</p>
          <div class="table-wrap">
            <table class="responsive report-table">
              <caption class="visually-hidden">{table.data.title}</caption>
              <thead>
                <tr>
                  {table.data.columns.map((c) => (
                    <th scope="col" key={c.name}>
                      {maybe(`office.rep.key.${c.name}`) ?? c.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => (
                  <tr key={i}>
                    {table.data?.columns.map((c) => (
                      <td key={c.name} data-label={c.name}>
                        {c.kind === 'measure' ? fmt(num(r[c.name])) : String(r[c.name] ?? '—')}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  )
}
