import assert from 'node:assert/strict'
import { EventCatalogue } from '../../../application/eventLog/eventCatalogue.js'
import {
  notificationEventDefinitions,
  notificationStream,
} from '../../../application/notifications/notificationEvents.js'
import type { RecordedEvent } from '../../../application/ports/eventStore.js'

const recorded = (data: unknown, schemaVersion: number): RecordedEvent =>
  ({
    streamId: 'notification-b-1',
    revision: 0,
    position: 1,
    type: 'NotificationSent',
    data,
    metadata: {
      eventId: '00000000-0000-4000-8000-000000000001',
      correlationId: 'c',
      causationId: null,
      actor: { type: 'system', id: 'system' },
      occurredAt: '2025-03-30T08:00:00.000Z',
      schemaVersion,
    },
  }) as unknown as RecordedEvent

describe('notification events', () => {
  const catalogue = new EventCatalogue(notificationEventDefinitions)
  const sent = {
    notificationId: 'msg-e-1-email',
    kind: 'booking_confirmed',
    customerId: 'customer-1',
    causedByEventId: 'e-1',
    channel: 'email',
    to: 'jan@example.com',
    locale: 'pl',
    subject: 'Potwierdzenie',
    providerMessageId: 'm-1',
    sentAt: '2025-03-30T08:00:00.000Z',
    attempt: 1,
  }

  it('reads a version-1 event (booking only) as version 2 about the booking', () => {
    const event = catalogue.decode(recorded({ ...sent, bookingId: 'b-1' }, 1))
    const data = event.data as Record<string, unknown>
    assert.equal(data.subjectType, 'booking')
    assert.equal(data.subjectId, 'b-1')
    assert.equal('bookingId' in data, false)
  })

  it('writes version 2 with any subject, and refuses a kind nobody declared', () => {
    const encoded = catalogue.encode({
      type: 'NotificationSent',
      data: { ...sent, subjectType: 'workorder', subjectId: 'wo-1' },
    })
    assert.equal(encoded.schemaVersion, 2)
    assert.throws(
      () =>
        catalogue.encode({
          type: 'NotificationSent',
          data: { ...sent, kind: 'no_such_kind', subjectType: 'booking', subjectId: 'b-1' },
        }),
      /invalid NotificationSent/,
    )
  })

  it('keeps the booking streams’ version-1 names and names other subjects by type', () => {
    assert.equal(notificationStream({ type: 'booking', id: 'b-1' }), 'notification-b-1')
    assert.equal(notificationStream({ type: 'workorder', id: 'wo-1' }), 'notification-workorder-wo-1')
  })
})
