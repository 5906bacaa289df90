// Every word a document prints, per locale. A new locale is one more file of this shape; a missing
// text is a type error, not an empty cell on a printed protocol.
import type { DocumentKind, Locale } from '../documentKinds.js'
import { en } from './en.js'
import { pl } from './pl.js'
import { ro } from './ro.js'
import { ru } from './ru.js'

export interface DocumentTexts {
  readonly titles: Readonly<Record<DocumentKind, string>> & { readonly return_protocol: string }
  readonly statuses: Readonly<Record<string, string>>
  readonly decisions: Readonly<Record<'pending' | 'approved' | 'declined', string>>
  readonly l: {
    readonly order: string
    readonly point: string
    readonly openedAt: string
    readonly openedBy: string
    readonly status: string
    readonly customer: string
    readonly name: string
    readonly phone: string
    readonly email: string
    readonly equipment: string
    readonly equipmentId: string
    /** What identifies the item to people: its plate, VIN or serial number. */
    readonly equipmentLabel: string
    readonly makeModel: string
    readonly owner: string
    readonly mileage: string
    readonly condition: string
    readonly accessories: string
    readonly customerDescription: string
    readonly photos: string
    readonly promisedAt: string
    readonly customerSignature: string
    readonly staffSignature: string
    readonly signedElectronically: string
    readonly problems: string
    readonly cause: string
    readonly estimate: string
    readonly estimateRevision: string
    readonly validUntil: string
    readonly description: string
    readonly quantity: string
    readonly unitPrice: string
    readonly net: string
    readonly vat: string
    readonly gross: string
    readonly total: string
    readonly decision: string
    readonly vatRate: string
    readonly technicians: string
    readonly checklist: string
    readonly result: string
    readonly measurement: string
    readonly labour: string
    readonly minutes: string
    readonly parts: string
    readonly sku: string
    readonly log: string
    readonly summary: string
    readonly handedOverTo: string
    readonly handedOverAt: string
    readonly returnReason: string
    readonly note: string
    readonly recommendations: string
    readonly treadDepths: string
    readonly position: string
    readonly depth: string
    readonly tyres: string
    readonly servicesDone: string
    readonly confirmation: string
    readonly history: string
    readonly event: string
    readonly who: string
    readonly when: string
    readonly revision: string
    readonly hash: string
    readonly chain: string
    readonly chainOk: string
    readonly chainBroken: string
    /** Messages about the order (sent, failed, withheld, undeliverable), from their own stream. */
    readonly notifications: string
    /** What a notification event says: kind, channel, to whom or why not. */
    readonly message: string
    readonly headHash: string
    readonly currentState: string
    readonly generatedAt: string
    readonly eventCount: string
    readonly page: string
  }
}

export const TEXTS: Readonly<Record<Locale, DocumentTexts>> = { pl, en, ro, ru }
