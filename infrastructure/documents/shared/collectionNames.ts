// Collection names become SQLite table names and MongoDB collection names; one rule for all
// adapters keeps a name that works in tests working in production.

/** Thrown for a collection name outside [A-Za-z0-9_.-], too long, or reserved. */
export class InvalidCollectionName extends Error {
  readonly code = 'INVALID_COLLECTION_NAME'
  constructor(readonly collection: string) {
    super(
      `invalid collection name ${JSON.stringify(collection)}: use 1-100 letters, digits, '_', '.', '-', ` +
        `starting with a letter, digit or '_', and not starting with 'system.'`,
    )
    this.name = 'InvalidCollectionName'
  }
}

export function validateCollectionName(name: string): string {
  if (typeof name !== 'string' || !/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$/.test(name) || name.startsWith('system.')) {
    throw new InvalidCollectionName(String(name))
  }
  return name
}
