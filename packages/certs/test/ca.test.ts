import { X509Certificate } from 'node:crypto'
import { createCa, InvalidCertificateOptionError } from '@magnum-ts/certs'
import { describe, expect, it } from 'vitest'
import { hasOpenssl, opensslExtensions, opensslText, opensslVerify } from './helpers/openssl.js'

const fixedNow = new Date('2026-03-01T12:00:00.500Z')

describe('createCa', () => {
  it('issues a self-signed CA with CN = cluster name, SHA-256, RSA 2048 and the validity window', async () => {
    const ca = await createCa({ commonName: 'prod-k8s', now: () => fixedNow })
    const x = new X509Certificate(ca.certificatePem)
    expect(x.subject).toBe('CN=prod-k8s')
    expect(x.issuer).toBe('CN=prod-k8s')
    expect(x.ca).toBe(true)
    expect(x.verify(x.publicKey)).toBe(true)
    expect(x.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048)
    expect(new Date(x.validFrom).toISOString()).toBe('2026-02-28T12:00:00.000Z')
    expect(new Date(x.validTo).toISOString()).toBe('2031-02-28T12:00:00.000Z') // + 1825 days
    expect(x.checkPrivateKey((await import('node:crypto')).createPrivateKey(ca.privateKeyPem))).toBe(true)
  })

  it('gives each CA a random positive serial', async () => {
    const [a, b] = await Promise.all([createCa({ commonName: 'a' }), createCa({ commonName: 'a' })])
    const sa = new X509Certificate(a.certificatePem).serialNumber
    const sb = new X509Certificate(b.certificatePem).serialNumber
    expect(sa).not.toBe(sb)
    expect(Number.parseInt(sa.slice(0, 2), 16)).toBeLessThan(0x80)
    expect(sa).toHaveLength(32)
  })

  it('honours validityDays and keyBits 4096', async () => {
    const ca = await createCa({ commonName: 'c', now: () => fixedNow, validityDays: 30, keyBits: 4096 })
    const x = new X509Certificate(ca.certificatePem)
    expect(new Date(x.validTo).toISOString()).toBe('2026-03-31T12:00:00.000Z')
    expect(x.publicKey.asymmetricKeyDetails?.modulusLength).toBe(4096)
  })

  it('rejects bad options with an error naming the field', async () => {
    await expect(createCa({ commonName: '' })).rejects.toMatchObject({ field: 'commonName' })
    await expect(createCa({ commonName: 'x', keyBits: 1024 })).rejects.toBeInstanceOf(
      InvalidCertificateOptionError,
    )
    await expect(createCa({ commonName: 'x', keyBits: 1024 })).rejects.toMatchObject({ field: 'bits' })
    await expect(createCa({ commonName: 'x', validityDays: 0 })).rejects.toMatchObject({
      field: 'validityDays',
    })
  })

  it.skipIf(!hasOpenssl)(
    'openssl shows exactly the CA extensions and verifies it against itself',
    async () => {
      const ca = await createCa({ commonName: 'cluster-1' })
      const text = opensslText(ca.certificatePem)
      expect(text).toContain('Signature Algorithm: sha256WithRSAEncryption')
      expect(text).toContain('Public-Key: (2048 bit)')
      expect(opensslExtensions(text)).toEqual({
        'X509v3 Basic Constraints critical': 'CA:TRUE, pathlen:0',
        'X509v3 Key Usage critical': 'Certificate Sign, CRL Sign',
        'X509v3 Subject Key Identifier': '<id>',
        'X509v3 Authority Key Identifier': '<id>',
      })
      const verified = opensslVerify(ca.certificatePem, ca.certificatePem)
      expect(verified.out).toContain('OK')
      expect(verified.status).toBe(0)
    },
  )
})
