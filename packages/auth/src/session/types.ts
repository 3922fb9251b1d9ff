import type { CloudConfig, EndpointInterface } from '../config/types.js'
import type { RequestLogEntry } from '../log/logger.js'
import type { RetryOptions } from '../retry/policy.js'

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS'

export type QueryValue = string | number | boolean | undefined | null | readonly (string | number | boolean)[]

export interface RequestOptions {
  /** JSON-serialised unless it is a string, Uint8Array or ArrayBuffer (sent as is). */
  body?: unknown
  /** Appended to the URL; arrays repeat the key (`id=a&id=b`), undefined/null are skipped. */
  query?: Record<string, QueryValue>
  headers?: Record<string, string>
  /** A microversion for this request; `false` sends none; by default the negotiated one. */
  microversion?: string | false
  signal?: AbortSignal
  /** Overrides the session's per-request timeout. */
  timeoutMs?: number
  /** Lets a POST/PATCH be retried on connection errors and 5xx (only mark truly idempotent calls). */
  idempotent?: boolean
  /** Endpoint selection for this request only. */
  interface?: EndpointInterface
  region?: string
  /** `json` (default), `text`, or `none` (body not read: HEAD, 204, streaming). */
  responseType?: 'json' | 'text' | 'none'
  /** Statuses (< 400 by default) that are returned instead of thrown, e.g. [404] for existence checks. */
  okStatuses?: readonly number[]
}

export interface SessionResponse<T> {
  status: number
  headers: Headers
  body: T
  /** X-OpenStack-Request-Id (or X-Compute-Request-Id / X-Openstack-Request-Id) of the response. */
  requestId: string | undefined
  url: string
}

/** Who the session is authenticated as: from the current token. */
export interface SessionContext {
  userId: string
  userName: string | undefined
  userDomainId: string | undefined
  projectId: string | undefined
  projectName: string | undefined
  projectDomainId: string | undefined
  domainId: string | undefined
  roles: string[]
  isAdmin: boolean
  trustId: string | undefined
  expiresAt: Date
}

export interface EndpointQuery {
  interface?: EndpointInterface
  region?: string
}

/** Keystone v3 catalog entry, as returned in the token body. */
export interface CatalogService {
  id?: string
  type: string
  name?: string
  endpoints: { id?: string; interface: string; region?: string; region_id?: string; url: string }[]
}

export interface Session {
  /** Sends one request to a service found in the catalog (any service-type alias works). */
  request<T = unknown>(
    service: string,
    method: HttpMethod,
    path: string,
    options?: RequestOptions,
  ): Promise<SessionResponse<T>>
  /** The URL the catalog (or an override) gives for a service, with project templating applied. */
  endpoint(service: string, query?: EndpointQuery): Promise<string>
  /** The authenticated user, project and roles. Authenticates when needed. */
  context(): Promise<SessionContext>
  /** A valid token (authenticating or refreshing when needed). */
  token(): Promise<string>
  /** The service catalog of the current token. */
  catalog(): Promise<CatalogService[]>
  /** The microversion this session sends to a service (negotiated or pinned), or undefined. */
  microversion(service: string): Promise<string | undefined>
  /** Forgets the current token; the next call authenticates again. */
  invalidate(): void
  /** The configuration this session was made from (secrets included: do not log it). */
  readonly config: CloudConfig
}

export interface SessionOptions {
  /** The fetch to use. Default: `globalThis.fetch` (so msw's setupServer sees every request). */
  fetch?: typeof globalThis.fetch
  /** Called once per HTTP exchange with a redacted record. */
  logger?: (entry: RequestLogEntry) => void
  retry?: Partial<RetryOptions>
  /** Per-request timeout in ms (default 60 000). */
  timeoutMs?: number
  /** Refresh a token when fewer than this many seconds remain (default 120, as keystoneauth). */
  refreshMarginSeconds?: number
  /** Extra User-Agent product, prepended to `magnum-ts/<version>`. */
  userAgent?: string
  /** Highest microversion our clients understand, per service type; merged over the defaults. */
  clientMicroversions?: Record<string, string>
  /** Clock and sleep, injectable for tests. */
  now?: () => number
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  random?: () => number
}
