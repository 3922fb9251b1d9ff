import { X509Certificate } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildCsr } from './helpers/csr.js'
import {
  type CertificateAuthority,
  CertificateValidationError,
  createCa,
  createCsr,
  generateKeyPair,
  InvalidCsrError,
  type KeyPair,
  OpenStackErrorBase,
  signCsr,
} from './helpers/imports.js'
import { hasOpenssl, openssl, opensslExtensions, opensslText, opensslVerify } from './helpers/openssl.js'

let ca: CertificateAuthority
let key: KeyPair
beforeAll(async () => {
  ;[ca, key] = await Promise.all([createCa({ commonName: 'cluster-x' }), generateKeyPair()])
})

const cn = [{ name: 'commonName', value: 'node-1' }]

describe('createCsr', () => {
  it('makes the CSR terraform sends for a kubeconfig: RSA 4096, SHA-512, admin/system:masters/terraform', async () => {
    const { csrPem, privateKeyPem } = await createCsr({
      cn: 'admin',
      o: 'system:masters',
      ou: 'terraform',
      bits: 4096,
      hash: 'sha512',
    })
    expect(csrPem).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----/)
    expect(privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/)
    const certPem = signCsr(ca, csrPem)
    const x = new X509Certificate(certPem)
    expect(x.subject).toBe('O=system:masters\nOU=terraform\nCN=admin')
    expect(x.issuer).toBe('CN=cluster-x')
    expect(x.publicKey.asymmetricKeyDetails?.modulusLength).toBe(4096)
    expect(x.checkPrivateKey((await import('node:crypto')).createPrivateKey(privateKeyPem))).toBe(true)
  })

  it.skipIf(!hasOpenssl)('is accepted by openssl req -verify', async () => {
    const { csrPem } = await createCsr({
      cn: 'admin',
      o: ['system:masters', 'ops'],
      sans: { dns: ['a.test'] },
    })
    const r = openssl((d) => ['req', '-verify', '-noout', '-text', '-in', `${d}/r.pem`], { 'r.pem': csrPem })
    expect(r.status).toBe(0)
    expect(r.out).toMatch(/verify OK|Certificate request self-signature verify OK/)
    expect(r.out).toContain('DNS:a.test')
  })

  it('refuses unsupported options by field', async () => {
    await expect(createCsr({ cn: 'x', bits: 512 })).rejects.toMatchObject({ field: 'bits' })
    await expect(createCsr({ cn: 'x', hash: 'md5' as 'sha256' })).rejects.toMatchObject({ field: 'hash' })
    await expect(createCsr({ cn: '' })).rejects.toMatchObject({ field: 'csr.cn' })
  })
})

describe('signCsr', () => {
  it.skipIf(!hasOpenssl)(
    'signs an openssl-made CSR: verifies, keeps allowed extensions, filters key usage, forces CA:false',
    () => {
      const made = openssl(
        (d) => [
          'req',
          '-new',
          '-key',
          `${d}/k.pem`,
          '-subj',
          '/O=system:nodes/CN=system:node:minion-0',
          '-addext',
          'basicConstraints=critical,CA:TRUE',
          '-addext',
          'keyUsage=critical,digitalSignature,keyEncipherment,keyCertSign,cRLSign,dataEncipherment',
          '-addext',
          'extendedKeyUsage=serverAuth,clientAuth',
          '-addext',
          'subjectAltName=DNS:minion-0,IP:10.0.0.7',
          '-addext',
          'nsComment=dropped because not critical',
          '-addext',
          'crlDistributionPoints=URI:http://crl.test/x.crl',
        ],
        { 'k.pem': key.privateKeyPem },
      )
      expect(made.status).toBe(0)
      const csrPem = made.out.slice(made.out.indexOf('-----BEGIN CERTIFICATE REQUEST-----'))
      const certPem = signCsr(ca, csrPem)
      const ok = opensslVerify(ca.certificatePem, certPem)
      expect(ok.out).toContain('OK')
      expect(ok.status).toBe(0)
      expect(new X509Certificate(certPem).subject).toBe('O=system:nodes\nCN=system:node:minion-0')
      expect(opensslExtensions(opensslText(certPem))).toEqual({
        'X509v3 Basic Constraints critical': 'CA:FALSE',
        'X509v3 Key Usage critical': 'Digital Signature, Key Encipherment',
        'X509v3 Extended Key Usage': 'TLS Web Server Authentication, TLS Web Client Authentication',
        'X509v3 Subject Alternative Name': 'DNS:minion-0, IP Address:10.0.0.7',
        'X509v3 Subject Key Identifier': '<id>',
        'X509v3 Authority Key Identifier': '<id>',
      })
    },
  )

  it.skipIf(!hasOpenssl)(
    "keeps nonRepudiation and the requester's own SKI; adds CA:false when the CSR had none",
    () => {
      const certPem = signCsr(
        ca,
        buildCsr(key, cn, [
          { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, keyAgreement: true },
          // SKI as raw DER: OCTET STRING 01 02 03 04 05.
          { id: '2.5.29.14', value: '\x04\x05\x01\x02\x03\x04\x05' },
        ]),
      )
      expect(new X509Certificate(certPem).ca).toBe(false)
      const text = opensslText(certPem)
      expect(text).toMatch(/Subject Key Identifier: *\n *01:02:03:04:05\n/)
      expect(opensslExtensions(text)).toEqual({
        'X509v3 Basic Constraints critical': 'CA:FALSE',
        'X509v3 Key Usage': 'Digital Signature, Non Repudiation',
        'X509v3 Subject Key Identifier': '<id>',
        'X509v3 Authority Key Identifier': '<id>',
      })
    },
  )

  it('honours a narrower policy and its validity', () => {
    const certPem = signCsr(
      ca,
      buildCsr(key, cn, [
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'subjectAltName', altNames: [{ type: 2, value: 'x.test' }] },
      ]),
      {
        allowedExtensions: ['keyUsage'],
        allowedKeyUsage: ['digitalSignature'],
        validityDays: 7,
        now: () => new Date('2026-05-01T00:00:00Z'),
      },
    )
    const x = new X509Certificate(certPem)
    expect(x.subjectAltName).toBeUndefined()
    expect(new Date(x.validTo).toISOString()).toBe('2026-05-08T00:00:00.000Z')
    if (hasOpenssl)
      expect(opensslExtensions(opensslText(certPem))['X509v3 Key Usage']).toBe('Digital Signature')
  })

  it('refuses a disallowed critical extension with CertificateValidationError (HTTP 400)', () => {
    const csr = buildCsr(key, cn, [
      { name: 'nameConstraints', id: '2.5.29.30', critical: true, value: '\x30\x00' },
    ])
    let caught: unknown
    try {
      signCsr(ca, csr)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(CertificateValidationError)
    expect(caught).toBeInstanceOf(OpenStackErrorBase)
    expect(caught).toMatchObject({
      status: 400,
      code: 'CERTIFICATE_VALIDATION_FAILED',
      extension: '2.5.29.30',
    })
    expect((caught as Error).message).toContain('2.5.29.30')
    // The same extension, not critical, is dropped instead.
    const lenient = buildCsr(key, cn, [{ id: '2.5.29.30', critical: false, value: '\x30\x00' }])
    expect(new X509Certificate(signCsr(ca, lenient)).subject).toBe('CN=node-1')
  })

  it('refuses a critical extension the policy took out of the allowed list', () => {
    const csr = buildCsr(key, cn, [
      { name: 'subjectAltName', critical: true, altNames: [{ type: 2, value: 'a.test' }] },
    ])
    expect(() => signCsr(ca, csr, { allowedExtensions: ['keyUsage'] })).toThrow(CertificateValidationError)
  })

  it('refuses unreadable CSRs with InvalidCsrError (HTTP 400)', () => {
    for (const bad of [
      '',
      'hello',
      '-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n',
      ca.certificatePem,
    ]) {
      expect(() => signCsr(ca, bad)).toThrow(InvalidCsrError)
    }
    expect(() => signCsr(ca, 'x'.repeat(70_000))).toThrow(/larger than/)
    try {
      signCsr(ca, 'nope')
    } catch (error) {
      expect(error).toMatchObject({ status: 400, code: 'INVALID_CSR' })
    }
  })

  it.skipIf(!hasOpenssl)('refuses an EC CSR with InvalidCsrError saying RSA is needed', () => {
    const made = openssl(
      (d) => [
        'req',
        '-new',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-keyout',
        `${d}/k`,
        '-subj',
        '/CN=ec',
      ],
      {},
    )
    const csrPem = made.out.slice(made.out.indexOf('-----BEGIN CERTIFICATE REQUEST-----'))
    expect(() => signCsr(ca, csrPem)).toThrow(InvalidCsrError)
    expect(() => signCsr(ca, csrPem)).toThrow(/RSA/)
  })

  it('refuses a CSR whose self-signature does not verify', async () => {
    const csrPem = buildCsr(key, cn, [])
    // Swap the subject in the signed info: the signature no longer matches.
    const other = buildCsr(key, [{ name: 'commonName', value: 'node-2' }], [])
    const forge = (await import('node-forge')).default
    const a = forge.pki.certificationRequestFromPem(csrPem)
    const b = forge.pki.certificationRequestFromPem(other)
    b.signature = a.signature
    const tampered = forge.pki.certificationRequestToPem(b)
    expect(() => signCsr(ca, tampered)).toThrow(/self-signature does not verify/)
    // And a CSR signed by another key than the one it carries.
    const stranger = await generateKeyPair()
    const mismatched = buildCsr(
      { publicKeyPem: key.publicKeyPem, privateKeyPem: stranger.privateKeyPem },
      cn,
      [],
    )
    expect(() => signCsr(ca, mismatched)).toThrow(InvalidCsrError)
  })
})
