import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { mockIdentity } from '../src/index.js'

interface TokenJson {
  methods: string[]
  expires_at: string
  user: { id: string }
  project: { id: string }
  roles: { name: string }[]
  catalog: {
    type: string
    endpoints: { interface: string; region: string; region_id: string; url: string }[]
  }[]
}

const identity = mockIdentity({
  services: {
    compute: 'http://nova.test/v2.1',
    orchestration: 'http://heat.test/v1/%(project_id)s',
  },
  versions: { compute: { min: '2.1', max: '2.90' } },
  roles: ['member', 'admin'],
})
const server = setupServer(...identity.handlers)

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

function passwordBody(password: string) {
  return {
    auth: {
      identity: {
        methods: ['password'],
        password: { user: { name: 'demo', domain: { name: 'Default' }, password } },
      },
      scope: { project: { name: 'demo', domain: { name: 'Default' } } },
    },
  }
}

async function authenticate(body: unknown) {
  return fetch(`${identity.authUrl}/auth/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
}

describe('mockIdentity', () => {
  it('issues a token with a Keystone v3 body and catalog for demo/secret', async () => {
    const before = identity.tokenRequests()
    const res = await authenticate(passwordBody('secret'))
    expect(res.status).toBe(201)
    expect(res.headers.get('X-Subject-Token')).toBe(identity.token)
    expect(res.headers.get('X-OpenStack-Request-Id')).toMatch(/^req-[0-9a-f-]{36}$/)
    const { token } = (await res.json()) as { token: TokenJson }
    expect(token.methods).toEqual(['password'])
    expect(token.project.id).toBe(identity.projectId)
    expect(token.roles.map((r) => r.name)).toEqual(['member', 'admin'])
    expect(Date.parse(token.expires_at) - Date.now()).toBeGreaterThan(3500_000)
    const heat = token.catalog.find((s) => s.type === 'orchestration')!
    expect(heat.endpoints.map((e) => e.interface).sort()).toEqual(['admin', 'internal', 'public'])
    expect(heat.endpoints[0]?.url).toBe(`http://heat.test/v1/${identity.projectId}`)
    expect(heat.endpoints[0]?.region_id).toBe('RegionOne')
    expect(token.catalog.some((s) => s.type === 'identity')).toBe(true)
    expect(identity.tokenRequests()).toBe(before + 1)
  })

  it('answers a wrong password with the Keystone 401 envelope', async () => {
    const res = await authenticate(passwordBody('wrong'))
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({
      error: {
        code: 401,
        title: 'Unauthorized',
        message: 'The request you have made requires authentication.',
      },
    })
  })

  it('accepts the issued token for token auth and rejects another', async () => {
    const ok = await authenticate({
      auth: { identity: { methods: ['token'], token: { id: identity.token } } },
    })
    expect(ok.status).toBe(201)
    const bad = await authenticate({ auth: { identity: { methods: ['token'], token: { id: 'nope' } } } })
    expect(bad.status).toBe(401)
  })

  it('answers a malformed body with 400', async () => {
    expect((await authenticate({ nope: true })).status).toBe(400)
  })

  it('serves the microversion range at the versioned endpoint, with and without a trailing slash', async () => {
    for (const url of ['http://nova.test/v2.1', 'http://nova.test/v2.1/']) {
      const res = await fetch(url)
      expect(res.status).toBe(200)
      const { version } = (await res.json()) as { version: Record<string, unknown> }
      expect(version).toMatchObject({ id: 'v2.1', status: 'CURRENT', min_version: '2.1', version: '2.90' })
    }
    const root = (await (await fetch('http://nova.test/')).json()) as { versions: { version: string }[] }
    expect(root.versions[0]?.version).toBe('2.90')
  })

  it('uses the given token, ids, region and lifetime', async () => {
    const custom = mockIdentity({
      authUrl: 'http://id.test:5000/v3/',
      token: 'tok',
      projectId: 'p1',
      userId: 'u1',
      region: 'Lab',
      expiresInSeconds: 60,
      services: { image: 'http://glance.test' },
    })
    server.use(...custom.handlers)
    const res = await fetch('http://id.test:5000/v3/auth/tokens', {
      method: 'POST',
      body: JSON.stringify({
        auth: { identity: { methods: ['password'], password: { user: { id: 'u1', password: 'secret' } } } },
      }),
    })
    expect(res.headers.get('X-Subject-Token')).toBe('tok')
    const { token } = (await res.json()) as { token: TokenJson }
    expect(token.user.id).toBe('u1')
    expect(token.project.id).toBe('p1')
    expect(Date.parse(token.expires_at) - Date.now()).toBeLessThanOrEqual(60_000)
    const image = token.catalog.find((s) => s.type === 'image')!
    expect(image.endpoints[0]).toMatchObject({ region: 'Lab', url: 'http://glance.test' })
  })

  it('gives a real Session that authenticates, negotiates the microversion and sends the token', async () => {
    let seen: Headers | undefined
    server.use(
      http.get('http://nova.test/v2.1/flavors', ({ request }) => {
        seen = request.headers
        return HttpResponse.json({ flavors: [] })
      }),
    )
    const before = identity.tokenRequests()
    const session = identity.session()
    const res = await session.request<{ flavors: unknown[] }>('compute', 'GET', '/flavors')
    expect(res.body).toEqual({ flavors: [] })
    expect(seen?.get('x-auth-token')).toBe(identity.token)
    expect(seen?.get('openstack-api-version')).toBe('compute 2.90')
    const context = await session.context()
    expect(context.projectId).toBe(identity.projectId)
    expect(context.isAdmin).toBe(true)
    expect(identity.tokenRequests()).toBe(before + 1)
    expect(await session.endpoint('orchestration')).toBe(`http://heat.test/v1/${identity.projectId}`)
  })
})
