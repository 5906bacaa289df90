// What a client asks a node before it reads or writes: ServerFeatures.GetSupportedMethods (the
// client appends through BatchAppend only when the node lists it) and Gossip.Read (cluster
// discovery, used with esdb+discover:// or several hosts; a single esdb://host:port never asks).
// The stand-in is a single node that is always the leader.
import type * as grpc from '@grpc/grpc-js'
import type { StandInContext } from './context.js'
import {
  ClusterInfo,
  type ClusterInfoMessage,
  type EmptyMessage,
  EndPoint,
  MemberInfo,
  SupportedMethod,
  SupportedMethods,
  type SupportedMethodsMessage,
  UUID,
} from './protocol.js'

const STREAMS = 'event_store.client.streams.streams'
const GOSSIP = 'event_store.client.gossip.gossip'
const FEATURES = 'event_store.client.server_features.serverfeatures'
/** MemberInfo.VNodeState.LEADER */
const LEADER = 8
const TICKS_PER_MS = 10_000n

/** Only the methods the stand-in serves, so the client never picks one it would be refused. */
function supportedMethods(ctx: StandInContext): SupportedMethodsMessage {
  const methods: Array<[string, string]> = [
    [STREAMS, 'read'],
    [STREAMS, 'append'],
    ...(ctx.settings.batchAppend ? [[STREAMS, 'batchappend'] as [string, string]] : []),
    [GOSSIP, 'read'],
    [FEATURES, 'getsupportedmethods'],
  ]
  return new SupportedMethods()
    .setEventStoreServerVersion(ctx.settings.serverVersion)
    .setMethodsList(
      methods.map(([service, method]) => new SupportedMethod().setServiceName(service).setMethodName(method)),
    )
}

export function serverFeaturesHandlers(ctx: StandInContext) {
  const getSupportedMethods: grpc.handleUnaryCall<EmptyMessage, SupportedMethodsMessage> = (_call, callback) =>
    callback(null, supportedMethods(ctx))
  return { getSupportedMethods }
}

export function gossipHandlers(ctx: StandInContext, instanceId: string) {
  const read: grpc.handleUnaryCall<EmptyMessage, ClusterInfoMessage> = (_call, callback) => {
    ctx.calls.gossipReads++
    const { address, port } = ctx.endpoint()
    const member = new MemberInfo()
      .setInstanceId(new UUID().setString(instanceId))
      .setTimeStamp((BigInt(Date.now()) * TICKS_PER_MS).toString(10))
      .setState(LEADER)
      .setIsAlive(true)
      .setHttpEndPoint(new EndPoint().setAddress(address).setPort(port))
    callback(null, new ClusterInfo().setMembersList([member]))
  }
  return { read }
}
