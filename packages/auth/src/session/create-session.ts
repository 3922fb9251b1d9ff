import { applyProjectTemplate, selectEndpoint } from '../catalog/endpoint.js'
import { canonicalServiceType } from '../catalog/service-types.js'
import type { CloudConfig } from '../config/types.js'
import {
  defaultClientMicroversions,
  microversionHeaders,
  negotiateMicroversion,
  usesMicroversions,
} from '../discovery/microversion.js'
import { readVersionRange, unversionedRoot, versionIdOf } from '../discovery/version-document.js'
import { errorMessageFrom } from '../errors/envelope.js'
import { AuthError, httpErrorFor, UnauthorizedError } from '../errors/errors.js'
import { registerSecret } from '../errors/redact.js'
import { buildAuthBody } from '../plugins/auth-body.js'
import { normaliseAuthUrl } from '../plugins/auth-url.js'
import { type IssuedToken, readIssuedToken } from '../plugins/token.js'
import { defaultRetryOptions, parseRetryAfter } from '../retry/policy.js'
import { createTlsFetch, needsCustomTls } from '../transport/tls.js'
import { joinUrl, withQuery } from '../transport/url.js'
import { abortableSleep } from '../util/abortable-sleep.js'
import { VERSION } from '../version.js'
import { discardBody, type ExchangeDeps, exchange, requestIdOf } from './http-exchange.js'
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
  const refreshMarginMs = (options.refreshMarginSeconds ?? DEFAULT_REFRESH_MARGIN_S) * 1000
  const interfaceName = config.interface ?? 'public'
  const userAgent = `${options.userAgent ? `${options.userAgent} ` : ''}magnum-ts/${VERSION}`
  const clientMicroversions = { ...defaultClientMicroversions, ...options.clientMicroversions }

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

  let current: IssuedToken | undefined
  let inflight: Promise<IssuedToken> | undefined
  const microversions = new Map<string, Promise<string | undefined>>()

  function authenticate(): Promise<IssuedToken> {
    inflight ??= issueToken().finally(() => {
      inflight = undefined
    })
    return inflight
  }

  async function issueToken(): Promise<IssuedToken> {
    const url = `${authUrl}/auth/tokens`
    const response = await exchange(deps, {
      service: 'identity',
      method: 'POST',
      url,
      headers: baseHeaders(true),
      body: JSON.stringify(buildAuthBody(config.authType, config.auth)),
      signal: undefined,
      timeoutMs: undefined,
      // Issuing a token changes nothing server-side: safe to retry.
      idempotent: true,
    })
    const body = await readBody(response, 'json')
    const requestId = requestIdOf(response.headers)
    // Keystone answers a refused credential with 401, 403, or 404 with its own envelope (a
    // deleted application credential); a 404 without the envelope means a wrong auth URL.
    const keystoneRefusal =
      response.status === 404 && Boolean((body as { error?: unknown } | undefined)?.error)
    if (response.status === 401 || response.status === 403 || keystoneRefusal) {
      throw new AuthError(
        `Keystone at ${authUrl} refused the credentials (${describeWho(config)}): ${errorMessageFrom(body, response.statusText)}`,
        { status: response.status, requestId },
      )
    }
    if (response.status >= 400) {
      const hint =
        response.status === 404
          ? ' (is auth_url the Keystone v3 root, e.g. https://keystone.example:5000/v3?)'
          : ''
      throw httpErrorFor({
        status: response.status,
        service: 'identity',
        method: 'POST',
        url,
        requestId,
        message: `${errorMessageFrom(body, response.statusText)}${hint}`,
        body,
      })
    }
    const tokenId = response.headers.get('x-subject-token')
    if (!tokenId)
      throw new AuthError(`Keystone at ${authUrl} answered without an X-Subject-Token header`, { requestId })
    registerSecret(tokenId)
    current = readIssuedToken(tokenId, body)
    return current
  }

  async function validToken(): Promise<IssuedToken> {
    if (current && current.expiresAt.getTime() - now() > refreshMarginMs) return current
    return authenticate()
  }

  function baseHeaders(json: boolean): Record<string, string> {
    const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': userAgent }
    if (json) headers['Content-Type'] = 'application/json'
    return headers
  }

  function endpointFor(token: IssuedToken, service: string, query?: EndpointQuery): string {
    const canonical = canonicalServiceType(service)
    // Unscoped and some trust-scoped tokens carry no catalog: identity is still the auth URL.
    if (canonical === 'identity' && !token.catalog.some((s) => canonicalServiceType(s.type) === 'identity')) {
      return authUrl
    }
    const url = selectEndpoint(token.catalog, {
      serviceType: service,
      interface: query?.interface ?? interfaceName,
      region: query?.region ?? config.regionName,
      overrides: config.endpointOverrides,
      projectId: token.context.projectId,
    })
    // Some clouds (devstack among them) list Keystone unversioned: our identity paths are v3 ones.
    return canonical === 'identity' ? normaliseAuthUrl(url) : url
  }

  async function microversion(service: string): Promise<string | undefined> {
    const canonical = canonicalServiceType(service)
    const pinned = Object.entries(config.apiVersions ?? {}).find(
      ([k]) => canonicalServiceType(k) === canonical,
    )?.[1]
    if (pinned && pinned !== 'latest') return pinned
    if (!usesMicroversions(canonical)) return undefined
    let found = microversions.get(canonical)
    if (!found) {
      // `latest` (as in the openstack CLI) asks for the server's maximum, whatever our client's.
      found = discover(canonical, pinned === 'latest')
      microversions.set(canonical, found)
    }
    return found
  }

  async function discover(service: string, serverMaximum: boolean): Promise<string | undefined> {
    try {
      const token = await validToken()
      const endpoint = endpointFor(token, service)
      const wanted = versionIdOf(endpoint)
      let range = readVersionRange(await getDocument(service, endpoint, token), wanted)
      if (!range?.maxVersion)
        range = readVersionRange(await getDocument(service, unversionedRoot(endpoint), token), wanted)
      if (serverMaximum) return range?.maxVersion
      return negotiateMicroversion({
        clientMax: clientMicroversions[service],
        serverMin: range?.minVersion,
        serverMax: range?.maxVersion,
      })
    } catch {
      // As openstacksdk: when discovery fails, send no microversion and let the service default.
      return undefined
    }
  }

  async function getDocument(service: string, url: string, token: IssuedToken): Promise<unknown> {
    const response = await exchange(deps, {
      service,
      method: 'GET',
      url,
      headers: { ...baseHeaders(false), 'X-Auth-Token': token.id },
      body: undefined,
      signal: undefined,
      timeoutMs: undefined,
      idempotent: undefined,
    })
    // Version documents are served with 200 or, at some roots, 300 Multiple Choices.
    return response.status < 400 || response.status === 300 ? readBody(response, 'json') : undefined
  }

  async function request<T>(
    service: string,
    method: HttpMethod,
    path: string,
    opts: RequestOptions = {},
  ): Promise<SessionResponse<T>> {
    let token = await validToken()
    const endpoint = endpointFor(token, service, opts)
    const url = withQuery(joinUrl(endpoint, applyProjectTemplate(path, token.context.projectId)), opts.query)
    const version =
      opts.microversion === false ? undefined : (opts.microversion ?? (await microversion(service)))
    const encoded = encodeBody(opts.body)
    // Merged through Headers: names are case-insensitive, so a caller's `accept` replaces ours.
    const headers = new Headers(baseHeaders(encoded.json))
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
      if (current?.id === token.id) current = undefined
      token = await validToken()
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
    microversion,
    config,
    async endpoint(service, query) {
      return endpointFor(await validToken(), service, query)
    },
    async context() {
      return (await validToken()).context
    },
    async token() {
      return (await validToken()).id
    },
    async catalog() {
      return (await validToken()).catalog
    },
    invalidate() {
      current = undefined
      microversions.clear()
    },
  }
}

function encodeBody(body: unknown): { body: BodyInit | undefined; json: boolean } {
  if (body === undefined) return { body: undefined, json: false }
  if (typeof body === 'string' || body instanceof Uint8Array || body instanceof ArrayBuffer) {
    return { body: body as BodyInit, json: false }
  }
  return { body: JSON.stringify(body), json: true }
}

async function readBody(response: Response, type: 'json' | 'text' | 'none'): Promise<unknown> {
  if (type === 'none' || response.status === 204 || response.status === 304) {
    discardBody(response)
    return undefined
  }
  const text = await response.text()
  if (type === 'text') return text
  if (!text) return undefined
  const contentType = response.headers.get('content-type') ?? ''
  if (contentType.includes('json') || /^\s*[[{]/.test(text)) {
    try {
      return JSON.parse(text)
    } catch {
      return text
    }
  }
  return text
}

function describeWho(config: CloudConfig): string {
  const a = config.auth
  const user =
    a.userId ??
    a.username ??
    (a.applicationCredentialId
      ? `application credential ${a.applicationCredentialId}`
      : (a.applicationCredentialName ?? 'token'))
  const scope = a.trustId
    ? `trust ${a.trustId}`
    : (a.projectId ?? a.projectName ?? a.domainName ?? a.domainId ?? 'unscoped')
  return `user ${user}, scope ${scope}`
}
