// The repair routes the staff console calls (work orders, files, documents, equipment, stock,
// customers, repair history, SLA tickets), typed as the pages read their answers. Declared here and
// not in shared/api/endpoints.ts: only the staff console calls them, so the portal never ships them.
import type { ApiClient } from '../../shared/api/client.js'
import type { HistoryOrder as OfficeHistoryOrder } from '../../shared/api/officeEndpoints.js'
import type { Booking, Money, Page } from '../../shared/api/types.js'

const seg = encodeURIComponent

export type OrderStatus =
  | 'intake'
  | 'diagnosis'
  | 'estimate'
  | 'approved'
  | 'partially_approved'
  | 'rejected'
  | 'in_repair'
  | 'at_external_repairer'
  | 'ready'
  | 'handed_over'
  | 'returned_unrepaired'
  | 'irreparable'
  | 'cancelled'

export interface FileRef {
  readonly fileId: string
  readonly sha256: string
  readonly contentType: string
}

export interface OrderListItem {
  readonly workOrderId: string
  readonly pointId: string
  readonly status: OrderStatus
  readonly customStatus: { readonly code: string; readonly label: string } | null
  readonly statusSince: string
  readonly open: boolean
  readonly equipmentId: string
  readonly equipmentLabel: string
  readonly customerName: string | null
  readonly openedAt: string
  readonly promisedAt: string | null
  readonly closedAt: string | null
  readonly technicianIds: readonly string[]
  readonly overdueMinutes?: number | null
}

export interface Board {
  readonly pointId: string
  readonly columns: readonly { readonly status: OrderStatus; readonly orders: readonly OrderListItem[] }[]
}

export interface Overdue {
  readonly pointId: string
  readonly items: readonly (OrderListItem & { readonly overdueMinutes: number })[]
}

export type ChecklistResult = 'ok' | 'attention' | 'fail'

interface LineCommon {
  readonly lineId: string
  readonly description: string
  readonly vatRatePercent: number
  /** The open recommendation (an earlier visit's declined line) this line takes up. */
  readonly recommendationId?: string | null
}
export type EstimateLine =
  | (LineCommon & { readonly kind: 'labour'; readonly minutes: number; readonly hourlyRate: Money })
  | (LineCommon & { readonly kind: 'part'; readonly sku: string; readonly quantity: number; readonly unitPrice: Money })

export interface Order {
  readonly workOrderId: string
  /** The order stream's revision: the later of two answers has the higher one. */
  readonly streamRevision: number
  readonly pointId: string
  readonly status: OrderStatus
  readonly statusSince: string
  readonly customStatus: { readonly code: string; readonly label: string; readonly since: string } | null
  readonly equipment: {
    readonly equipmentId: string
    readonly kind: string
    readonly typeCode: string
    readonly label: string
  } | null
  /** Who the order is for, as a booking names its customer. */
  readonly customer: Booking['customer'] | null
  readonly openedAt: string
  readonly promisedAt: string | null
  readonly closedAt: string | null
  readonly intake: {
    readonly conditionNotes: string
    readonly accessories: readonly string[]
    readonly mileageKm: number | null
    readonly customerDescription: string
    readonly photos: readonly FileRef[]
  } | null
  readonly checklists: Readonly<
    Record<
      string,
      {
        readonly checklist: {
          readonly checklistId: string
          readonly name: string
          readonly items: readonly { readonly itemId: string; readonly label: string }[]
        }
        readonly results: Readonly<Record<string, { readonly result: ChecklistResult; readonly note: string | null }>>
      }
    >
  >
  readonly problems: Readonly<
    Record<
      string,
      {
        readonly problemId: string
        readonly defectLabel: string
        readonly causeLabel: string | null
        readonly note: string | null
      }
    >
  >
  readonly lines: readonly {
    readonly line: EstimateLine
    readonly decision: 'pending' | 'approved' | 'declined'
    readonly reason: string | null
  }[]
  readonly revision: number
  readonly estimateLink: { readonly revision: number; readonly expiresAt: string } | null
  readonly technicians: Readonly<Record<string, { readonly name: string; readonly assignedAt: string }>>
  readonly labour: {
    readonly perTechnician: readonly {
      readonly technicianId: string
      readonly clockedMinutes: number
      readonly clockRunning: boolean
    }[]
  }
  readonly log: readonly {
    readonly entryId: string
    readonly author: { readonly name?: string | null; readonly id?: string }
    readonly text: string
    readonly visibleToCustomer: boolean
    readonly at: string
  }[]
  readonly statusHistory: readonly {
    readonly status: OrderStatus
    readonly customStatus: { readonly code: string; readonly label: string } | null
    readonly at: string
  }[]
  readonly overdueMinutes: number | null
  /** The handed-over order this one redoes (a comeback), and the comebacks opened for this one. */
  readonly reworkOf: { readonly workOrderId: string; readonly reason: string } | null
  readonly reworkOrderIds: readonly string[]
  /** Where the item is while at an external repairer. */
  readonly external: { readonly repairerId: string; readonly repairerName: string; readonly sentAt: string } | null
}

/** A line declined at an earlier visit, kept on the item to be offered again. */
export interface Recommendation {
  readonly recommendationId: string
  readonly workOrderId: string
  readonly kind: 'labour' | 'part'
  readonly description: string
  readonly sku: string | null
  readonly quantity: number | null
  readonly minutes: number | null
  readonly quotedNet: Money
  readonly raisedAt: string
}

export interface StockRow extends StockLevel {
  readonly minimum?: number
  readonly low?: boolean
  readonly shortBy?: number
}

export interface Change {
  readonly order: Order
  readonly policies: readonly { readonly policy: string; readonly outcome: string; readonly code?: string }[]
}

export interface Opened extends Change {
  readonly trackingCode: string
}

export interface EquipmentType {
  readonly typeCode: string
  readonly kind: string
  readonly names: Readonly<Record<string, string>>
  readonly checklists: readonly { readonly checklistId: string; readonly name: string }[]
  readonly defects: readonly {
    readonly code: string
    readonly label: string
    readonly causes: readonly { readonly code: string; readonly label: string }[]
  }[]
}

export interface RepairConfigAnswer {
  readonly types: readonly EquipmentType[]
  readonly statuses: readonly { readonly code: string; readonly label: string }[]
}

export interface EquipmentItem {
  readonly equipmentId: string
  readonly kind: string
  readonly typeCode: string
  readonly make: string
  readonly model: string
  /** The registry's lists carry `plate`; one item (and a registration's answer) carries `registration`. */
  readonly plate?: string | null
  readonly registration?: { readonly plate: string } | null
  readonly vin: string | null
  readonly serialNumber: string | null
  readonly ownerCustomerId: string | null
  readonly ownerFleetId: string | null
  readonly status: string
  readonly lastMileageKm: number | null
}

/** What identifies an item to people: its plate, else its VIN, else its serial number. */
export const itemLabel = (e: EquipmentItem): string =>
  e.plate ?? e.registration?.plate ?? e.vin ?? e.serialNumber ?? e.equipmentId

export interface CustomerItem {
  readonly customerId: string
  readonly displayName: string
  readonly status: string
  readonly contacts: { readonly email: string | null; readonly phone: string | null }
}

/** An order of a repair history, with what the customer said at intake. */
export interface HistoryOrder extends OfficeHistoryOrder {
  readonly intake: { readonly customerDescription: string; readonly mileageKm: number | null }
}

export interface StockLevel {
  readonly sku: string
  readonly onHand: number
  readonly reserved: number
  readonly available: number
}

export interface StockAnswer {
  readonly pointId: string
  readonly levels: readonly StockLevel[]
  readonly heldByOrder?: readonly { readonly sku: string; readonly quantity: number }[]
}

export interface StaffMember {
  readonly staffId: string
  readonly name: string
}

export interface Ticket {
  readonly ticketId: string
  readonly subject: string
  readonly priority: string
  readonly status: string
  readonly workOrderId: string | null
  readonly sla: {
    readonly state: string
    readonly resolutionDeadline: string | null
    readonly breachedAt: string | null
  }
}

export type NewLine =
  | { readonly kind: 'service'; readonly serviceCode: string; readonly wheels?: number }
  | { readonly kind: 'goods'; readonly sku: string; readonly quantity: number }
  | { readonly kind: 'labour'; readonly description: string; readonly minutes: number }

export type DocumentFile = 'intake-protocol' | 'estimate' | 'work-order' | 'handover-protocol'

export interface OpenOrderInput {
  readonly pointId: string
  readonly equipmentId: string
  readonly intake: {
    readonly customerDescription: string
    readonly conditionNotes?: string
    readonly accessories?: readonly string[]
    readonly mileageKm?: number | null
    readonly photos?: readonly FileRef[]
    readonly signature?: { readonly signerName: string; readonly image: FileRef } | null
  }
  readonly customer?: { readonly name?: string | null; readonly phone?: string | null; readonly email?: string | null }
  readonly promisedAt?: string | null
  readonly startDiagnosis?: boolean
}

export function repairApi(api: ApiClient) {
  const order = (id: string) => `/work-orders/${seg(id)}`
  const step = <T = Change>(id: string, path: string, body: unknown = {}) => api.post<T>(`${order(id)}${path}`, body)
  return {
    board: (pointId: string) => api.get<Board>(`/points/${seg(pointId)}/work-orders/board`),
    overdue: (pointId: string) => api.get<Overdue>(`/points/${seg(pointId)}/work-orders/overdue`),
    slaTickets: (pointId: string) => api.get<Page<Ticket>>('/tickets', { pointId, status: 'open', limit: 100 }),
    orders: (q: { equipmentId?: string; customerId?: string; pointId?: string }) =>
      api.get<Page<OrderListItem>>('/work-orders', { ...q, limit: 100 }),
    order: (id: string) => api.get<Order>(order(id)),
    open: (input: OpenOrderInput, key?: string) => api.post<Opened>('/work-orders', input, key),
    config: (pointId: string) => api.get<RepairConfigAnswer>('/equipment-types', { pointId }),
    upload: (file: Blob) => api.upload<FileRef & { size: number }>('/files', file),
    /** Uploads a file and answers the reference commands take (without the size). */
    uploadRef: async (file: Blob): Promise<FileRef> => {
      const { fileId, sha256, contentType } = await api.upload<FileRef>('/files', file)
      return { fileId, sha256, contentType }
    },
    document: (id: string, file: DocumentFile, locale: string) =>
      api.download(`/documents/orders/${seg(id)}/${file}.pdf`, { locale }),

    startDiagnosis: (id: string) => step(id, '/diagnosis'),
    assignChecklist: (id: string, checklistId?: string) => step(id, '/checklists', checklistId ? { checklistId } : {}),
    recordChecklist: (
      id: string,
      checklistId: string,
      results: readonly { itemId: string; result: ChecklistResult; note?: string | null }[],
    ) => step(id, `/checklists/${seg(checklistId)}/results`, { results }),
    recordProblem: (id: string, defectCode: string, causeCode: string | null, note: string | null) =>
      step(id, '/problems', { defectCode, causeCode, note }),
    withdrawProblem: (id: string, problemId: string) => step(id, `/problems/${seg(problemId)}/withdraw`),
    addLine: (id: string, line: NewLine) => step(id, '/estimate/lines', line),
    removeLine: (id: string, lineId: string) =>
      api.request<Change>('DELETE', `${order(id)}/estimate/lines/${seg(lineId)}`),
    sendEstimate: (id: string) =>
      step<Change & { accessCode: string; expiresAt: string }>(id, '/estimate/send', { channel: 'in_person' }),
    decide: (
      id: string,
      revision: number,
      decidedByName: string,
      channel: 'in_person' | 'phone' | 'email',
      decisions: readonly { lineId: string; decision: 'approved' | 'declined' }[],
    ) => step(id, '/estimate/decisions', { revision, decidedByName, channel, decisions }),
    reopenEstimate: (id: string, reason: string) => step(id, '/estimate/reopen', { reason }),
    startRepair: (id: string) => step(id, '/repair'),
    ready: (id: string, summary: string | null) => step(id, '/ready', { summary }),
    handOver: (
      id: string,
      receivedBy: string,
      mileageKm: number | null,
      note: string | null,
      signature: FileRef | null,
    ) => step(id, '/handover', { receivedBy, mileageKm, note, signature }),
    returnUnrepaired: (id: string, receivedBy: string, reason: string) =>
      step(id, '/return-unrepaired', { receivedBy, reason }),
    cancel: (id: string, reason: string) => step(id, '/cancel', { reason }),
    irreparable: (id: string, reason: string) => step(id, '/irreparable', { reason }),
    clockIn: (id: string, technicianId: string) => step(id, '/labour/clock-in', { technicianId }),
    clockOut: (id: string, technicianId: string) => step(id, '/labour/clock-out', { technicianId }),
    file: (fileId: string) => api.download(`/files/${seg(fileId)}`),
    enterStatus: (id: string, code: string, note: string | null) => step(id, '/custom-status', { code, note }),
    leaveStatus: (id: string) => step(id, '/custom-status/leave'),
    assignTechnician: (id: string, technicianId: string) => step(id, '/technicians', { technicianId }),
    addLog: (id: string, text: string, visibleToCustomer: boolean) => step(id, '/log', { text, visibleToCustomer }),
    reserveParts: (id: string) => step<Change & { reservation?: unknown }>(id, '/parts/reserve'),
    changeLine: (id: string, lineId: string, line: NewLine) =>
      api.request<Change>('PUT', `${order(id)}/estimate/lines/${seg(lineId)}`, { body: line }),
    carryRecommendations: (id: string, recommendationIds?: readonly string[]) =>
      step(id, '/estimate/recommendations', recommendationIds ? { recommendationIds } : {}),
    recommendations: (equipmentId: string) =>
      api.get<{ recommendations: readonly Recommendation[] }>(`/equipment/${seg(equipmentId)}`),
    dismissRecommendation: (equipmentId: string, recommendationId: string) =>
      api.post<unknown>(`/equipment/${seg(equipmentId)}/recommendations/${seg(recommendationId)}/dismiss`, {}),
    rework: (
      id: string,
      body: { reason: string; intake: { customerDescription: string }; promisedAt?: string | null },
      key?: string,
    ) => api.post<Opened>(`${order(id)}/rework`, body, key),
    sendOut: (
      id: string,
      body: {
        repairerId: string
        repairerName: string
        reference: string | null
        expectedBackAt: string | null
        note: string | null
      },
    ) => step(id, '/external-repair', body),
    receiveBack: (id: string, outcome: 'repaired' | 'not_repaired', cost: Money | null, note: string | null) =>
      step(id, '/external-repair/return', { outcome, cost, note }),
    unlockCodes: (id: string) => step<{ lockedUntil: null }>(id, '/access/unlock'),
    setPromised: (id: string, promisedAt: string | null, reason: string | null) =>
      api.request<Change>('PUT', `${order(id)}/promised-date`, { body: { promisedAt, reason } }),

    stock: (pointId: string) =>
      api.get<{ pointId: string; items: readonly StockRow[] }>(`/points/${seg(pointId)}/stock`),
    lowStock: (pointId: string) =>
      api.get<{ pointId: string; items: readonly StockRow[] }>(`/points/${seg(pointId)}/stock/low`),
    receive: (
      pointId: string,
      body: {
        lines: readonly { sku: string; quantity: number }[]
        supplier: string | null
        documentRef: string | null
      },
      key?: string,
    ) => api.post<StockAnswer>(`/points/${seg(pointId)}/stock/receipts`, body, key),
    returnParts: (
      pointId: string,
      technicianId: string,
      workOrderId: string | null,
      lines: readonly { sku: string; quantity: number }[],
      key?: string,
    ) => api.post<StockAnswer>(`/points/${seg(pointId)}/stock/returns`, { technicianId, workOrderId, lines }, key),
    setMinimum: (pointId: string, sku: string, minimum: number) =>
      api.request<StockAnswer>('PUT', `/points/${seg(pointId)}/stock/minimums/${seg(sku)}`, { body: { minimum } }),
    issue: (
      pointId: string,
      workOrderId: string,
      technicianId: string,
      lines: readonly { sku: string; quantity: number }[],
    ) => api.post<StockAnswer>(`/points/${seg(pointId)}/stock/issues`, { workOrderId, technicianId, lines }),
    suggestions: (id: string) =>
      api.get<{
        skills: readonly string[]
        suggestions: readonly { technicianId: string; fits: boolean; workloadMinutes: number }[]
      }>(`${order(id)}/technician-suggestions`),
    staff: (pointId: string) => api.get<{ members: readonly StaffMember[] }>(`/points/${seg(pointId)}/staff`),

    equipment: (q: string) => api.get<Page<EquipmentItem>>('/equipment', { q, limit: 20 }),
    registerEquipment: (body: {
      typeCode: string
      make: string
      model: string
      registration: { plate: string; country: string } | null
      owner: { kind: 'customer'; customerId: string } | { kind: 'fleet'; fleetId: string }
    }) => api.post<EquipmentItem>('/equipment', body),
    customers: (q: string) => api.get<Page<CustomerItem>>('/customers', { q, limit: 20 }),
    customer: (id: string) => api.get<CustomerItem>(`/customers/${seg(id)}`),
    registerCustomer: (firstName: string, lastName: string, phone: string | null, email: string | null) =>
      api.post<CustomerItem>('/customers', {
        party: { kind: 'individual', firstName, lastName },
        contacts: { phone, email },
      }),
    equipmentHistory: (id: string) =>
      api.get<{ equipment: { label: string; make: string; model: string }; orders: readonly HistoryOrder[] }>(
        `/repair-history/equipment/${seg(id)}`,
      ),
    customerHistory: (id: string) =>
      api.get<{ customerId: string; orders: readonly HistoryOrder[] }>(`/repair-history/customers/${seg(id)}`),
  }
}

export type RepairApi = ReturnType<typeof repairApi>
