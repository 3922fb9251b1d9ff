import { randomUUID } from 'node:crypto'
import { badRequest, conflict, notFound } from '../../server/api-error.js'
import { isoSeconds } from '../../server/time.js'
import { checkNetworkQuota } from '../quota.js'
import type { FloatingIpRecord, NetworkState } from '../state.js'
import { allocateAddress } from './addresses.js'
import { must, type Stamp } from './common.js'

/** Allocates a floating IP from an external network's pool, optionally associated with a port. */
export function createFloatingIp(
  s: NetworkState,
  stamp: Stamp,
  input: {
    floatingNetworkId: string
    portId?: string
    fixedIpAddress?: string
    floatingIpAddress?: string
    description?: string
  },
): FloatingIpRecord {
  const network = must(s.networks, input.floatingNetworkId, 'Network', 'Network')
  if (!network['router:external']) {
    throw badRequest(
      `Bad floatingip request: Network ${network.id} is not a valid external network.`,
      'BadRequest',
    )
  }
  checkNetworkQuota(s, 'floatingip', stamp.projectId)
  let address: string | undefined
  let lastError: unknown
  for (const subnetId of network.subnets) {
    const subnet = s.subnets.get(subnetId)
    if (!subnet) continue
    try {
      address = allocateAddress(s, subnet, input.floatingIpAddress)
      break
    } catch (error) {
      lastError = error
    }
  }
  if (!address) {
    throw (
      lastError ??
      conflict(`No more IP addresses available on network ${network.id}.`, 'IpAddressGenerationFailure')
    )
  }
  const t = isoSeconds(stamp.now)
  const fip: FloatingIpRecord = {
    id: randomUUID(),
    floating_ip_address: address,
    floating_network_id: network.id,
    router_id: null,
    port_id: null,
    fixed_ip_address: null,
    status: 'DOWN',
    project_id: stamp.projectId,
    tenant_id: stamp.projectId,
    description: input.description ?? '',
    tags: [],
    created_at: t,
    updated_at: t,
    revision_number: 0,
  }
  s.floatingIps.set(fip.id, fip)
  if (input.portId) associateFloatingIp(s, fip, input.portId, input.fixedIpAddress)
  return fip
}

/** Points a floating IP at a port's fixed address (or, with null, detaches it). */
export function associateFloatingIp(
  s: NetworkState,
  fip: FloatingIpRecord,
  portId: string | null,
  fixedIp?: string,
) {
  if (portId === null) {
    Object.assign(fip, { port_id: null, fixed_ip_address: null, router_id: null, status: 'DOWN' })
    return
  }
  const port = must(s.ports, portId, 'Port', 'Port')
  const address = fixedIp ?? port.fixed_ips[0]?.ip_address
  if (!address) throw badRequest(`Port ${port.id} does not have any IP addresses.`, 'BadRequest')
  const other = [...s.floatingIps.values()].find(
    (f) => f.id !== fip.id && f.port_id === port.id && f.fixed_ip_address === address,
  )
  if (other) {
    throw conflict(
      `Cannot associate floating IP ${fip.floating_ip_address} (${fip.id}) with port ${port.id} using fixed IP ${address}, as that fixed IP already has a floating IP on external network ${fip.floating_network_id}.`,
      'FloatingIPPortAlreadyAssociated',
    )
  }
  const subnetIds = new Set(port.fixed_ips.map((f) => f.subnet_id))
  const router = [...s.routers.values()].find(
    (r) =>
      r.external_gateway_info?.network_id === fip.floating_network_id &&
      [...s.ports.values()].some(
        (p) => p.device_id === r.id && p.fixed_ips.some((f) => subnetIds.has(f.subnet_id)),
      ),
  )
  if (!router) {
    throw notFound(
      `External network ${fip.floating_network_id} is not reachable from subnet ${[...subnetIds][0] ?? ''}.  Therefore, cannot associate Port ${port.id} with a Floating IP.`,
      'ExternalGatewayForFloatingIPNotFound',
    )
  }
  Object.assign(fip, { port_id: port.id, fixed_ip_address: address, router_id: router.id, status: 'ACTIVE' })
}
