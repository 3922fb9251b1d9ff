import { empty, json } from '../../server/reply.js'
import { type Route, type RouteContext, route } from '../../server/service.js'
import { isoSeconds } from '../../server/time.js'
import { createPort, deletePort, must, neutronNotFound } from '../ops.js'
import { applyUpdate, neutronList, resourceBody, stampOf, visible } from './common.js'

function portOr404(ctx: RouteContext) {
  const port = must(ctx.cloud.state.network.ports, ctx.params.id ?? '', 'Port', 'Port')
  if (!visible(ctx, port)) throw neutronNotFound('Port', 'Port', port.id)
  return port
}

/** Ports. */
export const portRoutes: Route[] = [
  route('GET', '/v2.0/ports', (ctx) =>
    neutronList(
      ctx,
      'ports',
      [...ctx.cloud.state.network.ports.values()].filter((p) => visible(ctx, p)),
    ),
  ),
  route('POST', '/v2.0/ports', (ctx) => {
    const input = resourceBody(ctx, 'port')
    const port = createPort(ctx.cloud.state.network, stampOf(ctx, input), {
      networkId: String(input.network_id ?? ''),
      ...(typeof input.name === 'string' ? { name: input.name } : {}),
      ...(Array.isArray(input.fixed_ips)
        ? { fixedIps: input.fixed_ips as { subnet_id?: string; ip_address?: string }[] }
        : {}),
      ...(typeof input.device_id === 'string' ? { deviceId: input.device_id } : {}),
      ...(typeof input.device_owner === 'string' ? { deviceOwner: input.device_owner } : {}),
      ...(Array.isArray(input.security_groups) ? { securityGroups: input.security_groups as string[] } : {}),
      ...(typeof input.port_security_enabled === 'boolean'
        ? { portSecurityEnabled: input.port_security_enabled }
        : {}),
      ...(Array.isArray(input.allowed_address_pairs)
        ? { allowedAddressPairs: input.allowed_address_pairs as { ip_address: string }[] }
        : {}),
      ...(typeof input.description === 'string' ? { description: input.description } : {}),
    })
    return json(201, { port })
  }),
  route('GET', '/v2.0/ports/:id', (ctx) => json(200, { port: portOr404(ctx) })),
  route('PUT', '/v2.0/ports/:id', (ctx) => {
    const port = portOr404(ctx)
    const input = resourceBody(ctx, 'port')
    applyUpdate(
      port as never,
      input,
      [
        'name',
        'description',
        'admin_state_up',
        'security_groups',
        'allowed_address_pairs',
        'port_security_enabled',
        'device_id',
        'device_owner',
      ],
      isoSeconds(ctx.cloud.clock.now()),
    )
    return json(200, { port })
  }),
  route('DELETE', '/v2.0/ports/:id', (ctx) => {
    deletePort(ctx.cloud.state.network, portOr404(ctx).id)
    return empty(204)
  }),
]
