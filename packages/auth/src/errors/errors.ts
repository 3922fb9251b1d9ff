import { redactText, redactValue } from './redact.js'

/** Base of every error magnum-ts throws: a class to match on and a stable `code`. */
export class OpenStackError extends Error {
  readonly code: string
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(redactText(message), options?.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    this.code = code
  }
}

export interface HttpErrorDetails {
  status: number
  service: string
  method: string
  url: string
  requestId?: string | undefined
  message: string
  body?: unknown
  retryAfterMs?: number | undefined
}

/** A service answered with a status >= 400. Message parsed from the service's error envelope. */
export class HttpError extends OpenStackError {
  readonly status: number
  readonly service: string
  readonly method: string
  readonly url: string
  readonly requestId: string | undefined
  readonly body: unknown
  constructor(details: HttpErrorDetails, code = `HTTP_${details.status}`) {
    const where = `${details.method} ${redactText(details.url)}`
    const rid = details.requestId ? ` (request id ${details.requestId})` : ''
    super(code, `${details.service}: ${details.status} ${details.message} [${where}]${rid}`)
    this.status = details.status
    this.service = details.service
    this.method = details.method
    this.url = redactText(details.url)
    this.requestId = details.requestId
    this.body = redactValue(details.body)
  }
}

export class BadRequestError extends HttpError {}
export class UnauthorizedError extends HttpError {}
export class ForbiddenError extends HttpError {}
export class NotFoundError extends HttpError {}
export class ConflictError extends HttpError {}
export class RequestEntityTooLargeError extends HttpError {}
/** 429: the service rate-limited us; `retryAfterMs` is what it asked for, when it said. */
export class RateLimitError extends HttpError {
  readonly retryAfterMs: number | undefined
  constructor(details: HttpErrorDetails) {
    super(details)
    this.retryAfterMs = details.retryAfterMs
  }
}
/** Any 5xx. */
export class ServerError extends HttpError {}

/** Builds the HttpError subclass that matches the status. */
export function httpErrorFor(details: HttpErrorDetails): HttpError {
  switch (details.status) {
    case 400:
      return new BadRequestError(details)
    case 401:
      return new UnauthorizedError(details)
    case 403:
      return new ForbiddenError(details)
    case 404:
      return new NotFoundError(details)
    case 409:
      return new ConflictError(details)
    case 413:
      return new RequestEntityTooLargeError(details)
    case 429:
      return new RateLimitError(details)
    default:
      return details.status >= 500 ? new ServerError(details) : new HttpError(details)
  }
}

export interface CatalogEntrySummary {
  type: string
  name?: string | undefined
  endpoints: { interface: string; region: string; url: string }[]
}

/**
 * The catalog has no endpoint for what was asked. Names the service type, interface and
 * region asked for and lists what the catalog does have, so the fix is obvious
 * ("publicURL endpoint for key-manager service not found" cost people hours).
 */
export class EndpointNotFoundError extends OpenStackError {
  readonly serviceType: string
  readonly interface: string
  readonly region: string | undefined
  readonly available: CatalogEntrySummary[]
  constructor(args: {
    serviceType: string
    interface: string
    region?: string | undefined
    available: CatalogEntrySummary[]
    hint?: string
  }) {
    const same = args.available.find((s) => s.type === args.serviceType)
    const listing = args.available
      .map(
        (s) => `${s.type} [${[...new Set(s.endpoints.map((e) => `${e.interface}@${e.region}`))].join(', ')}]`,
      )
      .join('; ')
    let why: string
    if (!same) why = `the catalog has no "${args.serviceType}" service`
    else {
      const has = [...new Set(same.endpoints.map((e) => `${e.interface}@${e.region}`))].join(', ')
      why = `"${args.serviceType}" exists only as ${has || 'no endpoints'}`
    }
    const fix =
      args.hint ??
      (same
        ? 'choose another interface (OS_INTERFACE / `interface`) or region (OS_REGION_NAME / `regionName`), or set an endpoint override'
        : 'deploy that service, choose another region, or set an endpoint override for it')
    super(
      'ENDPOINT_NOT_FOUND',
      `No ${args.interface} endpoint for service "${args.serviceType}"${args.region ? ` in region "${args.region}"` : ''}: ${why}. Fix: ${fix}. Catalog: ${listing || '(empty)'}`,
    )
    this.serviceType = args.serviceType
    this.interface = args.interface
    this.region = args.region
    this.available = args.available
  }
}

/** Keystone refused the credentials, or the auth configuration cannot work. */
export class AuthError extends OpenStackError {
  readonly status: number | undefined
  readonly requestId: string | undefined
  constructor(
    message: string,
    options?: { status?: number; requestId?: string | undefined; cause?: unknown },
  ) {
    super('AUTH_FAILED', message, options)
    this.status = options?.status
    this.requestId = options?.requestId
  }
}

/** clouds.yaml / secure.yaml / OS_* configuration problem, naming the file and key. */
export class ConfigError extends OpenStackError {
  readonly file: string | undefined
  readonly key: string | undefined
  constructor(
    message: string,
    options?: { file?: string | undefined; key?: string | undefined; cause?: unknown },
  ) {
    const where = [options?.file, options?.key].filter(Boolean).join(': ')
    super('CONFIG_INVALID', where ? `${where}: ${message}` : message, options)
    this.file = options?.file
    this.key = options?.key
  }
}

/** A request did not complete within its timeout. */
export class TimeoutError extends OpenStackError {
  readonly timeoutMs: number
  readonly method: string
  readonly url: string
  constructor(args: { timeoutMs: number; method: string; url: string; cause?: unknown }) {
    super('TIMEOUT', `${args.method} ${args.url} timed out after ${args.timeoutMs} ms`, { cause: args.cause })
    this.timeoutMs = args.timeoutMs
    this.method = args.method
    this.url = redactText(args.url)
  }
}

/** The connection failed (refused, reset, DNS) and retries, if any, were exhausted. */
export class ConnectionError extends OpenStackError {
  readonly method: string
  readonly url: string
  constructor(args: { method: string; url: string; cause?: unknown }) {
    const reason = describeCause(args.cause)
    super('CONNECTION_FAILED', `${args.method} ${args.url} failed to connect${reason ? `: ${reason}` : ''}`, {
      cause: args.cause,
    })
    this.method = args.method
    this.url = redactText(args.url)
  }
}

function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return ''
  const inner = (cause as { cause?: unknown }).cause
  const innerText =
    inner instanceof Error ? `${(inner as { code?: string }).code ?? ''} ${inner.message}`.trim() : ''
  return innerText || cause.message
}
