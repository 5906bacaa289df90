// The slice of @eventstore/db-client the adapter uses. EventStoreDBClient satisfies it; naming the
// slice keeps the adapter honest about what it needs, lets a successor client (for example
// @kurrent/kurrentdb-client, whose append option is called streamState) be wrapped to fit, and
// lets tests drive the adapter's own logic with a stand-in when no server is available.
import {
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type AppendResult,
  type Direction,
  type EventData,
  EventStoreDBClient,
  type Filter,
  type ReadPosition,
  type ReadRevision,
  type ResolvedEvent,
} from '@eventstore/db-client'

export interface EsdbReadStreamOptions {
  readonly fromRevision?: ReadRevision
  readonly direction?: Direction
  readonly maxCount?: number | bigint
}

export interface EsdbReadAllOptions {
  readonly fromPosition?: ReadPosition
  readonly direction?: Direction
  readonly maxCount?: number | bigint
}

export interface EsdbSubscribeToAllOptions {
  readonly fromPosition?: ReadPosition
  readonly filter?: Filter
}

/** A finite read; cancel() stops the server sending more when the reader leaves early. */
export interface EsdbRead<E> extends AsyncIterable<E> {
  cancel(): Promise<void>
}

/** An endless subscription; unsubscribe() ends it. */
export interface EsdbSubscription<E> extends AsyncIterable<E> {
  unsubscribe(): Promise<void>
}

export interface EsdbClient {
  appendToStream(
    streamName: string,
    events: EventData[],
    /** deadline: ms the node (BatchAppend) or gRPC (Append) may take before failing the append. */
    options: { expectedRevision: AppendExpectedRevision; deadline?: number },
  ): Promise<AppendResult>
  readStream(streamName: string, options: EsdbReadStreamOptions): EsdbRead<ResolvedEvent>
  readAll(options: EsdbReadAllOptions): EsdbRead<AllStreamResolvedEvent>
  subscribeToAll(options: EsdbSubscribeToAllOptions): EsdbSubscription<AllStreamResolvedEvent>
  dispose(): Promise<void>
}

/** Connects lazily: the client opens its gRPC channel on the first call, not here. */
export function connectEsdb(connectionString: string): EsdbClient {
  return EventStoreDBClient.connectionString(connectionString)
}
