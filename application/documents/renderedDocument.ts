// A rendered document as the API sends it.
import type { Either } from 'fp-ts/lib/Either.js'
import type { Principal } from '../../domain/access/principal.js'
import type { DomainError } from '../../domain/shared/decider.js'

export interface RenderedDocument {
  readonly bytes: Uint8Array
  /** e.g. 'audit-report-wo-1.pdf' */
  readonly filename: string
  readonly contentType: 'application/pdf'
}

/** What the audit routes need of the documents side: the order's audit report. */
export interface AuditReports {
  auditReport(viewer: Principal, orderId: string, locale?: string): Promise<Either<DomainError, RenderedDocument>>
}
