import {
  CertificateStorageError,
  decryptPrivateKey,
  encryptPrivateKey,
  generateKeyPair,
  randomPassphrase,
} from '@magnum-ts/certs'
import { describe, expect, it } from 'vitest'

describe('keys at rest', () => {
  it('encrypts as PKCS#8 with a passphrase and decrypts back to the same key', async () => {
    const { privateKeyPem } = await generateKeyPair()
    const pass = randomPassphrase()
    const encrypted = encryptPrivateKey(privateKeyPem, pass)
    expect(encrypted).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/)
    expect(encrypted).not.toContain(privateKeyPem.split('\n')[1])
    expect(decryptPrivateKey(encrypted, pass)).toBe(privateKeyPem)
    expect(() => decryptPrivateKey(encrypted, `${pass}x`)).toThrow(CertificateStorageError)
  })

  it('draws a different passphrase each time, never short', () => {
    const seen = new Set(Array.from({ length: 50 }, () => randomPassphrase()))
    expect(seen.size).toBe(50)
    for (const p of seen) expect(p.length).toBeGreaterThanOrEqual(32)
  })
})
