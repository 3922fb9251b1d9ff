import { ConflictError, toArray } from '@magnum-ts/auth'
import {
  addRouterInterface,
  createPort,
  createRouter,
  createSubnet,
  deletePort,
  deleteRouter,
  deleteSubnet,
  getPort,
  getRouter,
  getSubnet,
  listPorts,
  listRouters,
  listSubnets,
  removeRouterInterface,
} from '@magnum-ts/network'
import { http } from 'msw'
import { describe, expect, it } from 'vitest'
import { json, NEUTRON, record, setup } from './helpers.js'

const env = setup()

/** Serves a Neutron collection: list (three pages via *_links), get, create (echo) and delete. */
function serveCollection(segment: string, singular: string, plural = segment) {
  const base = `${NEUTRON}/v2.0/${segment}`
  env.use(
    http.get(base, async ({ request }) => {
      const seen = await record(env.seen, request)
      const marker = seen.url.searchParams.get('marker')
      const next = (m: string) => [{ rel: 'next', href: `${base}?marker=${m}` }]
      if (!marker) return json({ [plural]: [{ id: '1', name: 'one' }], [`${plural}_links`]: next('1') })
      if (marker === '1')
        return json({ [plural]: [{ id: '2', name: 'two' }], [`${plural}_links`]: next('2') })
      return json({ [plural]: [{ id: '3', name: 'three' }] })
    }),
    http.get(`${base}/:id`, async ({ request, params }) => {
      await record(env.seen, request)
      return json({ [singular]: { id: params.id, name: 'x' } })
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

describe('subnets', () => {
  it('lists across pages with filters, gets, creates and deletes', async () => {
    serveCollection('subnets', 'subnet')
    const subnets = await toArray(listSubnets(env.session(), { networkId: 'n1', ipVersion: 4 }))
    expect(subnets.map((s) => s.id)).toEqual(['1', '2', '3'])
    expect(env.seen[0]!.url.search).toBe('?network_id=n1&ip_version=4')
    expect(env.seen.map((s) => s.url.searchParams.get('marker'))).toEqual([null, '1', '2'])
    env.seen.length = 0

    await getSubnet(env.session(), 's1')
    const created = await createSubnet(env.session(), {
      networkId: 'n1',
      cidr: '10.0.0.0/24',
      name: 'private-subnet',
      dnsNameservers: ['8.8.8.8'],
      gatewayIp: null,
    })
    expect(created.id).toBe('new')
    await deleteSubnet(env.session(), 's1')
    expect(env.seen.map((s) => `${s.method} ${s.url.pathname}`)).toEqual([
      'GET /v2.0/subnets/s1',
      'POST /v2.0/subnets',
      'DELETE /v2.0/subnets/s1',
    ])
    expect(env.seen[1]!.body).toEqual({
      subnet: {
        network_id: 'n1',
        cidr: '10.0.0.0/24',
        ip_version: 4,
        name: 'private-subnet',
        gateway_ip: null,
        dns_nameservers: ['8.8.8.8'],
      },
    })
    expect(env.seen.every((s) => s.headers.get('x-auth-token') === env.identity.token)).toBe(true)
  })
})

describe('routers', () => {
  it('creates a router with an external gateway', async () => {
    serveCollection('routers', 'router')
    await createRouter(env.session(), { name: 'k8s-router', externalNetworkId: 'ext', enableSnat: true })
    expect(env.seen[0]!.method).toBe('POST')
    expect(env.seen[0]!.url.pathname).toBe('/v2.0/routers')
    expect(env.seen[0]!.body).toEqual({
      router: { name: 'k8s-router', external_gateway_info: { network_id: 'ext', enable_snat: true } },
    })
  })

  it('lists, gets and deletes', async () => {
    serveCollection('routers', 'router')
    expect((await toArray(listRouters(env.session(), { name: 'r' }))).length).toBe(3)
    await getRouter(env.session(), 'r1')
    await deleteRouter(env.session(), 'r1')
    expect(env.seen.slice(3).map((s) => `${s.method} ${s.url.pathname}`)).toEqual([
      'GET /v2.0/routers/r1',
      'DELETE /v2.0/routers/r1',
    ])
  })

  it('adds and removes interfaces with PUT, by subnet or port', async () => {
    env.use(
      http.put(`${NEUTRON}/v2.0/routers/:id/:action`, async ({ request, params }) => {
        const seen = await record(env.seen, request)
        return json({ id: params.id, subnet_id: 's1', port_id: 'p1', ...(seen.body as object) })
      }),
    )
    const added = await addRouterInterface(env.session(), 'r1', { subnetId: 's1' })
    expect(added.port_id).toBe('p1')
    await removeRouterInterface(env.session(), 'r1', { portId: 'p1' })
    expect(env.seen.map((s) => [s.method, s.url.pathname, s.body])).toEqual([
      ['PUT', '/v2.0/routers/r1/add_router_interface', { subnet_id: 's1' }],
      ['PUT', '/v2.0/routers/r1/remove_router_interface', { port_id: 'p1' }],
    ])
  })

  it("turns a NeutronError 409 into ConflictError with Neutron's message", async () => {
    env.use(
      http.delete(`${NEUTRON}/v2.0/routers/:id`, () =>
        json(
          {
            NeutronError: {
              type: 'RouterInUse',
              message: 'Router r1 still has ports',
              detail: '',
            },
          },
          409,
        ),
      ),
    )
    const error = await deleteRouter(env.session(), 'r1').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConflictError)
    expect((error as Error).message).toContain('Router r1 still has ports')
  })
})

describe('ports', () => {
  it('lists with device and fixed IP filters, gets, creates and deletes', async () => {
    serveCollection('ports', 'port')
    const ports = await toArray(
      listPorts(env.session(), { deviceId: 'srv', fixedIp: '10.0.0.5', networkId: 'n1' }),
    )
    expect(ports).toHaveLength(3)
    expect([...env.seen[0]!.url.searchParams]).toEqual([
      ['network_id', 'n1'],
      ['device_id', 'srv'],
      ['fixed_ips', 'ip_address=10.0.0.5'],
    ])
    env.seen.length = 0
    await getPort(env.session(), 'p1')
    await createPort(env.session(), {
      networkId: 'n1',
      name: 'vip',
      fixedIps: [{ subnet_id: 's1' }],
      securityGroups: ['sg'],
    })
    await deletePort(env.session(), 'p1')
    expect(env.seen.map((s) => `${s.method} ${s.url.pathname}`)).toEqual([
      'GET /v2.0/ports/p1',
      'POST /v2.0/ports',
      'DELETE /v2.0/ports/p1',
    ])
    expect(env.seen[1]!.body).toEqual({
      port: { network_id: 'n1', name: 'vip', fixed_ips: [{ subnet_id: 's1' }], security_groups: ['sg'] },
    })
  })
})
