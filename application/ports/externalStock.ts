// Port through which an external warehouse or accounting system answers stock queries for a
// point (issue 5: "a port through which an external warehouse/accounting system can answer stock
// queries"). The HTTP adapter is infrastructure/stock/httpExternalStock.ts; StockService asks it
// when one is configured and falls back to the point's own event-sourced stock, flagged, when the
// external system cannot answer.

export interface ExternalStockLevel {
  readonly sku: string
  readonly onHand: number
  readonly reserved: number
  readonly available: number
}

export interface ExternalStockAnswer {
  readonly levels: ReadonlyArray<ExternalStockLevel>
  /** When the external system says its figures are from (its own clock), if it says. */
  readonly asOf: string | null
}

export interface ExternalStockSource {
  /** Names the system in answers and logs, e.g. the host it is reached at. */
  readonly system: string
  /** Levels of the point's skus (all it knows when skus is omitted); throws ExternalStockUnavailable. */
  levels(pointId: string, skus?: ReadonlyArray<string>): Promise<ExternalStockAnswer>
}

/** The external system did not answer usably: unreachable, timed out, an error status or a malformed body. */
export class ExternalStockUnavailable extends Error {
  constructor(
    readonly system: string,
    readonly reason: string,
  ) {
    super(`external stock system ${system} is unavailable: ${reason}`)
    this.name = 'ExternalStockUnavailable'
  }
}
