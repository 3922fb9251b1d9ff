import { randomBytes, randomUUID } from 'node:crypto'

/** A Keystone-style id: 32 lowercase hex digits (a uuid4 without dashes). */
export function keystoneId(): string {
  return randomUUID().replace(/-/g, '')
}

/** A Fernet-looking token string (`gAAAAAB…`), unique per issue. */
export function tokenString(): string {
  return `gAAAAAB${randomBytes(90).toString('base64url')}`
}
