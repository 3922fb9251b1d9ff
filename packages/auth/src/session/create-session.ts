import { applyProjectTemplate, selectEndpoint } from '../catalog/endpoint.js'
import { canonicalServiceType } from '../catalog/service-types.js'
import type { CloudConfig } from '../config/types.js'
import { defaultClientMicroversions, microversionHeaders } from '../discovery/microversion.js'
import { errorMessageFrom } from '../errors/envelope.js'
import { httpErrorFor, UnauthorizedError } from '../errors/errors.js'
import { registerSecret } from '../errors/redact.js'
import { normaliseAuthUrl } from '../plugins/auth-url.js'
import type { IssuedToken } from '../plugins/token.js'
import { defaultRetryOptions, parseRetryAfter } from '../retry/policy.js'
import { createTlsFetch, needsCustomTls } from '../transport/tls.js'
import { joinUrl, withQuery } from '../transport/url.js'
import { abortableSleep } from '../util/abortable-sleep.js'
import { VERSION } from '../version.js'
import { baseHeaders, encodeBody, readBody } from './body.js'
import { discardBody, type ExchangeDeps, exchange, requestIdOf } from './http-exchange.js'
import { createMicroversionResolver } from './microversion-resolver.js'
import { createTokenKeeper } from './token-keeper.js'
import type {
  EndpointQuery,
  HttpMethod,
  RequestOptions,
  Session,
  SessionOptions,
  SessionResponse,
} from './types.js'

const DEFAULT_TIMEOUT_MS = 60_000
const DEFAULT_REFRESH_MARGIN_S = 120

/**
 * Creates a Keystone v3 session: it authenticates lazily, keeps one token shared by every
 * caller (one auth request however many callers wait), refreshes it before it expires,
 * re-authenticates once on a 401 and replays, and finds each service in the catalog.
 *
 * @example
 * const session = createSession(await loadCloudConfig({ cloud: 'mycloud' }))
 * const { body } = await session.request('compute', 'GET', '/flavors/detail')
 */
export function createSession(config: CloudConfig, options: SessionOptions = {}): Session {
  const authUrl = normaliseAuthUrl(config.auth.authUrl)
  registerSecret(config.auth.password)
  registerSecret(config.auth.token)
  registerSecret(config.auth.applicationCredentialSecret)

  const now = options.now ?? Date.now
  const userAgent = `${options.userAgent ? `${options.userAgent} ` : ''}magnum-ts/${VERSION}`
  let fetchPromise: Promise<typeof globalThis.fetch> | undefined
  const deps: ExchangeDeps = {
    // Read globalThis.fetch per call, not once: msw's setupServer patches it after we are created.
    fetch: () =>
      (fetchPromise ??= options.fetch
        ? Promise.resolve(options.fetch)
        : needsCustomTls(config)
          ? createTlsFetch(config)
          : Promise.resolve(((input, init) => globalThis.fetch(input, init)) as typeof globalThis.fetch)),
    retry: { ...defaultRetryOptions, ...options.retry },
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    now,
    sleep: options.sleep ?? abortableSleep,
    random: options.random ?? Math.random,
    logger: options.logger,
  }

  const tokens = createTokenKeeper({
    config,
    authUrl,
    deps,
    userAgent,
    refreshMarginMs: (options.refreshMarginSeconds ?? DEFAULT_REFRESH_MARGIN_S) * 1000,
  })

  function endpointFor(token: IssuedToken, service: string, query?: EndpointQuery): string {
    const canonical = canonicalServiceType(service)
    // Unscoped and some trust-scoped tokens carry no catalog: identity is still the auth URL.
    if (canonical === 'identity' && !token.catalog.some((s) => canonicalServiceType(s.type) === 'identity')) {
      return authUrl
    }
    const url = selectEndpoint(token.catalog, {
      serviceType: service,
      interface: query?.interface ?? config.interface ?? 'public',
      region: query?.region ?? config.regionName,
      overrides: config.endpointOverrides,
      projectId: token.context.projectId,
    })
    // Some clouds (devstack among them) list Keystone unversioned: our identity paths are v3 ones.
    return canonical === 'identity' ? normaliseAuthUrl(url) : url
  }

  const microversions = createMicroversionResolver({
    pins: config.apiVersions,
    clientMaximums: { ...defaultClientMicroversions, ...options.clientMicroversions },
    deps,
    userAgent,
    locate: async (service) => {
      const token = await tokens.valid()
      return { endpoint: endpointFor(token, service), token: token.id }
    },
  })

  async function request<T>(
    service: string,
    method: HttpMethod,
    path: string,
    opts: RequestOptions = {},
  ): Promise<SessionResponse<T>> {
    let token = await tokens.valid()
    const endpoint = endpointFor(token, service, opts)
    const url = withQuery(joinUrl(endpoint, applyProjectTemplate(path, token.context.projectId)), opts.query)
    const version =
      opts.microversion === false ? undefined : (opts.microversion ?? (await microversions.resolve(service)))
    const encoded = encodeBody(opts.body)
    // Merged through Headers: names are case-insensitive, so a caller's `accept` replaces ours.
    const headers = new Headers(baseHeaders(userAgent, encoded.json))
    for (const [k, v] of Object.entries(version ? microversionHeaders(service, version) : {}))
      headers.set(k, v)
    for (const [k, v] of Object.entries(opts.headers ?? {})) headers.set(k, v)
    const send = (t: IssuedToken) =>
      exchange(deps, {
        service,
        method,
        url,
        headers: { ...Object.fromEntries(headers), 'x-auth-token': t.id },
        body: encoded.body,
        signal: opts.signal,
        timeoutMs: opts.timeoutMs,
        idempotent: opts.idempotent,
      })

    let response = await send(token)
    if (response.status === 401) {
      // Re-authenticate once and replay. Only the first caller holding the stale token drops
      // it; the others find a newer token (or the auth in flight) and simply replay.
      discardBody(response)
      tokens.drop(token.id)
      token = await tokens.valid()
      response = await send(token)
    }

    const failed = response.status >= 400 && !opts.okStatuses?.includes(response.status)
    // An error body is always read, whatever the caller expected: it carries the service's message.
    const body = (await readBody(response, failed ? 'json' : (opts.responseType ?? 'json'))) as T
    const requestId = requestIdOf(response.headers)
    if (failed) {
      const details = {
        status: response.status,
        service: canonicalServiceType(service),
        method,
        url,
        requestId,
        message: errorMessageFrom(body, response.statusText || `HTTP ${response.status}`),
        body,
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), now()),
      }
      throw response.status === 401 ? new UnauthorizedError(details) : httpErrorFor(details)
    }
    return { status: response.status, headers: response.headers, body, requestId, url }
  }

  return {
    request,
    config,
    microversion: (service) => microversions.resolve(service),
    async endpoint(service, query) {
      return endpointFor(await tokens.valid(), service, query)
    },
    async context() {
      return (await tokens.valid()).context
    },
    async token() {
      return (await tokens.valid()).id
    },
    async catalog() {
      return (await tokens.valid()).catalog
    },
    invalidate() {
      tokens.clear()
      microversions.clear()
    },
  }
}
