// Documents print times on the wall clock of the order's service point (its ServicePoint zone),
// not one zone for the whole network: an order of a point in New York prints its opening time in
// New York time, on the intake protocol and in the audit report; an order whose point is unknown
// falls back to the network default (Europe/Warsaw). Read back from the PDFs with pdftotext.
import assert from 'node:assert/strict'
import { AuditService } from '../../../application/audit/streamAudit.js'
import { documentStoreAssets } from '../../../application/documents/documentAssets.js'
import { DocumentService } from '../../../application/documents/documentService.js'
import type { RecordedEvent } from '../../../application/ports/eventStore.js'
import { NetworkReader } from '../../../application/serviceNetwork/networkReader.js'
import type { Principal } from '../../../domain/access/principal.js'
import { servicePointDecider, servicePointStream } from '../../../domain/service-network/servicePointDecider.js'
import { workOrderStream } from '../../../domain/work-order/workOrderDecider.js'
import { MemoryDocumentStore } from '../../../infrastructure/documents/memory/memoryDocumentStore.js'
import { MemoryEventStore } from '../../../infrastructure/event-store/memory/memoryEventStore.js'
import { PdfLibRenderer } from '../../../infrastructure/pdf/pdfLibRenderer.js'
import {
  completeOrder,
  Recorder,
  receiveParts,
  registerCar,
  workshopCatalogue,
} from '../../unit/audit/support/workshop.js'
import { pdfText } from '../../unit/pdf/pdfTools.js'
import { pointInput } from '../booking/support/networkFixture.js'

const headOffice = { id: 'hq', role: 'head_office', tenant: { scope: 'network' } } as Principal

describe('documents print times in the service point’s time zone', function () {
  this.timeout(30_000)
  const catalogue = workshopCatalogue()
  const store = new MemoryEventStore()
  let documents: DocumentService
  let openedAt: string

  before(async () => {
    const r = new Recorder(store, catalogue, '2026-03-02T14:30:00.000Z')
    // A point in New York (UTC-5 on 2 March 2026), created through the service-point decider.
    await r.run(
      servicePointDecider,
      servicePointStream('p-ny'),
      {
        kind: 'CreateServicePoint',
        ...pointInput('p-ny', 'New York', 40.71, -74.0, null),
        pointId: 'p-ny',
        timeZone: 'America/New_York',
        networkId: 'main',
        actor: { id: 'hq', role: 'head_office' },
      },
      { id: 'hq', role: 'head_office' },
    )
    await receiveParts(r, 'p-ny')
    await registerCar(r, { equipmentId: 'car-ny' })
    await completeOrder(r, { workOrderId: 'wo-ny', equipmentId: 'car-ny', pointId: 'p-ny', mileageKm: 1_000 })
    // An order of a point this log knows nothing about.
    await receiveParts(r, 'p-unknown')
    await registerCar(r, { equipmentId: 'car-x', plate: 'WX12345' })
    await completeOrder(r, { workOrderId: 'wo-x', equipmentId: 'car-x', pointId: 'p-unknown', mileageKm: 2_000 })
    const opened = async (orderId: string) => {
      for await (const e of store.readStream(workOrderStream(orderId)))
        if (e.type === 'WorkOrderOpened') return (e as RecordedEvent).data as { openedAt: string }
      throw new Error(`no WorkOrderOpened in ${orderId}`)
    }
    openedAt = (await opened('wo-ny')).openedAt
    assert.equal((await opened('wo-x')).openedAt.slice(0, 10), '2026-03-02')
    const reader = new NetworkReader({ store, catalogue })
    documents = new DocumentService({
      store,
      catalogue,
      renderer: new PdfLibRenderer(),
      assets: documentStoreAssets(new MemoryDocumentStore()),
      audit: new AuditService(store, catalogue),
      // As composition wires it.
      pointTimeZone: async (pointId) => {
        const point = await reader.point(pointId)
        return point.status === 'none' ? null : point.timeZone
      },
      clock: () => new Date('2026-03-03T12:00:00.000Z'),
    })
  })

  const minute = () => openedAt.slice(14, 16)
  const text = async (
    rendered:
      | Awaited<ReturnType<DocumentService['orderDocument']>>
      | Awaited<ReturnType<DocumentService['auditReport']>>,
  ) => {
    assert.ok(rendered._tag === 'Right', JSON.stringify(rendered))
    return pdfText(rendered.right.bytes)
  }

  it('the intake protocol of a New York order shows its opening on New York’s wall clock', async () => {
    // 14:mm UTC is 09:mm in New York (UTC-5 before its DST on 8 March) and 15:mm in Warsaw (UTC+1).
    assert.match(openedAt, /^2026-03-02T14:\d\d:00\.000Z$/)
    const pdf = await text(await documents.orderDocument(headOffice, 'intake_protocol', 'wo-ny', 'en'))
    assert.ok(pdf.includes(`2026-03-02 09:${minute()}`), pdf)
    assert.ok(!pdf.includes(`2026-03-02 15:${minute()}`), pdf)
  })

  it('so does the audit report, for every event of the order', async () => {
    const pdf = await text(await documents.auditReport(headOffice, 'wo-ny', 'en'))
    assert.ok(pdf.includes(`2026-03-02 09:${minute()}`), pdf)
    assert.doesNotMatch(pdf, /2026-03-02 1[5-9]:\d\d/, 'no time printed on Warsaw’s clock')
  })

  it('an order of a point with no known zone prints on the network’s default clock (Europe/Warsaw)', async () => {
    const pdf = await text(await documents.orderDocument(headOffice, 'intake_protocol', 'wo-x', 'en'))
    assert.match(pdf, /2026-03-02 1[5-9]:\d\d/)
  })
})
