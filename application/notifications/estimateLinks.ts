// The approval link in an "estimate ready" message. The estimate's access code exists only at the
// moment the estimate is sent (the log keeps its SHA-256), so the worker, which writes the message
// later from the event, cannot put the code in the link. It puts a signed token there instead: the
// order, the hash of the code it stands for, and the code's expiry, signed with a server secret.
// The public estimate routes (api/tracking) accept the token wherever they accept the code: the
// token opens the estimate only while that code is the order's current one (an estimate reopened
// and sent again has a new code, so an old link stops working), and only until the code expires.
// Nobody can make a token without the secret; the hash in it is already in the log.

export interface EstimateLinkClaims {
  readonly workOrderId: string
  /** SHA-256 (hex) of the access code the link stands for (EstimateSent.accessCodeHash). */
  readonly codeHash: string
}

export interface EstimateLinkTokens {
  /** A token for the link, valid until `expiresAt` (UTC ISO-8601). */
  issue(claims: EstimateLinkClaims, expiresAt: string): Promise<string>
  /** The claims of a token signed with this secret and not expired at `now`; null otherwise. */
  verify(token: string, now: Date): Promise<EstimateLinkClaims | null>
}

/** A JWT (three base64url parts), not a 16-character access code. */
export function isLinkToken(presented: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(presented)
}
