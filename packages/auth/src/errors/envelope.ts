/**
 * Reads the human message out of each OpenStack service's error envelope:
 *  Nova      {"itemNotFound": {"code": 404, "message": "…"}}   (any single key)
 *  Neutron   {"NeutronError": {"type", "message", "detail"}}
 *  Keystone  {"error": {"code", "title", "message"}}
 *  Heat      {"error": {"message", "type", "traceback"}, "explanation", "title"}
 *  Magnum    {"errors": [{"title", "detail", "code", "status", "request_id"}]}
 *  Octavia   {"faultcode", "faultstring", "debuginfo"}
 *  Glance/Barbican plain text or {"title", "description"}
 */
export function errorMessageFrom(body: unknown, fallback: string): string {
  if (typeof body === 'string') return body.trim().replace(/\s+/g, ' ').slice(0, 500) || fallback
  if (!body || typeof body !== 'object') return fallback
  const b = body as Record<string, unknown>
  if (typeof b.faultstring === 'string') return b.faultstring
  if (Array.isArray(b.errors) && b.errors.length > 0) {
    return b.errors
      .map((e) => {
        const o = (e ?? {}) as Record<string, unknown>
        return [o.title, o.detail].filter((x) => typeof x === 'string' && x).join(': ')
      })
      .filter(Boolean)
      .join('; ')
  }
  if (b.NeutronError && typeof b.NeutronError === 'object') {
    const n = b.NeutronError as Record<string, unknown>
    return String(n.message ?? n.type ?? fallback)
  }
  if (b.error && typeof b.error === 'object') {
    const e = b.error as Record<string, unknown>
    const msg = typeof e.message === 'string' ? e.message : undefined
    const typ = typeof e.type === 'string' ? e.type : typeof e.title === 'string' ? e.title : undefined
    if (msg && typ && !msg.startsWith(typ)) return `${typ}: ${msg}`
    return msg ?? typ ?? fallback
  }
  if (typeof b.description === 'string')
    return b.title ? `${String(b.title)}: ${b.description}` : b.description
  if (typeof b.message === 'string') return b.message
  const keys = Object.keys(b)
  if (keys.length === 1) {
    const inner = b[keys[0]!]
    if (
      inner &&
      typeof inner === 'object' &&
      typeof (inner as Record<string, unknown>).message === 'string'
    ) {
      return (inner as Record<string, string>).message!
    }
  }
  return fallback
}
