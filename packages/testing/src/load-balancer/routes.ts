import { isAdmin } from '../identity/validate.js'
import { badRequest } from '../server/api-error.js'
import { pageLinks, paginate } from '../server/pagination.js'
import { empty, json, type Reply } from '../server/reply.js'
import { type Route, type RouteContext, route } from '../server/service.js'
import {
  createHealthMonitor,
  createListener,
  createLoadBalancer,
  createMember,
  createPool,
  deleteLoadBalancer,
  deletePool,
  type LbStamp,
  lockForUpdate,
  octaviaNotFound,
  settle,
} from './ops.js'
import { healthMonitorView, listenerView, loadBalancerView, memberView, poolView } from './views.js'

function stamp(ctx: RouteContext): LbStamp {
  const now = ctx.cloud.clock.now()
  return { now, projectId: ctx.auth?.projectId ?? '', readyAt: now + ctx.cloud.settings.buildSeconds * 1000 }
}

function input(ctx: RouteContext, key: string): Record<string, unknown> {
  const value = (ctx.body as Record<string, unknown> | undefined)?.[key]
  if (!value || typeof value !== 'object')
    throw badRequest(`Invalid input for field/attribute ${key}. Value: None. Mandatory field missing.`)
  return value as Record<string, unknown>
}

function mine<
  T extends { project_id: string; provisioning_status: string; operating_status: string; activeAt: number },
>(ctx: RouteContext, items: Iterable<T>): T[] {
  const now = ctx.cloud.clock.now()
  const result = [...items].filter((x) => isAdmin(ctx.auth) || x.project_id === ctx.auth?.projectId)
  for (const x of result) settle(x, now)
  return result
}

function find<
  T extends {
    id: string
    project_id: string
    provisioning_status: string
    operating_status: string
    activeAt: number
  },
>(ctx: RouteContext, map: Map<string, T>, id: string, kind: string): T {
  const found = mine(
    ctx,
    [map.get(id)].filter((x): x is T => x !== undefined),
  )[0]
  if (!found) throw octaviaNotFound(kind, id)
  return found
}

function list<T extends { id: string }>(
  ctx: RouteContext,
  key: string,
  items: T[],
  view: (x: T) => unknown,
): Reply {
  let filtered = items
  for (const field of [
    'name',
    'provisioning_status',
    'operating_status',
    'vip_address',
    'protocol',
    'protocol_port',
  ]) {
    const wanted = ctx.query.get(field)
    if (wanted !== null)
      filtered = filtered.filter((x) => String((x as Record<string, unknown>)[field]) === wanted)
  }
  const page = paginate(filtered, ctx.query)
  return json(200, { [key]: page.items.map(view), ...pageLinks(key, ctx.url, page) })
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined)
const num = (v: unknown, field: string) => {
  if (typeof v !== 'number')
    throw badRequest(
      `Invalid input for field/attribute ${field}. Value: '${String(v)}'. Value should be an integer`,
    )
  return v
}
const opt = <K extends string, V>(key: K, value: V | undefined) =>
  value === undefined ? {} : ({ [key]: value } as Record<K, V>)

/** Octavia v2: load balancers, listeners, pools, members and health monitors. */
export const loadBalancerRoutes: Route[] = [
  route('GET', '/v2/lbaas/loadbalancers', (ctx) =>
    list(ctx, 'loadbalancers', mine(ctx, ctx.cloud.state.loadBalancer.loadBalancers.values()), (lb) =>
      loadBalancerView(ctx.cloud.state, lb),
    ),
  ),
  route('POST', '/v2/lbaas/loadbalancers', (ctx) => {
    const body = input(ctx, 'loadbalancer')
    const lb = createLoadBalancer(ctx.cloud.state, stamp(ctx), {
      ...opt('name', str(body.name)),
      ...opt('description', str(body.description)),
      ...opt('vipSubnetId', str(body.vip_subnet_id)),
      ...opt('vipNetworkId', str(body.vip_network_id)),
      ...opt('vipAddress', str(body.vip_address)),
      ...opt('provider', str(body.provider)),
      ...opt('tags', Array.isArray(body.tags) ? (body.tags as string[]) : undefined),
    })
    return json(201, { loadbalancer: loadBalancerView(ctx.cloud.state, lb) })
  }),
  route('GET', '/v2/lbaas/loadbalancers/:id', (ctx) => {
    const lb = find(ctx, ctx.cloud.state.loadBalancer.loadBalancers, ctx.params.id ?? '', 'Load Balancer')
    return json(200, { loadbalancer: loadBalancerView(ctx.cloud.state, lb) })
  }),
  route('GET', '/v2/lbaas/loadbalancers/:id/status', (ctx) => {
    const s = ctx.cloud.state
    const lb = find(ctx, s.loadBalancer.loadBalancers, ctx.params.id ?? '', 'Load Balancer')
    const listeners = [...s.loadBalancer.listeners.values()].filter((l) => l.loadbalancerId === lb.id)
    return json(200, {
      statuses: {
        loadbalancer: {
          id: lb.id,
          name: lb.name,
          provisioning_status: lb.provisioning_status,
          operating_status: lb.operating_status,
          listeners: listeners.map((l) => ({
            id: l.id,
            name: l.name,
            provisioning_status: l.provisioning_status,
            operating_status: l.operating_status,
            pools: [],
          })),
        },
      },
    })
  }),
  route('PUT', '/v2/lbaas/loadbalancers/:id', (ctx) => {
    const lb = find(ctx, ctx.cloud.state.loadBalancer.loadBalancers, ctx.params.id ?? '', 'Load Balancer')
    lockForUpdate(ctx.cloud.state, lb.id, stamp(ctx))
    const body = input(ctx, 'loadbalancer')
    if (typeof body.name === 'string') lb.name = body.name
    if (typeof body.description === 'string') lb.description = body.description
    return json(200, { loadbalancer: loadBalancerView(ctx.cloud.state, lb) })
  }),
  route('DELETE', '/v2/lbaas/loadbalancers/:id', (ctx) => {
    const lb = find(ctx, ctx.cloud.state.loadBalancer.loadBalancers, ctx.params.id ?? '', 'Load Balancer')
    deleteLoadBalancer(ctx.cloud.state, lb.id, ctx.query.get('cascade') === 'true')
    return empty(204)
  }),
  route('GET', '/v2/lbaas/listeners', (ctx) =>
    list(ctx, 'listeners', mine(ctx, ctx.cloud.state.loadBalancer.listeners.values()), listenerView),
  ),
  route('POST', '/v2/lbaas/listeners', (ctx) => {
    const body = input(ctx, 'listener')
    const listener = createListener(ctx.cloud.state, stamp(ctx), {
      loadbalancerId: str(body.loadbalancer_id) ?? '',
      protocol: str(body.protocol) ?? 'TCP',
      protocolPort: num(body.protocol_port, 'protocol_port'),
      ...opt('name', str(body.name)),
      ...opt('defaultPoolId', str(body.default_pool_id)),
      ...opt(
        'allowedCidrs',
        Array.isArray(body.allowed_cidrs) ? (body.allowed_cidrs as string[]) : undefined,
      ),
    })
    return json(201, { listener: listenerView(listener) })
  }),
  route('GET', '/v2/lbaas/listeners/:id', (ctx) =>
    json(200, {
      listener: listenerView(
        find(ctx, ctx.cloud.state.loadBalancer.listeners, ctx.params.id ?? '', 'Listener'),
      ),
    }),
  ),
  route('DELETE', '/v2/lbaas/listeners/:id', (ctx) => {
    const listener = find(ctx, ctx.cloud.state.loadBalancer.listeners, ctx.params.id ?? '', 'Listener')
    lockForUpdate(ctx.cloud.state, listener.loadbalancerId, stamp(ctx))
    ctx.cloud.state.loadBalancer.listeners.delete(listener.id)
    for (const pool of ctx.cloud.state.loadBalancer.pools.values())
      pool.listenerIds = pool.listenerIds.filter((id) => id !== listener.id)
    return empty(204)
  }),
  route('GET', '/v2/lbaas/pools', (ctx) =>
    list(ctx, 'pools', mine(ctx, ctx.cloud.state.loadBalancer.pools.values()), (p) =>
      poolView(ctx.cloud.state, p),
    ),
  ),
  route('POST', '/v2/lbaas/pools', (ctx) => {
    const body = input(ctx, 'pool')
    const pool = createPool(ctx.cloud.state, stamp(ctx), {
      protocol: str(body.protocol) ?? 'TCP',
      lbAlgorithm: str(body.lb_algorithm) ?? '',
      ...opt('loadbalancerId', str(body.loadbalancer_id)),
      ...opt('listenerId', str(body.listener_id)),
      ...opt('name', str(body.name)),
    })
    return json(201, { pool: poolView(ctx.cloud.state, pool) })
  }),
  route('GET', '/v2/lbaas/pools/:id', (ctx) =>
    json(200, {
      pool: poolView(
        ctx.cloud.state,
        find(ctx, ctx.cloud.state.loadBalancer.pools, ctx.params.id ?? '', 'Pool'),
      ),
    }),
  ),
  route('DELETE', '/v2/lbaas/pools/:id', (ctx) => {
    const pool = find(ctx, ctx.cloud.state.loadBalancer.pools, ctx.params.id ?? '', 'Pool')
    lockForUpdate(ctx.cloud.state, pool.loadbalancerId, stamp(ctx))
    deletePool(ctx.cloud.state, pool.id)
    return empty(204)
  }),
  route('GET', '/v2/lbaas/pools/:poolId/members', (ctx) => {
    const pool = find(ctx, ctx.cloud.state.loadBalancer.pools, ctx.params.poolId ?? '', 'Pool')
    const members = mine(ctx, ctx.cloud.state.loadBalancer.members.values()).filter(
      (m) => m.poolId === pool.id,
    )
    return list(ctx, 'members', members, memberView)
  }),
  route('POST', '/v2/lbaas/pools/:poolId/members', (ctx) => {
    const pool = find(ctx, ctx.cloud.state.loadBalancer.pools, ctx.params.poolId ?? '', 'Pool')
    const body = input(ctx, 'member')
    const member = createMember(ctx.cloud.state, stamp(ctx), {
      poolId: pool.id,
      address: str(body.address) ?? '',
      protocolPort: num(body.protocol_port, 'protocol_port'),
      ...opt('subnetId', str(body.subnet_id)),
      ...opt('name', str(body.name)),
      ...opt('weight', typeof body.weight === 'number' ? body.weight : undefined),
    })
    return json(201, { member: memberView(member) })
  }),
  route('GET', '/v2/lbaas/pools/:poolId/members/:id', (ctx) => {
    const member = find(ctx, ctx.cloud.state.loadBalancer.members, ctx.params.id ?? '', 'Member')
    if (member.poolId !== ctx.params.poolId) throw octaviaNotFound('Member', member.id)
    return json(200, { member: memberView(member) })
  }),
  route('DELETE', '/v2/lbaas/pools/:poolId/members/:id', (ctx) => {
    const member = find(ctx, ctx.cloud.state.loadBalancer.members, ctx.params.id ?? '', 'Member')
    const pool = ctx.cloud.state.loadBalancer.pools.get(member.poolId)
    if (!pool || member.poolId !== ctx.params.poolId) throw octaviaNotFound('Member', member.id)
    lockForUpdate(ctx.cloud.state, pool.loadbalancerId, stamp(ctx))
    ctx.cloud.state.loadBalancer.members.delete(member.id)
    return empty(204)
  }),
  route('GET', '/v2/lbaas/healthmonitors', (ctx) =>
    list(
      ctx,
      'healthmonitors',
      mine(ctx, ctx.cloud.state.loadBalancer.healthMonitors.values()),
      healthMonitorView,
    ),
  ),
  route('POST', '/v2/lbaas/healthmonitors', (ctx) => {
    const body = input(ctx, 'healthmonitor')
    const monitor = createHealthMonitor(ctx.cloud.state, stamp(ctx), {
      poolId: str(body.pool_id) ?? '',
      type: str(body.type) ?? '',
      delay: num(body.delay, 'delay'),
      timeout: num(body.timeout, 'timeout'),
      maxRetries: num(body.max_retries, 'max_retries'),
      ...opt('maxRetriesDown', typeof body.max_retries_down === 'number' ? body.max_retries_down : undefined),
      ...opt('name', str(body.name)),
      ...opt('httpMethod', str(body.http_method)),
      ...opt('urlPath', str(body.url_path)),
      ...opt('expectedCodes', str(body.expected_codes)),
    })
    return json(201, { healthmonitor: healthMonitorView(monitor) })
  }),
  route('GET', '/v2/lbaas/healthmonitors/:id', (ctx) =>
    json(200, {
      healthmonitor: healthMonitorView(
        find(ctx, ctx.cloud.state.loadBalancer.healthMonitors, ctx.params.id ?? '', 'Health Monitor'),
      ),
    }),
  ),
  route('DELETE', '/v2/lbaas/healthmonitors/:id', (ctx) => {
    const monitor = find(
      ctx,
      ctx.cloud.state.loadBalancer.healthMonitors,
      ctx.params.id ?? '',
      'Health Monitor',
    )
    const pool = ctx.cloud.state.loadBalancer.pools.get(monitor.poolId)
    if (pool) lockForUpdate(ctx.cloud.state, pool.loadbalancerId, stamp(ctx))
    ctx.cloud.state.loadBalancer.healthMonitors.delete(monitor.id)
    return empty(204)
  }),
]
