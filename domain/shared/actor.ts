import * as t from 'io-ts'

// The roles of a service network. Every event records who did it (actor id and role).
export const Role = t.keyof({
  head_office: null,
  service_point: null, // the point's own account (e.g. a reception tablet)
  service_point_manager: null,
  service_point_employee: null,
  fleet_client: null, // a company's account
  fleet_manager: null,
  customer: null,
  system: null, // workers, projections, policies acting on their own
})
export type Role = t.TypeOf<typeof Role>

export const Actor = t.type({ id: t.string, role: Role })
export type Actor = t.TypeOf<typeof Actor>

export const SYSTEM_ACTOR: Actor = { id: 'system', role: 'system' }
