import { conflict } from '../server/api-error.js'
import type { NetworkQuotas, NetworkState } from './state.js'

const collections: Record<keyof NetworkQuotas, (s: NetworkState) => Map<string, { project_id: string }>> = {
  network: (s) => s.networks,
  subnet: (s) => s.subnets,
  port: (s) => s.ports,
  router: (s) => s.routers,
  floatingip: (s) => s.floatingIps,
  security_group: (s) => s.securityGroups,
  security_group_rule: (s) => s.securityGroupRules,
}

/** How many objects of a resource a project holds. */
export function usage(s: NetworkState, resource: keyof NetworkQuotas, projectId: string): number {
  let count = 0
  for (const item of collections[resource](s).values()) if (item.project_id === projectId) count++
  return count
}

/** Neutron's 409 `OverQuota` when one more object would exceed the project's limit. */
export function checkNetworkQuota(s: NetworkState, resource: keyof NetworkQuotas, projectId: string): void {
  const limit = s.quotas[resource]
  if (limit >= 0 && usage(s, resource, projectId) + 1 > limit) {
    throw conflict(`Quota exceeded for resources: ['${resource}'].`, 'OverQuota')
  }
}

/** Every resource Neutron counts, in its `quota` body order. */
export const quotaResources = Object.keys(collections) as (keyof NetworkQuotas)[]
