import { generateKeyPair as nodeGenerateKeyPair } from 'node:crypto'
import { promisify } from 'node:util'
import { InvalidCertificateOptionError } from './errors.js'

const generate = promisify(nodeGenerateKeyPair)

/** RSA modulus sizes we issue keys with: 2048 is Magnum's default, 4096 what terraform asks for. */
export const allowedKeyBits = [2048, 3072, 4096] as const
export type KeyBits = (typeof allowedKeyBits)[number]

/** An RSA key pair as PEM: PKCS#8 private key (unencrypted) and SPKI public key. */
export interface KeyPair {
  privateKeyPem: string
  publicKeyPem: string
}

/** Checks a requested key size, naming the field and the accepted sizes when it is wrong. */
export function checkKeyBits(bits: unknown, field = 'keyBits'): KeyBits {
  if (!allowedKeyBits.includes(bits as KeyBits)) {
    throw new InvalidCertificateOptionError(
      field,
      `RSA key size ${String(bits)} is not supported; use one of ${allowedKeyBits.join(', ')} (default 2048)`,
    )
  }
  return bits as KeyBits
}

/** Generates an RSA key pair in OpenSSL (off the event loop), 2048 bits unless asked otherwise. */
export async function generateKeyPair(options: { bits?: number } = {}): Promise<KeyPair> {
  const bits = checkKeyBits(options.bits ?? 2048, 'bits')
  const { privateKey, publicKey } = await generate('rsa', {
    modulusLength: bits,
    publicExponent: 0x10001,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  })
  return { privateKeyPem: privateKey, publicKeyPem: publicKey }
}
