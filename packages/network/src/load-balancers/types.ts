import type { components } from '../generated/load-balancer.js'

type Schemas = components['schemas']

/** An Octavia load balancer; `provisioning_status` says where a change is (ACTIVE, PENDING_*, ERROR, DELETED). */
export type LoadBalancer = NonNullable<Schemas['LbaasLoadbalancerShowResponse']['loadbalancer']> & {
  id: string
  name: string
  provisioning_status: string
  operating_status: string
}
export type Listener = NonNullable<Schemas['LbaasListenerShowResponse']['listener']> & { id: string }
export type Pool = NonNullable<Schemas['LbaasPoolGetResponse']['pool']> & { id: string }
export type Member = NonNullable<Schemas['LbaasPoolsMemberCreateResponse']['member']> & { id: string }
export type HealthMonitor = NonNullable<Schemas['LbaasHealthmonitorShowResponse']['healthmonitor']> & {
  id: string
}

export interface ListLoadBalancersOptions {
  name?: string
  description?: string
  provisioningStatus?: string
  vipNetworkId?: string
  projectId?: string
  tags?: string[]
  /** Page size; every page is fetched regardless. */
  limit?: number
  filters?: Record<string, string | number | boolean | string[]>
  signal?: AbortSignal
}

/** One of `vipSubnetId`, `vipNetworkId` or `vipPortId` places the VIP. */
export interface CreateLoadBalancerOptions {
  name?: string
  description?: string
  vipSubnetId?: string
  vipNetworkId?: string
  vipPortId?: string
  vipAddress?: string
  provider?: string
  flavorId?: string
  availabilityZone?: string
  adminStateUp?: boolean
  tags?: string[]
  signal?: AbortSignal
}

export interface WaitForLoadBalancerOptions {
  /** Give up after this long (default 15 minutes, Octavia amphora boots are slow). */
  timeoutMs?: number
  /** First poll interval (default 2 s), growing by half each poll up to `maxIntervalMs` (default 15 s). */
  intervalMs?: number
  maxIntervalMs?: number
  signal?: AbortSignal
  /** Called after each poll with the load balancer seen. */
  onPoll?: (loadBalancer: LoadBalancer) => void
}
