// What the API's middleware adds to every Express request.
import type { Principal } from '../domain/access/principal.js'

declare global {
  namespace Express {
    interface Request {
      /** From a sane X-Request-Id header, or generated; echoed back and used as correlation id. */
      requestId: string
      /** The Idempotency-Key header, validated; scoped per actor and route into CommandContext.commandId. */
      idempotencyKey: string | undefined
      /** Set by `authenticate`. */
      actor?: Principal
    }
  }
}
