// EventStoreDB's gRPC protocol exactly as @eventstore/db-client 6.x speaks it: the package ships
// no .proto files but the code generated from them (google-protobuf message classes and grpc-js
// service definitions). Serving with those same definitions means the stand-in and the client
// agree on every field number and oneof by construction, and a client upgrade that changes the
// wire format changes the stand-in with it.
//
// The generated modules are CommonJS assigned through goog.object.extend, which Node's ESM named-
// export detection cannot see, hence default imports and destructuring here.
import gossipGrpc from '@eventstore/db-client/generated/gossip_grpc_pb.js'
import gossipPb from '@eventstore/db-client/generated/gossip_pb.js'
import serverFeaturesGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js'
import serverFeaturesPb from '@eventstore/db-client/generated/serverfeatures_pb.js'
import sharedPb from '@eventstore/db-client/generated/shared_pb.js'
import statusPb from '@eventstore/db-client/generated/status_pb.js'
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js'
import streamsPb from '@eventstore/db-client/generated/streams_pb.js'
import anyPb from 'google-protobuf/google/protobuf/any_pb.js'
import emptyPb from 'google-protobuf/google/protobuf/empty_pb.js'

export type { ClusterInfo as ClusterInfoMessage } from '@eventstore/db-client/generated/gossip_pb.js'
export type { SupportedMethods as SupportedMethodsMessage } from '@eventstore/db-client/generated/serverfeatures_pb.js'
export type {
  Empty as EmptyMessage,
  StreamIdentifier as StreamIdentifierMessage,
  UUID as UUIDMessage,
} from '@eventstore/db-client/generated/shared_pb.js'
export type { Status as StatusMessage } from '@eventstore/db-client/generated/status_pb.js'
export type {
  AppendReq as AppendReqMessage,
  AppendResp as AppendRespMessage,
  BatchAppendReq as BatchAppendReqMessage,
  BatchAppendResp as BatchAppendRespMessage,
  ReadReq as ReadReqMessage,
  ReadResp as ReadRespMessage,
} from '@eventstore/db-client/generated/streams_pb.js'

export const { StreamsService } = streamsGrpc
export const { GossipService } = gossipGrpc
export const { ServerFeaturesService } = serverFeaturesGrpc

export const { AppendResp, BatchAppendResp, ReadResp } = streamsPb
export const { AllStreamPosition, Empty, StreamIdentifier, UUID, WrongExpectedVersion, Timeout } = sharedPb
export const { BadRequest: BadRequestDetail, MaximumAppendSizeExceeded: MaximumAppendSizeExceededDetail } = sharedPb
export const { ClusterInfo, EndPoint, MemberInfo } = gossipPb
export const { SupportedMethod, SupportedMethods } = serverFeaturesPb
export const { Status } = statusPb
export const { Any } = anyPb
/** google.protobuf.Empty (BatchAppend uses it where the older messages use event_store.client.Empty). */
export const GoogleEmpty = emptyPb.Empty

/** Type URL prefix the server uses when it packs error details into google.rpc.Status. */
export const TYPE_URL_PREFIX = 'type.googleapis.com/'
