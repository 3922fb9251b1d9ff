import { createPrivateKey, randomBytes } from 'node:crypto'
import { CertificateStorageError, InvalidCertificateOptionError } from './errors.js'

/**
 * A random passphrase for a key at rest (Magnum draws 12 characters; we draw 192 bits,
 * base64url, which costs nothing more).
 */
export function randomPassphrase(): string {
  return randomBytes(24).toString('base64url')
}

/** Encrypts a PEM private key as PKCS#8 (PBES2, AES-256-CBC): `-----BEGIN ENCRYPTED PRIVATE KEY-----`. */
export function encryptPrivateKey(privateKeyPem: string, passphrase: string): string {
  if (passphrase.length === 0) throw new InvalidCertificateOptionError('passphrase', 'must not be empty')
  return createPrivateKey(privateKeyPem)
    .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase })
    .toString()
}

/** Decrypts an encrypted PKCS#8 PEM key back to an unencrypted PKCS#8 PEM. */
export function decryptPrivateKey(encryptedPem: string, passphrase: string): string {
  try {
    return createPrivateKey({ key: encryptedPem, format: 'pem', passphrase })
      .export({ type: 'pkcs8', format: 'pem' })
      .toString()
  } catch (error) {
    throw new CertificateStorageError(
      `The passphrase does not decrypt the stored private key (${error instanceof Error ? error.message : String(error)}); ` +
        'the stored key and passphrase of this certificate do not belong together',
      { cause: error },
    )
  }
}
