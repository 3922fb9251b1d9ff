import { randomUUID } from 'node:crypto'
import { badRequest, conflict } from '../../server/api-error.js'
import { cidrRange, defaultPool, intToIp } from '../ip.js'
import { checkNetworkQuota } from '../quota.js'
import type { NetworkRecord, NetworkState, SubnetRecord } from '../state.js'
import { must, type Stamp, stamps } from './common.js'

/** Creates a network (`external` makes it `router:external`). */
export function createNetwork(
  s: NetworkState,
  stamp: Stamp,
  input: {
    name: string
    external?: boolean
    shared?: boolean
    mtu?: number
    id?: string
    description?: string
  },
): NetworkRecord {
  checkNetworkQuota(s, 'network', stamp.projectId)
  const network: NetworkRecord = {
    id: input.id ?? randomUUID(),
    name: input.name,
    ...stamps(stamp),
    admin_state_up: true,
    status: 'ACTIVE',
    shared: input.shared ?? false,
    'router:external': input.external ?? false,
    subnets: [],
    mtu: input.mtu ?? 1450,
    port_security_enabled: true,
    availability_zones: ['nova'],
    description: input.description ?? '',
    tags: [],
  }
  s.networks.set(network.id, network)
  return network
}

/** Deletes a network: 409 `NetworkInUse` while ports other than DHCP's remain. */
export function deleteNetwork(s: NetworkState, id: string) {
  const network = must(s.networks, id, 'Network', 'Network')
  const inUse = [...s.ports.values()].some((p) => p.network_id === id && p.device_owner !== 'network:dhcp')
  if (inUse) {
    throw conflict(
      `Unable to complete operation on network ${id}. There are one or more ports still in use on the network.`,
      'NetworkInUse',
    )
  }
  for (const subnetId of network.subnets) s.subnets.delete(subnetId)
  s.networks.delete(id)
}

/** Creates an IPv4 subnet with Neutron's default gateway and allocation pool. */
export function createSubnet(
  s: NetworkState,
  stamp: Stamp,
  input: {
    networkId: string
    cidr: string
    name?: string
    gatewayIp?: string | null
    allocationPools?: { start: string; end: string }[]
    enableDhcp?: boolean
    dnsNameservers?: string[]
    id?: string
  },
): SubnetRecord {
  const network = must(s.networks, input.networkId, 'Network', 'Network')
  checkNetworkQuota(s, 'subnet', stamp.projectId)
  let range: ReturnType<typeof cidrRange>
  try {
    range = cidrRange(input.cidr)
  } catch {
    throw badRequest(
      `Invalid input for cidr. Reason: '${input.cidr}' is not a valid IP subnet.`,
      'HTTPBadRequest',
    )
  }
  const cidr = `${intToIp(range.first)}/${range.prefix}`
  const gatewayIp = input.gatewayIp === undefined ? intToIp(range.first + 1) : input.gatewayIp
  const subnet: SubnetRecord = {
    id: input.id ?? randomUUID(),
    name: input.name ?? '',
    network_id: network.id,
    ...stamps(stamp),
    cidr,
    ip_version: 4,
    gateway_ip: gatewayIp,
    allocation_pools: input.allocationPools ?? defaultPool(cidr, gatewayIp),
    enable_dhcp: input.enableDhcp ?? true,
    dns_nameservers: input.dnsNameservers ?? [],
    host_routes: [],
    description: '',
    tags: [],
  }
  s.subnets.set(subnet.id, subnet)
  network.subnets.push(subnet.id)
  return subnet
}

/** Deletes a subnet: 409 `SubnetInUse` while a port holds one of its addresses. */
export function deleteSubnet(s: NetworkState, id: string) {
  const subnet = must(s.subnets, id, 'Subnet', 'Subnet')
  const inUse = [...s.ports.values()].some((p) => p.fixed_ips.some((f) => f.subnet_id === id))
  if (inUse) {
    throw conflict(
      `Unable to complete operation on subnet ${id}: One or more ports have an IP allocation from this subnet.`,
      'SubnetInUse',
    )
  }
  s.subnets.delete(id)
  const network = s.networks.get(subnet.network_id)
  if (network) network.subnets = network.subnets.filter((x) => x !== id)
}
