// The fleet dashboard from the fleet projections: vehicles by status, spend over the last twelve
// months (contract and extra work; per branch when one is chosen), what falls due, tyre state, and
// the vehicle list, filtered by branch and exported as CSV. Fleet accounts see their own fleet
// (the API refuses any other); head office names the fleet.
import { useState } from 'preact/hooks'
import { downloadCsv } from '../shared/api/download.js'
import {
  type FleetDashboard,
  officeEndpoints,
  VEHICLE_STATUSES,
  type VehicleRow,
} from '../shared/api/officeEndpoints.js'
import { type ApiError, asApiError } from '../shared/api/problem.js'
import { BarChart, ShareBars } from '../shared/charts/Charts.js'
import '../shared/charts/charts.css'
import { useI18n } from '../shared/i18n/i18n.js'
import { href, navigate } from '../shared/router.js'
import { useSession } from '../shared/session.js'
import type { PageProps } from '../shared/ui/AppShell.js'
import { ErrorNotice } from '../shared/ui/ErrorNotice.js'
import { SelectField, TextField } from '../shared/ui/Field.js'
import { Loading } from '../shared/ui/Status.js'
import { useLoad } from '../shared/useLoad.js'

/** The fleet a page is about: the account's own, or (head office) the one named in the address. */
export function useFleetId(params: URLSearchParams): { fleetId: string; own: boolean } {
  const { session } = useSession()
  const tenant = session?.account.tenant
  if (tenant?.scope === 'fleet') return { fleetId: tenant.fleetId, own: true }
  return { fleetId: params.get('fleet') ?? '', own: false }
}

const PAGE = 200
/** Rows drawn in the table (a phone draws a few hundred rows well, not thousands); the CSV has all. */
const SHOWN = 300

/** Every vehicle of the list (the API pages by 200). */
async function allVehicles(
  api: ReturnType<typeof officeEndpoints>,
  fleetId: string,
  branchId: string | undefined,
): Promise<VehicleRow[]> {
  const rows: VehicleRow[] = []
  for (let offset = 0; ; offset += PAGE) {
    const page = await api.fleetVehicles(fleetId, { ...(branchId ? { branchId } : {}), limit: PAGE, offset })
    rows.push(...page.items)
    if (page.items.length < PAGE || rows.length >= page.total) return rows
  }
}

export type TreadBand = 'ok' | 'soon' | 'overdue' | 'unknown'
/** Legal minimum 1.6 mm; under 3 mm winter tyres lose grip: replace; under 4 mm plan it. */
export const treadBand = (mm: number | null): TreadBand =>
  mm === null ? 'unknown' : mm < 3 ? 'overdue' : mm < 4 ? 'soon' : 'ok'

export function DashboardPage({ location }: PageProps) {
  const { t, maybe, money, date } = useI18n()
  const { client } = useSession()
  const api = officeEndpoints(client)
  const { fleetId, own } = useFleetId(location.params)
  const branch = location.params.get('branch') ?? ''
  const days = Number(location.params.get('days') ?? 30)
  const [draftFleet, setDraftFleet] = useState(fleetId)
  const [exportError, setExportError] = useState<ApiError | null>(null)
  const dashboard = useLoad(fleetId ? () => api.fleetDashboard(fleetId, days) : null, [fleetId, days])
  const vehicles = useLoad(fleetId ? () => allVehicles(api, fleetId, branch || undefined) : null, [fleetId, branch])
  const d: FleetDashboard | null = dashboard.data
  const currency = d?.spend.currency ?? 'PLN'
  const m = (minor: number) => money({ amountMinor: minor, currency })
  const go = (changes: Record<string, string | number | undefined>) =>
    navigate('dashboard', {
      fleet: own ? undefined : fleetId,
      branch: branch || undefined,
      days: days === 30 ? undefined : days,
      ...changes,
    })
  const rows = vehicles.data ?? []
  const inBranch = new Set(rows.map((v) => v.equipmentId))
  const due = (d?.due.items ?? []).filter((i) => !branch || inBranch.has(i.equipmentId))
  const branchName = (id: string | null) => (id ? (d?.fleet.branches[id] ?? id) : '—')
  const statusWord = (s: string) => maybe(`fleetd.status.${s}`) ?? s
  const months = (d?.spend.months ?? []).map((s) =>
    branch
      ? { label: s.month.slice(2), parts: [s.byBranch[branch] ?? 0], month: s }
      : { label: s.month.slice(2), parts: [s.contractNetMinor, s.extraNetMinor], month: s },
  )
  const spendTotal = months.reduce((a, b) => a + b.parts.reduce((x, y) => x + y, 0), 0)
  const bands = (['overdue', 'soon', 'ok', 'unknown'] as const).map((band) => ({
    label: t(`fleetd.tread.${band}`),
    value: rows.filter((v) => treadBand(v.minTreadMm) === band).length,
    tone: `tone-${band}`,
  }))

  const exportCsv = () => {
    setExportError(null)
    try {
      downloadCsv(
        `${fleetId}${branch ? `-${branch}` : ''}-vehicles.csv`,
        [
          'plate',
          'make',
          'model',
          'branch',
          'status',
          'lastService',
          'nextBooking',
          'nextDueOn',
          'mileageKm',
          'minTreadMm',
          'tyreReplaceBefore',
          'spendNet',
        ],
        rows.map((v) => [
          v.plate,
          v.make,
          v.model,
          branchName(v.branchId),
          v.status,
          v.lastService?.at.slice(0, 10) ?? '',
          v.nextBooking?.start ?? '',
          v.nextDueOn ?? '',
          v.mileageKm ?? '',
          v.minTreadMm ?? '',
          v.tyreReplaceBefore ?? '',
          (v.spendTotalNetMinor / 100).toFixed(2),
        ]),
      )
    } catch (e) {
      setExportError(asApiError(e))
    }
  }

  return (
    <section>
      <h1 tabIndex={-1}>{d ? t('fleetd.titleOf', { name: d.fleet.name }) : t('fleetd.title')}</h1>
      {!own && (
        <form
          class="card field-row"
          aria-label={t('fleet.fleetId')}
          onSubmit={(e) => {
            e.preventDefault()
            navigate('dashboard', { fleet: draftFleet.trim() })
          }}
        >
          <TextField label={t('fleet.fleetId')} value={draftFleet} onValue={setDraftFleet} required />
          <button type="submit" class="field-action">
            {t('fleet.show')}
          </button>
        </form>
      )}
      {!fleetId && <AllFleets />}
      <Loading show={dashboard.loading} />
      <ErrorNotice error={dashboard.error} />
      {d && (
        <>
          <div class="card field-row filters">
            <SelectField
              label={t('fleetd.branch')}
              value={branch}
              onValue={(v) => go({ branch: v || undefined })}
              options={[
                { value: '', label: t('fleetd.allBranches') },
                ...Object.entries(d.fleet.branches).map(([value, label]) => ({ value, label })),
              ]}
            />
            <SelectField
              label={t('fleetd.daysAhead')}
              value={String(days)}
              onValue={(v) => go({ days: Number(v) === 30 ? undefined : Number(v) })}
              options={[14, 30, 60, 90].map((n) => ({ value: String(n), label: t('fleetd.days', { n }) }))}
            />
          </div>
          <dl class="stat-row">
            <div class="stat">
              <dt class="stat-label">{t('fleetd.inService')}</dt>
              <dd class="stat-value">{branch ? rows.length : d.vehicles.inService}</dd>
            </div>
            <div class="stat">
              <dt class="stat-label">{t('fleetd.openOrders')}</dt>
              <dd class="stat-value">{d.vehicles.openOrders}</dd>
            </div>
            <div class="stat">
              <dt class="stat-label">{t('fleetd.dueCount', { n: days })}</dt>
              <dd class="stat-value">{due.length}</dd>
            </div>
            <div class="stat">
              <dt class="stat-label">{t('fleetd.tyres90')}</dt>
              <dd class="stat-value">{d.tyres.replaceWithin90Days}</dd>
            </div>
          </dl>
          <div class="grid-2">
            <ShareBars
              title={t('fleetd.byStatus')}
              items={VEHICLE_STATUSES.filter((s) => s !== 'removed').map((s) => ({
                label: statusWord(s),
                value: branch ? rows.filter((v) => v.status === s).length : (d.vehicles.byStatus[s] ?? 0),
                tone: `tone-${s}`,
              }))}
            />
            <ShareBars title={t('fleetd.tyreState')} items={bands} />
          </div>
          <section aria-labelledby="spend-h">
            <h2 id="spend-h">{t('fleetd.spend')}</h2>
            {spendTotal === 0 ? (
              <p>{t('fleetd.noSpend')}</p>
            ) : (
              <>
                <BarChart
                  title={branch ? t('fleetd.spendBranch', { branch: branchName(branch) }) : t('fleetd.spend12')}
                  bars={months}
                  series={branch ? [branchName(branch)] : [t('fleetd.contract'), t('fleetd.extra')]}
                  format={m}
                  summary={t('fleetd.spendSummary', { total: m(spendTotal), months: months.length })}
                />
                <div class="table-wrap">
                  <table class="responsive spend-table">
                    <caption class="visually-hidden">{t('fleetd.spend')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('fleetd.month')}</th>
                        {!branch && <th scope="col">{t('fleetd.contract')}</th>}
                        {!branch && <th scope="col">{t('fleetd.extra')}</th>}
                        <th scope="col">{t('fleetd.net')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {months.map(({ month: s, parts }) => (
                        <tr key={s.month}>
                          <th scope="row" data-label={t('fleetd.month')}>
                            {s.month}
                          </th>
                          {!branch && <td data-label={t('fleetd.contract')}>{m(s.contractNetMinor)}</td>}
                          {!branch && <td data-label={t('fleetd.extra')}>{m(s.extraNetMinor)}</td>}
                          <td data-label={t('fleetd.net')}>{m(parts.reduce((a, b) => a + b, 0))}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            )}
          </section>
          <section aria-labelledby="due-h">
            <h2 id="due-h">{t('fleetd.due', { n: days })}</h2>
            {due.length === 0 ? (
              <p>{t('fleetd.nothingDue')}</p>
            ) : (
              <div class="table-wrap">
                <table class="responsive due-table">
                  <caption class="visually-hidden">{t('fleetd.due', { n: days })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('fleetd.date')}</th>
                      <th scope="col">{t('fleetd.plate')}</th>
                      <th scope="col">{t('fleetd.what')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {due.map((i) => (
                      <tr key={`${i.kind}-${i.equipmentId}-${i.dueDate}-${i.serviceCode ?? ''}`}>
                        <th scope="row" data-label={t('fleetd.date')}>
                          {date(i.dueDate)}
                        </th>
                        <td data-label={t('fleetd.plate')}>
                          <a href={href(`vehicle/${i.equipmentId}`, { fleet: own ? undefined : fleetId })}>
                            {i.plate ?? i.equipmentId}
                          </a>
                        </td>
                        <td data-label={t('fleetd.what')}>
                          {maybe(`fleetd.due.${i.kind}`) ?? i.kind}
                          {i.serviceCode ? ` (${i.serviceCode})` : ''}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      )}
      {fleetId && (
        <section aria-labelledby="veh-h">
          <h2 id="veh-h">{t('fleetd.vehicles')}</h2>
          <Loading show={vehicles.loading} />
          <ErrorNotice error={vehicles.error ?? exportError} />
          {vehicles.data && (
            <>
              <div class="button-row">
                <button type="button" onClick={exportCsv}>
                  {t('fleetd.export', { n: rows.length })}
                </button>
              </div>
              <div class="table-wrap">
                <table class="responsive fleet-vehicles">
                  <caption class="visually-hidden">{t('fleetd.vehicles')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('fleetd.plate')}</th>
                      <th scope="col">{t('fleetd.branch')}</th>
                      <th scope="col">{t('fleetd.state')}</th>
                      <th scope="col">{t('fleetd.nextDue')}</th>
                      <th scope="col">{t('fleetd.tread')}</th>
                      <th scope="col">{t('fleetd.spendTotal')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.slice(0, SHOWN).map((v) => (
                      <tr key={v.equipmentId}>
                        <th scope="row" data-label={t('fleetd.plate')}>
                          <a href={href(`vehicle/${v.equipmentId}`, { fleet: own ? undefined : fleetId })}>
                            {v.plate ?? v.equipmentId}
                          </a>
                          <span class="hint"> {`${v.make ?? ''} ${v.model ?? ''}`.trim()}</span>
                        </th>
                        <td data-label={t('fleetd.branch')}>{branchName(v.branchId)}</td>
                        <td data-label={t('fleetd.state')}>{statusWord(v.status)}</td>
                        <td data-label={t('fleetd.nextDue')}>{v.nextDueOn ? date(v.nextDueOn) : '—'}</td>
                        <td data-label={t('fleetd.tread')}>{v.minTreadMm === null ? '—' : `${v.minTreadMm} mm`}</td>
                        <td data-label={t('fleetd.spendTotal')}>{m(v.spendTotalNetMinor)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {rows.length === 0 && <p>{t('fleetd.noVehicles')}</p>}
              {rows.length > SHOWN && <p>{t('fleetd.shownOf', { shown: SHOWN, total: rows.length })}</p>}
            </>
          )}
        </section>
      )}
    </section>
  )
}

/** Head office without a fleet chosen: every fleet's counts and last month's spend, each a link in. */
function AllFleets() {
  const { t, money } = useI18n()
  const { client } = useSession()
  const network = useLoad(() => officeEndpoints(client).networkFleets(), [])
  const m = (minor: number) => money({ amountMinor: minor, currency: 'PLN' })
  const months = network.data?.spend.months ?? []
  return (
    <section aria-labelledby="all-fleets-h">
      <h2 id="all-fleets-h">{t('fleetd.allFleets')}</h2>
      <Loading show={network.loading} />
      <ErrorNotice error={network.error} />
      {network.data && (
        <>
          {months.some((s) => s.netMinor > 0) && (
            <BarChart
              title={t('fleetd.spendAll')}
              bars={months.map((s) => ({ label: s.month.slice(2), parts: [s.contractNetMinor, s.extraNetMinor] }))}
              series={[t('fleetd.contract'), t('fleetd.extra')]}
              format={m}
              summary={t('fleetd.spendSummary', {
                total: m(months.reduce((a, s) => a + s.netMinor, 0)),
                months: months.length,
              })}
            />
          )}
          <div class="table-wrap">
            <table class="responsive all-fleets">
              <caption class="visually-hidden">{t('fleetd.allFleets')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('fleetd.fleet')}</th>
                  <th scope="col">{t('fleetd.inService')}</th>
                  <th scope="col">{t('fleetd.openOrders')}</th>
                  <th scope="col">{t('fleetd.tickets')}</th>
                  <th scope="col">{t('fleetd.lastMonth')}</th>
                </tr>
              </thead>
              <tbody>
                {network.data.fleets.map((f) => (
                  <tr key={f.fleetId}>
                    <th scope="row" data-label={t('fleetd.fleet')}>
                      <a href={href('dashboard', { fleet: f.fleetId })}>{f.name}</a>
                    </th>
                    <td data-label={t('fleetd.inService')}>{f.vehicles}</td>
                    <td data-label={t('fleetd.openOrders')}>{f.openOrders}</td>
                    <td data-label={t('fleetd.tickets')}>
                      {f.openTickets}
                      {f.breachedTickets > 0 ? ` (${t('fleetd.breached', { n: f.breachedTickets })})` : ''}
                    </td>
                    <td data-label={t('fleetd.lastMonth')}>{m(f.spendLastMonthNetMinor)}</td>
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
