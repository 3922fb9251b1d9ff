import { BadRequestError, NotFoundError, toArray } from '@magnum-ts/auth'
import {
  createHealthMonitor,
  createListener,
  createLoadBalancer,
  createMember,
  createPool,
  deleteHealthMonitor,
  deleteListener,
  deleteLoadBalancer,
  deleteMember,
  deletePool,
  getHealthMonitor,
  getListener,
  getLoadBalancer,
  getMember,
  getPool,
  LoadBalancerFailedError,
  listHealthMonitors,
  listListeners,
  listLoadBalancers,
  listMembers,
  listPools,
  WaitTimeoutError,
  waitForLoadBalancer,
} from '@magnum-ts/network'
import { http } from 'msw'
import { describe, expect, it } from 'vitest'
import { json, OCTAVIA, record, setup } from './helpers.js'

const env = setup()
const LBAAS = `${OCTAVIA}/v2/lbaas`

const lb = (id: string, provisioning_status = 'ACTIVE') => ({
  id,
  name: `lb-${id}`,
  provisioning_status,
  operating_status: 'ONLINE',
})

describe('load balancers', () => {
  it('lists with name/description filters over three pages (loadbalancers_links)', async () => {
    env.use(
      http.get(`${LBAAS}/loadbalancers`, async ({ request }) => {
        const seen = await record(env.seen, request)
        const marker = seen.url.searchParams.get('marker')
        const next = (m: string) => [
          { rel: 'next', href: `${LBAAS}/loadbalancers?name=api&limit=1&marker=${m}` },
        ]
        if (!marker) return json({ loadbalancers: [lb('1')], loadbalancers_links: next('1') })
        if (marker === '1') return json({ loadbalancers: [lb('2')], loadbalancers_links: next('2') })
        return json({ loadbalancers: [lb('3')], loadbalancers_links: [] })
      }),
    )
    const lbs = await toArray(
      listLoadBalancers(env.session(), { name: 'api', description: 'cluster x', limit: 1 }),
    )
    expect(lbs.map((l) => l.id)).toEqual(['1', '2', '3'])
    const first = env.seen[0]!
    expect(first.method).toBe('GET')
    expect(first.url.pathname).toBe('/v2/lbaas/loadbalancers')
    expect(Object.fromEntries(first.url.searchParams)).toEqual({
      name: 'api',
      description: 'cluster x',
      limit: '1',
    })
    expect(first.headers.get('x-auth-token')).toBe(env.identity.token)
    expect(env.seen.map((s) => s.url.searchParams.get('marker'))).toEqual([null, '1', '2'])
  })

  it('creates on a VIP subnet, gets, and deletes with cascade', async () => {
    env.use(
      http.post(`${LBAAS}/loadbalancers`, async ({ request }) => {
        await record(env.seen, request)
        return json({ loadbalancer: lb('new', 'PENDING_CREATE') }, 201)
      }),
      http.get(`${LBAAS}/loadbalancers/:id`, async ({ request, params }) => {
        await record(env.seen, request)
        return json({ loadbalancer: lb(String(params.id)) })
      }),
      http.delete(`${LBAAS}/loadbalancers/:id`, async ({ request }) => {
        await record(env.seen, request)
        return new Response(null, { status: 204 })
      }),
    )
    const created = await createLoadBalancer(env.session(), {
      name: 'api-lb',
      vipSubnetId: 's1',
      provider: 'amphora',
      tags: ['magnum'],
    })
    expect(created.provisioning_status).toBe('PENDING_CREATE')
    expect((await getLoadBalancer(env.session(), 'x')).id).toBe('x')
    await deleteLoadBalancer(env.session(), 'x', { cascade: true })
    await deleteLoadBalancer(env.session(), 'y')
    expect(env.seen.map((s) => `${s.method} ${s.url.pathname}${s.url.search}`)).toEqual([
      'POST /v2/lbaas/loadbalancers',
      'GET /v2/lbaas/loadbalancers/x',
      'DELETE /v2/lbaas/loadbalancers/x?cascade=true',
      'DELETE /v2/lbaas/loadbalancers/y',
    ])
    expect(env.seen[0]!.body).toEqual({
      loadbalancer: { name: 'api-lb', vip_subnet_id: 's1', provider: 'amphora', tags: ['magnum'] },
    })
  })

  it('turns an Octavia {"faultstring"} error into the right class with its message', async () => {
    env.use(
      http.post(`${LBAAS}/loadbalancers`, () =>
        json(
          {
            faultcode: 'Client',
            faultstring:
              'Validation failure: VIP must contain one of: vip_port_id, vip_network_id, vip_subnet_id.',
            debuginfo: null,
          },
          400,
        ),
      ),
      http.get(`${LBAAS}/loadbalancers/:id`, () =>
        json({ faultcode: 'Client', faultstring: 'Load Balancer nope not found.', debuginfo: null }, 404),
      ),
    )
    const bad = await createLoadBalancer(env.session(), { name: 'x' }).catch((e: unknown) => e)
    expect(bad).toBeInstanceOf(BadRequestError)
    expect((bad as Error).message).toContain('VIP must contain one of')
    const missing = await getLoadBalancer(env.session(), 'nope').catch((e: unknown) => e)
    expect(missing).toBeInstanceOf(NotFoundError)
    expect((missing as Error).message).toContain('Load Balancer nope not found.')
  })
})

describe('waitForLoadBalancer', () => {
  function serveStatuses(statuses: (string | 404)[]) {
    let i = 0
    env.use(
      http.get(`${LBAAS}/loadbalancers/:id`, async ({ request, params }) => {
        await record(env.seen, request)
        const status = statuses[Math.min(i++, statuses.length - 1)]!
        if (status === 404) return json({ faultcode: 'Client', faultstring: 'not found' }, 404)
        return json({ loadbalancer: lb(String(params.id), status) })
      }),
    )
  }

  it('polls until ACTIVE and resolves with the load balancer', async () => {
    serveStatuses(['PENDING_CREATE', 'PENDING_CREATE', 'ACTIVE'])
    const seen: string[] = []
    const result = await waitForLoadBalancer(env.session(), 'l1', 'ACTIVE', {
      intervalMs: 1,
      onPoll: (l) => seen.push(l.provisioning_status),
    })
    expect(result?.provisioning_status).toBe('ACTIVE')
    expect(seen).toEqual(['PENDING_CREATE', 'PENDING_CREATE', 'ACTIVE'])
  })

  it('resolves once the load balancer is gone (404) when waiting for DELETED', async () => {
    serveStatuses(['PENDING_DELETE', 404])
    expect(await waitForLoadBalancer(env.session(), 'l1', 'DELETED', { intervalMs: 1 })).toBeUndefined()
    expect(env.seen).toHaveLength(2)
  })

  it('rejects with LoadBalancerFailedError on ERROR', async () => {
    serveStatuses(['PENDING_CREATE', 'ERROR'])
    const error = await waitForLoadBalancer(env.session(), 'l1', 'ACTIVE', { intervalMs: 1 }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(LoadBalancerFailedError)
    expect((error as LoadBalancerFailedError).provisioningStatus).toBe('ERROR')
  })

  it('rejects with WaitTimeoutError naming the last status', async () => {
    serveStatuses(['PENDING_UPDATE'])
    const error = await waitForLoadBalancer(env.session(), 'l1', 'ACTIVE', {
      intervalMs: 5,
      timeoutMs: 30,
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(WaitTimeoutError)
    expect((error as WaitTimeoutError).lastStatus).toBe('PENDING_UPDATE')
  })

  it('stops polling when the signal aborts', async () => {
    serveStatuses(['PENDING_CREATE'])
    const controller = new AbortController()
    const waiting = waitForLoadBalancer(env.session(), 'l1', 'ACTIVE', {
      intervalMs: 10_000,
      signal: controller.signal,
    })
    setTimeout(() => controller.abort(new Error('user cancelled')), 50)
    await expect(waiting).rejects.toThrow('user cancelled')
    expect(env.seen).toHaveLength(1)
  })
})

describe('listeners, pools, members, health monitors', () => {
  /** Serves list (one page), get, create (echo) and delete for an Octavia collection. */
  function serve(segment: string, plural: string, singular: string) {
    const base = `${LBAAS}/${segment}`
    env.use(
      http.get(base, async ({ request }) => {
        await record(env.seen, request)
        return json({ [plural]: [{ id: 'a' }], [`${plural}_links`]: [] })
      }),
      http.get(`${base}/:id`, async ({ request, params }) => {
        await record(env.seen, request)
        return json({ [singular]: { id: params.id } })
      }),
      http.post(base, async ({ request }) => {
        const seen = await record(env.seen, request)
        return json({ [singular]: { id: 'new', ...(seen.body as Record<string, object>)[singular] } }, 201)
      }),
      http.delete(`${base}/:id`, async ({ request }) => {
        await record(env.seen, request)
        return new Response(null, { status: 204 })
      }),
    )
  }

  it('listeners', async () => {
    serve('listeners', 'listeners', 'listener')
    await createListener(env.session(), {
      loadBalancerId: 'lb1',
      protocol: 'TCP',
      protocolPort: 6443,
      allowedCidrs: ['10.0.0.0/8'],
    })
    expect(await toArray(listListeners(env.session(), { loadBalancerId: 'lb1' }))).toHaveLength(1)
    await getListener(env.session(), 'l1')
    await deleteListener(env.session(), 'l1')
    expect(env.seen.map((s) => `${s.method} ${s.url.pathname}${s.url.search}`)).toEqual([
      'POST /v2/lbaas/listeners',
      'GET /v2/lbaas/listeners?loadbalancer_id=lb1',
      'GET /v2/lbaas/listeners/l1',
      'DELETE /v2/lbaas/listeners/l1',
    ])
    expect(env.seen[0]!.body).toEqual({
      listener: {
        loadbalancer_id: 'lb1',
        protocol: 'TCP',
        protocol_port: 6443,
        allowed_cidrs: ['10.0.0.0/8'],
      },
    })
  })

  it('pools', async () => {
    serve('pools', 'pools', 'pool')
    await createPool(env.session(), { listenerId: 'l1', protocol: 'TCP', lbAlgorithm: 'ROUND_ROBIN' })
    expect(await toArray(listPools(env.session()))).toHaveLength(1)
    await getPool(env.session(), 'p1')
    await deletePool(env.session(), 'p1')
    expect(env.seen.map((s) => `${s.method} ${s.url.pathname}`)).toEqual([
      'POST /v2/lbaas/pools',
      'GET /v2/lbaas/pools',
      'GET /v2/lbaas/pools/p1',
      'DELETE /v2/lbaas/pools/p1',
    ])
    expect(env.seen[0]!.body).toEqual({
      pool: { protocol: 'TCP', lb_algorithm: 'ROUND_ROBIN', listener_id: 'l1' },
    })
  })

  it('members live under their pool', async () => {
    serve('pools/p1/members', 'members', 'member')
    await createMember(env.session(), 'p1', { address: '10.0.0.5', protocolPort: 6443, subnetId: 's1' })
    expect(await toArray(listMembers(env.session(), 'p1'))).toHaveLength(1)
    await getMember(env.session(), 'p1', 'm1')
    await deleteMember(env.session(), 'p1', 'm1')
    expect(env.seen.map((s) => `${s.method} ${s.url.pathname}`)).toEqual([
      'POST /v2/lbaas/pools/p1/members',
      'GET /v2/lbaas/pools/p1/members',
      'GET /v2/lbaas/pools/p1/members/m1',
      'DELETE /v2/lbaas/pools/p1/members/m1',
    ])
    expect(env.seen[0]!.body).toEqual({
      member: { address: '10.0.0.5', protocol_port: 6443, subnet_id: 's1' },
    })
  })

  it('health monitors', async () => {
    serve('healthmonitors', 'healthmonitors', 'healthmonitor')
    await createHealthMonitor(env.session(), {
      poolId: 'p1',
      type: 'HTTPS',
      delay: 10,
      timeout: 5,
      maxRetries: 3,
      urlPath: '/healthz',
      expectedCodes: '200',
    })
    expect(await toArray(listHealthMonitors(env.session(), { poolId: 'p1' }))).toHaveLength(1)
    await getHealthMonitor(env.session(), 'h1')
    await deleteHealthMonitor(env.session(), 'h1')
    expect(env.seen.map((s) => `${s.method} ${s.url.pathname}${s.url.search}`)).toEqual([
      'POST /v2/lbaas/healthmonitors',
      'GET /v2/lbaas/healthmonitors?pool_id=p1',
      'GET /v2/lbaas/healthmonitors/h1',
      'DELETE /v2/lbaas/healthmonitors/h1',
    ])
    expect(env.seen[0]!.body).toEqual({
      healthmonitor: {
        pool_id: 'p1',
        type: 'HTTPS',
        delay: 10,
        timeout: 5,
        max_retries: 3,
        url_path: '/healthz',
        expected_codes: '200',
      },
    })
  })
})
