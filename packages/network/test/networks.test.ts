import { AmbiguousResourceError, NotFoundError, ResourceNotFoundError, toArray } from '@magnum-ts/auth'
import {
  createNetwork,
  deleteNetwork,
  findExternalNetwork,
  getNetwork,
  listNetworks,
  NotExternalNetworkError,
} from '@magnum-ts/network'
import { http } from 'msw'
import { describe, expect, it } from 'vitest'
import { json, NEUTRON, record, setup } from './helpers.js'

const env = setup()
const PUBLIC = 'a1b2c3d4-0000-4000-8000-000000000001'
const PRIVATE = 'a1b2c3d4-0000-4000-8000-000000000002'
const net = (id: string, name: string, external: boolean) => ({
  id,
  name,
  'router:external': external,
  status: 'ACTIVE',
})
const all = [
  net(PUBLIC, 'public', true),
  net(PRIVATE, 'private', false),
  net('d1', 'dup', true),
  net('d2', 'dup', true),
]

function serveNetworks() {
  env.use(
    http.get(`${NEUTRON}/v2.0/networks`, async ({ request }) => {
      const seen = await record(env.seen, request)
      const name = seen.url.searchParams.get('name')
      return json({ networks: all.filter((n) => name === null || n.name === name) })
    }),
    http.get(`${NEUTRON}/v2.0/networks/:id`, async ({ request, params }) => {
      await record(env.seen, request)
      const found = all.find((n) => n.id === params.id)
      return found
        ? json({ network: found })
        : json(
            {
              NeutronError: {
                type: 'NetworkNotFound',
                message: `Network ${String(params.id)} could not be found.`,
                detail: '',
              },
            },
            404,
          )
    }),
  )
}

describe('listNetworks', () => {
  it('filters on router:external and follows networks_links over three pages', async () => {
    env.use(
      http.get(`${NEUTRON}/v2.0/networks`, async ({ request }) => {
        const seen = await record(env.seen, request)
        const marker = seen.url.searchParams.get('marker')
        const link = (m: string) => [
          { rel: 'next', href: `${NEUTRON}/v2.0/networks?router%3Aexternal=true&limit=1&marker=${m}` },
          { rel: 'previous', href: `${NEUTRON}/v2.0/networks?page_reverse=True` },
        ]
        if (!marker) return json({ networks: [net('n1', 'a', true)], networks_links: link('n1') })
        if (marker === 'n1') return json({ networks: [net('n2', 'b', true)], networks_links: link('n2') })
        return json({ networks: [net('n3', 'c', true)] })
      }),
    )
    const networks = await toArray(
      listNetworks(env.session(), { routerExternal: true, tags: ['k8s', 'x'], limit: 1 }),
    )
    expect(networks.map((n) => n.id)).toEqual(['n1', 'n2', 'n3'])
    const first = env.seen[0]!
    expect(first.method).toBe('GET')
    expect(first.url.pathname).toBe('/v2.0/networks')
    expect(Object.fromEntries(first.url.searchParams)).toEqual({
      'router:external': 'true',
      tags: 'k8s,x',
      limit: '1',
    })
    expect(first.headers.get('x-auth-token')).toBe(env.identity.token)
    expect(first.headers.get('openstack-api-version')).toBeNull()
    expect(env.seen.map((s) => s.url.searchParams.get('marker'))).toEqual([null, 'n1', 'n2'])
  })
})

describe('listNetworks extra filters', () => {
  it('passes wire-named filters through without an unset named filter erasing them', async () => {
    env.use(
      http.get(`${NEUTRON}/v2.0/networks`, async ({ request }) => {
        await record(env.seen, request)
        return json({ networks: [] })
      }),
    )
    await toArray(
      listNetworks(env.session(), {
        shared: false,
        filters: { 'provider:network_type': 'vxlan', name: 'k8s' },
      }),
    )
    expect(Object.fromEntries(env.seen[0]!.url.searchParams)).toEqual({
      'provider:network_type': 'vxlan',
      name: 'k8s',
      shared: 'false',
    })
  })
})

describe('get / create / delete', () => {
  it('GETs /v2.0/networks/{id}; a NeutronError 404 becomes NotFoundError with its message', async () => {
    serveNetworks()
    expect((await getNetwork(env.session(), PUBLIC)).name).toBe('public')
    expect(env.seen[0]!.url.pathname).toBe(`/v2.0/networks/${PUBLIC}`)
    const error = await getNetwork(env.session(), 'missing').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NotFoundError)
    expect((error as Error).message).toContain('Network missing could not be found.')
  })

  it('POSTs {network: {...}} with only the given fields', async () => {
    env.use(
      http.post(`${NEUTRON}/v2.0/networks`, async ({ request }) => {
        const seen = await record(env.seen, request)
        return json({ network: { id: 'new', ...(seen.body as { network: object }).network } }, 201)
      }),
    )
    const created = await createNetwork(env.session(), { name: 'k8s', mtu: 1450, portSecurityEnabled: false })
    expect(created.id).toBe('new')
    expect(env.seen[0]!.method).toBe('POST')
    expect(env.seen[0]!.body).toEqual({ network: { name: 'k8s', mtu: 1450, port_security_enabled: false } })
  })

  it('DELETEs /v2.0/networks/{id}', async () => {
    env.use(
      http.delete(`${NEUTRON}/v2.0/networks/:id`, async ({ request }) => {
        await record(env.seen, request)
        return new Response(null, { status: 204 })
      }),
    )
    await deleteNetwork(env.session(), 'n1')
    expect(env.seen.map((s) => `${s.method} ${s.url.pathname}`)).toEqual(['DELETE /v2.0/networks/n1'])
  })
})

describe('findExternalNetwork', () => {
  it('returns an external network found by name (server-side name filter)', async () => {
    serveNetworks()
    expect((await findExternalNetwork(env.session(), 'public')).id).toBe(PUBLIC)
    expect(env.seen[0]!.url.search).toBe('?name=public')
  })

  it('returns an external network found by id', async () => {
    serveNetworks()
    expect((await findExternalNetwork(env.session(), PUBLIC)).name).toBe('public')
    expect(env.seen.map((s) => s.url.pathname)).toEqual([`/v2.0/networks/${PUBLIC}`])
  })

  it('says when the matched network is not external, and how to fix it', async () => {
    serveNetworks()
    const error = await findExternalNetwork(env.session(), 'private').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NotExternalNetworkError)
    const e = error as NotExternalNetworkError
    expect(e.code).toBe('NETWORK_NOT_EXTERNAL')
    expect(e.networkId).toBe(PRIVATE)
    expect(e.message).toContain('is not an external network (router:external is false)')
    expect(e.message).toContain(`openstack network set --external ${PRIVATE}`)
  })

  it('reports ambiguous names and unknown names as typed errors', async () => {
    serveNetworks()
    const ambiguous = await findExternalNetwork(env.session(), 'dup').catch((e: unknown) => e)
    expect(ambiguous).toBeInstanceOf(AmbiguousResourceError)
    expect((ambiguous as AmbiguousResourceError).matches.map((m) => m.id)).toEqual(['d1', 'd2'])
    const missing = await findExternalNetwork(env.session(), 'nope').catch((e: unknown) => e)
    expect(missing).toBeInstanceOf(ResourceNotFoundError)
    expect((missing as Error).message).toContain('No network with id or name "nope"')
  })

  it('falls back to the name when a UUID-shaped argument is no network id', async () => {
    serveNetworks()
    const error = await findExternalNetwork(env.session(), 'ffffffff-0000-4000-8000-000000000000').catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(ResourceNotFoundError)
    expect(env.seen.map((s) => s.url.pathname)).toEqual([
      '/v2.0/networks/ffffffff-0000-4000-8000-000000000000',
      '/v2.0/networks',
    ])
  })
})
