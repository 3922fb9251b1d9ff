import { X509Certificate } from 'node:crypto'
import {
  type CertificateAuthority,
  createCa,
  createConductorCertificate,
  createServerCertificate,
  InvalidCertificateOptionError,
  kubernetesServerSans,
} from '@magnum-ts/certs'
import { beforeAll, describe, expect, it } from 'vitest'
import { hasOpenssl, opensslExtensions, opensslText, opensslVerify } from './helpers/openssl.js'

let ca: CertificateAuthority
let otherCa: CertificateAuthority
beforeAll(async () => {
  ;[ca, otherCa] = await Promise.all([createCa({ commonName: 'k8s-a' }), createCa({ commonName: 'k8s-b' })])
})

describe('createConductorCertificate', () => {
  it('issues CN=admin, O=system:masters signed by the cluster CA, with its own key', async () => {
    const cert = await createConductorCertificate(ca, { now: () => new Date('2026-01-10T00:00:00Z') })
    const x = new X509Certificate(cert.certificatePem)
    expect(x.subject.split('\n').sort()).toEqual(['CN=admin', 'O=system:masters'])
    expect(x.issuer).toBe('CN=k8s-a')
    expect(x.ca).toBe(false)
    expect(x.verify(new X509Certificate(ca.certificatePem).publicKey)).toBe(true)
    expect(x.verify(new X509Certificate(otherCa.certificatePem).publicKey)).toBe(false)
    expect(x.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2'])
    expect(new Date(x.validFrom).toISOString()).toBe('2026-01-09T00:00:00.000Z')
  })

  it('chains under a CA whose cluster name is not ASCII', async () => {
    const unicodeCa = await createCa({ commonName: 'クラスタ-é' })
    const cert = await createConductorCertificate(unicodeCa)
    const x = new X509Certificate(cert.certificatePem)
    expect(x.issuer).toBe('CN=クラスタ-é')
    expect(x.checkIssued(new X509Certificate(unicodeCa.certificatePem))).toBe(true)
    if (hasOpenssl) expect(opensslVerify(unicodeCa.certificatePem, cert.certificatePem).status).toBe(0)
  })

  it.skipIf(!hasOpenssl)(
    'passes openssl verify as a TLS client and shows exactly its extensions',
    async () => {
      const cert = await createConductorCertificate(ca)
      const ok = opensslVerify(ca.certificatePem, cert.certificatePem, 'sslclient')
      expect(ok.out).toContain('OK')
      expect(ok.status).toBe(0)
      expect(opensslVerify(otherCa.certificatePem, cert.certificatePem).status).not.toBe(0)
      expect(opensslExtensions(opensslText(cert.certificatePem))).toEqual({
        'X509v3 Basic Constraints critical': 'CA:FALSE',
        'X509v3 Key Usage critical': 'Digital Signature, Key Encipherment',
        'X509v3 Extended Key Usage': 'TLS Web Client Authentication',
        'X509v3 Subject Key Identifier': '<id>',
        'X509v3 Authority Key Identifier': '<id>',
      })
    },
  )
})

describe('createServerCertificate', () => {
  const sans = kubernetesServerSans({ apiAddress: '172.24.4.10' })

  it('builds the Kubernetes SAN set around the API address', () => {
    expect(sans).toEqual({
      ips: ['172.24.4.10', '127.0.0.1', '10.254.0.1'],
      dns: [
        'kubernetes',
        'kubernetes.default',
        'kubernetes.default.svc',
        'kubernetes.default.svc.cluster.local',
      ],
    })
    expect(kubernetesServerSans({ apiAddress: 'api.example.org', serviceIp: '10.0.0.1' })).toEqual({
      ips: ['127.0.0.1', '10.0.0.1'],
      dns: [
        'api.example.org',
        'kubernetes',
        'kubernetes.default',
        'kubernetes.default.svc',
        'kubernetes.default.svc.cluster.local',
      ],
    })
  })

  it('carries every SAN, so clients can reach the API server by any of them', async () => {
    const cert = await createServerCertificate(ca, { subject: { cn: 'kube-apiserver' }, sans })
    const x = new X509Certificate(cert.certificatePem)
    for (const ip of sans.ips) expect(x.checkIP(ip)).toBe(ip)
    for (const name of sans.dns) expect(x.checkHost(name)).toBe(name)
    expect(x.checkIP('10.254.0.2')).toBeUndefined()
  })

  it.skipIf(!hasOpenssl)(
    'passes openssl verify as a TLS server and shows exactly its extensions',
    async () => {
      const cert = await createServerCertificate(ca, {
        subject: { cn: 'kube-apiserver', o: 'magnum' },
        sans: { ips: ['10.0.0.5', '2001:db8::5'], dns: ['api.cluster.test'] },
      })
      const ok = opensslVerify(ca.certificatePem, cert.certificatePem, 'sslserver')
      expect(ok.out).toContain('OK')
      expect(ok.status).toBe(0)
      expect(opensslExtensions(opensslText(cert.certificatePem))).toEqual({
        'X509v3 Basic Constraints critical': 'CA:FALSE',
        'X509v3 Key Usage critical': 'Digital Signature, Key Encipherment',
        'X509v3 Extended Key Usage': 'TLS Web Server Authentication',
        'X509v3 Subject Alternative Name':
          'DNS:api.cluster.test, IP Address:10.0.0.5, IP Address:2001:DB8:0:0:0:0:0:5',
        'X509v3 Subject Key Identifier': '<id>',
        'X509v3 Authority Key Identifier': '<id>',
      })
    },
  )

  it('refuses bad SANs and an empty SAN list, naming the entry', async () => {
    await expect(
      createServerCertificate(ca, { subject: { cn: 's' }, sans: { ips: ['10.0.0.300'] } }),
    ).rejects.toMatchObject({ field: 'sans.ips[0]' })
    await expect(
      createServerCertificate(ca, { subject: { cn: 's' }, sans: { dns: ['ok.test', 'bad_name!'] } }),
    ).rejects.toMatchObject({ field: 'sans.dns[1]' })
    await expect(createServerCertificate(ca, { subject: { cn: 's' }, sans: {} })).rejects.toBeInstanceOf(
      InvalidCertificateOptionError,
    )
  })
})
