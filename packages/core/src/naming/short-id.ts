import { randomBytes } from 'node:crypto'

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567'

/** A random 12-character lower-case base32 id, the suffix Magnum puts on stack names. */
export function shortId(random: (size: number) => Uint8Array = randomBytes): string {
  // 12 characters × 5 bits = 60 bits, drawn from 12 random bytes (one byte per character is simplest).
  return Array.from(random(12), (byte) => BASE32[byte & 31]).join('')
}
