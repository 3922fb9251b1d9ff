import { readFileSync } from 'node:fs'
import { delay, HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createSession, HttpError, TimeoutError, VERSION } from '../src/index.js'
import { demoConfig, fakeKeystone } from './support/keystone.js'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

describe('transport', () => {
  it('sends JSON with the right headers and query, and captures X-OpenStack-Request-Id', async () => {
    let seen: { url: string; headers: Headers; body: unknown } | undefined
    server.use(
      fakeKeystone().handler,
      http.post('http://nova.test/v2.1/os-keypairs', async ({ request }) => {
        seen = { url: request.url, headers: request.headers, body: await request.json() }
        return HttpResponse.json(
          { keypair: { name: 'k' } },
          { headers: { 'X-OpenStack-Request-Id': 'req-abc' } },
        )
      }),
    )
    const session = createSession(demoConfig, { userAgent: 'my-service/1.2' })
    const res = await session.request('compute', 'POST', '/os-keypairs', {
      body: { keypair: { name: 'k' } },
      query: { a: 1, tag: ['x', 'y'], skip: undefined },
      microversion: false,
    })
    expect(res.requestId).toBe('req-abc')
    expect(res.body).toEqual({ keypair: { name: 'k' } })
    expect(seen!.url).toBe('http://nova.test/v2.1/os-keypairs?a=1&tag=x&tag=y')
    expect(seen!.headers.get('content-type')).toBe('application/json')
    expect(seen!.headers.get('accept')).toBe('application/json')
    expect(seen!.headers.get('user-agent')).toBe(`my-service/1.2 magnum-ts/${VERSION}`)
    expect(seen!.body).toEqual({ keypair: { name: 'k' } })
  })

  it("a caller's header replaces ours whatever its case (no doubled Accept)", async () => {
    let accept: string | null = null
    server.use(
      fakeKeystone().handler,
      http.get('http://nova.test/v2.1/payload', ({ request }) => {
        accept = request.headers.get('accept')
        return HttpResponse.text('raw')
      }),
    )
    await createSession(demoConfig).request('compute', 'GET', '/payload', {
      headers: { accept: 'text/plain' },
      responseType: 'text',
      microversion: false,
    })
    expect(accept).toBe('text/plain')
  })

  it('keeps VERSION in step with package.json', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string
    }
    expect(VERSION).toBe(manifest.version)
  })

  it('follows absolute next links as given', async () => {
    server.use(
      fakeKeystone().handler,
      http.get('http://other.test/v2.1/flavors', () => HttpResponse.json({ flavors: [] })),
    )
    const res = await createSession(demoConfig).request(
      'compute',
      'GET',
      'http://other.test/v2.1/flavors?marker=m',
      {
        microversion: false,
      },
    )
    expect(res.url).toBe('http://other.test/v2.1/flavors?marker=m')
  })

  it('a request past its timeout rejects with TimeoutError', async () => {
    server.use(
      fakeKeystone().handler,
      http.get('http://nova.test/v2.1/slow', async () => {
        await delay(2_000)
        return HttpResponse.json({})
      }),
    )
    const error = await createSession(demoConfig)
      .request('compute', 'GET', '/slow', { timeoutMs: 50, microversion: false })
      .catch((e) => e)
    expect(error).toBeInstanceOf(TimeoutError)
    expect((error as TimeoutError).timeoutMs).toBe(50)
  })

  it("a caller's AbortSignal cancels the request (not retried, not wrapped)", async () => {
    server.use(
      fakeKeystone().handler,
      http.get('http://nova.test/v2.1/slow', async () => {
        await delay(2_000)
        return HttpResponse.json({})
      }),
    )
    const controller = new AbortController()
    const pending = createSession(demoConfig).request('compute', 'GET', '/slow', {
      signal: controller.signal,
      microversion: false,
    })
    setTimeout(() => controller.abort(new Error('user cancelled')), 30)
    await expect(pending).rejects.toThrow('user cancelled')
  })

  it('returns statuses listed in okStatuses instead of throwing', async () => {
    server.use(
      fakeKeystone().handler,
      http.get('http://nova.test/v2.1/missing', () =>
        HttpResponse.json({ itemNotFound: { message: 'gone' } }, { status: 404 }),
      ),
    )
    const session = createSession(demoConfig)
    const res = await session.request('compute', 'GET', '/missing', {
      okStatuses: [404],
      microversion: false,
    })
    expect(res.status).toBe(404)
    await expect(
      session.request('compute', 'GET', '/missing', { microversion: false }),
    ).rejects.toBeInstanceOf(HttpError)
  })

  it("an error keeps the service's message even when the caller asked for no body", async () => {
    server.use(
      fakeKeystone().handler,
      http.delete('http://nova.test/v2.1/thing', () =>
        HttpResponse.json({ conflictingRequest: { message: 'Server is locked' } }, { status: 409 }),
      ),
    )
    const error = await createSession(demoConfig)
      .request('compute', 'DELETE', '/thing', { responseType: 'none', microversion: false })
      .catch((e) => e)
    expect(error).toBeInstanceOf(HttpError)
    expect(error.message).toContain('Server is locked')
  })

  it('reads text and empty bodies', async () => {
    server.use(
      fakeKeystone().handler,
      http.get('http://nova.test/v2.1/text', () => HttpResponse.text('plain words')),
      http.delete('http://nova.test/v2.1/thing', () => new HttpResponse(null, { status: 204 })),
    )
    const session = createSession(demoConfig)
    expect(
      (await session.request('compute', 'GET', '/text', { responseType: 'text', microversion: false })).body,
    ).toBe('plain words')
    expect(
      (await session.request('compute', 'DELETE', '/thing', { microversion: false })).body,
    ).toBeUndefined()
  })
})
