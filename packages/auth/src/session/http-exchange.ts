import { ConnectionError, TimeoutError } from '../errors/errors.js'
import { redactHeaders, redactText } from '../errors/redact.js'
import type { RequestLogEntry } from '../log/logger.js'
import { backoffDelay, decideOnStatus, isIdempotent, type RetryOptions } from '../retry/policy.js'
import type { HttpMethod } from './types.js'

export interface ExchangeDeps {
  fetch: () => Promise<typeof globalThis.fetch>
  retry: RetryOptions
  timeoutMs: number
  now: () => number
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>
  random: () => number
  logger: ((entry: RequestLogEntry) => void) | undefined
}

export interface ExchangeRequest {
  service: string
  method: HttpMethod
  url: string
  headers: Record<string, string>
  body: BodyInit | undefined
  signal: AbortSignal | undefined
  timeoutMs: number | undefined
  idempotent: boolean | undefined
}

export function requestIdOf(headers: Headers): string | undefined {
  return headers.get('x-openstack-request-id') ?? headers.get('x-compute-request-id') ?? undefined
}

/**
 * One logical HTTP call: sends, retries what is safe to retry (connection errors and
 * 502/503/504 for idempotent methods, 429/503 honouring Retry-After), enforces the timeout,
 * and logs each attempt. Returns the last response, whatever its status.
 */
export async function exchange(deps: ExchangeDeps, req: ExchangeRequest): Promise<Response> {
  const fetchImpl = await deps.fetch()
  const retryable = isIdempotent(req.method, req.idempotent)
  const timeoutMs = req.timeoutMs ?? deps.timeoutMs
  for (let retryIndex = 0; ; retryIndex++) {
    const started = deps.now()
    const timeout = AbortSignal.timeout(timeoutMs)
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout
    let response: Response
    try {
      response = await fetchImpl(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body ?? null,
        signal,
      })
    } catch (error) {
      log(deps, req, retryIndex, started, undefined, undefined, error)
      if (req.signal?.aborted) throw req.signal.reason ?? error
      if (timeout.aborted)
        throw new TimeoutError({ timeoutMs, method: req.method, url: req.url, cause: error })
      if (retryable && deps.retry.retryConnectionErrors && retryIndex < deps.retry.retries) {
        await deps.sleep(backoffDelay(deps.retry, retryIndex, deps.random), req.signal)
        continue
      }
      throw new ConnectionError({ method: req.method, url: req.url, cause: error })
    }
    log(deps, req, retryIndex, started, response.status, requestIdOf(response.headers))
    if (response.status < 400) return response
    const decision = decideOnStatus({
      options: deps.retry,
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      idempotent: retryable,
      retryIndex,
      now: deps.now(),
      random: deps.random,
    })
    if (!decision.retry) return response
    discardBody(response)
    await deps.sleep(decision.delayMs, req.signal)
  }
}

function log(
  deps: ExchangeDeps,
  req: ExchangeRequest,
  retryIndex: number,
  started: number,
  status: number | undefined,
  requestId: string | undefined,
  error?: unknown,
): void {
  if (!deps.logger) return
  const entry: RequestLogEntry = {
    service: req.service,
    method: req.method,
    url: redactText(req.url),
    status,
    durationMs: deps.now() - started,
    requestId,
    attempt: retryIndex + 1,
    requestHeaders: redactHeaders(req.headers),
  }
  if (error !== undefined) entry.error = redactText(error instanceof Error ? error.message : String(error))
  deps.logger(entry)
}

/**
 * Frees a response body we will not read. Not awaited: with some fetch implementations
 * (msw's mocked responses among them) cancel() only settles once the stream is pulled.
 */
export function discardBody(response: Response): void {
  response.body?.cancel().catch(() => {})
}
