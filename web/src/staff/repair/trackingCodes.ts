// The tracking code of an order just opened: the API shows it once, in the answer to the opening.
// Kept in this tab's memory (not in the address or storage: it is the customer's key to the status
// page) so the order page can show it to hand to the customer.
const codes = new Map<string, string>()

export function rememberTrackingCode(workOrderId: string, code: string): void {
  codes.set(workOrderId, code)
}

export function trackingCodeOf(workOrderId: string): string | null {
  return codes.get(workOrderId) ?? null
}
