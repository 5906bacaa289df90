// The `contracts` read model: every contract's folded state (lists, billing runs, dashboards) and
// its coverage per vehicle, which the overlap check of a new, amended or renewed contract reads by
// equipment id. Coverage is recomputed whole from the contract's state on each of its events: an
// amendment or a termination can shorten, split or replace any period.

import {
  CONTRACTS,
  type ContractDoc,
  type CoverageDoc,
  contractStateOf,
} from '../../application/contracts/contractViews.js'
import type { RecordedEvent } from '../../application/ports/eventStore.js'
import { coveragePeriods, evolveContract, initialContractState } from '../../domain/contract/contractTimeline.js'
import { contractEventCodecs } from '../../domain/contract/events.js'
import type { Projection, ProjectionView } from '../projection.js'
import { decodeBusinessEvent } from './decodeBusinessEvent.js'

async function apply(event: RecordedEvent, view: ProjectionView): Promise<void> {
  const decoded = decodeBusinessEvent(contractEventCodecs, event)
  const contracts = view.collection(CONTRACTS.contracts)
  const id = decoded.data.contractId
  const current = (await contracts.findOne({ _id: id })) as ContractDoc | null
  if (!current && decoded.type !== 'ContractSigned') return
  const state = evolveContract(current ? contractStateOf(current) : initialContractState, decoded)
  if (state.holder === null || state.status === 'none') return
  const doc: ContractDoc = {
    _id: id,
    contractId: id,
    contractNumber: state.contractNumber,
    holder: state.holder,
    fleetId: state.holder.kind === 'fleet' ? state.holder.fleetId : null,
    customerId: state.holder.kind === 'customer' ? state.holder.customerId : null,
    currency: state.currency,
    timeZone: state.timeZone,
    validFrom: state.validFrom,
    validTo: state.validTo,
    status: state.status,
    versions: [...state.versions],
    amendmentIds: [...state.amendmentIds].sort(),
    signedAt: current?.signedAt ?? decoded.data.at,
    updatedAt: decoded.data.at,
  }
  await contracts.replaceOne({ _id: id }, doc, { upsert: true })

  const byVehicle = new Map<string, CoverageDoc>()
  for (const period of coveragePeriods(state))
    for (const equipmentId of period.equipmentIds) {
      const row = byVehicle.get(equipmentId) ?? {
        _id: `${id}|${equipmentId}`,
        contractId: id,
        equipmentId,
        periods: [],
      }
      row.periods.push({ from: period.from, to: period.to, serviceCodes: [...period.serviceCodes].sort() })
      byVehicle.set(equipmentId, row)
    }
  const coverage = view.collection(CONTRACTS.coverage)
  await coverage.deleteMany({ contractId: id })
  if (byVehicle.size > 0) await coverage.insertMany([...byVehicle.values()])
}

export const contractsProjection: Projection = {
  name: CONTRACTS.projection,
  version: 1,
  types: Object.keys(contractEventCodecs),
  collections: [CONTRACTS.contracts, CONTRACTS.coverage],
  indexes: {
    [CONTRACTS.contracts]: [
      { keys: { fleetId: 1, validFrom: 1 } },
      { keys: { customerId: 1, validFrom: 1 } },
      { keys: { validFrom: 1 } },
    ],
    [CONTRACTS.coverage]: [{ keys: { equipmentId: 1 } }, { keys: { contractId: 1 } }],
  },
  apply,
}
