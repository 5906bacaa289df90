// Builds: one set of physical collections a projection version was (or is being) written into,
// with the checkpoint of that build. Physical names are `<name>.<collection>.v<version>.<buildId>`
// (letters, digits, `_ . -`: valid for the SQLite and MongoDB adapters); a build's checkpoint
// document lives in `projection_builds` under `<name>.v<version>.<buildId>`.
import { randomBytes } from 'node:crypto'
import type { Document, DocumentStore } from '../application/ports/documentStore.js'
import type { Projection } from './projection.js'
import { REGISTRY_COLLECTION, type RegistryDocument } from '../application/readModels/projectionRegistry.js'

export const BUILDS_COLLECTION = 'projection_builds'

/** The event a handler failed on, as the status reports it. */
export interface FailedEvent {
  readonly position: number
  readonly type: string
  readonly streamId: string
  readonly revision: number
  readonly error: string
  /** UTC ISO-8601. */
  readonly at: string
}

export interface BuildDocument extends Document {
  /** `<name>.v<version>.<buildId>` */
  _id: string
  projection: string
  version: number
  buildId: string
  collections: Record<string, string>
  /** Global position of the last event this build has processed (0: none yet). */
  checkpoint: number
  startedAt: string
  activatedAt: string | null
  failure: FailedEvent | null
}

/** What the engine keeps in memory about the build it writes. */
export interface Build {
  readonly key: string
  readonly projection: string
  readonly version: number
  readonly buildId: string
  readonly collections: Readonly<Record<string, string>>
  checkpoint: number
}

/** Short, unique enough, roughly time-ordered (base36 millis + random), and safe in collection names. */
export function newBuildId(nowMs: number): string {
  return `${nowMs.toString(36)}${randomBytes(4).toString('hex')}`
}

export function buildKey(name: string, version: number, buildId: string): string {
  return `${name}.v${version}.${buildId}`
}

export function physicalCollectionName(name: string, collection: string, version: number, buildId: string): string {
  return `${name}.${collection}.v${version}.${buildId}`
}

/** Creates the build's collections and indexes and its checkpoint document at 0. */
export async function createBuild(
  documents: DocumentStore,
  projection: Projection,
  buildId: string,
  nowIso: string,
): Promise<Build> {
  const collections: Record<string, string> = {}
  for (const c of projection.collections)
    collections[c] = physicalCollectionName(projection.name, c, projection.version, buildId)
  for (const [logical, specs] of Object.entries(projection.indexes ?? {}))
    for (const spec of specs) await documents.collection(collections[logical] as string).createIndex(spec)
  const doc: BuildDocument = {
    _id: buildKey(projection.name, projection.version, buildId),
    projection: projection.name,
    version: projection.version,
    buildId,
    collections,
    checkpoint: 0,
    startedAt: nowIso,
    activatedAt: null,
    failure: null,
  }
  await documents.collection<BuildDocument>(BUILDS_COLLECTION).insertOne(doc)
  return toBuild(doc)
}

export async function loadBuild(documents: DocumentStore, key: string): Promise<Build | null> {
  const doc = await documents.collection<BuildDocument>(BUILDS_COLLECTION).findOne({ _id: key })
  return doc ? toBuild(doc) : null
}

export async function activeRegistryEntry(documents: DocumentStore, name: string): Promise<RegistryDocument | null> {
  return documents.collection<RegistryDocument>(REGISTRY_COLLECTION).findOne({ _id: name })
}

/** Another instance switched or registered a build while this one was working. */
export class BuildSuperseded extends Error {
  readonly code = 'BUILD_SUPERSEDED'
  constructor(readonly projection: string) {
    super(`projection ${projection}: the registry changed under this build`)
    this.name = 'BuildSuperseded'
  }
}

/**
 * Points readers at `build`, atomically: the registry document changes only if it still names
 * `previous` (or is still absent), so two switches cannot both win.
 */
export async function activateBuild(
  documents: DocumentStore,
  build: Build,
  previous: RegistryDocument | null,
  nowIso: string,
): Promise<void> {
  const entry: RegistryDocument = {
    _id: build.projection,
    version: build.version,
    buildId: build.buildId,
    collections: { ...build.collections },
    activatedAt: nowIso,
  }
  await documents.transaction(async (tx) => {
    const registry = tx.collection<RegistryDocument>(REGISTRY_COLLECTION)
    if (previous) {
      const r = await registry.replaceOne({ _id: build.projection, buildId: previous.buildId }, entry)
      if (r.matchedCount === 0) throw new BuildSuperseded(build.projection)
    } else if ((await registry.findOne({ _id: build.projection })) !== null) {
      throw new BuildSuperseded(build.projection)
    } else {
      await registry.insertOne(entry)
    }
    await tx
      .collection<BuildDocument>(BUILDS_COLLECTION)
      .updateOne({ _id: build.key }, { $set: { activatedAt: nowIso } })
  })
}

/** Drops every build of the projection except `keepBuildIds`: retired ones and abandoned rebuilds. */
export async function dropBuilds(
  documents: DocumentStore,
  name: string,
  keepBuildIds: readonly string[],
): Promise<string[]> {
  const keep = new Set(keepBuildIds)
  const dropped: string[] = []
  // Physical names start with `<name>.` and projection names contain no dots, so the prefix is unambiguous.
  for (const collection of await documents.listCollections()) {
    if (!collection.startsWith(`${name}.`)) continue
    const buildId = collection.slice(collection.lastIndexOf('.') + 1)
    if (keep.has(buildId)) continue
    await documents.dropCollection(collection)
    dropped.push(collection)
  }
  const builds = documents.collection<BuildDocument>(BUILDS_COLLECTION)
  for (const doc of await builds.find({ projection: name }, { projection: { buildId: 1 } }))
    if (!keep.has(doc.buildId)) await builds.deleteOne({ _id: doc._id })
  return dropped
}

/** Drops one build (its collections and checkpoint document), e.g. the one a switch retired. */
export async function dropBuild(documents: DocumentStore, name: string, buildId: string): Promise<void> {
  for (const collection of await documents.listCollections())
    if (collection.startsWith(`${name}.`) && collection.endsWith(`.${buildId}`))
      await documents.dropCollection(collection)
  await documents.collection<BuildDocument>(BUILDS_COLLECTION).deleteMany({ projection: name, buildId })
}

/** Records the failing event on the build so it survives the process (the runner's status also shows it). */
export async function recordFailure(documents: DocumentStore, build: Build, failure: FailedEvent): Promise<void> {
  await documents.collection<BuildDocument>(BUILDS_COLLECTION).updateOne({ _id: build.key }, { $set: { failure } })
}

function toBuild(doc: BuildDocument): Build {
  return {
    key: doc._id,
    projection: doc.projection,
    version: doc.version,
    buildId: doc.buildId,
    collections: doc.collections,
    checkpoint: doc.checkpoint,
  }
}
