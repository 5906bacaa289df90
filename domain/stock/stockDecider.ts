// The stock of one service point (stream `stock-<pointId>`, see events.ts for why per point).
// Per sku: onHand (physically at the point) and reserved (held for orders); available = onHand −
// reserved is what can be promised. Issuing takes an order's own reservation first, then free stock.
//
// Refusals are values with stable codes:
//   invalid   STOCK_INVALID (with the failing fields)
//   conflict  INSUFFICIENT_STOCK (with `shortages`: sku, requested, available), STOCK_DOCUMENT_EXISTS,
//             RELEASE_EXCEEDS_RESERVATION, RETURN_EXCEEDS_ISSUED
import { type Either, left, right } from 'fp-ts/lib/Either.js'
import { type BucketMap, bucketDelete, bucketGet, bucketHas, bucketSet, emptyBucketMap } from '../shared/bucketMap.js'
import { type Decider, type DomainError, domainError } from '../shared/decider.js'
import { parseInstant } from '../shared/localTime.js'
import { moneyProblems } from '../shared/money.js'
import { type FieldProblem, nonBlank, validId } from '../shared/validation.js'
import type { StockCommand } from './commands.js'
import type { StockEvent, StockLine } from './events.js'

export const stockStream = (pointId: string): string => `stock-${pointId}`

export interface StockItem {
  readonly onHand: number
  readonly reserved: number
  readonly minimum: number
}

type Quantities = Readonly<Record<string, number>>

// Bucketed maps: the state grows with the stream (skus, orders, documents), and each event should
// cost the same to fold after a year as on the first day (see shared/bucketMap.ts).
export interface StockState {
  readonly pointId: string
  /** By sku. */
  readonly items: BucketMap<StockItem>
  /** What each order holds (by workOrderId), per sku. */
  readonly reservations: BucketMap<Quantities>
  /** Issued and not returned, per holder (`order:<id>` or `technician:<id>`), per sku. */
  readonly issued: BucketMap<Quantities>
  /** Receipt, issue, return and adjustment ids booked so far: a document is booked once. */
  readonly documents: BucketMap<true>
}

export const initialStockState: StockState = {
  pointId: '',
  items: emptyBucketMap(),
  reservations: emptyBucketMap(),
  issued: emptyBucketMap(),
  documents: emptyBucketMap(),
}

export interface Shortage {
  readonly sku: string
  readonly requested: number
  readonly available: number
}

/** INSUFFICIENT_STOCK carries what is available, so the caller can offer it or order more. */
export type InsufficientStockError = DomainError & { readonly shortages: ReadonlyArray<Shortage> }

const NO_ITEM: StockItem = { onHand: 0, reserved: 0, minimum: 0 }
export const itemOf = (state: StockState, sku: string): StockItem => bucketGet(state.items, sku) ?? NO_ITEM
/** What an order holds, per sku. */
export const reservedFor = (state: StockState, workOrderId: string): Quantities =>
  bucketGet(state.reservations, workOrderId) ?? {}
export const availableOf = (state: StockState, sku: string): number => {
  const item = itemOf(state, sku)
  return item.onHand - item.reserved
}

const holderOf = (workOrderId: string | null, technicianId: string): string =>
  workOrderId === null ? `technician:${technicianId}` : `order:${workOrderId}`

type Decision = Either<DomainError, ReadonlyArray<StockEvent>>
const MAX_QUANTITY = 100_000

const invalid = (problems: FieldProblem[]): Decision =>
  left(domainError('invalid', 'STOCK_INVALID', 'the stock command is invalid', problems))
const conflict = (code: string, message: string): Decision => left(domainError('conflict', code, message))

function linesProblems(lines: ReadonlyArray<{ sku: string; quantity: number }>, path = 'lines'): FieldProblem[] {
  const p: FieldProblem[] = []
  if (lines.length === 0) p.push({ path, message: 'must have at least one line' })
  if (new Set(lines.map((l) => l.sku)).size !== lines.length) p.push({ path, message: 'must name each sku once' })
  lines.forEach((l, i) => {
    p.push(...nonBlank(l.sku, `${path}[${i}].sku`, 64))
    if (!(Number.isInteger(l.quantity) && l.quantity > 0 && l.quantity <= MAX_QUANTITY))
      p.push({ path: `${path}[${i}].quantity`, message: `must be a whole number, 1–${MAX_QUANTITY}` })
  })
  return p
}

function commonProblems(command: StockCommand, state: StockState): FieldProblem[] {
  const p = validId(command.pointId, 'pointId')
  if (state.pointId !== '' && state.pointId !== command.pointId)
    p.push({ path: 'pointId', message: `this is the stock of ${state.pointId}` })
  if ('now' in command && parseInstant(command.now) === null)
    p.push({ path: 'now', message: 'must be a UTC ISO-8601 instant' })
  return p
}

function insufficient(
  shortages: Shortage[],
  lineIndex: (sku: string) => number,
): Either<InsufficientStockError, never> {
  const error: InsufficientStockError = {
    ...domainError(
      'conflict',
      'INSUFFICIENT_STOCK',
      `not enough in stock: ${shortages.map((s) => `${s.sku} ${s.requested} requested, ${s.available} available`).join('; ')}`,
      shortages.map((s) => ({
        path: `lines[${lineIndex(s.sku)}].quantity`,
        message: `${s.requested} requested, ${s.available} available`,
      })),
    ),
    shortages,
  }
  return left(error)
}

function documentUsed(state: StockState, id: string): Decision | null {
  return bucketHas(state.documents, id) ? conflict('STOCK_DOCUMENT_EXISTS', `document ${id} is already booked`) : null
}

function decide(command: StockCommand, state: StockState): Decision {
  const pointId = command.pointId
  switch (command.kind) {
    case 'ReceiveStock': {
      const problems = [
        ...commonProblems(command, state),
        ...validId(command.receiptId, 'receiptId'),
        ...linesProblems(command.lines),
      ]
      command.lines.forEach((l, i) => {
        if (l.unitCost !== null) problems.push(...moneyProblems(l.unitCost, `lines[${i}].unitCost`))
      })
      if (command.supplier !== null) problems.push(...nonBlank(command.supplier, 'supplier', 200))
      if (command.documentRef !== null) problems.push(...nonBlank(command.documentRef, 'documentRef', 100))
      if (problems.length > 0) return invalid(problems)
      const used = documentUsed(state, command.receiptId)
      if (used) return used
      return right([
        {
          type: 'StockReceived',
          data: {
            pointId,
            receiptId: command.receiptId,
            lines: command.lines.map((l) => ({ sku: l.sku.trim(), quantity: l.quantity, unitCost: l.unitCost })),
            supplier: command.supplier,
            documentRef: command.documentRef,
            at: command.now,
          },
        },
      ])
    }
    case 'ReserveStock': {
      const problems = [
        ...commonProblems(command, state),
        ...validId(command.workOrderId, 'workOrderId'),
        ...linesProblems(command.lines),
      ]
      if (problems.length > 0) return invalid(problems)
      // All or nothing: an order gets every part it asked for, or none is held.
      const shortages = command.lines
        .map((l) => ({ sku: l.sku, requested: l.quantity, available: Math.max(0, availableOf(state, l.sku)) }))
        .filter((s) => s.requested > s.available)
      if (shortages.length > 0) return insufficient(shortages, (sku) => command.lines.findIndex((l) => l.sku === sku))
      return right([
        {
          type: 'StockReserved',
          data: { pointId, workOrderId: command.workOrderId, lines: [...command.lines], at: command.now },
        },
      ])
    }
    case 'ReleaseReservation': {
      const problems = [...commonProblems(command, state), ...validId(command.workOrderId, 'workOrderId')]
      if (command.lines !== null) problems.push(...linesProblems(command.lines))
      if (problems.length > 0) return invalid(problems)
      const held = reservedFor(state, command.workOrderId)
      let lines: StockLine[]
      if (command.lines === null) {
        // Everything the order holds: a no-op when it holds nothing, so a retried cancellation policy is safe.
        lines = Object.entries(held)
          .filter(([, q]) => q > 0)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([sku, quantity]) => ({ sku, quantity }))
        if (lines.length === 0) return right([])
      } else {
        const over = command.lines.find((l) => l.quantity > (held[l.sku] ?? 0))
        if (over)
          return conflict(
            'RELEASE_EXCEEDS_RESERVATION',
            `order ${command.workOrderId} holds ${held[over.sku] ?? 0} of ${over.sku}, not ${over.quantity}`,
          )
        lines = [...command.lines]
      }
      return right([
        {
          type: 'StockReservationReleased',
          data: { pointId, workOrderId: command.workOrderId, lines, reason: command.reason, at: command.now },
        },
      ])
    }
    case 'IssueStock': {
      const problems = [
        ...commonProblems(command, state),
        ...validId(command.issueId, 'issueId'),
        ...validId(command.technicianId, 'technicianId'),
        ...(command.workOrderId === null ? [] : validId(command.workOrderId, 'workOrderId')),
        ...linesProblems(command.lines),
      ]
      if (problems.length > 0) return invalid(problems)
      const used = documentUsed(state, command.issueId)
      if (used) return used
      const held = command.workOrderId === null ? {} : reservedFor(state, command.workOrderId)
      const lines = command.lines.map((l) => ({
        sku: l.sku,
        quantity: l.quantity,
        fromReservation: Math.min(l.quantity, held[l.sku] ?? 0),
      }))
      const shortages = lines
        .map((l) => ({
          sku: l.sku,
          requested: l.quantity,
          available: l.fromReservation + Math.max(0, availableOf(state, l.sku)),
        }))
        .filter((s) => s.requested > s.available)
      if (shortages.length > 0) return insufficient(shortages, (sku) => command.lines.findIndex((l) => l.sku === sku))
      return right([
        {
          type: 'StockIssued',
          data: {
            pointId,
            issueId: command.issueId,
            workOrderId: command.workOrderId,
            technicianId: command.technicianId,
            lines,
            at: command.now,
          },
        },
      ])
    }
    case 'ReturnStock': {
      const problems = [
        ...commonProblems(command, state),
        ...validId(command.returnId, 'returnId'),
        ...validId(command.technicianId, 'technicianId'),
        ...(command.workOrderId === null ? [] : validId(command.workOrderId, 'workOrderId')),
        ...linesProblems(command.lines),
      ]
      if (problems.length > 0) return invalid(problems)
      const used = documentUsed(state, command.returnId)
      if (used) return used
      const out = bucketGet(state.issued, holderOf(command.workOrderId, command.technicianId)) ?? {}
      const over = command.lines.find((l) => l.quantity > (out[l.sku] ?? 0))
      if (over)
        return conflict(
          'RETURN_EXCEEDS_ISSUED',
          `${out[over.sku] ?? 0} of ${over.sku} were issued ${command.workOrderId ? `for order ${command.workOrderId}` : `to ${command.technicianId}`}, not ${over.quantity}`,
        )
      return right([
        {
          type: 'StockReturned',
          data: {
            pointId,
            returnId: command.returnId,
            workOrderId: command.workOrderId,
            technicianId: command.technicianId,
            lines: [...command.lines],
            at: command.now,
          },
        },
      ])
    }
    case 'AdjustStock': {
      const problems = [
        ...commonProblems(command, state),
        ...validId(command.adjustmentId, 'adjustmentId'),
        ...nonBlank(command.sku, 'sku', 64),
      ]
      if (
        !(
          Number.isInteger(command.countedQuantity) &&
          command.countedQuantity >= 0 &&
          command.countedQuantity <= MAX_QUANTITY
        )
      )
        problems.push({ path: 'countedQuantity', message: `must be a whole number, 0–${MAX_QUANTITY}` })
      if (command.note !== null && command.note.length > 500)
        problems.push({ path: 'note', message: 'must be at most 500 characters' })
      if (problems.length > 0) return invalid(problems)
      const used = documentUsed(state, command.adjustmentId)
      if (used) return used
      // The count is a fact: it is recorded even below what is reserved (available goes negative
      // and the low-stock list shows it), rather than refusing what is physically on the shelf.
      const delta = command.countedQuantity - itemOf(state, command.sku).onHand
      if (delta === 0) return right([])
      return right([
        {
          type: 'StockAdjusted',
          data: {
            pointId,
            adjustmentId: command.adjustmentId,
            sku: command.sku,
            delta,
            reason: command.reason,
            note: command.note,
            at: command.now,
          },
        },
      ])
    }
    case 'SetMinimumLevel': {
      const problems = [...commonProblems(command, state), ...nonBlank(command.sku, 'sku', 64)]
      if (!(Number.isInteger(command.minimum) && command.minimum >= 0 && command.minimum <= MAX_QUANTITY))
        problems.push({ path: 'minimum', message: `must be a whole number, 0–${MAX_QUANTITY}` })
      if (problems.length > 0) return invalid(problems)
      if (itemOf(state, command.sku).minimum === command.minimum) return right([])
      return right([{ type: 'StockMinimumLevelSet', data: { pointId, sku: command.sku, minimum: command.minimum } }])
    }
  }
}

function changeItems(
  items: BucketMap<StockItem>,
  lines: ReadonlyArray<{ sku: string }>,
  change: (item: StockItem, index: number) => StockItem,
): BucketMap<StockItem> {
  return lines.reduce((acc, l, index) => bucketSet(acc, l.sku, change(bucketGet(acc, l.sku) ?? NO_ITEM, index)), items)
}

/** Adds (or takes away) quantities under one key; keys and skus that reach zero are dropped. */
function addTo(
  table: BucketMap<Quantities>,
  key: string,
  lines: ReadonlyArray<{ sku: string; quantity: number }>,
  sign: 1 | -1,
): BucketMap<Quantities> {
  const entry: Record<string, number> = { ...(bucketGet(table, key) ?? {}) }
  for (const l of lines) {
    const next = (entry[l.sku] ?? 0) + sign * l.quantity
    if (next > 0) entry[l.sku] = next
    else delete entry[l.sku]
  }
  return Object.keys(entry).length > 0 ? bucketSet(table, key, entry) : bucketDelete(table, key)
}

const booked = (state: StockState, id: string): BucketMap<true> => bucketSet(state.documents, id, true)

function evolve(state: StockState, event: StockEvent): StockState {
  const base = { ...state, pointId: event.data.pointId }
  switch (event.type) {
    case 'StockReceived': {
      const d = event.data
      const items = changeItems(state.items, d.lines, (i, n) => ({
        ...i,
        onHand: i.onHand + (d.lines[n]?.quantity ?? 0),
      }))
      return { ...base, items, documents: booked(state, d.receiptId) }
    }
    case 'StockReserved': {
      const d = event.data
      const items = changeItems(state.items, d.lines, (i, n) => ({
        ...i,
        reserved: i.reserved + (d.lines[n]?.quantity ?? 0),
      }))
      return { ...base, items, reservations: addTo(state.reservations, d.workOrderId, d.lines, 1) }
    }
    case 'StockReservationReleased': {
      const d = event.data
      const items = changeItems(state.items, d.lines, (i, n) => ({
        ...i,
        reserved: Math.max(0, i.reserved - (d.lines[n]?.quantity ?? 0)),
      }))
      return { ...base, items, reservations: addTo(state.reservations, d.workOrderId, d.lines, -1) }
    }
    case 'StockIssued': {
      const d = event.data
      const items = changeItems(state.items, d.lines, (i, n) => ({
        ...i,
        onHand: i.onHand - (d.lines[n]?.quantity ?? 0),
        reserved: Math.max(0, i.reserved - (d.lines[n]?.fromReservation ?? 0)),
      }))
      const reservations =
        d.workOrderId === null
          ? state.reservations
          : addTo(
              state.reservations,
              d.workOrderId,
              d.lines.map((l) => ({ sku: l.sku, quantity: l.fromReservation })),
              -1,
            )
      return {
        ...base,
        items,
        reservations,
        issued: addTo(state.issued, holderOf(d.workOrderId, d.technicianId), d.lines, 1),
        documents: booked(state, d.issueId),
      }
    }
    case 'StockReturned': {
      const d = event.data
      const items = changeItems(state.items, d.lines, (i, n) => ({
        ...i,
        onHand: i.onHand + (d.lines[n]?.quantity ?? 0),
      }))
      return {
        ...base,
        items,
        issued: addTo(state.issued, holderOf(d.workOrderId, d.technicianId), d.lines, -1),
        documents: booked(state, d.returnId),
      }
    }
    case 'StockAdjusted': {
      const d = event.data
      const items = changeItems(state.items, [d], (i) => ({ ...i, onHand: i.onHand + d.delta }))
      return { ...base, items, documents: booked(state, d.adjustmentId) }
    }
    case 'StockMinimumLevelSet': {
      const d = event.data
      return { ...base, items: changeItems(state.items, [d], (i) => ({ ...i, minimum: d.minimum })) }
    }
  }
}

export const stockDecider: Decider<StockCommand, StockState, StockEvent> = {
  initialState: initialStockState,
  decide,
  evolve,
}
