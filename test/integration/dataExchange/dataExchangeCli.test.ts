// `npm run data` end to end on the embedded stores of a fresh DATA_DIR: goods and customers
// imported from files, exported again as the same files (CSV, XML); a bad file exits 2 with one
// line per problem and leaves the store as it was; bad arguments exit 2 before any store is opened.
import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawnTs } from '../projections/support/childProcesses.js'

const CLI = 'scripts/dataExchange.ts'

const GOODS =
  '\uFEFFsku,kind,name_pl,name_en,name_ro,name_ru,price,currency,vat_rate_percent\r\n' +
  'TPMS-01,tpms_sensor,Czujnik ciśnienia,TPMS sensor,,,120.50,PLN,8\r\n' +
  'VALVE-TR413,valve,Zawór TR413,Valve TR413,Supapă,Вентиль,8.00,PLN,23\r\n'

const CUSTOMERS = `<?xml version="1.0" encoding="UTF-8"?>
<customers>
  <customer>
    <customer_id>cus-1</customer_id>
    <kind>individual</kind>
    <first_name>Łucja</first_name>
    <last_name>Wąż</last_name>
    <company_name/>
    <tax_id/>
    <tax_country/>
    <email>lucja@example.pl</email>
    <phone/>
    <preferred_channel>email</preferred_channel>
    <language>pl</language>
    <address_id>main</address_id>
    <address_label>billing</address_label>
    <street>ul. Świdnicka 12/4</street>
    <postal_code>50-066</postal_code>
    <city>Wrocław</city>
    <country>PL</country>
    <consent_marketing_email>no</consent_marketing_email>
    <consent_marketing_sms>no</consent_marketing_sms>
    <consent_reminders_email>yes</consent_reminders_email>
    <consent_reminders_sms>no</consent_reminders_sms>
  </customer>
</customers>
`

describe('data exchange CLI', function () {
  this.timeout(120_000)
  let dir: string
  const env = () => ({ DATA_DIR: dir, EVENTSTORE_URL: '', MONGO_URL: '', REDIS_URL: '' })
  const run = async (...args: string[]) => {
    const cli = spawnTs(CLI, env(), args)
    const { code } = await cli.exited
    return { code, out: cli.stdout.join('\n'), err: cli.stderr.join('') }
  }

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'data-cli-'))
  })
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('bad arguments: one line, exit 2, no store created', async () => {
    const bad = await run('export', 'invoices')
    assert.equal(bad.code, 2)
    assert.match(bad.err, /unknown template invoices; templates: customers, vehicles, prices, goods/)
    const noFile = await run('import', 'goods', 'goods.pdf')
    assert.equal(noFile.code, 2)
    assert.match(noFile.err, /must end in \.csv, \.xlsx or \.xml/)
    assert.equal(existsSync(join(dir, 'events.sqlite')), false)
  })

  it('imports goods (CSV) and customers (XML) and exports the same files; a bad file changes nothing', async () => {
    writeFileSync(join(dir, 'goods.csv'), GOODS)
    writeFileSync(join(dir, 'customers.xml'), CUSTOMERS)
    const goods = await run('import', 'goods', join(dir, 'goods.csv'))
    assert.equal(goods.code, 0, goods.err)
    assert.match(goods.out, /goods\.csv: 2 goods record\(s\) imported, 0 unchanged/)
    const customers = await run('import', 'customers', join(dir, 'customers.xml'))
    assert.equal(customers.code, 0, customers.err)

    const out = join(dir, 'goods-again.csv')
    const exported = await run('export', 'goods', '--out', out)
    assert.equal(exported.code, 0, exported.err)
    assert.equal(readFileSync(out, 'utf8'), GOODS)
    const xml = await run('export', 'customers', '--format', 'xml')
    assert.equal(xml.code, 0, xml.err)
    assert.equal(`${xml.out}`, CUSTOMERS.trimEnd())

    writeFileSync(
      join(dir, 'bad.csv'),
      'sku,kind,name_pl,name_en,price,currency,vat_rate_percent\r\nX-1,wheel,Koło,Wheel,1.00,PLN,23\r\n',
    )
    const bad = await run('import', 'goods', join(dir, 'bad.csv'))
    assert.equal(bad.code, 2)
    assert.match(bad.err, /row 2 "kind": must be one of tyre, rim, valve, tpms_sensor, wheel_bolt, other/)
    const after = await run('export', 'goods', '--out', out)
    assert.equal(after.code, 0)
    assert.equal(readFileSync(out, 'utf8'), GOODS)
  })
})
