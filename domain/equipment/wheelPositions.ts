// Where a tyre sits. Cars have four road wheels and a spare; vans and trucks may run twin tyres on
// the rear axle (inner and outer on each side) and carry a second spare. A side of an axle holds
// either a single tyre or a twin pair, never both.
import * as t from 'io-ts'
import type { VehicleClass } from '../service-network/capabilities.js'

export const WheelPosition = t.keyof({
  FL: null,
  FR: null,
  RL: null,
  RR: null,
  /** Rear left outer / inner, rear right outer / inner (twin tyres). */
  RLO: null,
  RLI: null,
  RRO: null,
  RRI: null,
  SPARE: null,
  SPARE2: null,
})
export type WheelPosition = t.TypeOf<typeof WheelPosition>

export const TWIN_POSITIONS: ReadonlyArray<WheelPosition> = ['RLO', 'RLI', 'RRO', 'RRI']
const SINGLE_POSITIONS: ReadonlyArray<WheelPosition> = ['FL', 'FR', 'RL', 'RR', 'SPARE']

/** The positions a vehicle class (or a stored tyre set for it; null = unknown class) may use. */
export function positionsFor(vehicleClass: VehicleClass | null): ReadonlyArray<WheelPosition> {
  if (vehicleClass === 'passenger' || vehicleClass === 'suv') return SINGLE_POSITIONS
  return [...SINGLE_POSITIONS, ...TWIN_POSITIONS, 'SPARE2']
}

/** Single and twin tyres exclude each other on the same rear side. */
export function conflictingPositions(position: WheelPosition): ReadonlyArray<WheelPosition> {
  switch (position) {
    case 'RL':
      return ['RLO', 'RLI']
    case 'RR':
      return ['RRO', 'RRI']
    case 'RLO':
    case 'RLI':
      return ['RL']
    case 'RRO':
    case 'RRI':
      return ['RR']
    default:
      return []
  }
}

/** Positions on the same axle: tyres are usually replaced in axle pairs. */
export function axleOf(position: WheelPosition): 'front' | 'rear' | 'spare' {
  if (position === 'FL' || position === 'FR') return 'front'
  if (position === 'SPARE' || position === 'SPARE2') return 'spare'
  return 'rear'
}
