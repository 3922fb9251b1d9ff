import { randomBytes } from 'node:crypto'
import { InvalidCertificateOptionError } from './errors.js'

/** Validity Magnum gives every certificate: five years. */
export const defaultValidityDays = 1825

const dayMs = 86_400_000

/** A random positive 128-bit serial (Magnum uses int(uuid4)), as forge's hex. */
export function randomSerial(): string {
  const bytes = randomBytes(16)
  // First byte in 0x40..0x7f: positive, and a minimal DER INTEGER of exactly 16 bytes.
  bytes[0] = (bytes[0]! & 0x3f) | 0x40
  return bytes.toString('hex')
}

/** notBefore = now − 1 day (clock skew between nodes), notAfter = now + `days`. */
export function validityWindow(
  now: Date,
  days: number = defaultValidityDays,
): { notBefore: Date; notAfter: Date } {
  if (!Number.isInteger(days) || days < 1 || days > 36_500) {
    throw new InvalidCertificateOptionError(
      'validityDays',
      `must be a whole number of days from 1 to 36500, got ${days}`,
    )
  }
  // Whole seconds: X.509 times carry no milliseconds.
  const t = Math.floor(now.getTime() / 1000) * 1000
  return { notBefore: new Date(t - dayMs), notAfter: new Date(t + days * dayMs) }
}
