/**
 * Secret redaction. Every error, log line and debug trace goes through here, so a caller
 * can never forget it (the constructors of our errors call it themselves).
 */

const REDACTED = '***'

// Values the process has handed to us as secrets (passwords, tokens, app-credential
// secrets). Short strings are ignored: redacting "a" everywhere would destroy messages.
const knownSecrets = new Set<string>()
const MIN_SECRET_LENGTH = 4

/** Remembers a secret value so that it is masked wherever it appears in text we emit. */
export function registerSecret(value: string | undefined | null): void {
  if (value && value.length >= MIN_SECRET_LENGTH) knownSecrets.add(value)
}

const SECRET_KEY = /(pass(word|phrase)?|secret|token|private[_-]?key|credential_secret|^key$|authorization)/i
const SECRET_HEADERS = new Set([
  'x-auth-token',
  'x-subject-token',
  'authorization',
  'x-service-token',
  'cookie',
])

/** True for object keys and header names whose values are secrets. */
export function isSecretKey(key: string): boolean {
  return SECRET_HEADERS.has(key.toLowerCase()) || SECRET_KEY.test(key)
}

/** Masks every registered secret, and `key=value` / `"key": "value"` pairs with secret keys. */
export function redactText(text: string): string {
  let out = text
  for (const secret of knownSecrets) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED)
  }
  out = out.replace(
    /("?)([A-Za-z_-]*(?:password|secret|token|passphrase)[A-Za-z_-]*)\1(\s*[:=]\s*)"([^"]*)"/gi,
    (_m, q: string, k: string, sep: string) => `${q}${k}${q}${sep}"${REDACTED}"`,
  )
  out = out.replace(
    /([?&][A-Za-z_-]*(?:password|secret|token)[A-Za-z_-]*=)[^&#\s]*/gi,
    (_m, k: string) => `${k}${REDACTED}`,
  )
  return out
}

/** Deep copy of a JSON-like value with secret fields and registered secrets masked. */
export function redactValue<T>(value: T): T {
  return redactInner(value, 0) as T
}

function redactInner(value: unknown, depth: number): unknown {
  if (depth > 32) return REDACTED
  if (typeof value === 'string') return redactText(value)
  if (Array.isArray(value)) return value.map((v) => redactInner(v, depth + 1))
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] =
        isSecretKey(k) && (typeof v === 'string' || typeof v === 'number')
          ? REDACTED
          : redactInner(v, depth + 1)
    }
    return out
  }
  return value
}

/** Header record with secret headers masked (for logs and debug traces). */
export function redactHeaders(headers: Headers | Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers)
  for (const [k, v] of entries) out[k] = SECRET_HEADERS.has(k.toLowerCase()) ? REDACTED : redactText(v)
  return out
}
