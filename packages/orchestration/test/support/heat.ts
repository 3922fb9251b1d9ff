import { mockIdentity } from '@magnum-ts/testing'
import { type DefaultBodyType, HttpResponse, http, type JsonBodyType } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll } from 'vitest'

/** What a Heat handler saw: enough to assert method, path, query, headers and body. */
export interface Seen {
  method: string
  path: string
  query: URLSearchParams
  headers: Headers
  body: unknown
}

/**
 * A mock Keystone whose catalog points `orchestration` at http://heat.test/v1/<project>,
 * an msw server started for the file, and helpers to answer and record Heat calls.
 */
export function setupHeat() {
  const identity = mockIdentity({ services: { orchestration: 'http://heat.test/v1/%(project_id)s' } })
  const server = setupServer(...identity.handlers)
  const base = `http://heat.test/v1/${identity.projectId}`
  const seen: Seen[] = []
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterEach(() => {
    server.resetHandlers()
    seen.length = 0
  })
  afterAll(() => server.close())

  /** Answers `method path` (relative to the Heat endpoint) and records each request. */
  const on = (
    method: 'get' | 'post' | 'put' | 'patch' | 'delete',
    path: string,
    reply: (req: Seen) => Response | JsonBodyType,
  ) => {
    server.use(
      http[method](`${base}${path}`, async ({ request }) => {
        const url = new URL(request.url)
        const text = await request.text()
        const entry: Seen = {
          method: request.method,
          path: url.pathname.slice(new URL(base).pathname.length),
          query: url.searchParams,
          headers: request.headers,
          body: text ? (JSON.parse(text) as unknown) : undefined,
        }
        seen.push(entry)
        const out = reply(entry)
        return out instanceof Response ? out : HttpResponse.json(out as DefaultBodyType as JsonBodyType)
      }),
    )
  }

  return {
    identity,
    server,
    base,
    seen,
    on,
    session: () => identity.session({ retry: { retries: 0 } }),
  }
}

/** Heat's error envelope, as heat-api writes it. */
export function heatError(status: number, type: string, message: string): Response {
  const titles: Record<number, string> = {
    400: 'Bad Request',
    404: 'Not Found',
    409: 'Conflict',
    500: 'Internal Server Error',
  }
  return HttpResponse.json(
    {
      explanation:
        'The server could not comply with the request since it is either malformed or otherwise incorrect.',
      code: status,
      error: { message, traceback: null, type },
      title: titles[status] ?? 'Error',
    },
    { status, headers: { 'x-openstack-request-id': `req-${status}-test` } },
  )
}

/** A stack body as Heat's GET returns it. */
export function stackBody(
  base: string,
  name: string,
  id: string,
  status = 'CREATE_COMPLETE',
  extra: Record<string, unknown> = {},
) {
  return {
    id,
    stack_name: name,
    description: '',
    stack_status: status,
    stack_status_reason: `Stack ${status.split('_')[0]} ${status.endsWith('FAILED') ? 'failed' : 'completed successfully'}`,
    creation_time: '2026-11-23T19:12:09Z',
    updated_time: null,
    deletion_time: null,
    stack_owner: 'demo',
    parent: null,
    stack_user_project_id: 'p',
    tags: [],
    links: [{ href: `${base}/stacks/${name}/${id}`, rel: 'self' }],
    parameters: {},
    outputs: [],
    template_description: '',
    capabilities: [],
    notification_topics: [],
    disable_rollback: true,
    timeout_mins: null,
    ...extra,
  }
}
