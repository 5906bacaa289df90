// EventStoreDB reports revisions and log positions as unsigned 64-bit integers; the port uses
// numbers (see application/ports/eventStore.ts for why). Anything beyond 2^53 - 1 cannot be
// represented exactly, and the client also uses 2^64 - 1 as "no value" on old servers, so such
// values are refused loudly rather than rounded.
export function bigintToSafeNumber(value: bigint, what: string): number {
  if (value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER))
    throw new RangeError(`${what} ${value} from EventStoreDB is outside the safe integer range`)
  return Number(value)
}
