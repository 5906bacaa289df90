// Validation of the intake and handover protocols: what the desk records when an item comes in and
// when it goes back. Both are evidence in a dispute, so they are checked field by field.
import { fileRefProblems, fileRefsProblems } from '../shared/fileRef.js'
import { parseInstant } from '../shared/localTime.js'
import { type FieldProblem, nonBlank, validId } from '../shared/validation.js'
import type { IntakeInput } from './commands.js'
import type { HandoverProtocol, OrderCustomer, Signature } from './events.js'

const MAX_KM = 5_000_000

export function mileageProblems(km: number | null, path: string): FieldProblem[] {
  return km === null || (Number.isSafeInteger(km) && km >= 0 && km <= MAX_KM)
    ? []
    : [{ path, message: `must be a whole number of km between 0 and ${MAX_KM}` }]
}

export function signatureProblems(signature: Signature, nowMs: number | null, path: string): FieldProblem[] {
  const p = [
    ...nonBlank(signature.signerName, `${path}.signerName`, 200),
    ...fileRefProblems(signature.image, `${path}.image`),
  ]
  const signedAt = parseInstant(signature.signedAt)
  if (signedAt === null) p.push({ path: `${path}.signedAt`, message: 'must be a UTC ISO-8601 instant' })
  else if (nowMs !== null && signedAt > nowMs) p.push({ path: `${path}.signedAt`, message: 'is in the future' })
  return p
}

export function intakeProblems(intake: IntakeInput, nowMs: number | null): FieldProblem[] {
  const p: FieldProblem[] = [
    ...nonBlank(intake.customerDescription, 'intake.customerDescription', 2000),
    ...mileageProblems(intake.mileageKm, 'intake.mileageKm'),
    ...fileRefsProblems(intake.photos, 'intake.photos'),
  ]
  if (intake.conditionNotes.length > 2000)
    p.push({ path: 'intake.conditionNotes', message: 'must be at most 2000 characters' })
  if (intake.accessories.length > 50) p.push({ path: 'intake.accessories', message: 'at most 50 items' })
  intake.accessories.forEach((a, i) => {
    p.push(...nonBlank(a, `intake.accessories[${i}]`, 200))
  })
  if (intake.signature !== null) p.push(...signatureProblems(intake.signature, nowMs, 'intake.signature'))
  return p
}

export function customerProblems(c: OrderCustomer): FieldProblem[] {
  const p: FieldProblem[] = []
  if (c.customerId !== null) p.push(...validId(c.customerId, 'customer.customerId'))
  if (c.fleetId !== null) p.push(...validId(c.fleetId, 'customer.fleetId'))
  const anonymous = c.customerId === null && c.fleetId === null
  if (anonymous && (c.name ?? '').trim() === '')
    p.push({ path: 'customer', message: 'needs a customer id, a fleet id or at least a name' })
  if (anonymous && c.phone === null && c.email === null)
    p.push({ path: 'customer', message: 'needs a phone or e-mail to reach an anonymous customer' })
  return p
}

export function handoverProblems(protocol: HandoverProtocol, path = 'protocol'): FieldProblem[] {
  const p = [
    ...nonBlank(protocol.receivedBy, `${path}.receivedBy`, 200),
    ...mileageProblems(protocol.mileageKm, `${path}.mileageKm`),
  ]
  if (protocol.signature !== null) p.push(...fileRefProblems(protocol.signature, `${path}.signature`))
  if (protocol.note !== null && protocol.note.length > 2000)
    p.push({ path: `${path}.note`, message: 'must be at most 2000 characters' })
  return p
}
