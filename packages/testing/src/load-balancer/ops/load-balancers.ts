import { randomUUID } from 'node:crypto'
import { createPort, deletePort } from '../../network/ops.js'
import { badRequest } from '../../server/api-error.js'
import type { CloudState } from '../../state.js'
import type { LoadBalancerRecord } from '../state.js'
import { type LbStamp, octaviaNotFound, status } from './common.js'

/** Creates a load balancer with its VIP port on the given subnet (or network). */
export function createLoadBalancer(
  s: CloudState,
  stamp: LbStamp,
  input: {
    name?: string
    description?: string
    vipSubnetId?: string
    vipNetworkId?: string
    vipAddress?: string
    provider?: string
    tags?: string[]
  },
): LoadBalancerRecord {
  const subnet = input.vipSubnetId
    ? s.network.subnets.get(input.vipSubnetId)
    : [...s.network.subnets.values()].find((x) => x.network_id === input.vipNetworkId)
  if (!subnet) {
    if (!input.vipSubnetId && !input.vipNetworkId) {
      throw badRequest(
        'Validation failure: VIP must contain one of: vip_port_id, vip_network_id, vip_subnet_id.',
      )
    }
    throw badRequest(`Validation failure: Subnet ${input.vipSubnetId ?? input.vipNetworkId} not found.`)
  }
  const id = randomUUID()
  const port = createPort(
    s.network,
    { now: stamp.now, projectId: stamp.projectId },
    {
      networkId: subnet.network_id,
      name: `octavia-lb-${id}`,
      deviceOwner: 'Octavia',
      deviceId: `lb-${id}`,
      fixedIps: [{ subnet_id: subnet.id, ...(input.vipAddress ? { ip_address: input.vipAddress } : {}) }],
      securityGroups: [],
    },
  )
  const lb: LoadBalancerRecord = {
    id,
    name: input.name ?? '',
    description: input.description ?? '',
    vip_address: port.fixed_ips[0]?.ip_address ?? '',
    vip_port_id: port.id,
    vip_subnet_id: subnet.id,
    vip_network_id: subnet.network_id,
    admin_state_up: true,
    provider: input.provider ?? 'amphora',
    flavor_id: null,
    availability_zone: null,
    tags: input.tags ?? [],
    ...status(stamp),
  }
  s.loadBalancer.loadBalancers.set(lb.id, lb)
  return lb
}

/** Deletes a load balancer: 400 while it has children unless `cascade`; the VIP port goes with it. */
export function deleteLoadBalancer(s: CloudState, id: string, cascade: boolean) {
  const lb = s.loadBalancer.loadBalancers.get(id)
  if (!lb) throw octaviaNotFound('Load Balancer', id)
  const st = s.loadBalancer
  const listeners = [...st.listeners.values()].filter((l) => l.loadbalancerId === id)
  const pools = [...st.pools.values()].filter((p) => p.loadbalancerId === id)
  if (!cascade && (listeners.length > 0 || pools.length > 0)) {
    throw badRequest(`Cannot delete Load Balancer ${id} - it has children`)
  }
  for (const pool of pools) deletePool(s, pool.id)
  for (const listener of listeners) st.listeners.delete(listener.id)
  if (s.network.ports.has(lb.vip_port_id)) deletePort(s.network, lb.vip_port_id)
  st.loadBalancers.delete(id)
}

/** Deletes a pool with its members and health monitor. */
export function deletePool(s: CloudState, id: string) {
  const st = s.loadBalancer
  const pool = st.pools.get(id)
  if (!pool) throw octaviaNotFound('Pool', id)
  for (const [memberId, m] of st.members) if (m.poolId === id) st.members.delete(memberId)
  for (const [hmId, h] of st.healthMonitors) if (h.poolId === id) st.healthMonitors.delete(hmId)
  for (const listener of st.listeners.values())
    if (listener.default_pool_id === id) listener.default_pool_id = null
  st.pools.delete(id)
}
