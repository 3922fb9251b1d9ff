import { authenticateRequest, keystonemiddleware401 } from '../identity/validate.js'
import type { CloudRuntime } from '../runtime.js'
import { ApiError } from './api-error.js'
import type { Faults } from './faults.js'
import { matchPath } from './path-match.js'
import { type Reply, toResponse } from './reply.js'
import { newRequestId } from './request-id.js'
import type { Route, RouteContext, RouteHandler, ServiceModule } from './service.js'

/** Answer meaning "close the connection without a response" (a dropped-connection fault). */
export const DROP = Symbol('drop')

/** Serves one WHATWG Request from the fake, whatever carried it (msw, fetch, node:http). */
export type Dispatch = (request: Request) => Promise<Response | typeof DROP>

interface Located {
  service: ServiceModule
  /** The path below the service's endpoint ('' for the endpoint itself). */
  rest: string
  serviceUrl: string
  /** Set when the request is for the unversioned root above the endpoint. */
  rootHandler?: RouteHandler
}

/** Builds the dispatcher: request ids, faults, latency, token checks, routing, error envelopes. */
export function createDispatch(options: {
  runtime: CloudRuntime
  services: () => ServiceModule[]
  faults: Faults
  latencyMs: () => number
}): Dispatch {
  const { runtime, faults } = options
  return async (request) => {
    const requestId = newRequestId()
    const url = new URL(request.url)
    const located = locate(options.services(), url)
    if (!located) {
      return toResponse(
        { status: 404, body: `404 Not Found: no fake service at ${url.pathname}` },
        { 'X-OpenStack-Request-Id': requestId },
      )
    }
    const { service } = located
    const effect = faults.match(service.type, request.method, url.pathname)
    const delay = effect.latencyMs + options.latencyMs()
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay))
    if (effect.drop) return DROP

    const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text()
    const ctx: RouteContext = {
      method: request.method,
      url,
      params: {},
      query: url.searchParams,
      headers: request.headers,
      body: undefined,
      text,
      auth: undefined,
      cloud: runtime,
      origin: url.origin,
      serviceUrl: located.serviceUrl,
    }
    let reply: Reply
    try {
      if (effect.status) throw new ApiError(effect.status.code, effect.status.message)
      reply = await serve(service, located, ctx)
    } catch (error) {
      if (error instanceof ApiError) reply = service.errorReply(error)
      else {
        const message = error instanceof Error ? error.message : String(error)
        reply = service.errorReply(
          new ApiError(500, `Unexpected error in the fake ${service.type}: ${message}`),
        )
      }
    }
    const headers: Record<string, string> = {
      'X-OpenStack-Request-Id': requestId,
      ...service.responseHeaders?.(ctx, requestId),
    }
    if (reply.status === 401) headers['WWW-Authenticate'] = `Keystone uri="${url.origin}/identity"`
    const response = toResponse(reply, headers)
    return request.method === 'HEAD'
      ? new Response(null, { status: response.status, headers: response.headers })
      : response
  }
}

async function serve(service: ServiceModule, located: Located, ctx: RouteContext): Promise<Reply> {
  if (located.rootHandler) return located.rootHandler(ctx)
  if (
    (located.rest === '' || located.rest === '/') &&
    service.root &&
    (ctx.method === 'GET' || ctx.method === 'HEAD')
  ) {
    return service.root(ctx)
  }
  const matching: { route: Route; params: Record<string, string> }[] = []
  for (const route of service.routes) {
    const params = matchPath(route.pattern, located.rest)
    if (params) matching.push({ route, params })
  }
  // HEAD is answered by the GET route when the service declares no HEAD of its own.
  const chosen =
    matching.find((m) => m.route.method === ctx.method) ??
    (ctx.method === 'HEAD' ? matching.find((m) => m.route.method === 'GET') : undefined)
  if (!chosen) {
    if (matching.length > 0) throw new ApiError(405, 'The method is not allowed for the requested URL.')
    throw new ApiError(404, 'The resource could not be found.')
  }
  ctx.params = chosen.params
  if (!chosen.route.public) {
    const token = authenticateRequest(ctx)
    if (!token) return keystonemiddleware401()
    ctx.auth = token
  }
  ctx.body = parseBody(ctx)
  return chosen.route.handler(ctx)
}

function parseBody(ctx: RouteContext): unknown {
  if (!ctx.text) return undefined
  try {
    return JSON.parse(ctx.text)
  } catch {
    const type = ctx.headers.get('content-type') ?? ''
    if (type.includes('json')) throw new ApiError(400, 'Malformed request body: not valid JSON.')
    return undefined
  }
}

function locate(services: ServiceModule[], url: URL): Located | undefined {
  let best: Located | undefined
  let bestLength = -1
  for (const service of services) {
    const prefix = prefixRegex(service.prefix)
    const m = prefix.exec(url.pathname)
    if (m && m[0].length > bestLength) {
      bestLength = m[0].length
      best = { service, rest: url.pathname.slice(m[0].length), serviceUrl: url.origin + m[0] }
    }
    const root = service.versionsRoot
    if (
      root &&
      (url.pathname === root.path || url.pathname === `${root.path}/`) &&
      root.path.length > bestLength
    ) {
      bestLength = root.path.length
      best = {
        service,
        rest: '',
        serviceUrl: url.origin + service.prefix,
        rootHandler: root.handler,
      }
    }
  }
  return best
}

const prefixCache = new Map<string, RegExp>()
function prefixRegex(prefix: string): RegExp {
  let regex = prefixCache.get(prefix)
  if (!regex) {
    const body = prefix
      .split(/(\{project_id\})/)
      .map((part) => (part === '{project_id}' ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('')
    regex = new RegExp(`^${body}(?=/|$)`)
    prefixCache.set(prefix, regex)
  }
  return regex
}
