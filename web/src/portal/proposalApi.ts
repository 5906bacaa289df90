// The routes behind a due-service reminder's link (no login): the proposed visit, free slots on a
// date at its point, and accepting it (its time, or another start). The link's code travels in the
// X-Access-Code header (GET) or the body (POST), never in a URL the server sees: in the page's
// address it sits after the '#', which the browser never sends.
import type { ApiClient } from '../shared/api/client.js'
import type { SlotSearch, VehicleClass } from '../shared/api/types.js'

export type DueKind =
  | 'inspection'
  | 'warranty_end'
  | 'insurance_end'
  | 'tyre_replacement'
  | 'recommendations'
  | 'contract_service'

export interface ProposalView {
  readonly proposalId: string
  readonly status: 'proposed' | 'accepted' | 'expired'
  readonly due: { readonly equipmentId: string; readonly kind: DueKind; readonly ref: string; readonly dueDate: string }
  readonly point: {
    readonly pointId: string
    readonly name: string
    readonly address: string
    readonly timeZone: string
  }
  readonly slot: {
    readonly start: string
    readonly end: string
    readonly localDate: string
    readonly localTime: string
  }
  readonly services: readonly string[]
  readonly vehicle: { readonly plate: string; readonly plateCountry: string; readonly vehicleClass: VehicleClass }
  readonly expiresAt: string
  readonly accepted: {
    readonly bookingId: string
    readonly moved: boolean
    readonly channel: string
    readonly at: string
  } | null
}

const seg = encodeURIComponent

export function proposalApi(api: ApiClient) {
  const withCode = <T>(path: string, code: string, query?: Record<string, string>) =>
    api.request<T>('GET', path, { headers: { 'x-access-code': code.trim() }, ...(query ? { query } : {}) })
  return {
    view: (proposalId: string, code: string) =>
      withCode<ProposalView>(`/visit-proposals/${seg(proposalId)}/link`, code),
    slots: (proposalId: string, code: string, date: string) =>
      withCode<SlotSearch>(`/visit-proposals/${seg(proposalId)}/link/slots`, code, { date }),
    /** A retried click completes the same booking: the API derives its id from the proposal and the start. */
    accept: (proposalId: string, code: string, start?: string) =>
      api.post<ProposalView>(`/visit-proposals/${seg(proposalId)}/link/accept`, {
        code: code.trim(),
        ...(start ? { start } : {}),
      }),
  }
}
