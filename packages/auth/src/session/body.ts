import { discardBody } from './http-exchange.js'

/** Request bodies: objects become JSON; strings and bytes are sent as they are. */
export function encodeBody(body: unknown): { body: BodyInit | undefined; json: boolean } {
  if (body === undefined) return { body: undefined, json: false }
  if (typeof body === 'string' || body instanceof Uint8Array || body instanceof ArrayBuffer) {
    return { body: body as BodyInit, json: false }
  }
  return { body: JSON.stringify(body), json: true }
}

/** Reads a response body as JSON (falling back to text when it is not JSON), text, or not at all. */
export async function readBody(response: Response, type: 'json' | 'text' | 'none'): Promise<unknown> {
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

/** The headers every request carries. */
export function baseHeaders(userAgent: string, json: boolean): Record<string, string> {
  const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': userAgent }
  if (json) headers['Content-Type'] = 'application/json'
  return headers
}
