import { badRequest, conflict } from '../../server/api-error.js'
import { cidrContains, intToIp, ipToInt } from '../ip.js'
import type { NetworkState, SubnetRecord } from '../state.js'

function usedAddresses(s: NetworkState, subnet: SubnetRecord): Set<string> {
  const used = new Set<string>()
  if (subnet.gateway_ip) used.add(subnet.gateway_ip)
  for (const port of s.ports.values())
    for (const f of port.fixed_ips) if (f.subnet_id === subnet.id) used.add(f.ip_address)
  for (const fip of s.floatingIps.values()) {
    if (cidrContains(subnet.cidr, fip.floating_ip_address)) used.add(fip.floating_ip_address)
  }
  for (const router of s.routers.values()) {
    for (const f of router.external_gateway_info?.external_fixed_ips ?? []) {
      if (f.subnet_id === subnet.id) used.add(f.ip_address)
    }
  }
  return used
}

/** The next free address of a subnet's allocation pools, or 409 `IpAddressGenerationFailure`. */
export function allocateAddress(s: NetworkState, subnet: SubnetRecord, wanted?: string): string {
  const used = usedAddresses(s, subnet)
  if (wanted) {
    if (!cidrContains(subnet.cidr, wanted)) {
      throw badRequest(
        `IP address ${wanted} is not a valid IP for the specified subnet.`,
        'InvalidIpForSubnet',
      )
    }
    if (used.has(wanted)) {
      throw conflict(
        `IP address ${wanted} already allocated in subnet ${subnet.id}`,
        'IpAddressAlreadyAllocated',
      )
    }
    return wanted
  }
  for (const pool of subnet.allocation_pools) {
    for (let n = ipToInt(pool.start); n <= ipToInt(pool.end); n++) {
      const ip = intToIp(n)
      if (!used.has(ip)) return ip
    }
  }
  throw conflict(
    `No more IP addresses available on network ${subnet.network_id}.`,
    'IpAddressGenerationFailure',
  )
}
