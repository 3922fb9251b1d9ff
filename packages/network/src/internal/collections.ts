import type { Collection } from './crud.js'
import { BLOCK_STORAGE, cinderPath, LOAD_BALANCER, NETWORK, neutronPath, octaviaPath } from './services.js'

const neutron = (segment: string, singular: string, plural = segment): Collection => ({
  service: NETWORK,
  path: neutronPath,
  segment,
  plural,
  singular,
})
const octavia = (segment: string, singular: string, plural: string): Collection => ({
  service: LOAD_BALANCER,
  path: octaviaPath,
  segment: `lbaas/${segment}`,
  plural,
  singular,
})

export const networks = neutron('networks', 'network')
export const subnets = neutron('subnets', 'subnet')
export const routers = neutron('routers', 'router')
export const ports = neutron('ports', 'port')
export const floatingIps = neutron('floatingips', 'floatingip')
export const securityGroups = neutron('security-groups', 'security_group', 'security_groups')
export const securityGroupRules = neutron(
  'security-group-rules',
  'security_group_rule',
  'security_group_rules',
)
export const loadBalancers = octavia('loadbalancers', 'loadbalancer', 'loadbalancers')
export const listeners = octavia('listeners', 'listener', 'listeners')
export const pools = octavia('pools', 'pool', 'pools')
export const healthMonitors = octavia('healthmonitors', 'healthmonitor', 'healthmonitors')
/** Members live under their pool: `lbaas/pools/{pool_id}/members`. */
export const members = (poolId: string) =>
  octavia(`pools/${encodeURIComponent(poolId)}/members`, 'member', 'members')
export const volumeTypes: Collection = {
  service: BLOCK_STORAGE,
  path: cinderPath,
  segment: 'types',
  plural: 'volume_types',
  singular: 'volume_type',
}
export const volumes: Collection = {
  service: BLOCK_STORAGE,
  path: cinderPath,
  segment: 'volumes',
  plural: 'volumes',
  singular: 'volume',
}
