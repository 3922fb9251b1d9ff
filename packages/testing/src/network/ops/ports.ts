import { randomUUID } from 'node:crypto'
import { badRequest } from '../../server/api-error.js'
import { cidrContains } from '../ip.js'
import { checkNetworkQuota } from '../quota.js'
import type { NetworkState, PortRecord } from '../state.js'
import { allocateAddress } from './addresses.js'
import { macAddress, must, type Stamp, stamps } from './common.js'
import { ensureDefaultSecurityGroup } from './security-groups.js'

/** Creates a port with addresses from its network's (or the named) subnets. */
export function createPort(
  s: NetworkState,
  stamp: Stamp,
  input: {
    networkId: string
    name?: string
    fixedIps?: { subnet_id?: string; ip_address?: string }[]
    deviceId?: string
    deviceOwner?: string
    securityGroups?: string[]
    portSecurityEnabled?: boolean
    allowedAddressPairs?: { ip_address: string; mac_address?: string }[]
    description?: string
  },
): PortRecord {
  const network = must(s.networks, input.networkId, 'Network', 'Network')
  checkNetworkQuota(s, 'port', stamp.projectId)
  const requests: { subnet_id?: string; ip_address?: string }[] =
    input.fixedIps ?? network.subnets.slice(0, 1).map((id) => ({ subnet_id: id }))
  const fixedIps = requests.map((r) => {
    const subnet = r.subnet_id
      ? must(s.subnets, r.subnet_id, 'Subnet', 'Subnet')
      : [...s.subnets.values()].find(
          (x) => x.network_id === network.id && (!r.ip_address || cidrContains(x.cidr, r.ip_address)),
        )
    if (!subnet || subnet.network_id !== network.id) {
      throw badRequest(
        `Invalid input for operation: Failed to create port on network ${network.id}.`,
        'InvalidInput',
      )
    }
    return { subnet_id: subnet.id, ip_address: allocateAddress(s, subnet, r.ip_address) }
  })
  const portSecurity = input.portSecurityEnabled ?? network.port_security_enabled
  const securityGroups =
    input.securityGroups ?? (portSecurity ? [ensureDefaultSecurityGroup(s, stamp).id] : [])
  for (const id of securityGroups) must(s.securityGroups, id, 'SecurityGroup', 'Security group')
  const port: PortRecord = {
    id: randomUUID(),
    name: input.name ?? '',
    network_id: network.id,
    ...stamps(stamp),
    mac_address: macAddress(),
    fixed_ips: fixedIps,
    device_id: input.deviceId ?? '',
    device_owner: input.deviceOwner ?? '',
    status: input.deviceId ? 'ACTIVE' : 'DOWN',
    admin_state_up: true,
    security_groups: securityGroups,
    allowed_address_pairs: input.allowedAddressPairs ?? [],
    port_security_enabled: portSecurity,
    'binding:vnic_type': 'normal',
    description: input.description ?? '',
    tags: [],
  }
  s.ports.set(port.id, port)
  return port
}

/** Deletes a port and clears floating IPs pointing at it (as Neutron disassociates them). */
export function deletePort(s: NetworkState, id: string) {
  must(s.ports, id, 'Port', 'Port')
  s.ports.delete(id)
  for (const fip of s.floatingIps.values()) {
    if (fip.port_id === id)
      Object.assign(fip, { port_id: null, fixed_ip_address: null, router_id: null, status: 'DOWN' })
  }
}
