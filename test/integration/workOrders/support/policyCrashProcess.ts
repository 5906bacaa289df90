// A process that dies between two appends: it composes the platform on DATA_DIR as `npm start`
// does (background runners not started), records the customer's approval of an estimate through
// WorkOrderService.decide — the order's EstimateDecided is appended and acknowledged — and is
// killed with SIGKILL the moment the service turns to the policies (the parts reservation), so
// the reaction is never run. Used by policyCatchUp.test.ts.
//   node --import tsx policyCrashProcess.ts <dataDir> <workOrderId>
import { isLeft } from 'fp-ts/lib/Either.js'
import type { Principal } from '../../../../domain/access/principal.js'
import { composePlatform } from '../../../../infrastructure/composition.js'
import { loadConfig } from '../../../../infrastructure/config.js'

const [dataDir, workOrderId] = process.argv.slice(2)
if (!dataDir || !workOrderId) throw new Error('usage: policyCrashProcess.ts <dataDir> <workOrderId>')
const platform = await composePlatform(
  loadConfig({ DATA_DIR: dataDir, TOKEN_SECRET: 'policy-crash-secret-of-at-least-32-characters', LOG_REQUESTS: '0' }),
  { deferBackground: true },
)
// The crash: after the order's append was acknowledged, before any reaction.
platform.repair.policies.react = async () => {
  process.stdout.write('appended; dying before the reactions\n')
  process.kill(process.pid, 'SIGKILL')
  return new Promise(() => undefined)
}
const employee = {
  id: 'emp-ola',
  role: 'service_point_employee',
  tenant: { scope: 'point', pointId: 'p1' },
} as Principal
const decided = await platform.repair.workOrders.decide(
  employee,
  workOrderId,
  {
    revision: 1,
    decisions: [
      { lineId: 'L1', decision: 'approved' },
      { lineId: 'L2', decision: 'approved' },
    ],
    decidedByName: 'Jan Kowalski',
    channel: 'phone',
  },
  { correlationId: 'crash-request', causationId: null, now: new Date().toISOString() },
)
// Reaching this line means the crash did not happen where it should.
process.stderr.write(`decide returned instead of dying: ${JSON.stringify(isLeft(decided) ? decided.left : 'ok')}\n`)
process.exit(1)
