import { empty, json } from '../../server/reply.js'
import { type Route, type RouteContext, route } from '../../server/service.js'
import { isoSeconds } from '../../server/time.js'
import { createNetwork, createSubnet, deleteNetwork, deleteSubnet, must, neutronNotFound } from '../ops.js'
import { applyUpdate, neutronList, resourceBody, stampOf, visible } from './common.js'

function networkOr404(ctx: RouteContext) {
  const network = must(ctx.cloud.state.network.networks, ctx.params.id ?? '', 'Network', 'Network')
  if (!visible(ctx, network) && !network.shared && !network['router:external']) {
    throw neutronNotFound('Network', 'Network', network.id)
  }
  return network
}

function subnetOr404(ctx: RouteContext) {
  const subnet = must(ctx.cloud.state.network.subnets, ctx.params.id ?? '', 'Subnet', 'Subnet')
  const network = ctx.cloud.state.network.networks.get(subnet.network_id)
  if (!visible(ctx, subnet) && !network?.shared && !network?.['router:external']) {
    throw neutronNotFound('Subnet', 'Subnet', subnet.id)
  }
  return subnet
}

/** Networks and subnets. */
export const networkRoutes: Route[] = [
  route('GET', '/v2.0/networks', (ctx) => {
    const all = [...ctx.cloud.state.network.networks.values()]
    return neutronList(
      ctx,
      'networks',
      all.filter((n) => visible(ctx, n) || n.shared || n['router:external']),
    )
  }),
  route('POST', '/v2.0/networks', (ctx) => {
    const input = resourceBody(ctx, 'network')
    const network = createNetwork(ctx.cloud.state.network, stampOf(ctx, input), {
      name: typeof input.name === 'string' ? input.name : '',
      external: input['router:external'] === true,
      shared: input.shared === true,
      ...(typeof input.mtu === 'number' ? { mtu: input.mtu } : {}),
      ...(typeof input.description === 'string' ? { description: input.description } : {}),
    })
    if (input.port_security_enabled === false) network.port_security_enabled = false
    return json(201, { network })
  }),
  route('GET', '/v2.0/networks/:id', (ctx) => json(200, { network: networkOr404(ctx) })),
  route('PUT', '/v2.0/networks/:id', (ctx) => {
    const network = networkOr404(ctx)
    applyUpdate(
      network as never,
      resourceBody(ctx, 'network'),
      ['name', 'description', 'admin_state_up', 'mtu'],
      isoSeconds(ctx.cloud.clock.now()),
    )
    return json(200, { network })
  }),
  route('DELETE', '/v2.0/networks/:id', (ctx) => {
    deleteNetwork(ctx.cloud.state.network, networkOr404(ctx).id)
    return empty(204)
  }),
  route('GET', '/v2.0/subnets', (ctx) => {
    const net = ctx.cloud.state.network
    const all = [...net.subnets.values()].filter((s) => {
      const network = net.networks.get(s.network_id)
      return visible(ctx, s) || network?.shared || network?.['router:external']
    })
    return neutronList(ctx, 'subnets', all)
  }),
  route('POST', '/v2.0/subnets', (ctx) => {
    const input = resourceBody(ctx, 'subnet')
    const pools = Array.isArray(input.allocation_pools)
      ? (input.allocation_pools as { start: string; end: string }[])
      : undefined
    const subnet = createSubnet(ctx.cloud.state.network, stampOf(ctx, input), {
      networkId: String(input.network_id ?? ''),
      cidr: String(input.cidr ?? ''),
      ...(typeof input.name === 'string' ? { name: input.name } : {}),
      ...(input.gateway_ip === null || typeof input.gateway_ip === 'string'
        ? { gatewayIp: input.gateway_ip as string | null }
        : {}),
      ...(pools ? { allocationPools: pools } : {}),
      ...(typeof input.enable_dhcp === 'boolean' ? { enableDhcp: input.enable_dhcp } : {}),
      ...(Array.isArray(input.dns_nameservers) ? { dnsNameservers: input.dns_nameservers as string[] } : {}),
    })
    return json(201, { subnet })
  }),
  route('GET', '/v2.0/subnets/:id', (ctx) => json(200, { subnet: subnetOr404(ctx) })),
  route('PUT', '/v2.0/subnets/:id', (ctx) => {
    const subnet = subnetOr404(ctx)
    applyUpdate(
      subnet as never,
      resourceBody(ctx, 'subnet'),
      ['name', 'description', 'dns_nameservers', 'enable_dhcp', 'host_routes'],
      isoSeconds(ctx.cloud.clock.now()),
    )
    return json(200, { subnet })
  }),
  route('DELETE', '/v2.0/subnets/:id', (ctx) => {
    deleteSubnet(ctx.cloud.state.network, subnetOr404(ctx).id)
    return empty(204)
  }),
]
