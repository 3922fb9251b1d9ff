import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { AuthError, createSession, UnauthorizedError } from '../src/index.js'
import { AUTH_URL, demoConfig, fakeKeystone } from './support/keystone.js'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

describe('session: authentication', () => {
  it('sends a project-scoped password auth through globalThis.fetch (so msw sees it) and uses the token', async () => {
    const keystone = fakeKeystone()
    let seenToken: string | null = null
    server.use(
      keystone.handler,
      http.get('http://nova.test/v2.1/flavors', ({ request }) => {
        seenToken = request.headers.get('x-auth-token')
        return HttpResponse.json({ flavors: [] })
      }),
    )
    const session = createSession(demoConfig, { clientMicroversions: {}, retry: { retries: 0 } })
    const res = await session.request('compute', 'GET', '/flavors', { microversion: false })
    expect(res.status).toBe(200)
    expect(seenToken).toBe('tok-1')
    expect(keystone.issued[0]!.body).toEqual({
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: 'demo', domain: { name: 'Default' }, password: 'sup3r-secret-pw' } },
        },
        scope: { project: { name: 'demo', domain: { name: 'Default' } } },
      },
    })
    expect(keystone.issued[0]!.headers.get('x-auth-token')).toBeNull()
    const ctx = await session.context()
    expect(ctx).toMatchObject({ userId: 'u-demo', projectId: 'p-demo', roles: ['member'], isAdmin: false })
  })

  it('caches the token across requests', async () => {
    const keystone = fakeKeystone()
    server.use(
      keystone.handler,
      http.get('http://nova.test/v2.1/x', () => HttpResponse.json({})),
    )
    const session = createSession(demoConfig)
    for (let i = 0; i < 3; i++) await session.request('compute', 'GET', '/x', { microversion: false })
    expect(keystone.tokenRequests()).toBe(1)
  })

  it('refreshes proactively when fewer than 120 s remain, and not before', async () => {
    let clock = 1_000_000
    const keystone = fakeKeystone({ now: () => clock, expiresInMs: 600_000 })
    server.use(
      keystone.handler,
      http.get('http://nova.test/v2.1/x', () => HttpResponse.json({})),
    )
    const session = createSession(demoConfig, { now: () => clock })
    await session.token()
    clock += 600_000 - 121_000 // 121 s left: still good
    expect(await session.token()).toBe('tok-1')
    clock += 2_000 // 119 s left: refresh
    expect(await session.token()).toBe('tok-2')
    expect(keystone.tokenRequests()).toBe(2)
  })

  it('is single-flight: 50 concurrent callers cause exactly one token request', async () => {
    const keystone = fakeKeystone()
    server.use(
      keystone.handler,
      http.get('http://nova.test/v2.1/x', () => HttpResponse.json({ ok: true })),
    )
    const session = createSession(demoConfig)
    const results = await Promise.all(
      Array.from({ length: 50 }, () => session.request('compute', 'GET', '/x', { microversion: false })),
    )
    expect(results.every((r) => r.status === 200)).toBe(true)
    expect(keystone.tokenRequests()).toBe(1)
  })

  it('on 401 re-authenticates once and replays the request with the new token', async () => {
    const keystone = fakeKeystone()
    const tokens: (string | null)[] = []
    server.use(
      keystone.handler,
      http.get('http://nova.test/v2.1/x', ({ request }) => {
        const t = request.headers.get('x-auth-token')
        tokens.push(t)
        return t === 'tok-1'
          ? HttpResponse.json(
              { error: { code: 401, title: 'Unauthorized', message: 'revoked' } },
              { status: 401 },
            )
          : HttpResponse.json({ ok: true })
      }),
    )
    const session = createSession(demoConfig)
    const res = await session.request<{ ok: boolean }>('compute', 'GET', '/x', { microversion: false })
    expect(res.body.ok).toBe(true)
    expect(tokens).toEqual(['tok-1', 'tok-2'])
    expect(keystone.tokenRequests()).toBe(2)
  })

  it('concurrent 401s with the same stale token share one re-authentication', async () => {
    const keystone = fakeKeystone()
    server.use(
      keystone.handler,
      http.get('http://nova.test/v2.1/x', ({ request }) =>
        request.headers.get('x-auth-token') === 'tok-1'
          ? new HttpResponse(null, { status: 401 })
          : HttpResponse.json({ ok: true }),
      ),
    )
    const session = createSession(demoConfig)
    await session.token()
    await Promise.all(
      Array.from({ length: 20 }, () => session.request('compute', 'GET', '/x', { microversion: false })),
    )
    expect(keystone.tokenRequests()).toBe(2)
  })

  it('never loops: a second 401 after re-authentication is raised as UnauthorizedError', async () => {
    const keystone = fakeKeystone()
    let calls = 0
    server.use(
      keystone.handler,
      http.get('http://nova.test/v2.1/x', () => {
        calls++
        return HttpResponse.json({ error: { message: 'nope', code: 401 } }, { status: 401 })
      }),
    )
    const session = createSession(demoConfig)
    const error = await session.request('compute', 'GET', '/x', { microversion: false }).catch((e) => e)
    expect(error).toBeInstanceOf(UnauthorizedError)
    expect(calls).toBe(2)
    expect(keystone.tokenRequests()).toBe(2)
  })

  it('wrong credentials → AuthError naming user and scope, without the password', async () => {
    server.use(
      http.post(`${AUTH_URL}/auth/tokens`, () =>
        HttpResponse.json(
          {
            error: {
              code: 401,
              title: 'Unauthorized',
              message: 'The request you have made requires authentication.',
            },
          },
          { status: 401, headers: { 'X-OpenStack-Request-Id': 'req-401' } },
        ),
      ),
    )
    const session = createSession(demoConfig)
    const error = (await session.token().catch((e) => e)) as AuthError
    expect(error).toBeInstanceOf(AuthError)
    expect(error.message).toContain('user demo, scope demo')
    expect(error.message).toContain('requires authentication')
    expect(error.requestId).toBe('req-401')
    expect(error.message).not.toContain('sup3r-secret-pw')
  })

  it('an unversioned identity endpoint in the catalog (devstack) still gets v3 paths', async () => {
    const keystone = fakeKeystone({ catalog: [{ type: 'identity', url: 'http://cloud.test/identity' }] })
    let hit = false
    server.use(
      keystone.handler,
      http.get('http://cloud.test/identity/v3/domains', () => {
        hit = true
        return HttpResponse.json({ domains: [] })
      }),
    )
    await createSession(demoConfig).request('identity', 'GET', '/domains')
    expect(hit).toBe(true)
  })

  it('an unscoped token reaches identity through the auth URL even without a catalog', async () => {
    const keystone = fakeKeystone({ project: null })
    let hit = false
    server.use(
      keystone.handler,
      http.get(`${AUTH_URL}/auth/projects`, () => {
        hit = true
        return HttpResponse.json({ projects: [] })
      }),
    )
    const session = createSession({
      auth: { ...demoConfig.auth, projectName: undefined as never, unscoped: true },
    })
    await session.request('identity', 'GET', '/auth/projects')
    expect(hit).toBe(true)
    expect((keystone.issued[0]!.body as { auth: object }).auth).not.toHaveProperty('scope')
  })
})
