import { randomUUID } from 'node:crypto'
import { badRequest, conflict, notFound } from '../../server/api-error.js'
import { isoSeconds } from '../../server/time.js'
import { checkNetworkQuota } from '../quota.js'
import type { NetworkState, PortRecord, RouterRecord } from '../state.js'
import { allocateAddress } from './addresses.js'
import { macAddress, must, type Stamp, stamps } from './common.js'

/** Creates a router, optionally with a gateway on an external network. */
export function createRouter(
  s: NetworkState,
  stamp: Stamp,
  input: { name: string; externalNetworkId?: string; enableSnat?: boolean },
): RouterRecord {
  checkNetworkQuota(s, 'router', stamp.projectId)
  const t = isoSeconds(stamp.now)
  const router: RouterRecord = {
    id: randomUUID(),
    name: input.name,
    project_id: stamp.projectId,
    tenant_id: stamp.projectId,
    status: 'ACTIVE',
    admin_state_up: true,
    external_gateway_info: null,
    routes: [],
    description: '',
    tags: [],
    created_at: t,
    updated_at: t,
    revision_number: 0,
  }
  s.routers.set(router.id, router)
  if (input.externalNetworkId) setRouterGateway(s, router, input.externalNetworkId, input.enableSnat ?? true)
  return router
}

/** Sets (or, with undefined, clears) a router's external gateway, taking an address on it. */
export function setRouterGateway(
  s: NetworkState,
  router: RouterRecord,
  networkId: string | undefined,
  snat = true,
) {
  if (!networkId) {
    router.external_gateway_info = null
    return
  }
  const network = must(s.networks, networkId, 'ExternalNetwork', 'External network')
  if (!network['router:external']) {
    throw badRequest(`Bad router request: Network ${networkId} is not an external network.`, 'BadRequest')
  }
  router.external_gateway_info = { network_id: networkId, enable_snat: snat, external_fixed_ips: [] }
  const subnet = network.subnets.map((id) => s.subnets.get(id)).find((x) => x !== undefined)
  if (subnet) {
    router.external_gateway_info.external_fixed_ips.push({
      subnet_id: subnet.id,
      ip_address: allocateAddress(s, subnet),
    })
  }
}

/** Adds an interface on a subnet (a port holding the subnet's gateway address) or on a port. */
export function addRouterInterface(
  s: NetworkState,
  stamp: Stamp,
  routerId: string,
  input: { subnetId?: string; portId?: string },
) {
  const router = must(s.routers, routerId, 'Router', 'Router')
  let port: PortRecord
  if (input.portId) {
    port = must(s.ports, input.portId, 'Port', 'Port')
    if (port.device_id) throw conflict(`Port ${port.id} is already in use.`, 'PortInUse')
  } else if (input.subnetId) {
    const subnet = must(s.subnets, input.subnetId, 'Subnet', 'Subnet')
    const already = [...s.ports.values()].some(
      (p) => p.device_id === router.id && p.fixed_ips.some((f) => f.subnet_id === subnet.id),
    )
    if (already) {
      throw badRequest(`Router already has a port on subnet ${subnet.id}.`, 'BadRequest')
    }
    port = {
      ...createPortRaw(stamp, subnet.network_id),
      fixed_ips: subnet.gateway_ip ? [{ subnet_id: subnet.id, ip_address: subnet.gateway_ip }] : [],
    }
    if (!subnet.gateway_ip)
      port.fixed_ips = [{ subnet_id: subnet.id, ip_address: allocateAddress(s, subnet) }]
    s.ports.set(port.id, port)
  } else {
    throw badRequest('Bad router request: Either subnet_id or port_id must be specified.', 'BadRequest')
  }
  Object.assign(port, { device_id: router.id, device_owner: 'network:router_interface', status: 'ACTIVE' })
  const first = port.fixed_ips[0]
  return {
    id: router.id,
    subnet_id: first?.subnet_id,
    subnet_ids: port.fixed_ips.map((f) => f.subnet_id),
    port_id: port.id,
    network_id: port.network_id,
    project_id: router.project_id,
    tenant_id: router.tenant_id,
  }
}

function createPortRaw(stamp: Stamp, networkId: string): PortRecord {
  return {
    id: randomUUID(),
    name: '',
    network_id: networkId,
    ...stamps(stamp),
    mac_address: macAddress(),
    fixed_ips: [],
    device_id: '',
    device_owner: '',
    status: 'ACTIVE',
    admin_state_up: true,
    security_groups: [],
    allowed_address_pairs: [],
    port_security_enabled: false,
    'binding:vnic_type': 'normal',
    description: '',
    tags: [],
  }
}

/** Removes a router interface by subnet or port (404 `RouterInterfaceNotFound…` when absent). */
export function removeRouterInterface(
  s: NetworkState,
  routerId: string,
  input: { subnetId?: string; portId?: string },
) {
  const router = must(s.routers, routerId, 'Router', 'Router')
  const port = [...s.ports.values()].find(
    (p) =>
      p.device_id === router.id &&
      p.device_owner === 'network:router_interface' &&
      (input.portId ? p.id === input.portId : p.fixed_ips.some((f) => f.subnet_id === input.subnetId)),
  )
  if (!port) {
    throw notFound(
      `Router ${router.id} does not have an interface with id ${input.portId ?? input.subnetId}`,
      'RouterInterfaceNotFoundForSubnet',
    )
  }
  s.ports.delete(port.id)
  return {
    id: router.id,
    subnet_id: port.fixed_ips[0]?.subnet_id,
    subnet_ids: port.fixed_ips.map((f) => f.subnet_id),
    port_id: port.id,
    network_id: port.network_id,
    project_id: router.project_id,
    tenant_id: router.tenant_id,
  }
}

/** Deletes a router: 409 `RouterInUse` while it has interfaces. */
export function deleteRouter(s: NetworkState, id: string) {
  const router = must(s.routers, id, 'Router', 'Router')
  if (
    [...s.ports.values()].some(
      (p) => p.device_id === router.id && p.device_owner === 'network:router_interface',
    )
  ) {
    throw conflict(`Router ${id} still has ports`, 'RouterInUse')
  }
  s.routers.delete(id)
}
