// Queries on the `stockLevels` read model: a point's levels (every sku it has held) and its
// low-stock list, worst first. For head office and the point's own staff.
import { type Either, left, right } from 'fp-ts/lib/Either.js'
import type { Principal } from '../../domain/access/principal.js'
import type { DomainError } from '../../domain/shared/decider.js'
import type { ReadModelReader } from '../queries/readModelReader.js'
import { STOCK_LEVELS, type StockLevelDocument } from './stockLevelsView.js'
import { mayViewStock } from './stockService.js'

type Level = Omit<StockLevelDocument, '_id'>
const strip = ({ _id, ...level }: StockLevelDocument): Level => level

export class StockQueries {
  constructor(private readonly readModels: ReadModelReader) {}

  private items() {
    return this.readModels.collection<StockLevelDocument>(STOCK_LEVELS.projection, STOCK_LEVELS.items)
  }

  async levels(by: Principal, pointId: string): Promise<Either<DomainError, { pointId: string; items: Level[] }>> {
    const denied = mayViewStock(by, pointId)
    if (denied) return left(denied)
    const docs = await (await this.items()).find({ pointId }, { sort: { sku: 1 } })
    return right({ pointId, items: docs.map(strip) })
  }

  async low(by: Principal, pointId: string): Promise<Either<DomainError, { pointId: string; items: Level[] }>> {
    const denied = mayViewStock(by, pointId)
    if (denied) return left(denied)
    const docs = await (await this.items()).find({ pointId, low: true }, { sort: { shortBy: -1, sku: 1 } })
    return right({ pointId, items: docs.map(strip) })
  }
}
