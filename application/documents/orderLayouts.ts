// The layouts of an order's documents: what each kind prints, from the order's and the equipment's
// state, in a locale, leaving out the optional parts the template hides (OPTIONAL_FIELDS).
import type { EquipmentState } from '../../domain/equipment/equipmentDecider.js'
import { lineNetMinor, vatMinor } from '../../domain/work-order/estimate.js'
import type { EstimateLineState, WorkOrderState } from '../../domain/work-order/workOrderState.js'
import { dateTime, km, money, percent } from './documentFormat.js'
import type { DocumentKind, Locale } from './documentKinds.js'
import { A4, type Block, type DocumentLayout, LABEL, type LogoImage } from './documentLayout.js'
import type { DocumentTemplateState } from './templateDecider.js'
import { type DocumentTexts, TEXTS } from './texts/documentTexts.js'

/** How the order was closed, from its closing event (the folded state keeps only the status). */
export interface OrderClosing {
  readonly receivedBy: string | null
  readonly mileageKm: number | null
  readonly note: string | null
  readonly signed: boolean
  readonly reason: string | null
  readonly at: string
}

export interface OrderDocumentInput {
  readonly order: WorkOrderState
  readonly closing: OrderClosing | null
  readonly equipment: EquipmentState | null
  readonly template: DocumentTemplateState
  readonly logo: LogoImage | null
  readonly locale: Locale
  readonly timeZone: string
}

interface Ctx extends OrderDocumentInput {
  readonly t: DocumentTexts
  readonly shown: (field: string) => boolean
  readonly when: (iso: string | null) => string
  readonly money: (minor: number, currency: string) => string
}

export function contextOf(input: OrderDocumentInput): Ctx {
  const hidden = new Set(input.template.hiddenFields)
  return {
    ...input,
    t: TEXTS[input.locale],
    shown: (field) => !hidden.has(field),
    when: (iso) => dateTime(iso, input.timeZone),
    money: (minor, currency) => money(minor, currency, input.locale),
  }
}

/** The frame every document shares: title, template texts and logo, page numbers. */
export function frame(
  ctx: Ctx,
  kind: DocumentKind,
  title: string,
  subtitle: string | null,
  blocks: Block[],
): DocumentLayout {
  return {
    format: kind === 'label' ? LABEL : A4,
    title,
    subtitle,
    header: kind === 'label' ? null : (ctx.template.header[ctx.locale] ?? null),
    footer: kind === 'label' ? null : (ctx.template.footer[ctx.locale] ?? null),
    logo: kind === 'label' ? null : ctx.logo,
    blocks,
    pageNumbering: kind === 'label' ? null : ctx.t.l.page,
    locale: ctx.locale,
  }
}

const orderSubtitle = (ctx: Ctx) => `${ctx.t.l.order} ${ctx.order.workOrderId} · ${ctx.when(ctx.order.openedAt)}`

function makeModel(ctx: Ctx): string {
  const e = ctx.equipment
  return e?.exists ? `${e.make} ${e.model}`.trim() : '—'
}

function customerBlocks(ctx: Ctx): Block[] {
  const c = ctx.order.customer
  const rows: Array<readonly [string, string]> = [[ctx.t.l.name, c?.name ?? '—']]
  if (ctx.shown('customerContact')) rows.push([ctx.t.l.phone, c?.phone ?? '—'], [ctx.t.l.email, c?.email ?? '—'])
  return [
    { kind: 'heading', text: ctx.t.l.customer },
    { kind: 'fields', rows },
  ]
}

function equipmentBlocks(ctx: Ctx, mileageKm: number | null | undefined): Block[] {
  const eq = ctx.order.equipment
  const rows: Array<readonly [string, string]> = [
    [ctx.t.l.equipmentId, eq?.equipmentId ?? '—'],
    [ctx.t.l.equipmentLabel, eq?.label || '—'],
    [ctx.t.l.makeModel, makeModel(ctx)],
  ]
  if (mileageKm !== undefined && ctx.shown('mileage')) rows.push([ctx.t.l.mileage, km(mileageKm, ctx.locale)])
  return [
    { kind: 'heading', text: ctx.t.l.equipment },
    { kind: 'fields', rows },
  ]
}

const currencyOf = (lines: ReadonlyArray<EstimateLineState>) =>
  lines[0]?.line.kind === 'labour' ? lines[0].line.hourlyRate.currency : (lines[0]?.line.unitPrice.currency ?? 'PLN')

function lineRows(ctx: Ctx, lines: ReadonlyArray<EstimateLineState>, withPrices: boolean, withDecision: boolean) {
  return lines.map((s) => {
    const l = s.line
    const qty = l.kind === 'labour' ? `${l.minutes} ${ctx.t.l.minutes}` : String(l.quantity)
    const net = lineNetMinor(l)
    const currency = l.kind === 'labour' ? l.hourlyRate.currency : l.unitPrice.currency
    const row = [l.description, qty]
    if (withPrices)
      row.push(
        ctx.money(net, currency),
        percent(l.vatRatePercent),
        ctx.money(net + vatMinor(net, l.vatRatePercent), currency),
      )
    if (withDecision) row.push(ctx.t.decisions[s.decision])
    return row
  })
}

function linesTable(
  ctx: Ctx,
  lines: ReadonlyArray<EstimateLineState>,
  withPrices: boolean,
  withDecision: boolean,
): Block {
  const columns: Array<{ title: string; width: number; align?: 'left' | 'right' }> = [
    { title: ctx.t.l.description, width: 6 },
    { title: ctx.t.l.quantity, width: 1.4, align: 'right' },
  ]
  if (withPrices)
    columns.push(
      { title: ctx.t.l.net, width: 2, align: 'right' },
      { title: ctx.t.l.vat, width: 1, align: 'right' },
      { title: ctx.t.l.gross, width: 2, align: 'right' },
    )
  if (withDecision) columns.push({ title: ctx.t.l.decision, width: 2.6 })
  return { kind: 'table', columns, rows: lineRows(ctx, lines, withPrices, withDecision) }
}

/** Net, VAT and gross of lines, per VAT rate and in total, in integer minor units. */
function totals(lines: ReadonlyArray<EstimateLineState>) {
  const byRate = new Map<number, number>()
  for (const s of lines)
    byRate.set(s.line.vatRatePercent, (byRate.get(s.line.vatRatePercent) ?? 0) + lineNetMinor(s.line))
  const rates = [...byRate.entries()]
    .sort(([a], [b]) => b - a)
    .map(([rate, net]) => ({ rate, net, vat: vatMinor(net, rate) }))
  const net = rates.reduce((s, r) => s + r.net, 0)
  const vat = rates.reduce((s, r) => s + r.vat, 0)
  return { rates, net, vat, gross: net + vat }
}

function totalsBlocks(ctx: Ctx, lines: ReadonlyArray<EstimateLineState>, breakdown: boolean): Block[] {
  const currency = currencyOf(lines)
  const sum = totals(lines)
  const blocks: Block[] = [
    {
      kind: 'fields',
      rows: [
        [`${ctx.t.l.total} ${ctx.t.l.net}`, ctx.money(sum.net, currency)],
        [`${ctx.t.l.total} ${ctx.t.l.vat}`, ctx.money(sum.vat, currency)],
        [`${ctx.t.l.total} ${ctx.t.l.gross}`, ctx.money(sum.gross, currency)],
      ],
    },
  ]
  if (breakdown && sum.rates.length > 0)
    blocks.push({
      kind: 'table',
      small: true,
      columns: [
        { title: ctx.t.l.vatRate, width: 1 },
        { title: ctx.t.l.net, width: 2, align: 'right' },
        { title: ctx.t.l.vat, width: 2, align: 'right' },
        { title: ctx.t.l.gross, width: 2, align: 'right' },
      ],
      rows: sum.rates.map((r) => [
        percent(r.rate),
        ctx.money(r.net, currency),
        ctx.money(r.vat, currency),
        ctx.money(r.net + r.vat, currency),
      ]),
    })
  return blocks
}

function problemsBlocks(ctx: Ctx): Block[] {
  const problems = Object.values(ctx.order.problems)
  if (!ctx.shown('problems') || problems.length === 0) return []
  return [
    { kind: 'heading', text: ctx.t.l.problems },
    {
      kind: 'table',
      columns: [
        { title: ctx.t.l.description, width: 4 },
        { title: ctx.t.l.cause, width: 3 },
        { title: ctx.t.l.note, width: 4 },
      ],
      rows: problems.map((p) => [p.defectLabel, p.causeLabel ?? '—', p.note ?? '']),
    },
  ]
}

function signatureBlock(ctx: Ctx, signed: { name: string; at: string } | null): Block {
  return {
    kind: 'signatures',
    boxes: [
      {
        label: ctx.t.l.customerSignature,
        note: signed ? `${ctx.t.l.signedElectronically}: ${signed.name}, ${ctx.when(signed.at)}` : null,
      },
      { label: ctx.t.l.staffSignature, note: null },
    ],
  }
}

function intake(ctx: Ctx): DocumentLayout {
  const o = ctx.order
  const i = o.intake
  const orderRows: Array<readonly [string, string]> = [
    [ctx.t.l.order, o.workOrderId],
    [ctx.t.l.point, o.pointId],
    [ctx.t.l.openedAt, ctx.when(o.openedAt)],
  ]
  if (ctx.shown('promisedAt')) orderRows.push([ctx.t.l.promisedAt, ctx.when(o.promisedAt)])
  const intakeRows: Array<readonly [string, string]> = []
  if (ctx.shown('conditionNotes')) intakeRows.push([ctx.t.l.condition, i?.conditionNotes || '—'])
  if (ctx.shown('accessories')) intakeRows.push([ctx.t.l.accessories, i?.accessories.join(', ') || '—'])
  intakeRows.push([ctx.t.l.customerDescription, i?.customerDescription || '—'])
  if (ctx.shown('photos')) intakeRows.push([ctx.t.l.photos, String(i?.photos.length ?? 0)])
  const blocks: Block[] = [
    { kind: 'fields', rows: orderRows },
    ...customerBlocks(ctx),
    ...equipmentBlocks(ctx, i?.mileageKm ?? null),
    { kind: 'heading', text: ctx.t.titles.intake_protocol },
    { kind: 'fields', rows: intakeRows },
  ]
  if (ctx.shown('signature'))
    blocks.push(signatureBlock(ctx, o.signature ? { name: o.signature.signerName, at: o.signature.signedAt } : null))
  return frame(ctx, 'intake_protocol', ctx.t.titles.intake_protocol, orderSubtitle(ctx), blocks)
}

function estimate(ctx: Ctx): DocumentLayout {
  const o = ctx.order
  const rows: Array<readonly [string, string]> = [
    [ctx.t.l.order, o.workOrderId],
    [ctx.t.l.estimateRevision, String(o.revision)],
    [ctx.t.l.status, ctx.t.statuses[o.status] ?? o.status],
  ]
  if (ctx.shown('expiry') && o.access) rows.push([ctx.t.l.validUntil, ctx.when(o.access.expiresAt)])
  const blocks: Block[] = [
    { kind: 'fields', rows },
    ...customerBlocks(ctx),
    ...equipmentBlocks(ctx, undefined),
    ...problemsBlocks(ctx),
    { kind: 'heading', text: ctx.t.l.estimate },
    linesTable(ctx, o.lines, true, true),
    ...totalsBlocks(ctx, o.lines, ctx.shown('vatBreakdown')),
  ]
  if (ctx.shown('photos'))
    blocks.push({
      kind: 'paragraph',
      small: true,
      text: `${ctx.t.l.photos}: ${o.estimatePhotos.length + o.lines.reduce((n, l) => n + l.line.photos.length, 0)}`,
    })
  return frame(ctx, 'estimate', ctx.t.titles.estimate, orderSubtitle(ctx), blocks)
}

function workOrder(ctx: Ctx): DocumentLayout {
  const o = ctx.order
  const blocks: Block[] = [
    {
      kind: 'fields',
      rows: [
        [ctx.t.l.order, o.workOrderId],
        [ctx.t.l.point, o.pointId],
        [ctx.t.l.status, ctx.t.statuses[o.status] ?? o.status],
        [ctx.t.l.promisedAt, ctx.when(o.promisedAt)],
      ],
    },
    ...customerBlocks(ctx),
    ...equipmentBlocks(ctx, o.intake?.mileageKm ?? null),
  ]
  const technicians = Object.values(o.technicians).map((t) => t.name)
  if (ctx.shown('technicians') && technicians.length > 0)
    blocks.push({ kind: 'fields', rows: [[ctx.t.l.technicians, technicians.join(', ')]] })
  blocks.push(...problemsBlocks(ctx))
  if (ctx.shown('checklists'))
    for (const { checklist, results } of Object.values(o.checklists)) {
      blocks.push({ kind: 'heading', text: `${ctx.t.l.checklist}: ${checklist.name}` })
      blocks.push({
        kind: 'table',
        columns: [
          { title: ctx.t.l.description, width: 5 },
          { title: ctx.t.l.result, width: 2 },
          { title: ctx.t.l.measurement, width: 2 },
          { title: ctx.t.l.note, width: 4 },
        ],
        rows: checklist.items.map((item) => {
          const r = results[item.itemId]
          return [
            item.label,
            r?.result ?? '—',
            r?.measurement ? `${r.measurement.value} ${r.measurement.unit}` : '',
            r?.note ?? '',
          ]
        }),
      })
    }
  const approved = o.lines.filter((l) => l.decision === 'approved')
  blocks.push({ kind: 'heading', text: ctx.t.l.servicesDone }, linesTable(ctx, approved, ctx.shown('prices'), false))
  if (ctx.shown('prices') && approved.length > 0) blocks.push(...totalsBlocks(ctx, approved, false))
  if (ctx.shown('labour') && o.labour.length > 0)
    blocks.push(
      { kind: 'heading', text: ctx.t.l.labour },
      {
        kind: 'table',
        small: true,
        columns: [
          { title: ctx.t.l.technicians, width: 3 },
          { title: ctx.t.l.when, width: 4 },
          { title: ctx.t.l.minutes, width: 1, align: 'right' },
        ],
        rows: o.labour.map((l) => [
          o.technicians[l.technicianId]?.name ?? l.technicianId,
          `${ctx.when(l.startedAt)} – ${ctx.when(l.endedAt)}`,
          String(l.minutes),
        ]),
      },
    )
  if (ctx.shown('parts')) {
    const parts = approved.filter((l) => l.line.kind === 'part')
    if (parts.length > 0)
      blocks.push(
        { kind: 'heading', text: ctx.t.l.parts },
        {
          kind: 'table',
          small: true,
          columns: [
            { title: ctx.t.l.sku, width: 2 },
            { title: ctx.t.l.description, width: 5 },
            { title: ctx.t.l.quantity, width: 1, align: 'right' },
          ],
          rows: parts.map((p) =>
            p.line.kind === 'part' ? [p.line.sku, p.line.description, String(p.line.quantity)] : [],
          ),
        },
      )
  }
  if (ctx.shown('log') && o.log.length > 0)
    blocks.push(
      { kind: 'heading', text: ctx.t.l.log },
      {
        kind: 'table',
        small: true,
        columns: [
          { title: ctx.t.l.when, width: 2 },
          { title: ctx.t.l.who, width: 2 },
          { title: ctx.t.l.description, width: 6 },
        ],
        rows: o.log.map((e) => [ctx.when(e.at), e.author.id, e.text]),
      },
    )
  return frame(ctx, 'work_order', ctx.t.titles.work_order, orderSubtitle(ctx), blocks)
}

function handover(ctx: Ctx): DocumentLayout {
  const o = ctx.order
  const protocol = ctx.closing
  const returnReason = o.status === 'handed_over' ? null : (protocol?.reason ?? null)
  const returned = returnReason !== null
  const title = returned ? ctx.t.titles.return_protocol : ctx.t.titles.handover_protocol
  const rows: Array<readonly [string, string]> = [
    [ctx.t.l.order, o.workOrderId],
    [ctx.t.l.status, ctx.t.statuses[o.status] ?? o.status],
    [ctx.t.l.handedOverAt, ctx.when(protocol?.at ?? null)],
    [ctx.t.l.handedOverTo, protocol?.receivedBy ?? '—'],
  ]
  if (returned) rows.push([ctx.t.l.returnReason, returnReason])
  if (protocol?.note) rows.push([ctx.t.l.note, protocol.note])
  const blocks: Block[] = [
    { kind: 'fields', rows },
    ...customerBlocks(ctx),
    ...equipmentBlocks(ctx, protocol?.mileageKm ?? null),
  ]
  const approved = o.lines.filter((l) => l.decision === 'approved')
  if (ctx.shown('lines') && approved.length > 0) {
    blocks.push({ kind: 'heading', text: ctx.t.l.servicesDone }, linesTable(ctx, approved, ctx.shown('prices'), false))
    if (ctx.shown('prices')) blocks.push(...totalsBlocks(ctx, approved, false))
  }
  const declined = o.lines.filter((l) => l.decision === 'declined')
  if (ctx.shown('recommendations') && declined.length > 0)
    blocks.push({ kind: 'heading', text: ctx.t.l.recommendations }, linesTable(ctx, declined, false, false))
  if (ctx.shown('signature'))
    blocks.push(signatureBlock(ctx, protocol?.signed ? { name: protocol.receivedBy ?? '', at: protocol.at } : null))
  return frame(ctx, 'handover_protocol', title, orderSubtitle(ctx), blocks)
}

function serviceConfirmation(ctx: Ctx): DocumentLayout {
  const o = ctx.order
  const blocks: Block[] = [
    {
      kind: 'fields',
      rows: [
        [ctx.t.l.order, o.workOrderId],
        [ctx.t.l.point, o.pointId],
        [ctx.t.l.status, ctx.t.statuses[o.status] ?? o.status],
      ],
    },
    ...customerBlocks(ctx),
    ...equipmentBlocks(ctx, o.intake?.mileageKm ?? null),
  ]
  const approved = o.lines.filter((l) => l.decision === 'approved')
  if (ctx.shown('lines'))
    blocks.push({ kind: 'heading', text: ctx.t.l.servicesDone }, linesTable(ctx, approved, false, false))
  const eq = ctx.equipment
  if (ctx.shown('treadDepths') && eq?.exists) {
    const readings = Object.values(eq.tyres).flatMap((t) =>
      t.readings.filter((r) => r.workOrderId === o.workOrderId).map((r) => ({ ...r, tyre: t.tyre })),
    )
    if (readings.length > 0)
      blocks.push(
        { kind: 'heading', text: ctx.t.l.treadDepths },
        {
          kind: 'table',
          columns: [
            { title: ctx.t.l.position, width: 1 },
            { title: ctx.t.l.tyres, width: 5 },
            { title: ctx.t.l.depth, width: 1.5, align: 'right' },
            { title: ctx.t.l.when, width: 2.5 },
          ],
          rows: readings
            .sort((a, b) => a.position.localeCompare(b.position))
            .map((r) => [r.position, `${r.tyre.brand} ${r.tyre.size}`, `${r.depthMm} mm`, ctx.when(r.at)]),
        },
      )
  }
  if (ctx.shown('tyres') && eq?.exists) {
    const mounted = Object.values(eq.tyres).filter((t) => t.position !== null)
    if (mounted.length > 0)
      blocks.push(
        { kind: 'heading', text: ctx.t.l.tyres },
        {
          kind: 'table',
          small: true,
          columns: [
            { title: ctx.t.l.position, width: 1 },
            { title: ctx.t.l.description, width: 5 },
            { title: 'DOT', width: 1.5 },
          ],
          rows: mounted
            .sort((a, b) => String(a.position).localeCompare(String(b.position)))
            .map((t) => [
              String(t.position),
              `${t.tyre.brand}${t.tyre.model ? ` ${t.tyre.model}` : ''} ${t.tyre.size} (${t.tyre.season})`,
              t.tyre.dot ? `${t.tyre.dot.week}/${t.tyre.dot.year}` : '—',
            ]),
        },
      )
  }
  blocks.push({ kind: 'paragraph', text: ctx.t.l.confirmation }, signatureBlock(ctx, null))
  return frame(ctx, 'service_confirmation', ctx.t.titles.service_confirmation, orderSubtitle(ctx), blocks)
}

export function labelLayout(
  ctx: Ctx,
  equipment: { equipmentId: string; label: string; makeModel: string; owner: string | null },
  orderId: string | null,
): DocumentLayout {
  const lines = [equipment.label]
  if (ctx.shown('makeModel')) lines.push(equipment.makeModel)
  if (ctx.shown('equipmentLabel')) lines.push(equipment.equipmentId)
  if (ctx.shown('orderNumber') && orderId) lines.push(`${ctx.t.l.order} ${orderId}`)
  if (ctx.shown('owner') && equipment.owner) lines.push(equipment.owner)
  return frame(ctx, 'label', ctx.t.titles.label, null, [{ kind: 'qr', data: equipment.equipmentId, sizeMm: 36, lines }])
}

export type OrderDocumentKind = Exclude<DocumentKind, 'audit_report'>

export function orderLayout(kind: OrderDocumentKind, input: OrderDocumentInput): DocumentLayout {
  const ctx = contextOf(input)
  const o = input.order
  switch (kind) {
    case 'intake_protocol':
      return intake(ctx)
    case 'estimate':
      return estimate(ctx)
    case 'work_order':
      return workOrder(ctx)
    case 'handover_protocol':
      return handover(ctx)
    case 'service_confirmation':
      return serviceConfirmation(ctx)
    case 'label': {
      const owner = o.customer?.name ?? null
      return labelLayout(
        ctx,
        {
          equipmentId: o.equipment?.equipmentId ?? '',
          label: o.equipment?.label ?? '',
          makeModel: makeModel(ctx),
          owner,
        },
        o.workOrderId,
      )
    }
  }
}
