import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ConnectionError, createSession, RateLimitError, ServerError } from '../src/index.js'
import { parseRetryAfter } from '../src/retry/policy.js'
import { demoConfig, fakeKeystone } from './support/keystone.js'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

function flaky(statuses: number[], headers: Record<string, string> = {}) {
  let calls = 0
  return {
    calls: () => calls,
    resolver: () => {
      const status = statuses[calls++]
      return status
        ? HttpResponse.json({ computeFault: { message: 'busy' } }, { status, headers })
        : HttpResponse.json({ ok: 1 })
    },
  }
}

function sessionWithRecordedSleeps(retry = {}) {
  const sleeps: number[] = []
  const session = createSession(demoConfig, {
    sleep: async (ms) => {
      sleeps.push(ms)
    },
    random: () => 1,
    retry,
  })
  return { session, sleeps }
}

describe('retries', () => {
  it('retries a GET on 502/503/504 with exponential backoff, then succeeds', async () => {
    const f = flaky([502, 503, 504])
    server.use(fakeKeystone().handler, http.get('http://nova.test/v2.1/x', f.resolver))
    const { session, sleeps } = sessionWithRecordedSleeps()
    const res = await session.request('compute', 'GET', '/x', { microversion: false })
    expect(res.status).toBe(200)
    expect(f.calls()).toBe(4)
    expect(sleeps).toEqual([250, 500, 1000])
  })

  it('gives up after the configured retries with a ServerError', async () => {
    const f = flaky([503, 503, 503])
    server.use(fakeKeystone().handler, http.get('http://nova.test/v2.1/x', f.resolver))
    const { session } = sessionWithRecordedSleeps({ retries: 2 })
    await expect(session.request('compute', 'GET', '/x', { microversion: false })).rejects.toBeInstanceOf(
      ServerError,
    )
    expect(f.calls()).toBe(3)
  })

  it('never retries a POST unless marked idempotent', async () => {
    const f = flaky([503, 503])
    server.use(fakeKeystone().handler, http.post('http://nova.test/v2.1/x', f.resolver))
    const { session } = sessionWithRecordedSleeps()
    await expect(
      session.request('compute', 'POST', '/x', { body: {}, microversion: false }),
    ).rejects.toBeInstanceOf(ServerError)
    expect(f.calls()).toBe(1)
    const g = flaky([503])
    server.use(http.post('http://nova.test/v2.1/y', g.resolver))
    const res = await session.request('compute', 'POST', '/y', {
      body: {},
      idempotent: true,
      microversion: false,
    })
    expect(res.status).toBe(200)
    expect(g.calls()).toBe(2)
  })

  it('honours Retry-After in seconds on 429', async () => {
    const f = flaky([429], { 'Retry-After': '7' })
    server.use(fakeKeystone().handler, http.get('http://nova.test/v2.1/x', f.resolver))
    const { session, sleeps } = sessionWithRecordedSleeps()
    await session.request('compute', 'GET', '/x', { microversion: false })
    expect(sleeps).toEqual([7000])
  })

  it('honours Retry-After as an HTTP date on 503', async () => {
    const when = new Date(Date.now() + 30_000).toUTCString()
    const f = flaky([503], { 'Retry-After': when })
    server.use(fakeKeystone().handler, http.get('http://nova.test/v2.1/x', f.resolver))
    const { session, sleeps } = sessionWithRecordedSleeps()
    await session.request('compute', 'GET', '/x', { microversion: false })
    expect(sleeps[0]).toBeGreaterThan(25_000)
    expect(sleeps[0]).toBeLessThanOrEqual(30_000)
  })

  it('a Retry-After beyond the bound is not waited for: RateLimitError carries it', async () => {
    const f = flaky([429], { 'Retry-After': '3600' })
    server.use(fakeKeystone().handler, http.get('http://nova.test/v2.1/x', f.resolver))
    const { session, sleeps } = sessionWithRecordedSleeps()
    const error = (await session
      .request('compute', 'GET', '/x', { microversion: false })
      .catch((e) => e)) as RateLimitError
    expect(error).toBeInstanceOf(RateLimitError)
    expect(error.retryAfterMs).toBe(3_600_000)
    expect(sleeps).toEqual([])
  })

  it('retries connection errors for idempotent requests, then raises ConnectionError', async () => {
    let attempts = 0
    const keystone = fakeKeystone()
    server.use(
      keystone.handler,
      http.get('http://nova.test/v2.1/x', () => {
        attempts++
        return HttpResponse.error()
      }),
    )
    const { session, sleeps } = sessionWithRecordedSleeps({ retries: 2 })
    await expect(session.request('compute', 'GET', '/x', { microversion: false })).rejects.toBeInstanceOf(
      ConnectionError,
    )
    expect(attempts).toBe(3)
    expect(sleeps.length).toBe(2)
  })

  it('parses Retry-After forms', () => {
    expect(parseRetryAfter('120', 0)).toBe(120_000)
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:01:00 GMT', 0)).toBe(60_000)
    expect(parseRetryAfter('soon', 0)).toBeUndefined()
    expect(parseRetryAfter(null, 0)).toBeUndefined()
  })
})
