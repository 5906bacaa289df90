// The report language over the application's own event catalogue, as the composition root wires it.
import { EventCatalogue } from '../../../../application/eventLog/eventCatalogue.js'
import { knownEventDefinitions, ReportLanguage } from '../../../../projections/reports/reportLanguage.js'

export const catalogue = new EventCatalogue(knownEventDefinitions)
export const language = new ReportLanguage(catalogue)
