// What the due-service reminder policy has scheduled, so that the next change can move or remove
// it: per equipment, the reminder jobs in the queue (id and run time) and the contracts covering
// it; per contract, the equipment it covered when last seen. Written only by the leased policy
// subscriber (one writer), always AFTER the queue was changed: a crash in between leaves the ledger
// behind the queue, and the repeated event computes the same jobs again (scheduling a known id and
// removing an absent one are no-ops), so nothing is lost or left stale.
//
// Not a read model: it mirrors the job queue, not the log. If it is lost, reconciling every
// equipment schedules what is due (known ids are no-ops) but cannot find jobs it no longer knows.
import type { Document, DocumentStore } from '../ports/documentStore.js'

export const DUE_SERVICE_LEDGER = 'due_service_reminders'

export interface LedgerJob {
  readonly id: string
  readonly runAt: number
}

interface EquipmentLedgerDoc extends Document {
  readonly jobs: LedgerJob[]
  readonly contractIds: string[]
  /** Reminder ids of due items a visit was accepted for: they need no reminder any more. */
  readonly booked?: string[]
}

export interface EquipmentLedger {
  readonly jobs: LedgerJob[]
  readonly contractIds: string[]
  readonly booked: string[]
}

interface ContractLedgerDoc extends Document {
  readonly equipmentIds: string[]
}

const equipmentKey = (equipmentId: string): string => `eq|${equipmentId}`
const contractKey = (contractId: string): string => `ct|${contractId}`

export class DueServiceLedger {
  constructor(private readonly documents: DocumentStore) {}

  private get collection() {
    return this.documents.collection<EquipmentLedgerDoc | ContractLedgerDoc>(DUE_SERVICE_LEDGER)
  }

  async ofEquipment(equipmentId: string): Promise<EquipmentLedger> {
    const doc = (await this.collection.findOne({ _id: equipmentKey(equipmentId) })) as EquipmentLedgerDoc | null
    return { jobs: doc?.jobs ?? [], contractIds: doc?.contractIds ?? [], booked: doc?.booked ?? [] }
  }

  async saveEquipment(equipmentId: string, ledger: EquipmentLedger): Promise<void> {
    await this.collection.replaceOne(
      { _id: equipmentKey(equipmentId) },
      {
        _id: equipmentKey(equipmentId),
        jobs: [...ledger.jobs],
        contractIds: [...ledger.contractIds].sort(),
        booked: [...ledger.booked].sort(),
      },
      { upsert: true },
    )
  }

  /**
   * The queue lost its jobs (Redis came back without its data): forget every equipment's jobs, keep
   * its contracts and booked items, so that reconciling again schedules all that is due.
   */
  async forgetQueuedJobs(): Promise<number> {
    let forgotten = 0
    for (const doc of await this.collection.find())
      if (typeof doc._id === 'string' && doc._id.startsWith('eq|') && (doc as EquipmentLedgerDoc).jobs.length > 0) {
        await this.collection.replaceOne({ _id: doc._id }, { ...(doc as EquipmentLedgerDoc), jobs: [] })
        forgotten++
      }
    return forgotten
  }

  async equipmentOfContract(contractId: string): Promise<string[]> {
    const doc = (await this.collection.findOne({ _id: contractKey(contractId) })) as ContractLedgerDoc | null
    return doc?.equipmentIds ?? []
  }

  async saveContract(contractId: string, equipmentIds: ReadonlyArray<string>): Promise<void> {
    await this.collection.replaceOne(
      { _id: contractKey(contractId) },
      { _id: contractKey(contractId), equipmentIds: [...equipmentIds] },
      { upsert: true },
    )
  }
}
