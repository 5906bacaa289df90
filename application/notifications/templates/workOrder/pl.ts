import type { CustomerOrderStatus, WorkOrderKind } from '../../kinds/workOrder.js'
import type { TemplatesFor } from '../../notificationKinds.js'

const hello = (name: string | null) => (name ? `Dzień dobry, ${name}!` : 'Dzień dobry!')
const STATUS: Record<CustomerOrderStatus, string> = {
  diagnosis: 'rozpoczęliśmy diagnozę',
  repair: 'rozpoczęliśmy naprawę',
  external_repair: 'przekazaliśmy do specjalistycznego warsztatu',
  back_from_external_repair: 'wróciło ze specjalistycznego warsztatu',
  returned_unrepaired: 'do odbioru bez naprawy',
  irreparable: 'naprawa nie jest możliwa',
  cancelled: 'zlecenie zostało anulowane',
}

export const pl: TemplatesFor<WorkOrderKind> = {
  workorder_status_changed: (f) => ({
    subject: `${f.equipment}: ${STATUS[f.status]}`,
    text: `${hello(f.customerName)}\n\nZlecenie dla ${f.equipment} w ${f.pointName}: ${STATUS[f.status]}.${f.reason ? `\nPowód: ${f.reason}` : ''}\n\n${f.pointName}\n`,
    sms: `${f.pointName}: ${f.equipment} - ${STATUS[f.status]}.`,
  }),
  workorder_custom_status: (f) => ({
    subject: `${f.equipment}: ${f.statusLabel}`,
    text: `${hello(f.customerName)}\n\nZlecenie dla ${f.equipment} w ${f.pointName} ma nowy status: ${f.statusLabel}.\n\n${f.pointName}\n`,
    sms: `${f.pointName}: ${f.equipment} - ${f.statusLabel}.`,
  }),
  estimate_ready: (f) => ({
    subject: `Kosztorys dla ${f.equipment} czeka na akceptację`,
    text: `${hello(f.customerName)}\n\nKosztorys dla ${f.equipment} (pozycje: ${f.lineCount}, razem ${f.total}) jest gotowy. Otwórz go i zaakceptuj lub odrzuć każdą pozycję:\n${f.approvalLink}\n\nLink działa do ${f.expiresAt}; logowanie nie jest potrzebne.\n\n${f.pointName}\n`,
    sms: `${f.pointName}: kosztorys ${f.equipment}, ${f.total}. Akceptacja: ${f.approvalLink}`,
  }),
  workorder_ready: (f) => ({
    subject: `${f.equipment} do odbioru, ${f.pointName}`,
    text: `${hello(f.customerName)}\n\n${f.equipment} jest gotowy do odbioru w ${f.pointName}, ${f.pointAddress}.${f.summary ? `\n\nWykonano: ${f.summary}` : ''}\n\n${f.pointName}\n`,
    sms: `${f.pointName}: ${f.equipment} do odbioru, ${f.pointAddress}.`,
  }),
  workorder_rating_request: (f) => ({
    subject: `Jak nam poszło? ${f.pointName}`,
    text: `${hello(f.customerName)}\n\nDziękujemy za wizytę w ${f.pointName} (${f.equipment}). Prosimy o ocenę od 1 do 6 gwiazdek:\n${f.ratingLink}\n\n${f.pointName}\n`,
    sms: `${f.pointName}: dziękujemy! Oceń nas (1-6 gwiazdek): ${f.ratingLink}`,
  }),
  workorder_overdue: (f) => ({
    subject: `Po terminie: ${f.equipment}, obiecane na ${f.promisedAt}`,
    text: `${f.staffName ? `${f.staffName},` : 'Dzień dobry,'}\n\nzlecenie ${f.equipment} (${f.customer}) w ${f.pointName} miało być gotowe ${f.promisedAt}; opóźnienie: ${f.overdueBy} (status: ${f.status}).\n${f.orderLink}\n`,
    sms: `${f.pointName}: ${f.equipment} po terminie o ${f.overdueBy} (obiecane ${f.promisedAt}).`,
  }),
}
