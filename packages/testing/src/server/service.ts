import type { TokenRecord } from '../identity/state.js'
import type { CloudRuntime } from '../runtime.js'
import type { ApiError } from './api-error.js'
import { compilePath, type PathPattern } from './path-match.js'
import type { Reply } from './reply.js'

/** Everything a fake route sees of one request. */
export interface RouteContext {
  method: string
  url: URL
  params: Record<string, string>
  query: URLSearchParams
  headers: Headers
  /** The JSON body, parsed (undefined when there was none). */
  body: unknown
  /** The raw body text. */
  text: string
  /** The caller's validated token (undefined on public routes such as `POST /auth/tokens`). */
  auth: TokenRecord | undefined
  cloud: CloudRuntime
  /** Scheme, host and port the caller reached the fake on (catalogs and links point back there). */
  origin: string
  /** This service's endpoint as the caller reached it, project id filled in (for links and refs). */
  serviceUrl: string
}

export type RouteHandler = (ctx: RouteContext) => Reply | Promise<Reply>

export interface Route {
  method: string
  pattern: PathPattern
  handler: RouteHandler
  /** Answered without a token (Keystone's `POST /auth/tokens`, version documents). */
  public: boolean
}

/** Declares one route of a service: `route('GET', '/servers/:id', handler)`. */
export function route(
  method: string,
  path: string,
  handler: RouteHandler,
  options: { public?: boolean } = {},
): Route {
  return { method, pattern: compilePath(path), handler, public: options.public ?? false }
}

/**
 * One OpenStack service of the fake: where it lives, its routes, and how it spells errors.
 * A new service (Heat) is one more module of this shape working on the shared state.
 */
export interface ServiceModule {
  /** The catalog service type (`compute`, `load-balancer`, …). */
  type: string
  /** The catalog service name (`nova`, `octavia`, …). */
  name: string
  /** Other catalog entries served by the same module (Cinder's `volumev3`). */
  aliases?: string[]
  /** Path on the fake's origin where the catalog endpoint points; `{project_id}` is filled in. */
  prefix: string
  /** Path the catalog lists, when not the prefix itself (Keystone: `/identity/v3`). */
  catalogPath?: string
  routes: Route[]
  /** Renders a failure in this service's error envelope. */
  errorReply(error: ApiError): Reply
  /** Answers `GET` on the endpoint itself (a version document). */
  root?: RouteHandler
  /** Answers `GET` on the unversioned root above the endpoint, when there is one. */
  versionsRoot?: { path: string; handler: RouteHandler }
  /** Headers added to every answer (Nova's microversion echo). */
  responseHeaders?(ctx: RouteContext, requestId: string): Record<string, string>
}
