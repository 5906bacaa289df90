// The query services of the service network and booking read models, built on one reader.
import { CalendarQueries } from './calendarQueries.js'
import { CatalogueQueries } from './catalogueQueries.js'
import { PointQueries } from './pointQueries.js'
import type { ReadModelReader } from './readModelReader.js'

export interface ReadQueries {
  readonly points: PointQueries
  readonly catalogue: CatalogueQueries
  readonly calendar: CalendarQueries
}

export function readQueries(readModels: ReadModelReader): ReadQueries {
  return {
    points: new PointQueries(readModels),
    catalogue: new CatalogueQueries(readModels),
    calendar: new CalendarQueries(readModels),
  }
}
