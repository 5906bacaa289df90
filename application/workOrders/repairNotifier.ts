// Telling the customer about an order: the estimate link with its code (EstimateSent) and "ready
// for pickup" (WorkOrderReady). A port, because the code exists only in memory at the moment the
// estimate is sent (the log keeps its hash), so the message must be handed over right then; the
// notification worker (SMS/e-mail) implements it. Without one, staff pass the code on themselves:
// the send answer shows it once.
import type { WorkOrderState } from '../../domain/work-order/workOrderState.js'

export interface EstimateMessage {
  readonly workOrderId: string
  readonly pointId: string
  readonly to: { readonly channel: 'sms' | 'email' | 'in_person'; readonly address: string | null }
  readonly accessCode: string
  readonly expiresAt: string
  readonly revision: number
}

export interface RepairNotifier {
  estimateSent(message: EstimateMessage): Promise<void>
  orderReady(order: WorkOrderState): Promise<void>
}

/** Keeps what would have been sent: for tests and for the demo. */
export class RecordingRepairNotifier implements RepairNotifier {
  readonly estimates: EstimateMessage[] = []
  readonly ready: string[] = []

  async estimateSent(message: EstimateMessage): Promise<void> {
    this.estimates.push(message)
  }

  async orderReady(order: WorkOrderState): Promise<void> {
    this.ready.push(order.workOrderId)
  }
}
