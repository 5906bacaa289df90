// Public links (an order's status page, an estimate, a proposed visit) open with a code instead of
// a login. The code travels in the X-Access-Code header, never in the URL, so it stays out of
// server and proxy logs.
import type { Request } from 'express'
import { ProblemError } from '../problem.js'

/** The X-Access-Code header, or a 400 problem naming it. */
export function accessCodeOf(req: Request): string {
  const code = req.get('x-access-code')?.trim()
  if (!code)
    throw new ProblemError({
      status: 400,
      code: 'ACCESS_CODE_REQUIRED',
      detail: 'send the code in the X-Access-Code header',
      errors: [{ path: 'X-Access-Code', message: 'is required' }],
    })
  return code
}
