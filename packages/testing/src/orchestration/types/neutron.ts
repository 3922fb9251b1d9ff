import {
  addRouterInterface,
  associateFloatingIp,
  createFloatingIp,
  createNetwork,
  createPort,
  createRouter,
  createSecurityGroup,
  createSecurityGroupRule,
  createSubnet,
  deleteNetwork,
  deletePort,
  deleteRouter,
  deleteSecurityGroup,
  deleteSubnet,
  removeRouterInterface,
} from '../../network/ops.js'
import { ResourceFailure } from '../errors.js'
import {
  bool,
  defined,
  findNamed,
  ignoreGone,
  num,
  type ResourceType,
  str,
  type TypeContext,
  viaService,
} from './registry.js'

const net = (ctx: TypeContext, v: unknown) => findNamed(ctx.state.network.networks.values(), v, 'network')
const subnetOf = (ctx: TypeContext, v: unknown) => findNamed(ctx.state.network.subnets.values(), v, 'subnet')
const groupIds = (ctx: TypeContext, v: unknown) =>
  Array.isArray(v)
    ? v.map(
        (g) =>
          findNamed(
            [...ctx.state.network.securityGroups.values()].filter(
              (x) => x.project_id === ctx.stamp.projectId || x.id === g,
            ),
            g,
            'security_group',
          ).id,
      )
    : undefined

/** `OS::Neutron::Net`. */
export const neutronNet: ResourceType = {
  updatable: ['name'],
  create(ctx, p) {
    const network = viaService('neutron', () =>
      createNetwork(ctx.state.network, ctx.stamp, {
        name: str(p.name) ?? ctx.physicalName(),
        ...defined({ shared: bool(p.shared), description: str(p.description) }),
      }),
    )
    if (p.port_security_enabled === false) network.port_security_enabled = false
    ctx.resource.physicalId = network.id
  },
  update(ctx, p) {
    const network = ctx.state.network.networks.get(ctx.resource.physicalId)
    if (network && p.name !== undefined) network.name = String(p.name)
  },
  delete(ctx) {
    ignoreGone(() => viaService('neutron', () => deleteNetwork(ctx.state.network, ctx.resource.physicalId)))
  },
  attribute(ctx, name) {
    const network = ctx.state.network.networks.get(ctx.resource.physicalId)
    if (name === 'subnets') return network?.subnets ?? []
    if (name === 'name') return network?.name ?? null
    if (name === 'show') return network ?? null
    return undefined
  },
}

/** `OS::Neutron::Subnet`. */
export const neutronSubnet: ResourceType = {
  create(ctx, p) {
    const network = net(ctx, p.network ?? p.network_id)
    const pools = Array.isArray(p.allocation_pools)
      ? (p.allocation_pools as { start: string; end: string }[])
      : undefined
    const subnet = viaService('neutron', () =>
      createSubnet(ctx.state.network, ctx.stamp, {
        networkId: network.id,
        cidr: String(p.cidr),
        name: str(p.name) ?? ctx.physicalName(),
        ...defined({
          allocationPools: pools,
          enableDhcp: bool(p.enable_dhcp),
          dnsNameservers: Array.isArray(p.dns_nameservers) ? p.dns_nameservers.map(String) : undefined,
        }),
        ...(p.gateway_ip === null || p.gateway_ip === ''
          ? { gatewayIp: null }
          : defined({ gatewayIp: str(p.gateway_ip) })),
      }),
    )
    ctx.resource.physicalId = subnet.id
  },
  delete(ctx) {
    ignoreGone(() => viaService('neutron', () => deleteSubnet(ctx.state.network, ctx.resource.physicalId)))
  },
  attribute(ctx, name) {
    const subnet = ctx.state.network.subnets.get(ctx.resource.physicalId)
    if (!subnet) return null
    if (name === 'show') return subnet
    return (subnet as unknown as Record<string, unknown>)[name]
  },
}

/** `OS::Neutron::Router`. */
export const neutronRouter: ResourceType = {
  create(ctx, p) {
    const gateway = (p.external_gateway_info ?? {}) as Record<string, unknown>
    const external = gateway.network ? net(ctx, gateway.network).id : undefined
    const router = viaService('neutron', () =>
      createRouter(ctx.state.network, ctx.stamp, {
        name: str(p.name) ?? ctx.physicalName(),
        ...defined({ externalNetworkId: external, enableSnat: bool(gateway.enable_snat) }),
      }),
    )
    ctx.resource.physicalId = router.id
  },
  delete(ctx) {
    ignoreGone(() => viaService('neutron', () => deleteRouter(ctx.state.network, ctx.resource.physicalId)))
  },
}

/** `OS::Neutron::RouterInterface`: physical id `<router>:subnet_id=<subnet>` as Heat writes it. */
export const neutronRouterInterface: ResourceType = {
  create(ctx, p) {
    const router = findNamed(ctx.state.network.routers.values(), p.router ?? p.router_id, 'router')
    const subnetId = p.subnet || p.subnet_id ? subnetOf(ctx, p.subnet ?? p.subnet_id).id : undefined
    const portId = str(p.port ?? p.port_id)
    viaService('neutron', () =>
      addRouterInterface(ctx.state.network, ctx.stamp, router.id, defined({ subnetId, portId })),
    )
    ctx.resource.physicalId = subnetId
      ? `${router.id}:subnet_id=${subnetId}`
      : `${router.id}:port_id=${portId}`
    ctx.resource.data = { routerId: router.id, ...defined({ subnetId, portId }) }
  },
  delete(ctx) {
    const d = ctx.resource.data as { routerId?: string; subnetId?: string; portId?: string }
    if (!d.routerId) return
    const routerId = d.routerId
    ignoreGone(() =>
      removeRouterInterface(ctx.state.network, routerId, defined({ subnetId: d.subnetId, portId: d.portId })),
    )
  },
}

/** `OS::Neutron::Port`. */
export const neutronPort: ResourceType = {
  create(ctx, p) {
    const network = net(ctx, p.network ?? p.network_id)
    const fixedIps = Array.isArray(p.fixed_ips)
      ? (p.fixed_ips as Record<string, unknown>[]).map((f) =>
          defined({
            subnet_id: f.subnet || f.subnet_id ? subnetOf(ctx, f.subnet ?? f.subnet_id).id : undefined,
            ip_address: str(f.ip_address),
          }),
        )
      : undefined
    const port = viaService('neutron', () =>
      createPort(ctx.state.network, ctx.stamp, {
        networkId: network.id,
        name: str(p.name) ?? ctx.physicalName(),
        ...defined({
          fixedIps,
          securityGroups: groupIds(ctx, p.security_groups),
          portSecurityEnabled: bool(p.port_security_enabled),
          allowedAddressPairs: p.allowed_address_pairs as { ip_address: string }[] | undefined,
        }),
      }),
    )
    ctx.resource.physicalId = port.id
  },
  delete(ctx) {
    ignoreGone(() => deletePort(ctx.state.network, ctx.resource.physicalId))
  },
  attribute(ctx, name) {
    const port = ctx.state.network.ports.get(ctx.resource.physicalId)
    if (!port) return null
    if (name === 'show') return port
    return (port as unknown as Record<string, unknown>)[name]
  },
}

/** `OS::Neutron::FloatingIP`. */
export const neutronFloatingIp: ResourceType = {
  create(ctx, p) {
    const network = net(ctx, p.floating_network ?? p.floating_network_id)
    const fip = viaService('neutron', () =>
      createFloatingIp(ctx.state.network, ctx.stamp, {
        floatingNetworkId: network.id,
        ...defined({ portId: str(p.port_id), fixedIpAddress: str(p.fixed_ip_address) }),
      }),
    )
    ctx.resource.physicalId = fip.id
  },
  delete(ctx) {
    ctx.state.network.floatingIps.delete(ctx.resource.physicalId)
  },
  attribute(ctx, name) {
    const fip = ctx.state.network.floatingIps.get(ctx.resource.physicalId)
    if (!fip) return null
    if (name === 'show') return fip
    return (fip as unknown as Record<string, unknown>)[name]
  },
}

/** `OS::Neutron::FloatingIPAssociation`. */
export const neutronFloatingIpAssociation: ResourceType = {
  create(ctx, p) {
    const id = String(p.floatingip_id)
    const fip = ctx.state.network.floatingIps.get(id)
    if (!fip) throw new ResourceFailure('NotFound', `Floating IP ${id} could not be found.`)
    viaService('neutron', () =>
      associateFloatingIp(ctx.state.network, fip, String(p.port_id), str(p.fixed_ip_address)),
    )
    ctx.resource.physicalId = `${fip.id}:${String(p.port_id)}`
    ctx.resource.data = { fipId: fip.id }
  },
  delete(ctx) {
    const fip = ctx.state.network.floatingIps.get(String(ctx.resource.data.fipId))
    if (fip) associateFloatingIp(ctx.state.network, fip, null)
  },
}

/** `OS::Neutron::SecurityGroup` with its `rules`. */
export const neutronSecurityGroup: ResourceType = {
  create(ctx, p) {
    const group = viaService('neutron', () =>
      createSecurityGroup(ctx.state.network, ctx.stamp, {
        name: str(p.name) ?? ctx.physicalName(),
        ...defined({ description: str(p.description) }),
      }),
    )
    ctx.resource.physicalId = group.id
    for (const r of Array.isArray(p.rules) ? (p.rules as Record<string, unknown>[]) : []) {
      viaService('neutron', () =>
        createSecurityGroupRule(ctx.state.network, ctx.stamp, {
          securityGroupId: group.id,
          direction: r.direction === 'egress' ? 'egress' : 'ingress',
          ...defined({
            ethertype: r.ethertype === 'IPv6' ? ('IPv6' as const) : undefined,
            protocol: str(r.protocol),
            portRangeMin: num(r.port_range_min),
            portRangeMax: num(r.port_range_max),
            remoteIpPrefix: str(r.remote_ip_prefix),
            remoteGroupId:
              r.remote_mode === 'remote_group_id' ? (str(r.remote_group_id) ?? group.id) : undefined,
          }),
        }),
      )
    }
  },
  delete(ctx) {
    ignoreGone(() =>
      viaService('neutron', () => deleteSecurityGroup(ctx.state.network, ctx.resource.physicalId)),
    )
  },
}
