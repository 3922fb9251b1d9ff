import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  BadRequestError,
  ConflictError,
  createSession,
  ForbiddenError,
  HttpError,
  NotFoundError,
  OpenStackError,
  RequestEntityTooLargeError,
  type RequestLogEntry,
  ServerError,
} from '../src/index.js'
import { demoConfig, fakeKeystone } from './support/keystone.js'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

async function errorFrom(status: number, body: unknown, headers: Record<string, string> = {}) {
  server.use(
    fakeKeystone().handler,
    http.get('http://nova.test/v2.1/e', () =>
      typeof body === 'string'
        ? HttpResponse.text(body, { status, headers })
        : HttpResponse.json(body as object, { status, headers }),
    ),
  )
  return (await createSession(demoConfig, { retry: { retries: 0 } })
    .request('compute', 'GET', '/e', { microversion: false })
    .catch((e) => e)) as HttpError
}

describe('typed errors and envelopes', () => {
  it.each([
    [
      404,
      { itemNotFound: { code: 404, message: 'Flavor m1.huge could not be found.' } },
      NotFoundError,
      'Flavor m1.huge could not be found.',
    ],
    [
      409,
      { NeutronError: { type: 'IpAddressInUse', message: 'IP 10.0.0.5 already allocated', detail: '' } },
      ConflictError,
      'IP 10.0.0.5 already allocated',
    ],
    [
      403,
      { error: { code: 403, title: 'Forbidden', message: 'You are not authorized' } },
      ForbiddenError,
      'Forbidden: You are not authorized',
    ],
    [
      400,
      {
        explanation: 'x',
        code: 400,
        error: { message: 'Property error: count', type: 'StackValidationFailed', traceback: null },
        title: 'Bad Request',
      },
      BadRequestError,
      'StackValidationFailed: Property error: count',
    ],
    [
      400,
      {
        errors: [
          {
            request_id: '',
            code: 'client',
            status: 400,
            title: 'Invalid',
            detail: 'master_count must be 1 or more',
          },
        ],
      },
      BadRequestError,
      'Invalid: master_count must be 1 or more',
    ],
    [
      413,
      { overLimit: { code: 413, message: 'Quota exceeded for instances' } },
      RequestEntityTooLargeError,
      'Quota exceeded for instances',
    ],
    [
      500,
      { faultcode: 'Server', faultstring: 'Load balancer provider failed', debuginfo: null },
      ServerError,
      'Load balancer provider failed',
    ],
    [
      404,
      '<html><body>404 Not Found\n\nThe resource could not be found.</body></html>',
      NotFoundError,
      '404 Not Found',
    ],
  ])('%i envelope → %o', async (status, body, cls, message) => {
    const error = await errorFrom(status, body, { 'X-OpenStack-Request-Id': 'req-e1' })
    expect(error).toBeInstanceOf(cls)
    expect(error).toBeInstanceOf(HttpError)
    expect(error).toBeInstanceOf(OpenStackError)
    expect(error.status).toBe(status)
    expect(error.service).toBe('compute')
    expect(error.method).toBe('GET')
    expect(error.url).toBe('http://nova.test/v2.1/e')
    expect(error.requestId).toBe('req-e1')
    expect(error.message).toContain(message)
    expect(error.code).toBe(`HTTP_${status}`)
  })
})

describe('redaction', () => {
  it('no password, token or secret reaches an error, a log entry or a debug header dump', async () => {
    const logs: RequestLogEntry[] = []
    server.use(
      fakeKeystone().handler,
      http.get('http://nova.test/v2.1/leak', ({ request }) =>
        HttpResponse.json(
          {
            badRequest: {
              message: `echo: password=sup3r-secret-pw token ${request.headers.get('x-auth-token')}`,
              admin_pass: 'x',
            },
            password: 'sup3r-secret-pw',
            nested: { application_credential_secret: 'abc123456' },
          },
          { status: 400 },
        ),
      ),
    )
    const session = createSession(demoConfig, { logger: (e) => logs.push(e) })
    const error = (await session
      .request('compute', 'GET', '/leak?token=tok-1&x=1', { microversion: false })
      .catch((e) => e)) as HttpError
    const everything = JSON.stringify({ message: error.message, url: error.url, body: error.body, logs })
    expect(error).toBeInstanceOf(BadRequestError)
    expect(everything).not.toContain('sup3r-secret-pw')
    expect(everything).not.toContain('tok-1')
    expect(everything).not.toContain('abc123456')
    expect(everything).toContain('***')
    const serviceLog = logs.find((l) => l.service === 'compute')!
    expect(serviceLog.requestHeaders['x-auth-token']).toBe('***')
    expect(serviceLog).toMatchObject({ method: 'GET', status: 400, attempt: 1 })
    expect(typeof serviceLog.durationMs).toBe('number')
    const authLog = logs.find((l) => l.service === 'identity')!
    expect(authLog).toMatchObject({ method: 'POST', status: 201, requestId: 'req-auth-1' })
  })
})
