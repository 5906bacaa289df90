// Head office (or the point's manager) sets a point up for the days ahead: its bays (added, changed
// and retired, with their equipment and largest rim), special days (a holiday closed, shorter hours),
// seasons with their own weekly hours, and the staff rota: people, shifts planned many at once (the
// first snowy Monday: tick the people and the days) and absences. Each change is its own command;
// the page shows what the command answered at once (the read model follows by a moment).
import { useEffect, useState } from 'preact/hooks'
import type { WeeklyHours } from '../../shared/api/officeEndpoints.js'
import type { BayFeature } from '../../shared/api/types.js'
import { useI18n } from '../../shared/i18n/i18n.js'
import { href } from '../../shared/router.js'
import type { PageProps } from '../../shared/ui/AppShell.js'
import { SelectField, TextField } from '../../shared/ui/Field.js'
import { Loading } from '../../shared/ui/Status.js'
import { useLoad } from '../../shared/useLoad.js'
import { OfficeTabs } from './OfficeTabs.js'
import { BAY_FEATURES } from './pointForm.js'
import type { AbsenceReason, BayView, PointSetup, StaffSchedule, StaffSkillName } from './setupApi.js'
import { rangeOf, SetupError, usePlacedAction, useSetup } from './setupCommon.js'

const SKILLS: readonly StaffSkillName[] = [
  'tyre_fitting',
  'balancing',
  'wheel_alignment',
  'tpms',
  'run_flat',
  'tyre_repair',
  'truck_tyres',
  'tyre_storage',
]
const REASONS: readonly AbsenceReason[] = ['vacation', 'sick', 'training', 'other']

const today = () => new Date().toISOString().slice(0, 10)
const addDays = (date: string, n: number) => {
  const d = new Date(`${date}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

export function PointSetupPage({ location }: PageProps) {
  const { s, api } = useSetup()
  const pointId = location.rest[0] ?? ''
  const loaded = useLoad(pointId ? () => api.setup(pointId) : null, [pointId])
  const [point, setPoint] = useState<PointSetup | null>(null)
  useEffect(() => {
    if (loaded.data) setPoint(loaded.data)
  }, [loaded.data])
  const action = usePlacedAction()
  /** Runs a command that answers the point, and shows the answer where it was given. */
  const change: Change = (here, what, message) =>
    action.run(here, what, (p) => {
      setPoint(p)
      return message(p)
    })

  return (
    <section class="point-setup">
      <h1 tabIndex={-1}>{s('setup.title', { name: point?.name ?? pointId })}</h1>
      <OfficeTabs current="points" />
      <p>
        <a href={href(`office-point-edit/${encodeURIComponent(pointId)}`)}>{s('setup.toPoint')}</a>
      </p>
      <Loading show={loaded.loading} />
      <SetupError error={loaded.error} />
      {point && (
        <>
          <h2>{s('setup.bays')}</h2>
          {action.outcome('bays')}
          <div class="grid-2">
            {point.bays.map((bay) => (
              <BayForm
                key={bay.bayId}
                bay={bay}
                busy={action.busy}
                outcome={action.outcome(`bay:${bay.bayId}`)}
                onSave={(b) =>
                  change(
                    `bay:${bay.bayId}`,
                    () => api.changeBay(pointId, b),
                    () => s('setup.baySaved', { name: b.name }),
                  )
                }
                onRetire={() =>
                  change(
                    'bays',
                    () => api.removeBay(pointId, bay.bayId),
                    () => s('setup.bayRetired', { name: bay.name }),
                  )
                }
              />
            ))}
            <BayForm
              key={`new-${point.bays.length}`}
              bay={null}
              busy={action.busy}
              outcome={action.outcome('bay:new')}
              onSave={(b) =>
                change(
                  'bay:new',
                  () => api.addBay(pointId, b),
                  () => s('setup.bayAdded', { name: b.name }),
                )
              }
            />
          </div>
          <div class="grid-2">
            <Exceptions point={point} busy={action.busy} change={change} outcome={action.outcome('exceptions')} />
            <Seasons point={point} busy={action.busy} change={change} outcome={action.outcome('seasons')} />
          </div>
          <Rota pointId={pointId} />
        </>
      )}
    </section>
  )
}

type Change = (here: string, what: () => Promise<PointSetup>, message: (p: PointSetup) => string) => Promise<unknown>
type Outcome = preact.JSX.Element | null

function FeatureChecks(props: {
  readonly features: readonly BayFeature[]
  readonly onFeatures: (f: BayFeature[]) => void
}) {
  const { maybe } = useI18n()
  const { s } = useSetup()
  return (
    <fieldset class="choice-list">
      <legend>{s('setup.features')}</legend>
      {BAY_FEATURES.map((feature) => (
        <label key={feature} class="check">
          <input
            type="checkbox"
            checked={props.features.includes(feature)}
            onChange={(e) =>
              props.onFeatures(
                e.currentTarget.checked ? [...props.features, feature] : props.features.filter((x) => x !== feature),
              )
            }
          />
          {maybe(`feature.${feature}`) ?? maybe(`vehicleClass.${feature}`) ?? feature}
        </label>
      ))}
    </fieldset>
  )
}

/** One bay to change or retire, or (bay null) a new one. */
function BayForm(props: {
  readonly bay: BayView | null
  readonly busy: boolean
  readonly onSave: (bay: BayView) => void
  readonly onRetire?: () => void
  readonly outcome: Outcome
}) {
  const { s } = useSetup()
  const [f, setF] = useState({
    bayId: props.bay?.bayId ?? '',
    name: props.bay?.name ?? '',
    rim: props.bay?.rimMaxInches?.toString() ?? '',
    features: [...(props.bay?.features ?? ['passenger'])] as BayFeature[],
  })
  const label = props.bay ? s('setup.bay', { name: props.bay.name, id: props.bay.bayId }) : s('setup.addBay')
  return (
    <form
      class="card bay"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault()
        props.onSave({
          bayId: f.bayId.trim(),
          name: f.name.trim(),
          features: f.features,
          rimMaxInches: f.rim.trim() ? Number(f.rim) : null,
        })
      }}
    >
      <h3>{label}</h3>
      {!props.bay && (
        <TextField
          label={s('setup.bayId')}
          value={f.bayId}
          onValue={(v) => setF({ ...f, bayId: v })}
          required
          autoCapitalize="none"
        />
      )}
      <div class="field-row">
        <TextField label={s('setup.bayName')} value={f.name} onValue={(v) => setF({ ...f, name: v })} required />
        <TextField
          label={s('setup.rim')}
          hint={s('setup.rim.hint')}
          type="number"
          min={10}
          max={30}
          value={f.rim}
          onValue={(v) => setF({ ...f, rim: v })}
        />
      </div>
      <FeatureChecks features={f.features} onFeatures={(features) => setF({ ...f, features })} />
      {props.outcome}
      <div class="button-row">
        <button type="submit" class="primary" disabled={props.busy}>
          {props.bay ? s('setup.saveBay') : s('setup.addBay')}
        </button>
        {props.onRetire && (
          <button type="button" class="danger" disabled={props.busy} onClick={props.onRetire}>
            {s('setup.retireBay')}
          </button>
        )}
      </div>
    </form>
  )
}

function hoursText(ranges: readonly { from: string; to: string }[], closed: string): string {
  return ranges.length ? ranges.map((r) => `${r.from}–${r.to}`).join(', ') : closed
}

interface SectionProps {
  readonly point: PointSetup
  readonly busy: boolean
  readonly change: Change
  readonly outcome: Outcome
}

function Exceptions(props: SectionProps) {
  const { s, api } = useSetup()
  const [f, setF] = useState({ date: '', from: '', to: '', note: '' })
  const [half, setHalf] = useState(false)
  const pointId = props.point.pointId
  return (
    <div class="card">
      <h2>{s('setup.exceptions')}</h2>
      {props.point.exceptions.length === 0 && <p>{s('common.none')}</p>}
      <ul class="exceptions">
        {props.point.exceptions.map((x) => (
          <li key={x.date}>
            <strong>{x.date}</strong>: {hoursText(x.hours, s('common.closed'))}
            {x.note ? ` · ${x.note}` : ''}{' '}
            <button
              type="button"
              disabled={props.busy}
              aria-label={s('setup.removeException', { date: x.date })}
              onClick={() =>
                props.change(
                  'exceptions',
                  () => api.removeException(pointId, x.date),
                  () => s('setup.exceptionRemoved', { date: x.date }),
                )
              }
            >
              {s('common.remove')}
            </button>
          </li>
        ))}
      </ul>
      <form
        aria-label={s('setup.exceptions')}
        onSubmit={(e) => {
          e.preventDefault()
          // One time without the other is a slip, not a closed day.
          if (!f.from !== !f.to) {
            setHalf(true)
            return
          }
          setHalf(false)
          const hours = f.from && f.to ? [{ from: f.from, to: f.to }] : []
          void props.change(
            'exceptions',
            () => api.setException(pointId, f.date, hours, f.note.trim() || null),
            () => s('setup.exceptionSaved', { date: f.date }),
          )
        }}
      >
        <TextField
          label={s('setup.exceptionDate')}
          type="date"
          value={f.date}
          onValue={(v) => setF({ ...f, date: v })}
          required
        />
        <div class="field-row">
          <TextField
            label={s('setup.exceptionFrom')}
            type="time"
            hint={s('setup.exceptionHint')}
            error={half ? s('setup.exceptionBoth') : undefined}
            value={f.from}
            onValue={(v) => setF({ ...f, from: v })}
          />
          <TextField label={s('setup.exceptionTo')} type="time" value={f.to} onValue={(v) => setF({ ...f, to: v })} />
        </div>
        <TextField label={s('setup.exceptionNote')} value={f.note} onValue={(v) => setF({ ...f, note: v })} />
        {props.outcome}
        <button type="submit" class="primary" disabled={props.busy}>
          {s('setup.addException')}
        </button>
      </form>
    </div>
  )
}

function Seasons(props: SectionProps) {
  const { s, api } = useSetup()
  const [f, setF] = useState({ id: '', from: '', to: '', week: '07:00-21:00', sat: '08:00-18:00', sun: '', note: '' })
  const [bad, setBad] = useState(false)
  const pointId = props.point.pointId
  return (
    <div class="card">
      <h2>{s('setup.seasons')}</h2>
      {props.point.seasons.length === 0 && <p>{s('common.none')}</p>}
      <ul class="seasons">
        {props.point.seasons.map((x) => (
          <li key={x.seasonId}>
            <strong>{x.seasonId}</strong>: {s('setup.seasonRange', { from: x.from, to: x.to })} ·{' '}
            {hoursText(x.weekly.mon ?? [], s('common.closed'))}
            {x.note ? ` · ${x.note}` : ''}{' '}
            <button
              type="button"
              disabled={props.busy}
              aria-label={s('setup.removeSeason', { id: x.seasonId })}
              onClick={() =>
                props.change(
                  'seasons',
                  () => api.removeSeason(pointId, x.seasonId),
                  () => s('setup.seasonRemoved', { id: x.seasonId }),
                )
              }
            >
              {s('common.remove')}
            </button>
          </li>
        ))}
      </ul>
      <form
        aria-label={s('setup.seasons')}
        onSubmit={(e) => {
          e.preventDefault()
          const [week, sat, sun] = [f.week, f.sat, f.sun].map(rangeOf)
          if (week === null || sat === null || sun === null || !week || !sat || !sun) {
            setBad(true)
            return
          }
          setBad(false)
          const list = (r: typeof week) => (r === 'none' ? [] : [r])
          const weekly: WeeklyHours = {
            mon: list(week),
            tue: list(week),
            wed: list(week),
            thu: list(week),
            fri: list(week),
            sat: list(sat),
            sun: list(sun),
          }
          const seasonId = f.id.trim()
          void props.change(
            'seasons',
            () => api.setSeason(pointId, { seasonId, from: f.from, to: f.to, weekly, note: f.note.trim() || null }),
            () => s('setup.seasonSaved', { id: seasonId }),
          )
        }}
      >
        <TextField
          label={s('setup.seasonId')}
          value={f.id}
          onValue={(v) => setF({ ...f, id: v })}
          required
          autoCapitalize="none"
        />
        <div class="field-row">
          <TextField
            label={s('setup.seasonFrom')}
            type="date"
            value={f.from}
            onValue={(v) => setF({ ...f, from: v })}
            required
          />
          <TextField
            label={s('setup.seasonTo')}
            type="date"
            value={f.to}
            onValue={(v) => setF({ ...f, to: v })}
            required
          />
        </div>
        <TextField
          label={s('setup.seasonWeekdays')}
          hint={s('setup.seasonHoursHint')}
          value={f.week}
          onValue={(v) => setF({ ...f, week: v })}
          error={bad ? s('setup.hoursBad') : undefined}
        />
        <div class="field-row">
          <TextField label={s('setup.seasonSat')} value={f.sat} onValue={(v) => setF({ ...f, sat: v })} />
          <TextField label={s('setup.seasonSun')} value={f.sun} onValue={(v) => setF({ ...f, sun: v })} />
        </div>
        <TextField label={s('setup.seasonNote')} value={f.note} onValue={(v) => setF({ ...f, note: v })} />
        {props.outcome}
        <button type="submit" class="primary" disabled={props.busy}>
          {s('setup.addSeason')}
        </button>
      </form>
    </div>
  )
}

/** The point's people, their shifts and absences over a span of days. */
function Rota(props: { readonly pointId: string }) {
  const { s, api, maybe } = useSetup()
  const pointId = props.pointId
  const [span, setSpan] = useState(() => ({ from: today(), to: addDays(today(), 13) }))
  const [shown, setShown] = useState(span)
  const loaded = useLoad(() => api.staff(pointId, shown.from, shown.to), [pointId, shown.from, shown.to])
  const [schedule, setSchedule] = useState<StaffSchedule | null>(null)
  useEffect(() => {
    if (loaded.data) setSchedule(loaded.data)
  }, [loaded.data])
  const action = usePlacedAction()
  const [member, setMember] = useState({ name: '', skills: ['tyre_fitting'] as StaffSkillName[] })
  const [plan, setPlan] = useState({ who: [] as string[], dates: '', from: '07:00', to: '15:00' })
  const [absence, setAbsence] = useState({ staffId: '', from: '', to: '', reason: 'vacation' as AbsenceReason })
  const [planHint, setPlanHint] = useState(false)
  const members = schedule?.members ?? []
  const nameOf = (staffId: string) => members.find((m) => m.staffId === staffId)?.name ?? staffId
  /** A staff command answers the schedule of the dates it touched: the span shown is read again. */
  const apply = async (
    here: string,
    what: () => Promise<{ applied: number }>,
    message: (applied: number) => string,
  ) => {
    const done = await action.run(here, what, (r) => message(r.applied))
    if (done) await loaded.reload()
  }
  const skillWord = (k: string) => maybe(`skill.${k}`) ?? k

  return (
    <>
      <h2>{s('staff.title')}</h2>
      <form
        class="card field-row filters"
        aria-label={s('staff.show')}
        onSubmit={(e) => {
          e.preventDefault()
          setShown(span)
        }}
      >
        <TextField
          label={s('staff.from')}
          type="date"
          value={span.from}
          onValue={(v) => setSpan({ ...span, from: v })}
          required
        />
        <TextField
          label={s('staff.to')}
          type="date"
          value={span.to}
          onValue={(v) => setSpan({ ...span, to: v })}
          required
        />
        <button type="submit" class="field-action">
          {s('staff.show')}
        </button>
      </form>
      <Loading show={loaded.loading} />
      <SetupError error={loaded.error} />
      <div class="grid-2">
        <div class="card">
          <h3>{s('staff.members')}</h3>
          <ul class="staff-members">
            {members.map((m) => (
              <li key={m.staffId}>
                <strong>{m.name}</strong> ({m.staffId}): {m.skills.map(skillWord).join(', ')}
                {m.leftOn ? ` · ${s('staff.left', { date: m.leftOn })}` : ''}
              </li>
            ))}
          </ul>
          <form
            aria-label={s('staff.register')}
            onSubmit={(e) => {
              e.preventDefault()
              const name = member.name.trim()
              void apply(
                'register',
                () => api.registerStaff(pointId, name, member.skills),
                () => s('staff.registered', { name }),
              )
            }}
          >
            <TextField
              label={s('staff.name')}
              value={member.name}
              onValue={(v) => setMember({ ...member, name: v })}
              required
            />
            <fieldset class="choice-list">
              <legend>{s('staff.skills')}</legend>
              {SKILLS.map((k) => (
                <label key={k} class="check">
                  <input
                    type="checkbox"
                    checked={member.skills.includes(k)}
                    onChange={(e) =>
                      setMember({
                        ...member,
                        skills: e.currentTarget.checked ? [...member.skills, k] : member.skills.filter((x) => x !== k),
                      })
                    }
                  />
                  {skillWord(k)}
                </label>
              ))}
            </fieldset>
            {action.outcome('register')}
            <button type="submit" disabled={action.busy}>
              {s('staff.register')}
            </button>
          </form>
        </div>
        <form
          class="card"
          aria-label={s('staff.plan')}
          onSubmit={(e) => {
            e.preventDefault()
            const dates = plan.dates
              .split(/[\s,;]+/)
              .map((d) => d.trim())
              .filter(Boolean)
            if (plan.who.length === 0 || dates.length === 0) {
              setPlanHint(true)
              return
            }
            setPlanHint(false)
            const shifts = plan.who.flatMap((staffId) =>
              dates.map((date) => ({ staffId, date, hours: { from: plan.from, to: plan.to } })),
            )
            void apply(
              'plan',
              () => api.planShifts(pointId, shifts),
              () => s('staff.planned', { n: shifts.length }),
            )
          }}
        >
          <h3>{s('staff.plan')}</h3>
          <p class="hint">{s('staff.plan.hint')}</p>
          <fieldset class="choice-list">
            <legend>{s('staff.who')}</legend>
            {members
              .filter((m) => !m.leftOn)
              .map((m) => (
                <label key={m.staffId} class="check">
                  <input
                    type="checkbox"
                    checked={plan.who.includes(m.staffId)}
                    onChange={(e) =>
                      setPlan({
                        ...plan,
                        who: e.currentTarget.checked
                          ? [...plan.who, m.staffId]
                          : plan.who.filter((x) => x !== m.staffId),
                      })
                    }
                  />
                  {m.name}
                </label>
              ))}
          </fieldset>
          <TextField
            label={s('staff.dates')}
            hint={s('staff.dates.hint')}
            value={plan.dates}
            onValue={(v) => setPlan({ ...plan, dates: v })}
            error={planHint ? s('staff.pickSomeone') : undefined}
            required
          />
          <div class="field-row">
            <TextField
              label={s('staff.shiftFrom')}
              type="time"
              value={plan.from}
              onValue={(v) => setPlan({ ...plan, from: v })}
              required
            />
            <TextField
              label={s('staff.shiftTo')}
              type="time"
              value={plan.to}
              onValue={(v) => setPlan({ ...plan, to: v })}
              required
            />
          </div>
          {action.outcome('plan')}
          <button type="submit" class="primary" disabled={action.busy}>
            {s('staff.planButton')}
          </button>
        </form>
      </div>
      <h3>{s('staff.shifts')}</h3>
      {action.outcome('shifts')}
      {schedule && schedule.shifts.length === 0 && <p>{s('staff.none')}</p>}
      {schedule && schedule.shifts.length > 0 && (
        <div class="table-wrap">
          <table class="responsive shifts">
            <thead>
              <tr>
                <th scope="col">{s('staff.name')}</th>
                <th scope="col">{s('setup.exceptionDate')}</th>
                <th scope="col">{s('staff.shiftFrom')}</th>
                <th scope="col">{s('staff.shiftTo')}</th>
                <th scope="col">
                  <span class="visually-hidden">{s('staff.cancel')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {[...schedule.shifts]
                .sort((a, b) => `${a.date}${a.hours.from}`.localeCompare(`${b.date}${b.hours.from}`))
                .map((x) => (
                  <tr key={x.shiftId}>
                    <th scope="row" data-label={s('staff.name')}>
                      {nameOf(x.staffId)}
                    </th>
                    <td data-label={s('setup.exceptionDate')}>{x.date}</td>
                    <td data-label={s('staff.shiftFrom')}>{x.hours.from}</td>
                    <td data-label={s('staff.shiftTo')}>{x.hours.to}</td>
                    <td>
                      <button
                        type="button"
                        disabled={action.busy}
                        aria-label={s('staff.cancelShift', { name: nameOf(x.staffId), date: x.date })}
                        onClick={() =>
                          apply(
                            'shifts',
                            () => api.cancelShift(pointId, x.shiftId),
                            () => s('staff.shiftCancelled'),
                          )
                        }
                      >
                        {s('staff.cancel')}
                      </button>
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      )}
      <div class="grid-2">
        <div class="card">
          <h3>{s('staff.absences')}</h3>
          {action.outcome('absences')}
          {schedule && schedule.absences.length === 0 && <p>{s('common.none')}</p>}
          <ul class="absences">
            {(schedule?.absences ?? []).map((a) => (
              <li key={a.absenceId}>
                <strong>{nameOf(a.staffId)}</strong>: {a.from} – {a.to} ({maybe(`reason.${a.reason}`) ?? a.reason}){' '}
                <button
                  type="button"
                  disabled={action.busy}
                  aria-label={s('staff.cancelAbsence', { name: nameOf(a.staffId), from: a.from })}
                  onClick={() =>
                    apply(
                      'absences',
                      () => api.cancelAbsence(pointId, a.absenceId),
                      () => s('staff.absenceCancelled'),
                    )
                  }
                >
                  {s('staff.cancel')}
                </button>
              </li>
            ))}
          </ul>
        </div>
        <form
          class="card"
          aria-label={s('staff.absence')}
          onSubmit={(e) => {
            e.preventDefault()
            const staffId = absence.staffId || members[0]?.staffId || ''
            void apply(
              'absence',
              () => api.recordAbsence(pointId, { ...absence, staffId }),
              () => s('staff.absenceRecorded'),
            )
          }}
        >
          <h3>{s('staff.absence')}</h3>
          <SelectField
            label={s('staff.absenceWho')}
            value={absence.staffId || members[0]?.staffId || ''}
            onValue={(v) => setAbsence({ ...absence, staffId: v })}
            options={members.map((m) => ({ value: m.staffId, label: m.name }))}
          />
          <div class="field-row">
            <TextField
              label={s('staff.absenceFrom')}
              type="datetime-local"
              value={absence.from}
              onValue={(v) => setAbsence({ ...absence, from: v })}
              required
            />
            <TextField
              label={s('staff.absenceTo')}
              type="datetime-local"
              value={absence.to}
              onValue={(v) => setAbsence({ ...absence, to: v })}
              required
            />
          </div>
          <SelectField
            label={s('staff.reason')}
            value={absence.reason}
            onValue={(v) => setAbsence({ ...absence, reason: v })}
            options={REASONS.map((r) => ({ value: r, label: maybe(`reason.${r}`) ?? r }))}
          />
          {action.outcome('absence')}
          <button type="submit" disabled={action.busy}>
            {s('staff.absence')}
          </button>
        </form>
      </div>
    </>
  )
}
