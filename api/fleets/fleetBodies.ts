// Request bodies and queries of the fleet routes (decoded with these).
import * as t from 'io-ts'
import { EntityId } from '../../domain/access/fields.js'
import { FleetBranch } from '../../domain/customer/events.js'
import { Address } from '../../domain/customer/fields.js'
import { ContactsBody } from '../customers/customerBodies.js'
import { Days, Flag, PagingQuery, SearchText } from '../customers/queryFields.js'

export const HeadOfficeBody = t.exact(t.type({ address: Address, contacts: ContactsBody }))

export const RegisterFleetBody = t.exact(
  t.intersection([
    t.type({ customerId: EntityId, name: t.string, headOffice: HeadOfficeBody }),
    t.partial({ fleetId: EntityId }),
  ]),
)
export const FleetDetailsBody = t.exact(t.type({ name: t.string, headOffice: HeadOfficeBody }))
export const BranchBody = t.exact(
  t.type({ branchId: EntityId, name: t.string, address: Address, contacts: ContactsBody }),
)
export const BranchChangeBody = t.exact(t.type({ name: t.string, address: Address, contacts: ContactsBody }))

const identity = {
  plate: t.string,
  vin: t.string,
  make: t.string,
  model: t.string,
}
export const VehicleBody = t.exact(
  t.intersection([
    t.type(identity),
    t.partial({
      equipmentId: EntityId,
      plateCountry: t.string,
      year: t.union([t.number, t.null]),
      branchId: t.union([EntityId, t.null]),
    }),
  ]),
)
export const VehicleCorrectionBody = t.exact(
  t.intersection([t.type(identity), t.partial({ plateCountry: t.string, year: t.union([t.number, t.null]) })]),
)
export const VehicleBranchBody = t.exact(t.type({ branchId: t.union([EntityId, t.null]) }))
export const VehicleDriverBody = t.exact(t.type({ driverId: t.union([EntityId, t.null]) }))
export const ReasonBody = t.exact(t.type({ reason: t.string }))

export const ManagerBody = t.exact(
  t.intersection([
    t.type({ managerId: EntityId, name: t.string, contacts: ContactsBody }),
    t.partial({ branchIds: t.union([t.array(EntityId), t.null]) }),
  ]),
)
export const DriverBody = t.exact(
  t.intersection([
    t.type({ name: t.string, contacts: ContactsBody }),
    t.partial({ driverId: EntityId, customerId: t.union([EntityId, t.null]) }),
  ]),
)

export const FleetListQuery = t.exact(t.partial(PagingQuery))
export const VehicleListQuery = t.exact(
  t.partial({ branchId: EntityId, q: SearchText, includeRemoved: Flag, ...PagingQuery }),
)
export const ImportQuery = t.exact(t.partial({ fileName: t.string }))

export const VehicleStatusField = t.keyof({
  in_operation: null,
  booked: null,
  in_workshop: null,
  irreparable: null,
  scrapped: null,
  removed: null,
})
export const DashboardQuery = t.exact(t.partial({ days: Days }))
export const DashboardVehiclesQuery = t.exact(
  t.partial({ status: VehicleStatusField, branchId: EntityId, ...PagingQuery }),
)

export const FleetBranchCodec = FleetBranch
