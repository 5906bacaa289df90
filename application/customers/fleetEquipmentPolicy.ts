// Fleet vehicles are equipment owned by the fleet. The fleet stream (`fleet-<fleetId>`) names each
// vehicle by its equipment id; this policy keeps the equipment registry (`equipment-<id>`, where
// work orders, tyres, due services and repair history live) in step with it:
//
//   FleetVehicleAdded, FleetVehiclesImported → RegisterEquipment (type `passenger_car` unless
//       configured, owner the fleet, the vehicle's make, model, VIN and plate); equipment already
//       registered under that id (the fleet service links a vehicle to the registry's item with the
//       same VIN or plate by giving it that item's id) → ChangeEquipmentOwner to the fleet;
//   FleetVehicleCorrected → ChangeEquipmentDetails (make, model, VIN, plate) of the fleet's item.
//
// Branch moves and removals change nothing in the registry: it has no branch, and a vehicle leaving
// the fleet keeps its item, history and last owner (it may come back under a customer, who is then
// made its owner by staff); the fleet's own view and the branch scope come from the fleet stream.
//
// Exactly once: the leased, checkpointed subscriber `subscriber:fleet-equipment` (PolicySubscriber)
// follows the log from its start (so a fleet imported before the policy existed is registered on
// its first run) and every command's id is `policy|<eventId>|fleet-equipment|<equipmentId>|<step>`:
// its event ids are fixed, so a batch repeated after a crash appends nothing twice. A refusal by
// the equipment decider (a plate the registry's format check refuses) is logged and skipped, so
// one bad vehicle does not stop the policy; a store failure throws and the batch is retried.
import { isLeft } from 'fp-ts/lib/Either.js'
import type { NewFleetVehicle } from '../../domain/customer/commands.js'
import type { FleetEvent, FleetVehicle } from '../../domain/customer/events.js'
import type { FleetState } from '../../domain/customer/fleetDecider.js'
import { normaliseVehicleIdentity } from '../../domain/customer/vehicleIdentity.js'
import type { EquipmentCommand } from '../../domain/equipment/commands.js'
import { type EquipmentState, equipmentDecider, equipmentStream } from '../../domain/equipment/equipmentDecider.js'
import { SYSTEM_ACTOR } from '../../domain/shared/actor.js'
import { bucketHas } from '../../domain/shared/bucketMap.js'
import { CONFLICT_RETRIES_EXHAUSTED, handleCommand, loadState } from '../commands/handleCommand.js'
import { EQUIPMENT_REGISTRY, type EquipmentRegistryDocument, searchKey } from '../equipment/equipmentRegistryView.js'
import type { EquipmentTypeDefinition } from '../equipment/equipmentTypes.js'
import type { EventCatalogue } from '../eventLog/eventCatalogue.js'
import { PolicySubscriber } from '../jobs/policySubscriber.js'
import type { Clock } from '../leases/clock.js'
import type { DocumentStore } from '../ports/documentStore.js'
import type { EventStore, RecordedEvent } from '../ports/eventStore.js'
import type { ReadModelReader } from '../queries/readModelReader.js'
import { DEFAULT_REPAIR_CONFIG, equipmentTypeOf, type RepairConfig } from '../workOrders/repairConfig.js'

export const FLEET_EQUIPMENT_POLICY = 'fleet-equipment'

export const FLEET_EQUIPMENT_EVENT_TYPES: ReadonlyArray<FleetEvent['type']> = [
  'FleetVehicleAdded',
  'FleetVehiclesImported',
  'FleetVehicleCorrected',
]

export interface FleetEquipmentNote {
  readonly equipmentId: string
  readonly outcome: 'registered' | 'linked' | 'updated' | 'unchanged' | 'refused'
  readonly reason?: string
}

export interface FleetEquipmentPolicyDeps {
  readonly store: EventStore
  readonly catalogue: EventCatalogue
  /** The equipment types (default: the repair side's defaults). */
  readonly config?: RepairConfig
  /** The type fleet vehicles are registered as. Default `passenger_car`. */
  readonly typeCode?: string
  readonly log?: (line: string) => void
}

export class FleetEquipmentPolicy {
  private readonly log: (line: string) => void
  private readonly type: EquipmentTypeDefinition

  constructor(private readonly deps: FleetEquipmentPolicyDeps) {
    this.log = deps.log ?? ((line) => console.error(`[${FLEET_EQUIPMENT_POLICY}] ${line}`))
    const type = equipmentTypeOf(deps.config ?? DEFAULT_REPAIR_CONFIG, deps.typeCode ?? 'passenger_car')
    if (type?.kind !== 'vehicle')
      throw new Error(`fleet vehicles need a vehicle equipment type; ${deps.typeCode ?? 'passenger_car'} is not one`)
    this.type = type
  }

  handles(type: string): boolean {
    return (FLEET_EQUIPMENT_EVENT_TYPES as ReadonlyArray<string>).includes(type)
  }

  /**
   * The service's own run, right after its append to the fleet stream (`revision`: the stream's
   * revision after it, `count` events appended): the same reactions under the same command ids as
   * the subscriber's, so the answer finds the vehicles registered. A failure here is logged, not
   * thrown: the fleet's change is recorded, and the subscriber does what is left.
   */
  async afterAppend(streamId: string, revision: number, count: number): Promise<FleetEquipmentNote[]> {
    if (count <= 0) return []
    const notes: FleetEquipmentNote[] = []
    try {
      for await (const recorded of this.deps.store.readStream(streamId, {
        fromRevision: revision - count + 1,
        maxCount: count,
      }))
        notes.push(...(await this.react(recorded)))
    } catch (error) {
      this.log(`${streamId}@${revision}: left to the subscriber: ${(error as Error).message}`)
    }
    return notes
  }

  /** The registry's changes for one logged fleet event; idempotent. */
  async react(recorded: RecordedEvent): Promise<FleetEquipmentNote[]> {
    if (!recorded.streamId.startsWith('fleet-') || !this.handles(recorded.type)) return []
    const event = this.deps.catalogue.decode(recorded) as FleetEvent
    const notes: FleetEquipmentNote[] = []
    switch (event.type) {
      case 'FleetVehicleAdded':
        notes.push(await this.enter(recorded, event.data.fleetId, event.data.vehicle, event.data.at))
        break
      case 'FleetVehiclesImported':
        for (const vehicle of event.data.vehicles)
          notes.push(await this.enter(recorded, event.data.fleetId, vehicle, event.data.at))
        break
      case 'FleetVehicleCorrected': {
        const { fleetId: _f, at: _a, equipmentId, ...identity } = event.data
        const state = await this.state(equipmentId)
        if (!state.exists) {
          notes.push({ equipmentId, outcome: 'unchanged', reason: 'not in the registry' })
          break
        }
        notes.push(
          await this.run(recorded, equipmentId, 'details', 'updated', {
            kind: 'ChangeEquipmentDetails',
            equipmentId,
            make: identity.make,
            model: identity.model,
            vehicleClass: state.vehicleClass,
            vin: identity.vin,
            registration: { plate: identity.plate, country: identity.plateCountry },
            serialNumber: state.serialNumber,
          }),
        )
        break
      }
      default:
        break
    }
    return notes
  }

  /** A vehicle entering the fleet: registered as the fleet's, or the registry's item made the fleet's. */
  private async enter(
    recorded: RecordedEvent,
    fleetId: string,
    vehicle: FleetVehicle,
    at: string,
  ): Promise<FleetEquipmentNote> {
    const { equipmentId } = vehicle
    const owner = { kind: 'fleet' as const, fleetId }
    const state = await this.state(equipmentId)
    // Already the fleet's: nothing to run (the decider would answer no events either).
    if (state.exists && state.owner?.kind === 'fleet' && state.owner.fleetId === fleetId)
      return { equipmentId, outcome: 'unchanged' }
    if (state.exists)
      return this.run(recorded, equipmentId, 'owner', 'linked', {
        kind: 'ChangeEquipmentOwner',
        equipmentId,
        owner,
        now: at,
      })
    const { type } = this
    return this.run(recorded, equipmentId, 'register', 'registered', {
      kind: 'RegisterEquipment',
      equipmentId,
      equipmentKind: type.kind,
      typeCode: type.typeCode,
      schema: type.schema,
      make: vehicle.make,
      model: vehicle.model,
      vehicleClass: type.defaultVehicleClass,
      vin: vehicle.vin,
      registration: { plate: vehicle.plate, country: vehicle.plateCountry },
      serialNumber: null,
      owner,
      customFields: {},
      status: 'at_customer',
      pointId: null,
      now: at,
    })
  }

  private async state(equipmentId: string): Promise<EquipmentState> {
    return (await loadState(this.deps.store, this.deps.catalogue, equipmentDecider, equipmentStream(equipmentId))).state
  }

  private async run(
    recorded: RecordedEvent,
    equipmentId: string,
    step: string,
    done: FleetEquipmentNote['outcome'],
    command: EquipmentCommand,
  ): Promise<FleetEquipmentNote> {
    const outcome = await handleCommand({
      store: this.deps.store,
      catalogue: this.deps.catalogue,
      decider: equipmentDecider,
      streamId: equipmentStream(equipmentId),
      command,
      context: {
        actor: SYSTEM_ACTOR,
        correlationId: recorded.metadata.correlationId,
        causationId: recorded.metadata.eventId,
        now: 'now' in command ? command.now : recorded.metadata.occurredAt,
        commandId: `policy|${recorded.metadata.eventId}|${FLEET_EQUIPMENT_POLICY}|${equipmentId}|${step}`,
      },
    })
    if (isLeft(outcome)) {
      // A lost race (retries exhausted) is tried again with the batch; the decider's refusals are final.
      if (outcome.left.code !== CONFLICT_RETRIES_EXHAUSTED) {
        this.log(
          `${recorded.type} ${recorded.metadata.eventId}: equipment ${equipmentId} refused: ${outcome.left.message}`,
        )
        return { equipmentId, outcome: 'refused', reason: `${outcome.left.code}: ${outcome.left.message}` }
      }
      throw new Error(`${equipmentStream(equipmentId)}: ${outcome.left.code} ${outcome.left.message}`)
    }
    return { equipmentId, outcome: outcome.right.events.length > 0 ? done : 'unchanged' }
  }
}

export interface FleetEquipmentSubscriberOptions {
  readonly events: EventStore
  readonly documents: DocumentStore
  readonly policy: FleetEquipmentPolicy
  readonly clock?: Clock
  readonly holder?: string
  readonly leaseTtlMs?: number
  readonly leaseRetryMs?: number
  readonly onReacted?: (trigger: RecordedEvent, notes: ReadonlyArray<FleetEquipmentNote>) => void
  readonly log?: (line: string) => void
}

/** The leased, checkpointed runner of the policy (`subscriber:fleet-equipment`), from the log's start. */
export function fleetEquipmentSubscriber(options: FleetEquipmentSubscriberOptions): PolicySubscriber {
  return new PolicySubscriber({
    name: FLEET_EQUIPMENT_POLICY,
    events: options.events,
    documents: options.documents,
    handles: (type) => options.policy.handles(type),
    startAtHead: false,
    ...(options.holder ? { holder: options.holder } : {}),
    ...(options.leaseTtlMs !== undefined ? { leaseTtlMs: options.leaseTtlMs } : {}),
    ...(options.leaseRetryMs !== undefined ? { leaseRetryMs: options.leaseRetryMs } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    log: options.log ?? ((line) => console.error(`[${FLEET_EQUIPMENT_POLICY}] ${line}`)),
    react: async (recorded) => {
      const notes = await options.policy.react(recorded)
      options.onReacted?.(recorded, notes)
    },
  })
}

/**
 * For each vehicle entering fleet `fleetId`, the registry's item it is linked to instead of a new
 * one: a vehicle (not scrapped) with the same VIN, else the same plate, owned by a customer or by
 * this fleet (never another fleet's vehicle); null: a new item is registered. Read from the
 * `equipmentRegistry` read model (two queries per 500 vehicles), so an item registered a moment
 * ago may not be found yet.
 */
export type EquipmentLinker = (
  fleetId: string,
  vehicles: ReadonlyArray<{ readonly vin: string; readonly plate: string }>,
) => Promise<Array<string | null>>

export function registryLinker(readModels: ReadModelReader): EquipmentLinker {
  return async (fleetId, vehicles) => {
    const items = await readModels.collection<EquipmentRegistryDocument>(
      EQUIPMENT_REGISTRY.projection,
      EQUIPMENT_REGISTRY.items,
    )
    const byVin = new Map<string, string>()
    const byPlate = new Map<string, string>()
    for (let i = 0; i < vehicles.length; i += 500) {
      const chunk = vehicles.slice(i, i + 500)
      for (const [field, keys, into] of [
        ['vinKey', chunk.map((v) => searchKey(v.vin)), byVin],
        ['plateKey', chunk.map((v) => searchKey(v.plate)), byPlate],
      ] as const) {
        const found = await items.find(
          { $and: [{ [field]: { $in: keys } }, { kind: 'vehicle' }, { status: { $ne: 'scrapped' } }] },
          { projection: { _id: 1, vinKey: 1, plateKey: 1, ownerKind: 1, ownerFleetId: 1 }, sort: { _id: 1 } },
        )
        for (const d of found) {
          const key = d[field]
          if (key && !into.has(key) && (d.ownerKind !== 'fleet' || d.ownerFleetId === fleetId)) into.set(key, d._id)
        }
      }
    }
    return vehicles.map((v) => byVin.get(searchKey(v.vin)) ?? byPlate.get(searchKey(v.plate)) ?? null)
  }
}

/**
 * The vehicles with the equipment ids of the registry's items they are linked to (see
 * EquipmentLinker); the others keep theirs. An item already in the fleet (even removed: an
 * equipment id is never reused there) or linked by an earlier vehicle of the list is not linked.
 */
export async function linkToRegistry<V extends NewFleetVehicle>(
  linker: EquipmentLinker | undefined,
  fleet: FleetState,
  vehicles: ReadonlyArray<V>,
): Promise<V[]> {
  if (!linker || vehicles.length === 0) return [...vehicles]
  const identities = vehicles.map((v) => normaliseVehicleIdentity(v, '').identity)
  const links = await linker(fleet.fleetId, identities)
  const taken = new Set<string>()
  return vehicles.map((v, i) => {
    const id = links[i]
    if (!id || bucketHas(fleet.vehicles, id) || taken.has(id)) return v
    taken.add(id)
    return { ...v, equipmentId: id }
  })
}
