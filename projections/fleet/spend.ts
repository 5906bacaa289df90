// Spend on the fleet dashboard, from the invoices billing events carry whole: per fleet and month
// (and summed over every fleet under '*'), split into what the contract prices (fees, usage,
// packages, contract discounts, included work) and what the catalogue prices (work the contract
// does not cover), per branch of the vehicle as it was when billed, and per vehicle.
import { ALL_FLEETS, FLEET_DASHBOARD, type SpendDoc } from '../../application/customers/fleetDashboardViews.js'
import type { MonthlyBillingEvent, OrderBillingEvent } from '../../domain/billing/events.js'
import type { Invoice } from '../../domain/billing/invoice.js'
import type { ProjectionView } from '../projection.js'
import { changeVehicle, type SummaryDeltas } from './vehicleDocs.js'

async function addToMonth(
  view: ProjectionView,
  fleetId: string,
  month: string,
  invoice: Invoice,
  branchOf: (equipmentId: string | null) => string,
): Promise<void> {
  const spend = view.collection(FLEET_DASHBOARD.spend)
  let contractNet = 0
  let extraNet = 0
  const byBranch: Record<string, number> = {}
  for (const line of invoice.lines) {
    if (line.basis === 'catalogue') extraNet += line.netMinor
    else contractNet += line.netMinor
    const branch = branchOf(line.equipmentId)
    byBranch[branch] = (byBranch[branch] ?? 0) + line.netMinor
  }
  for (const id of [fleetId, ALL_FLEETS]) {
    const key = `${id}|${month}`
    const inc: Record<string, number> = {
      netMinor: invoice.totals.netMinor,
      grossMinor: invoice.totals.grossMinor,
      contractNetMinor: contractNet,
      extraNetMinor: extraNet,
      invoices: 1,
    }
    if (id !== ALL_FLEETS) for (const [branch, net] of Object.entries(byBranch)) inc[`byBranch.${branch}`] = net
    else inc[`byBranch.${fleetId}`] = invoice.totals.netMinor
    const current = (await spend.findOne({ _id: key })) as SpendDoc | null
    if (!current) {
      const fresh: SpendDoc = {
        _id: key,
        fleetId: id,
        month,
        currency: invoice.currency,
        netMinor: 0,
        grossMinor: 0,
        contractNetMinor: 0,
        extraNetMinor: 0,
        byBranch: {},
        invoices: 0,
      }
      await spend.insertOne(fresh)
    }
    await spend.updateOne({ _id: key }, { $inc: inc })
  }
}

export async function recordSpend(
  event: MonthlyBillingEvent | OrderBillingEvent,
  view: ProjectionView,
  deltas: SummaryDeltas,
): Promise<void> {
  const invoice = event.data.invoice
  const fleetId = invoice?.buyer.fleetId
  if (!invoice || !fleetId) return
  if (event.type === 'ContractMonthBilled') {
    await addToMonth(view, fleetId, event.data.month, invoice, () => 'none')
    return
  }
  const month = event.data.workDate.slice(0, 7)
  // The vehicle's branch now (the event's moment in the log): where its spend is counted.
  const branches = new Map<string, string>()
  const perVehicle = new Map<string, number>()
  for (const line of invoice.lines)
    if (line.equipmentId !== null)
      perVehicle.set(line.equipmentId, (perVehicle.get(line.equipmentId) ?? 0) + line.netMinor)
  for (const [equipmentId, net] of perVehicle) {
    const doc = await changeVehicle(
      view,
      deltas,
      equipmentId,
      event.data.at,
      (v) => ({
        ...v,
        spendTotalNetMinor: v.spendTotalNetMinor + net,
        spendByMonth: { ...v.spendByMonth, [month]: (v.spendByMonth[month] ?? 0) + net },
      }),
      { create: false },
    )
    branches.set(equipmentId, doc?.branchId ?? 'none')
  }
  await addToMonth(view, fleetId, month, invoice, (id) => (id === null ? 'none' : (branches.get(id) ?? 'none')))
}
