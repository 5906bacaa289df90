// Documents end to end: orders written through the deciders, PDFs fetched over HTTP and read back
// with pdftotext (Polish, Romanian and Cyrillic text intact), labels whose QR code decodes to the
// equipment id, head office changing a template (texts, hidden parts, logo) without a code change,
// the audit report with the chain's verdict, and who may print what.
import assert from 'node:assert/strict'
import request from 'supertest'
import { auditModule } from '../../../api/audit/auditRoutes.js'
import { documentsModule } from '../../../api/documents/documentRoutes.js'
import { AuditService } from '../../../application/audit/streamAudit.js'
import { documentStoreAssets } from '../../../application/documents/documentAssets.js'
import { DocumentService } from '../../../application/documents/documentService.js'
import type { EventStore, RecordedEvent } from '../../../application/ports/eventStore.js'
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
import { decodeQrCodes, pdfText } from '../../unit/pdf/pdfTools.js'
import { type Cast, type TestApi, testApi } from '../api/support/testApi.js'

const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='

const catalogue = workshopCatalogue()
const renderer = new PdfLibRenderer()

function appModules(store: EventStore) {
  const audit = new AuditService(store, catalogue)
  const documents = new DocumentService({
    store,
    catalogue,
    renderer,
    assets: documentStoreAssets(new MemoryDocumentStore()),
    audit,
    clock: () => new Date('2026-11-26T08:00:00.000Z'),
  })
  return [documentsModule(documents), auditModule(audit, documents)]
}

describe('documents API', function () {
  this.timeout(30_000)
  let api: TestApi
  let store: MemoryEventStore

  before(async () => {
    store = new MemoryEventStore()
    const r = new Recorder(store, catalogue)
    await receiveParts(r, 'p1')
    await registerCar(r, { equipmentId: 'car-1', owner: { kind: 'customer', customerId: 'c1' } })
    await registerCar(r, { equipmentId: 'car-2', plate: 'WI7777X', owner: { kind: 'customer', customerId: 'c9' } })
    await completeOrder(r, { workOrderId: 'wo-1', equipmentId: 'car-1', mileageKm: 100_000 })
    await completeOrder(r, {
      workOrderId: 'wo-2',
      equipmentId: 'car-2',
      customerId: 'c9',
      customerName: 'Ștefan Țurcanu, Иван Петров',
      mileageKm: 5_000,
    })
    api = await testApi({ modules: appModules(store) })
  })

  const get = (path: string, who?: Cast) => {
    const r = request(api.app)
      .get(path)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => cb(null, Buffer.concat(chunks)))
      })
    return who ? r.set('Authorization', api.bearer(who)) : r
  }
  const pdf = async (path: string, who: Cast = 'head_office') => {
    const res = await get(path, who)
    assert.equal(res.status, 200, `${path}: ${res.body.toString()}`)
    assert.equal(res.headers['content-type'], 'application/pdf')
    return new Uint8Array(res.body as Buffer)
  }
  const text = async (path: string, who: Cast = 'head_office') =>
    (await pdfText(await pdf(path, who))).replace(/\s+/g, ' ')

  it('renders every order document in Polish with its diacritics intact', async () => {
    const intake = await text('/documents/orders/wo-1/intake-protocol.pdf')
    for (const expected of [
      'Protokół przyjęcia',
      'Zażółć Gęślą-Jaźń', // ą ć ę ł ń ó ś ź ż
      'Rysa na tylnym zderzaku, wgniecenie na błotniku',
      'klucz do śrub zabezpieczających',
      '100 000 km',
      'Podpisano elektronicznie: Zażółć Gęślą-Jaźń',
    ])
      assert.ok(intake.includes(expected), `intake protocol lacks ${expected}: ${intake}`)
    for (const letter of 'ąćęłńóśźż') assert.ok(intake.includes(letter), letter)

    const estimate = await text('/documents/orders/wo-1/estimate.pdf')
    for (const expected of [
      'Kosztorys',
      'Wymiana klocków przód',
      'zaakceptowano',
      'odrzucono',
      'Zużyte klocki hamulcowe',
    ])
      assert.ok(estimate.includes(expected), `estimate lacks ${expected}: ${estimate}`)
    assert.match(estimate, /189,99 PLN/)

    const workOrder = await text('/documents/orders/wo-1/work-order.pdf')
    for (const expected of ['Zlecenie naprawy', 'Łukasz Wiśniewski', 'Głębokość bieżnika', 'BRK-PAD-F'])
      assert.ok(workOrder.includes(expected), `work order lacks ${expected}: ${workOrder}`)

    const handover = await text('/documents/orders/wo-1/handover-protocol.pdf')
    for (const expected of [
      'Protokół wydania',
      'Odebrano bez zastrzeżeń',
      'Zalecenia na kolejną wizytę',
      'Wyważanie czterech kół',
    ])
      assert.ok(handover.includes(expected), `handover lacks ${expected}: ${handover}`)

    const confirmation = await text('/documents/orders/wo-1/service-confirmation.pdf')
    for (const expected of ['Potwierdzenie wykonania usługi oponiarskiej', '5.5 mm', 'Dębica', 'FL'])
      assert.ok(confirmation.includes(expected), `confirmation lacks ${expected}: ${confirmation}`)
  })

  it('renders in Romanian and Russian: ș ț and Cyrillic come back intact', async () => {
    const ro = await text('/documents/orders/wo-2/work-order.pdf?locale=ro')
    for (const expected of ['Comandă de reparație', 'Ștefan Țurcanu', 'Иван Петров', 'Marcă și model', 'Kilometraj'])
      assert.ok(ro.includes(expected), `ro lacks ${expected}: ${ro}`)
    const roConfirmation = await text('/documents/orders/wo-2/service-confirmation.pdf?locale=ro')
    assert.ok(roConfirmation.includes('Adâncimea profilului'), roConfirmation)
    const ru = await text('/documents/orders/wo-2/intake-protocol.pdf?locale=ru')
    for (const expected of ['Акт приёма', 'Подпись клиента', 'Иван Петров'])
      assert.ok(ru.includes(expected), `ru lacks ${expected}: ${ru}`)
    const en = await text('/documents/orders/wo-2/handover-protocol.pdf?locale=en')
    assert.ok(en.includes('Handover protocol'), en)
    const bad = await get('/documents/orders/wo-2/estimate.pdf?locale=de', 'head_office')
    assert.equal(bad.status, 400)
  })

  it('prints labels whose QR code decodes to the equipment id', async () => {
    const byOrder = await pdf('/documents/orders/wo-1/label.pdf', 'employee_p1')
    assert.deepEqual(await decodeQrCodes(byOrder, 300), ['car-1'])
    const labelText = await pdfText(byOrder)
    assert.ok(labelText.includes('DW1AB23') && labelText.includes('Škoda Octavia'), labelText)
    const byEquipment = await pdf('/documents/equipment/car-2/label.pdf', 'employee_p2')
    assert.deepEqual(await decodeQrCodes(byEquipment, 300), ['car-2'])
  })

  it('lets each role print only what the rules give it', async () => {
    const cases: Array<[string, Cast | null, number, string?]> = [
      ['/documents/orders/wo-1/intake-protocol.pdf', 'customer', 200],
      ['/documents/orders/wo-1/work-order.pdf', 'customer', 403, 'ROLE_NOT_ALLOWED'],
      ['/documents/orders/wo-2/intake-protocol.pdf', 'customer', 403, 'TENANT_ACCESS_DENIED'],
      ['/documents/orders/wo-1/estimate.pdf', 'manager_p2', 403, 'TENANT_ACCESS_DENIED'],
      ['/documents/orders/wo-1/label.pdf', 'fleet_manager_f1', 403, 'ROLE_NOT_ALLOWED'],
      ['/documents/orders/wo-1/estimate.pdf', 'fleet_manager_f1', 403, 'TENANT_ACCESS_DENIED'],
      ['/documents/orders/nope/estimate.pdf', 'head_office', 404, 'WORK_ORDER_NOT_FOUND'],
      ['/documents/equipment/ghost/label.pdf', 'employee_p1', 404, 'EQUIPMENT_NOT_FOUND'],
      ['/documents/orders/wo-1/estimate.pdf', null, 401],
      ['/audit/orders/wo-1/report.pdf', 'employee_p1', 403, 'ROLE_NOT_ALLOWED'],
      ['/audit/orders/wo-1/report.pdf', 'manager_p2', 403, 'TENANT_ACCESS_DENIED'],
      ['/audit/orders/nope/report.pdf', 'head_office', 404, 'WORK_ORDER_NOT_FOUND'],
    ]
    for (const [path, who, status, code] of cases) {
      const res = await get(path, who ?? undefined)
      assert.equal(res.status, status, `${who} ${path}`)
      if (code) assert.equal(JSON.parse(res.body.toString()).code, code, `${who} ${path}`)
    }
  })

  it('head office adjusts a template without a code change: texts, hidden parts, logo; all on the audit trail', async () => {
    const put = (path: string, body: unknown, who: Cast = 'head_office') =>
      request(api.app)
        .put(path)
        .set('Authorization', api.bearer(who))
        .send(body as object)
    const set = await put('/documents/templates/intake_protocol', {
      header: { pl: 'Sieć Opon Łódź — ul. Źródlana 7', en: 'Tyre Network Łódź' },
      footer: { pl: 'Dziękujemy za wizytę' },
      hiddenFields: ['customerContact', 'accessories'],
    })
    assert.equal(set.status, 200, JSON.stringify(set.body))
    assert.deepEqual(set.body.hiddenFields, ['accessories', 'customerContact'])
    const intake = await text('/documents/orders/wo-1/intake-protocol.pdf')
    assert.ok(intake.includes('Sieć Opon Łódź — ul. Źródlana 7'), intake)
    assert.ok(intake.includes('Dziękujemy za wizytę'), intake)
    assert.ok(!intake.includes('+48600100200'), 'the phone is hidden')
    assert.ok(!intake.includes('klucz do śrub'), 'accessories are hidden')
    assert.ok((await text('/documents/orders/wo-1/intake-protocol.pdf?locale=en')).includes('Tyre Network Łódź'))

    const invalid = await put('/documents/templates/intake_protocol', {
      header: {},
      footer: {},
      hiddenFields: ['prices'],
    })
    assert.equal(invalid.status, 422)
    assert.equal(invalid.body.code, 'DOCUMENT_TEMPLATE_INVALID')
    assert.equal((await put('/documents/templates/leaflet', { header: {}, footer: {}, hiddenFields: [] })).status, 400)
    const forbidden = await put(
      '/documents/templates/estimate',
      { header: {}, footer: {}, hiddenFields: [] },
      'manager_p1',
    )
    assert.equal(forbidden.status, 403)

    const logo = await put('/documents/templates/intake_protocol/logo', { base64: PNG_1X1 })
    assert.equal(logo.status, 200, JSON.stringify(logo.body))
    assert.match(logo.body.logo.sha256, /^[0-9a-f]{64}$/)
    const withLogo = Buffer.from(await pdf('/documents/orders/wo-1/intake-protocol.pdf'))
    assert.ok(withLogo.includes(Buffer.from('/Subtype /Image')), 'the logo is drawn')
    const notImage = await put('/documents/templates/intake_protocol/logo', {
      base64: Buffer.from('<svg/>').toString('base64'),
    })
    assert.equal(notImage.status, 422)
    const removed = await request(api.app)
      .delete('/documents/templates/intake_protocol/logo')
      .set('Authorization', api.bearer('head_office'))
    assert.equal(removed.body.logo, null)

    const list = await request(api.app).get('/documents/templates').set('Authorization', api.bearer('head_office'))
    assert.equal(list.body.templates.length, 7)
    const trail = await request(api.app)
      .get('/audit/streams/documenttemplate-intake_protocol/history')
      .set('Authorization', api.bearer('head_office'))
    assert.deepEqual(
      trail.body.events.map((e: { type: string; actor: { role: string } }) => [e.type, e.actor.role]),
      [
        ['DocumentTemplateTextsSet', 'head_office'],
        ['DocumentTemplateLogoSet', 'head_office'],
        ['DocumentTemplateLogoSet', 'head_office'],
      ],
    )
  })

  it('prints the audit report with the whole history, the verdict and the head hash; a tampered log says where', async () => {
    const history = (
      await request(api.app)
        .get('/audit/streams/workorder-wo-1/history')
        .set('Authorization', api.bearer('head_office'))
    ).body
    const report = await text('/audit/orders/wo-1/report.pdf', 'manager_p1')
    assert.ok(report.includes('Raport audytowy zlecenia'), report)
    assert.ok(report.includes('Łańcuch nienaruszony'), report)
    assert.ok(report.includes(history.head.hash.slice(0, 16)), 'the head hash is printed')
    assert.ok(report.includes('EstimateLinesDecided') && report.includes('access-code (customer)'))
    assert.ok(report.includes('"Zażółć Gęślą-Jaźń"'), 'event data as stored')

    const decided = history.events.find((e: { type: string }) => e.type === 'EstimateLinesDecided')
    const tampered: EventStore = Object.create(store)
    tampered.readStream = async function* (streamId, options) {
      for await (const e of store.readStream(streamId, options))
        yield e.streamId === 'workorder-wo-1' && e.revision === decided.revision
          ? ({ ...e, data: JSON.parse(JSON.stringify(e.data).replace('"declined"', '"approved"')) } as RecordedEvent)
          : e
    }
    const edited = await testApi({ modules: appModules(tampered) })
    const res = await request(edited.app)
      .get('/audit/orders/wo-1/report.pdf?locale=en')
      .set('Authorization', edited.bearer('head_office'))
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = []
        r.on('data', (c: Buffer) => chunks.push(c))
        r.on('end', () => cb(null, Buffer.concat(chunks)))
      })
    assert.equal(res.status, 200)
    const brokenText = (await pdfText(new Uint8Array(res.body as Buffer))).replace(/\s+/g, ' ')
    assert.ok(brokenText.includes(`Chain BROKEN from event #${decided.revision} (EstimateLinesDecided`), brokenText)
  })
})
