import { HttpResponse } from 'msw'

/** One request as an msw handler saw it, with its body parsed. */
export interface CapturedRequest {
  method: string
  url: URL
  headers: Headers
  body: unknown
}

/**
 * Parses a request inside an msw resolver and appends it to `log`, so a test can assert
 * exactly what was sent (method, path, query, headers, body) after the call returns.
 *
 * @example
 * const log: CapturedRequest[] = []
 * server.use(http.post(url, async ({ request }) => { await captureRequest(log, request); return openstackJson({}) }))
 */
export async function captureRequest(log: CapturedRequest[], request: Request): Promise<CapturedRequest> {
  const text = await request.clone().text()
  let body: unknown
  try {
    body = text ? JSON.parse(text) : undefined
  } catch {
    body = text
  }
  const entry = { method: request.method, url: new URL(request.url), headers: request.headers, body }
  log.push(entry)
  return entry
}

/** A JSON response with an `X-OpenStack-Request-Id`, as OpenStack services answer. */
export function openstackJson(body: unknown, status = 200, requestId = 'req-test-1'): Response {
  return HttpResponse.json(body as Record<string, unknown>, {
    status,
    headers: { 'X-OpenStack-Request-Id': requestId },
  })
}
