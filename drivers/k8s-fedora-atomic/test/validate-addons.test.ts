import { INGRESS_CONTROLLERS, validateK8s } from '@magnum-ts/driver-k8s-fedora-atomic'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { dnsServiceIpFor, ipv4CidrRange, ipv4ToNumber } from '../src/template-definition/dns.js'
import { k8sClusterParameters } from '../src/template-definition/parameters.js'
import { FIXED_KEYS, k8sContext, recordingFetcher } from './support/context.js'

const problems = (labels: Record<string, string>) =>
  validateK8s({ clusterTemplate: {}, labels, dockerVolumeSize: undefined, config: {} })
const fields = (labels: Record<string, string>) => problems(labels).map((p) => p.field)

describe('add-on labels: validation', () => {
  it('accepts the three ingress controllers in any case, and none', () => {
    for (const value of [...INGRESS_CONTROLLERS, 'Traefik', 'NGINX', ''])
      expect(fields({ ingress_controller: value })).toEqual([])
  })

  it('rejects an unknown ingress controller, naming the choices', () => {
    const [problem] = problems({ ingress_controller: 'haproxy' })
    expect(problem).toMatchObject({ field: 'labels.ingress_controller' })
    expect(problem?.fix).toContain('traefik, nginx, octavia')
  })

  it('rejects a DNS address that is not IPv4 or lies outside the service network', () => {
    expect(fields({ dns_service_ip: 'ten' })).toEqual(['labels.dns_service_ip'])
    expect(fields({ dns_service_ip: '10.96.0.10' })).toEqual(['labels.dns_service_ip']) // default 10.254.0.0/16
    expect(fields({ dns_service_ip: '10.96.0.10', service_cluster_ip_range: '10.96.0.0/12' })).toEqual([])
    expect(problems({ dns_service_ip: '10.96.0.10' })[0]?.message).toContain('10.254.0.0/16')
  })

  it('rejects a cluster domain that is not a DNS name', () => {
    expect(fields({ dns_cluster_domain: 'k8s.example' })).toEqual([])
    expect(fields({ dns_cluster_domain: 'bad domain' })).toEqual(['labels.dns_cluster_domain'])
    expect(fields({ dns_cluster_domain: '-x.local' })).toEqual(['labels.dns_cluster_domain'])
  })

  it('rejects an empty Grafana password only while monitoring is on', () => {
    expect(fields({ prometheus_monitoring: 'true', grafana_admin_passwd: '' })).toEqual([
      'labels.grafana_admin_passwd',
    ])
    expect(fields({ prometheus_monitoring: 'false', grafana_admin_passwd: '' })).toEqual([])
    expect(fields({ prometheus_monitoring: 'true' })).toEqual([])
  })
})

const cidr = fc
  .tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 8, max: 28 }))
  .map(([n, prefix]) => `${[24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.')}/${prefix}`)

describe('dns_service_ip default (property)', () => {
  it('is inside the service network, and validation accepts it', () => {
    fc.assert(
      fc.property(cidr, (range) => {
        const ip = dnsServiceIpFor(range)!
        const { first, last } = ipv4CidrRange(range)!
        expect(ipv4ToNumber(ip)).toBe(first + 10)
        expect(ipv4ToNumber(ip)! < last).toBe(true)
        expect(fields({ dns_service_ip: ip, service_cluster_ip_range: range })).toEqual([])
      }),
    )
  })

  it('never throws on arbitrary text, and answers only for real addresses', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const n = ipv4ToNumber(text)
        if (n !== undefined) expect(n >= 0 && n < 2 ** 32).toBe(true)
        expect(() => dnsServiceIpFor(text)).not.toThrow()
      }),
    )
    expect(ipv4ToNumber('256.1.1.1')).toBeUndefined()
    expect(ipv4CidrRange('10.0.0.0/33')).toBeUndefined()
  })

  it('is sent with service_cluster_ip_range, and a dns_service_ip label wins', async () => {
    const params = (labels: Record<string, string>) =>
      k8sClusterParameters(k8sContext({ labels }), {
        fetchDiscovery: recordingFetcher().fetcher,
        serviceAccountKeys: async () => FIXED_KEYS,
      })
    expect((await params({ service_cluster_ip_range: '172.30.0.0/16' })).dns_service_ip).toBe('172.30.0.10')
    expect(
      (await params({ service_cluster_ip_range: '172.30.0.0/16', dns_service_ip: '172.30.0.53' }))
        .dns_service_ip,
    ).toBe('172.30.0.53')
    expect(await params({})).not.toHaveProperty('dns_service_ip')
  })
})
