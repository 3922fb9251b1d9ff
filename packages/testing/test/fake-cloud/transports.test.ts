import { createSession } from '@magnum-ts/auth'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeCloud, type ListeningCloud } from '../../src/index.js'
import type { Json } from './helpers.js'

const cloud = createFakeCloud()
const server = setupServer(...cloud.handlers)
let listening: ListeningCloud

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'bypass' })
  listening = await cloud.listen()
})
afterAll(async () => {
  server.close()
  await listening.close()
})

async function tokenVia(fetcher: typeof fetch, authUrl: string) {
  const res = await fetcher(`${authUrl}/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: 'demo', domain: { name: 'Default' }, password: 'secret' } },
        },
        scope: { project: { name: 'demo', domain: { name: 'Default' } } },
      },
    }),
  })
  return {
    status: res.status,
    token: res.headers.get('x-subject-token') ?? '',
    body: (await res.json()) as Json,
  }
}

describe('the same fake over fetch, msw and a real HTTP server', () => {
  it('answers the same through msw (global fetch) as through cloud.fetch', async () => {
    const viaFetch = await tokenVia(cloud.fetch, cloud.authUrl)
    const viaMsw = await tokenVia(globalThis.fetch, cloud.authUrl)
    expect(viaMsw.status).toBe(201)
    expect(viaMsw.body.token.catalog).toEqual(viaFetch.body.token.catalog)
    const flavors = await fetch(`${cloud.origin}/compute/v2.1/flavors`, {
      headers: { 'x-auth-token': viaMsw.token },
    })
    expect(flavors.headers.get('x-openstack-request-id')).toMatch(/^req-/)
    expect(((await flavors.json()) as Json).flavors.map((f: Json) => f.name)).toEqual([
      'm1.small',
      'm1.medium',
    ])
  })

  it('round-trips CRUD through msw: what msw creates, cloud.fetch and the state see', async () => {
    const { token } = await tokenVia(globalThis.fetch, cloud.authUrl)
    const headers = { 'x-auth-token': token, 'content-type': 'application/json' }
    const created = await fetch(`${cloud.origin}/networking/v2.0/networks`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ network: { name: 'via-msw' } }),
    })
    expect(created.status).toBe(201)
    const { network } = (await created.json()) as Json
    expect(cloud.state.network.networks.get(network.id)?.name).toBe('via-msw')
    const viaFetch = await cloud.fetch(`${cloud.origin}/networking/v2.0/networks/${network.id}`, { headers })
    expect(((await viaFetch.json()) as Json).network.name).toBe('via-msw')
    expect(viaFetch.url).toBe(`${cloud.origin}/networking/v2.0/networks/${network.id}`)
    const deleted = await fetch(`${cloud.origin}/networking/v2.0/networks/${network.id}`, {
      method: 'DELETE',
      headers,
    })
    expect(deleted.status).toBe(204)
    expect(cloud.state.network.networks.has(network.id)).toBe(false)
  })

  it('serves on 127.0.0.1 with a catalog pointing back at the listening port', async () => {
    expect(listening.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const viaHttp = await tokenVia(globalThis.fetch, `${listening.url}/identity/v3`)
    expect(viaHttp.status).toBe(201)
    const compute = viaHttp.body.token.catalog.find((s: Json) => s.type === 'compute')
    expect(compute.endpoints[0].url).toBe(`${listening.url}/compute/v2.1`)
    const viaFetch = await tokenVia(cloud.fetch, cloud.authUrl)
    const a = await fetch(`${listening.url}/networking/v2.0/networks?name=public`, {
      headers: { 'x-auth-token': viaHttp.token },
    })
    const b = await cloud.fetch(`${cloud.origin}/networking/v2.0/networks?name=public`, {
      headers: { 'x-auth-token': viaFetch.token },
    })
    expect(a.status).toBe(b.status)
    expect(a.headers.get('content-type')).toBe(b.headers.get('content-type'))
    expect(await a.json()).toEqual(await b.json())
    const missing = await fetch(`${listening.url}/compute/v2.1/servers/nope`, {
      headers: { 'x-auth-token': viaHttp.token },
    })
    expect(missing.status).toBe(404)
    expect(((await missing.json()) as Json).itemNotFound.code).toBe(404)
  })

  it('answers HEAD like GET without a body, over the socket too', async () => {
    const { token } = await tokenVia(globalThis.fetch, `${listening.url}/identity/v3`)
    const head = await fetch(`${listening.url}/compute/v2.1/flavors/2`, {
      method: 'HEAD',
      headers: { 'x-auth-token': token },
    })
    expect(head.status).toBe(200)
    expect(head.headers.get('content-type')).toBe('application/json')
    expect(await head.text()).toBe('')
    const missing = await fetch(`${listening.url}/compute/v2.1/flavors/99`, {
      method: 'HEAD',
      headers: { 'x-auth-token': token },
    })
    expect(missing.status).toBe(404)
    const wrongMethod = await fetch(`${listening.url}/compute/v2.1/flavors/2`, {
      method: 'PATCH',
      headers: { 'x-auth-token': token },
    })
    expect(wrongMethod.status).toBe(405)
  })

  it('drops the connection through msw as a network error', async () => {
    const fault = cloud.faults.drop('image', 1)
    await expect(fetch(`${cloud.origin}/image/versions`)).rejects.toThrow(TypeError)
    expect(fault.hits()).toBe(1)
    expect((await fetch(`${cloud.origin}/image/versions`)).status).toBe(200)
  })

  it('drops the connection on the real server too', async () => {
    const fault = cloud.faults.drop('compute', 1)
    await expect(fetch(`${listening.url}/compute/v2.1/flavors`)).rejects.toThrow(TypeError)
    expect(fault.hits()).toBe(1)
  })

  it('drives a real Session through cloud.fetch, msw and the HTTP server', async () => {
    const sessions = [
      createSession(cloud.cloudConfig(), { fetch: cloud.fetch }),
      createSession(cloud.cloudConfig()),
      createSession(cloud.cloudConfig({ origin: listening.url })),
    ]
    for (const session of sessions) {
      const flavors = await session.request<{ flavors: { name: string }[] }>('compute', 'GET', '/flavors')
      expect(flavors.body.flavors.map((f) => f.name)).toEqual(['m1.small', 'm1.medium'])
      expect(flavors.requestId).toMatch(/^req-/)
      expect(await session.microversion('compute')).toBe('2.90')
      const context = await session.context()
      expect(context.roles).toContain('member')
      const volumes = await session.request<{ volumes: unknown[] }>('block-storage', 'GET', '/volumes')
      expect(volumes.status).toBe(200)
    }
  })

  it('a Session sees typed errors and re-authenticates after the token expires', async () => {
    const session = createSession(cloud.cloudConfig(), { fetch: cloud.fetch })
    await expect(session.request('compute', 'GET', '/servers/nope')).rejects.toMatchObject({
      status: 404,
      message: expect.stringContaining('Instance nope could not be found.'),
    })
    await session.request('network', 'GET', '/v2.0/networks')
    cloud.faults.revokeTokens()
    const again = await session.request<{ networks: unknown[] }>('network', 'GET', '/v2.0/networks')
    expect(again.status).toBe(200)
  })

  it('cloud.session() gives a Session as demo or another seeded user', async () => {
    expect((await cloud.session().context()).isAdmin).toBe(false)
    const admin = await cloud.session({ user: 'admin' }).context()
    expect(admin).toMatchObject({ userName: 'admin', projectName: 'admin', isAdmin: true })
  })
})
