import { badRequest } from '../../server/api-error.js'
import { empty, json } from '../../server/reply.js'
import { type Route, type RouteContext, route } from '../../server/service.js'
import { isoSeconds } from '../../server/time.js'
import {
  addRouterInterface,
  associateFloatingIp,
  createFloatingIp,
  createRouter,
  deleteRouter,
  must,
  neutronNotFound,
  removeRouterInterface,
  setRouterGateway,
} from '../ops.js'
import { applyUpdate, neutronList, resourceBody, stampOf, visible } from './common.js'

function routerOr404(ctx: RouteContext) {
  const router = must(ctx.cloud.state.network.routers, ctx.params.id ?? '', 'Router', 'Router')
  if (!visible(ctx, router)) throw neutronNotFound('Router', 'Router', router.id)
  return router
}

function fipOr404(ctx: RouteContext) {
  const fip = must(ctx.cloud.state.network.floatingIps, ctx.params.id ?? '', 'FloatingIP', 'Floating IP')
  if (!visible(ctx, fip)) throw neutronNotFound('FloatingIP', 'Floating IP', fip.id)
  return fip
}

function interfaceInput(ctx: RouteContext): { subnetId?: string; portId?: string } {
  const body = (ctx.body ?? {}) as Record<string, unknown>
  if (typeof body.subnet_id === 'string') return { subnetId: body.subnet_id }
  if (typeof body.port_id === 'string') return { portId: body.port_id }
  throw badRequest('Bad router request: Either subnet_id or port_id must be specified.', 'HTTPBadRequest')
}

/** Routers (gateways, interfaces) and floating IPs. */
export const routerRoutes: Route[] = [
  route('GET', '/v2.0/routers', (ctx) =>
    neutronList(
      ctx,
      'routers',
      [...ctx.cloud.state.network.routers.values()].filter((r) => visible(ctx, r)),
    ),
  ),
  route('POST', '/v2.0/routers', (ctx) => {
    const input = resourceBody(ctx, 'router')
    const gateway = input.external_gateway_info as { network_id?: string; enable_snat?: boolean } | undefined
    const router = createRouter(ctx.cloud.state.network, stampOf(ctx, input), {
      name: typeof input.name === 'string' ? input.name : '',
      ...(gateway?.network_id ? { externalNetworkId: gateway.network_id } : {}),
      ...(typeof gateway?.enable_snat === 'boolean' ? { enableSnat: gateway.enable_snat } : {}),
    })
    return json(201, { router })
  }),
  route('GET', '/v2.0/routers/:id', (ctx) => json(200, { router: routerOr404(ctx) })),
  route('PUT', '/v2.0/routers/:id', (ctx) => {
    const router = routerOr404(ctx)
    const input = resourceBody(ctx, 'router')
    if ('external_gateway_info' in input) {
      const gateway = input.external_gateway_info as { network_id?: string; enable_snat?: boolean } | null
      setRouterGateway(ctx.cloud.state.network, router, gateway?.network_id, gateway?.enable_snat ?? true)
    }
    applyUpdate(
      router as never,
      input,
      ['name', 'description', 'admin_state_up', 'routes'],
      isoSeconds(ctx.cloud.clock.now()),
    )
    return json(200, { router })
  }),
  route('DELETE', '/v2.0/routers/:id', (ctx) => {
    deleteRouter(ctx.cloud.state.network, routerOr404(ctx).id)
    return empty(204)
  }),
  route('PUT', '/v2.0/routers/:id/add_router_interface', (ctx) => {
    const router = routerOr404(ctx)
    const stamp = { now: ctx.cloud.clock.now(), projectId: router.project_id }
    return json(200, addRouterInterface(ctx.cloud.state.network, stamp, router.id, interfaceInput(ctx)))
  }),
  route('PUT', '/v2.0/routers/:id/remove_router_interface', (ctx) => {
    const router = routerOr404(ctx)
    return json(200, removeRouterInterface(ctx.cloud.state.network, router.id, interfaceInput(ctx)))
  }),
  route('GET', '/v2.0/floatingips', (ctx) =>
    neutronList(
      ctx,
      'floatingips',
      [...ctx.cloud.state.network.floatingIps.values()].filter((f) => visible(ctx, f)),
    ),
  ),
  route('POST', '/v2.0/floatingips', (ctx) => {
    const input = resourceBody(ctx, 'floatingip')
    if (typeof input.floating_network_id !== 'string') {
      throw badRequest(
        "Invalid input for floating_network_id. Reason: 'None' is not a valid UUID.",
        'HTTPBadRequest',
      )
    }
    const floatingip = createFloatingIp(ctx.cloud.state.network, stampOf(ctx, input), {
      floatingNetworkId: input.floating_network_id,
      ...(typeof input.port_id === 'string' ? { portId: input.port_id } : {}),
      ...(typeof input.fixed_ip_address === 'string' ? { fixedIpAddress: input.fixed_ip_address } : {}),
      ...(typeof input.floating_ip_address === 'string'
        ? { floatingIpAddress: input.floating_ip_address }
        : {}),
      ...(typeof input.description === 'string' ? { description: input.description } : {}),
    })
    return json(201, { floatingip })
  }),
  route('GET', '/v2.0/floatingips/:id', (ctx) => json(200, { floatingip: fipOr404(ctx) })),
  route('PUT', '/v2.0/floatingips/:id', (ctx) => {
    const fip = fipOr404(ctx)
    const input = resourceBody(ctx, 'floatingip')
    if ('port_id' in input) {
      const fixed = typeof input.fixed_ip_address === 'string' ? input.fixed_ip_address : undefined
      associateFloatingIp(ctx.cloud.state.network, fip, (input.port_id as string | null) ?? null, fixed)
    }
    applyUpdate(fip as never, input, ['description'], isoSeconds(ctx.cloud.clock.now()))
    return json(200, { floatingip: fip })
  }),
  route('DELETE', '/v2.0/floatingips/:id', (ctx) => {
    ctx.cloud.state.network.floatingIps.delete(fipOr404(ctx).id)
    return empty(204)
  }),
]
