// The column tables of docs/data-exchange.md, made from the template declarations: the doc test
// checks the page holds exactly these, so the documented mapping is the one the code uses.
import { TEMPLATES } from '../../../application/dataExchange/dataExchangeService.js'
import { TEMPLATE_NAMES } from '../../../application/dataExchange/exchangeTemplate.js'

const cell = (s: string) => s.replace(/\|/g, '\\|')

export function columnTable(name: (typeof TEMPLATE_NAMES)[number]): string {
  const lines = [
    '| column | also accepted | type | required | meaning | example |',
    '| --- | --- | --- | --- | --- | --- |',
  ]
  for (const c of TEMPLATES[name].columns)
    lines.push(
      `| \`${c.name}\` | ${(c.aliases ?? []).map((a) => `\`${a}\``).join(', ')} | ${c.type.name} | ${
        c.exportOnly ? 'export only' : c.required ? 'yes' : 'no'
      } | ${cell(c.description)} | ${c.example ? `\`${cell(c.example)}\`` : ''} |`,
    )
  return lines.join('\n')
}

export const allTables = () => TEMPLATE_NAMES.map((n) => ({ name: n, table: columnTable(n) }))
