/** What a fake route answers: a status, headers, and a JSON value or raw text (or nothing). */
export interface Reply {
  status: number
  headers?: Record<string, string>
  /** A JSON value; a string is sent as `text/plain` and bytes as they are, unless `headers` names a type. */
  body?: unknown
}

/** A JSON reply. */
export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return headers ? { status, body, headers } : { status, body }
}

/** A reply with no body (204, or 202 for Nova's and Cinder's asynchronous deletes). */
export function empty(status = 204, headers?: Record<string, string>): Reply {
  return headers ? { status, headers } : { status }
}

/** Builds the WHATWG Response for a reply (JSON unless the body is a string). */
export function toResponse(reply: Reply, extraHeaders: Record<string, string>): Response {
  const headers = new Headers(extraHeaders)
  for (const [k, v] of Object.entries(reply.headers ?? {})) headers.set(k, v)
  let payload: string | Uint8Array | null = null
  if (reply.body !== undefined) {
    if (reply.body instanceof Uint8Array) {
      payload = reply.body
      if (!headers.has('content-type')) headers.set('content-type', 'application/octet-stream')
    } else if (typeof reply.body === 'string') {
      payload = reply.body
      if (!headers.has('content-type')) headers.set('content-type', 'text/plain; charset=UTF-8')
    } else {
      payload = JSON.stringify(reply.body)
      if (!headers.has('content-type')) headers.set('content-type', 'application/json')
    }
  }
  // 204/304 must not carry a body, whatever a route returned.
  if (reply.status === 204 || reply.status === 304) payload = null
  return new Response(payload as BodyInit | null, { status: reply.status, headers })
}
