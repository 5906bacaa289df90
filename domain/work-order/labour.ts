// Labour time: minutes clocked by technicians against minutes billed (approved labour lines), per
// technician and per line, so a point sees where jobs take longer than it charges for.
import type { WorkOrderState } from './workOrderState.js'

export interface LabourSummary {
  readonly perTechnician: ReadonlyArray<{
    readonly technicianId: string
    readonly clockedMinutes: number
    readonly clockRunning: boolean
  }>
  readonly perLine: ReadonlyArray<{
    readonly lineId: string
    readonly billedMinutes: number
    readonly clockedMinutes: number
  }>
  /** Clocked without naming a line. */
  readonly unassignedClockedMinutes: number
  readonly clockedMinutes: number
  readonly billedMinutes: number
  /** billed / clocked; null before anything is clocked. Above 1: the job took less than charged. */
  readonly efficiency: number | null
}

/** With `now`, running clocks count up to it; without, only closed clock entries count. */
export function labourSummary(state: WorkOrderState, now?: string): LabourSummary {
  const entries = [...state.labour.map((e) => ({ technicianId: e.technicianId, lineId: e.lineId, minutes: e.minutes }))]
  const nowMs = now === undefined ? null : Date.parse(now)
  for (const [technicianId, clock] of Object.entries(state.clocks))
    if (nowMs !== null)
      entries.push({
        technicianId,
        lineId: clock.lineId,
        minutes: Math.max(0, Math.floor((nowMs - Date.parse(clock.since)) / 60_000)),
      })
  const byTech = new Map<string, number>()
  const byLine = new Map<string, number>()
  let unassigned = 0
  for (const e of entries) {
    byTech.set(e.technicianId, (byTech.get(e.technicianId) ?? 0) + e.minutes)
    if (e.lineId === null) unassigned += e.minutes
    else byLine.set(e.lineId, (byLine.get(e.lineId) ?? 0) + e.minutes)
  }
  for (const id of Object.keys(state.clocks)) if (!byTech.has(id)) byTech.set(id, 0)
  const labourLines = state.lines.filter((l) => l.line.kind === 'labour')
  const perLine = labourLines.map((l) => ({
    lineId: l.line.lineId,
    billedMinutes: l.decision === 'approved' && l.line.kind === 'labour' ? l.line.minutes : 0,
    clockedMinutes: byLine.get(l.line.lineId) ?? 0,
  }))
  const clockedMinutes = entries.reduce((s, e) => s + e.minutes, 0)
  const billedMinutes = perLine.reduce((s, l) => s + l.billedMinutes, 0)
  return {
    perTechnician: [...byTech.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([technicianId, minutes]) => ({
        technicianId,
        clockedMinutes: minutes,
        clockRunning: state.clocks[technicianId] !== undefined,
      })),
    perLine,
    unassignedClockedMinutes: unassigned,
    clockedMinutes,
    billedMinutes,
    efficiency: clockedMinutes === 0 ? null : Math.round((billedMinutes / clockedMinutes) * 100) / 100,
  }
}
