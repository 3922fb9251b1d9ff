import type { HttpMethod } from '../session/types.js'

export interface RetryOptions {
  /** Retries after the first attempt (default 3). */
  retries: number
  /** First backoff in ms; doubles each retry, with full jitter (default 250). */
  baseDelayMs: number
  /** Upper bound of one computed backoff (default 8 000). */
  maxDelayMs: number
  /** Upper bound of a server's Retry-After we agree to wait (default 60 000); beyond it we give up. */
  maxRetryAfterMs: number
  /** Statuses retried for idempotent requests (default 502, 503, 504). */
  retryStatuses: readonly number[]
  /** Statuses that mean "slow down": retried honouring Retry-After (default 429, 503). */
  rateLimitStatuses: readonly number[]
  /** Retry on connection errors (refused, reset) for idempotent requests (default true). */
  retryConnectionErrors: boolean
}

export const defaultRetryOptions: RetryOptions = {
  retries: 3,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
  retryStatuses: [502, 503, 504],
  rateLimitStatuses: [429, 503],
  retryConnectionErrors: true,
}

const IDEMPOTENT: ReadonlySet<HttpMethod> = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'])

/** GET/HEAD/PUT/DELETE/OPTIONS are idempotent; POST and PATCH only when the caller says so. */
export function isIdempotent(method: HttpMethod, markedIdempotent: boolean | undefined): boolean {
  return markedIdempotent === true || IDEMPOTENT.has(method)
}

/**
 * Parses Retry-After: delta-seconds or an HTTP date. Returns ms from `now`, or undefined
 * when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined
  const trimmed = value.trim()
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000)
  const date = Date.parse(trimmed)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - now)
}

/** Exponential backoff with full jitter: uniform in [0, min(max, base * 2^attempt)]. */
export function backoffDelay(options: RetryOptions, retryIndex: number, random: () => number): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retryIndex)
  return Math.round(ceiling * random())
}

export type RetryDecision = { retry: false } | { retry: true; delayMs: number }

/** Decides whether a response status warrants another attempt, and after how long. */
export function decideOnStatus(args: {
  options: RetryOptions
  status: number
  retryAfter: string | null
  idempotent: boolean
  retryIndex: number
  now: number
  random: () => number
}): RetryDecision {
  const { options, status, idempotent, retryIndex } = args
  if (!idempotent || retryIndex >= options.retries) return { retry: false }
  const rateLimited = options.rateLimitStatuses.includes(status)
  if (!rateLimited && !options.retryStatuses.includes(status)) return { retry: false }
  const asked = rateLimited ? parseRetryAfter(args.retryAfter, args.now) : undefined
  if (asked !== undefined) {
    if (asked > options.maxRetryAfterMs) return { retry: false }
    return { retry: true, delayMs: asked }
  }
  return { retry: true, delayMs: backoffDelay(options, retryIndex, args.random) }
}
