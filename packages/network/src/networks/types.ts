import type { components } from '../generated/network.js'

/** A Neutron network (all fields as Neutron sends them; `router:external` says if it is external). */
export type Network = NonNullable<components['schemas']['NetworkShowResponse']['network']> & {
  id: string
  name: string
}

/** Filters of `listNetworks`; `filters` passes any other Neutron filter as is. */
export interface ListNetworksOptions {
  name?: string
  /** Only external (`true`) or internal (`false`) networks: Neutron's `router:external`. */
  routerExternal?: boolean
  shared?: boolean
  status?: string
  projectId?: string
  tags?: string[]
  /** Page size; every page is fetched regardless. */
  limit?: number
  filters?: Record<string, string | number | boolean | string[]>
  signal?: AbortSignal
}

export interface CreateNetworkOptions {
  name: string
  description?: string
  adminStateUp?: boolean
  mtu?: number
  portSecurityEnabled?: boolean
  shared?: boolean
  /** Create an external network (admin). */
  routerExternal?: boolean
  availabilityZoneHints?: string[]
  signal?: AbortSignal
}
