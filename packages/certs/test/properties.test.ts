import { X509Certificate } from 'node:crypto'
import {
  type CertificateAuthority,
  CertificateValidationError,
  createCa,
  createCsr,
  defaultAllowedExtensions,
  generateKeyPair,
  InvalidCsrError,
  type KeyPair,
  signCsr,
} from '@magnum-ts/certs'
import fc from 'fast-check'
import forge from 'node-forge'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildCsr } from './helpers/csr.js'

let ca: CertificateAuthority
let key: KeyPair
beforeAll(async () => {
  ;[ca, key] = await Promise.all([createCa({ commonName: 'prop-ca' }), generateKeyPair()])
})

// Characters Node prints verbatim in a subject (RFC 2253 specials and control characters
// would be escaped), including multi-byte UTF-8 ones.
const nameChar = fc.constantFrom(...'abcXYZ019 -._:@éßΩ中')
const nameValue = fc
  .array(nameChar, { minLength: 1, maxLength: 24 })
  .map((cs) => cs.join(''))
  .filter((s) => s.trim() === s && s.length > 0)

const extensionOid: Record<string, string> = {
  keyUsage: '2.5.29.15',
  extendedKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  subjectKeyIdentifier: '2.5.29.14',
}

describe('properties', () => {
  it('random subjects and SANs round-trip through createCsr → signCsr → X.509', async () => {
    await fc.assert(
      fc.asyncProperty(
        nameValue,
        fc.array(nameValue, { maxLength: 2 }),
        fc.array(nameValue, { maxLength: 2 }),
        fc.uniqueArray(fc.domain(), { maxLength: 3 }),
        fc.uniqueArray(fc.oneof(fc.ipV4(), fc.ipV6()), { maxLength: 3 }),
        async (cn, o, ou, dns, ips) => {
          const sans = dns.length + ips.length > 0 ? { sans: { dns, ips } } : {}
          const { csrPem } = await createCsr({ cn, o, ou, ...sans })
          const x = new X509Certificate(signCsr(ca, csrPem))
          const expected = [...o.map((v) => `O=${v}`), ...ou.map((v) => `OU=${v}`), `CN=${cn}`].join('\n')
          expect(x.subject).toBe(expected)
          for (const name of dns) expect(x.checkHost(name, { wildcards: false })).toBe(name)
          for (const ip of ips) expect(x.checkIP(ip)).toBe(ip)
          const sanCount = x.subjectAltName ? x.subjectAltName.split(', ').length : 0
          expect(sanCount).toBe(dns.length + ips.length)
          expect(x.verify(new X509Certificate(ca.certificatePem).publicKey)).toBe(true)
        },
      ),
      { numRuns: 25 },
    )
  })

  it('a CSR with any disallowed critical extension is always refused', () => {
    // Well-formed values for the extensions forge parses; any OCTET STRING for the others.
    const sanValue = '\x30\x08\x82\x06a.test'
    const octets = fc.uint8Array({ maxLength: 16 }).map((b) => String.fromCharCode(0x04, b.length, ...b))
    const valueFor: Record<string, fc.Arbitrary<string>> = {
      '2.5.29.15': fc.constant('\x03\x02\x05\xa0'),
      '2.5.29.37': fc.constant('\x30\x0a\x06\x08\x2b\x06\x01\x05\x05\x07\x03\x02'),
      '2.5.29.17': fc.constant(sanValue),
      '2.5.29.18': fc.constant(sanValue),
      '2.5.29.19': fc.constant('\x30\x00'),
    }
    const knownOthers = ['2.5.29.30', '2.5.29.32', '2.5.29.31', '2.5.29.35', '2.5.29.18', '1.3.6.1.5.5.7.1.1']
    const randomOid = fc
      .tuple(fc.integer({ min: 1, max: 99_999 }), fc.integer({ min: 0, max: 9999 }))
      .map(([a, b]) => `1.3.6.1.4.1.${a}.${b}`)
    const extension = fc
      .oneof(fc.constantFrom(...knownOthers), randomOid, fc.constantFrom(...Object.values(extensionOid)))
      .chain((oid) => (valueFor[oid] ?? octets).map((value) => ({ oid, value })))
    fc.assert(
      fc.property(
        fc.subarray([...defaultAllowedExtensions]),
        extension,
        fc.boolean(),
        (allowed, { oid, value }, leadWithAllowed) => {
          // An extension in the policy's allowed list is not "disallowed": pick again by precondition.
          fc.pre(!allowed.some((name) => extensionOid[name] === oid))
          const extensions = [
            ...(leadWithAllowed ? [{ name: 'extKeyUsage', clientAuth: true }] : []),
            { id: oid, critical: true, value },
          ]
          const csr = buildCsr(key, [{ name: 'commonName', value: 'p' }], extensions)
          let caught: unknown
          try {
            signCsr(ca, csr, { allowedExtensions: allowed })
          } catch (error) {
            caught = error
          }
          expect(caught).toBeInstanceOf(CertificateValidationError)
          expect((caught as CertificateValidationError).extension).toBe(oid)
        },
      ),
      { numRuns: 150 },
    )
  })

  it('whatever a CSR asks for, the certificate is never a CA and its key usages stay within the allowed ones', () => {
    const usage = fc.record({
      digitalSignature: fc.boolean(),
      nonRepudiation: fc.boolean(),
      keyEncipherment: fc.boolean(),
      dataEncipherment: fc.boolean(),
      keyAgreement: fc.boolean(),
      keyCertSign: fc.boolean(),
      cRLSign: fc.boolean(),
    })
    fc.assert(
      fc.property(usage, fc.boolean(), fc.boolean(), fc.boolean(), (flags, askCa, kuCritical, bcCritical) => {
        fc.pre(Object.values(flags).some(Boolean))
        const csr = buildCsr(
          key,
          [{ name: 'commonName', value: 'p' }],
          [
            { name: 'keyUsage', critical: kuCritical, ...flags },
            {
              name: 'basicConstraints',
              critical: bcCritical,
              cA: askCa,
              ...(askCa ? { pathLenConstraint: 3 } : {}),
            },
          ],
        )
        const cert = forge.pki.certificateFromPem(signCsr(ca, csr))
        const bc = cert.getExtension('basicConstraints') as { cA?: boolean; critical?: boolean }
        expect(bc.cA).toBe(false)
        expect(bc.critical).toBe(bcCritical)
        const ku = cert.getExtension('keyUsage') as Record<string, unknown> | undefined
        const granted = ['digitalSignature', 'nonRepudiation', 'keyEncipherment'].filter(
          (f) => flags[f as keyof typeof flags],
        )
        if (granted.length === 0) expect(ku ?? undefined).toBeUndefined()
        else {
          for (const f of Object.keys(flags)) expect(ku?.[f] === true).toBe(granted.includes(f))
          expect(ku?.critical).toBe(kuCritical)
        }
      }),
      { numRuns: 100 },
    )
  })

  it('any corruption of a CSR is refused with InvalidCsrError, never another error or a certificate', () => {
    const csrPem = buildCsr(
      key,
      [{ name: 'commonName', value: 'node-1' }],
      [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'node-1.test' }] }],
    )
    const der = Buffer.from(forge.pem.decode(csrPem)[0]!.body, 'binary')
    const toPem = (bytes: Buffer) =>
      `-----BEGIN CERTIFICATE REQUEST-----\n${bytes.toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`
    const corruption = fc.oneof(
      // one byte changed anywhere
      fc
        .record({ at: fc.nat({ max: der.length - 1 }), xor: fc.integer({ min: 1, max: 255 }) })
        .map(({ at, xor }) => {
          const b = Buffer.from(der)
          b[at] = b[at]! ^ xor
          return b
        }),
      // cut short
      fc.nat({ max: der.length - 1 }).map((n) => der.subarray(0, n)),
      // random bytes
      fc.uint8Array({ maxLength: 600 }).map((a) => Buffer.from(a)),
    )
    fc.assert(
      fc.property(corruption, (bytes) => {
        fc.pre(!bytes.equals(der))
        let caught: unknown
        try {
          signCsr(ca, toPem(bytes))
        } catch (error) {
          caught = error
        }
        expect(caught).toBeInstanceOf(InvalidCsrError)
      }),
      { numRuns: 300 },
    )
  })

  it('every single-byte change to a CSR is refused with InvalidCsrError', () => {
    const csrPem = buildCsr(key, [{ name: 'commonName', value: 'node-1' }], [])
    const der = Buffer.from(forge.pem.decode(csrPem)[0]!.body, 'binary')
    const accepted: number[] = []
    for (let at = 0; at < der.length; at++) {
      for (const xor of [0x01, 0x80, 0xff]) {
        const b = Buffer.from(der)
        b[at] = b[at]! ^ xor
        try {
          signCsr(
            ca,
            `-----BEGIN CERTIFICATE REQUEST-----\n${b.toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`,
          )
          accepted.push(at)
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidCsrError)
        }
      }
    }
    expect(accepted).toEqual([])
  })
})
