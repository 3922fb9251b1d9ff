import {
  type Cluster,
  certificateFromWire,
  certificateToWire,
  clusterCreateInputFromWire,
  clusterFromWire,
  clusterTemplateFromWire,
  clusterTemplateToWire,
  clusterToWire,
  nodeGroupFromWire,
  nodeGroupToWire,
  quotaFromWire,
  quotaToWire,
  statsFromWire,
  statsToWire,
} from '@magnum-ts/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { storedTemplate } from '../fixtures.js'

describe('ClusterTemplate wire form', () => {
  it('uses Magnum field names and joins dns_nameserver with commas', () => {
    const wire = clusterTemplateToWire(storedTemplate({ dnsNameserver: ['8.8.8.8', '1.1.1.1'] }))
    expect(wire).toMatchObject({
      image_id: 'fedora-atomic-27',
      keypair_id: 'template-key',
      external_network_id: 'public',
      master_flavor_id: 'm1.medium',
      docker_volume_size: 5,
      docker_storage_driver: 'devicemapper',
      dns_nameserver: '8.8.8.8,1.1.1.1',
      floating_ip_enabled: true,
      master_lb_enabled: false,
      tls_disabled: false,
      server_type: 'vm',
      cluster_distro: 'fedora-atomic',
    })
    expect(Object.keys(wire).every((k) => /^[a-z_]+$/.test(k))).toBe(true)
    expect('fixed_network' in wire).toBe(false)
  })

  it('round-trips', () => {
    const template = storedTemplate({ dnsNameserver: ['8.8.8.8', '1.1.1.1'] })
    const back = clusterTemplateFromWire(JSON.parse(JSON.stringify(clusterTemplateToWire(template))))
    const defined = Object.fromEntries(Object.entries(template).filter(([, v]) => v !== undefined))
    expect(back).toEqual(defined)
  })

  it('property: any dns list round-trips', () => {
    fc.assert(
      fc.property(fc.array(fc.ipV4(), { minLength: 1 }), (ips) => {
        expect(clusterTemplateFromWire(clusterTemplateToWire({ dnsNameserver: ips })).dnsNameserver).toEqual(
          ips,
        )
      }),
    )
  })
})

describe('Cluster wire form', () => {
  const cluster: Partial<Cluster> = {
    uuid: 'c1',
    name: 'k8s',
    clusterTemplateId: 't1',
    nodeCount: 2,
    masterCount: 1,
    createTimeout: 60,
    status: 'CREATE_COMPLETE',
    apiAddress: 'https://10.0.0.5:6443',
    nodeAddresses: ['10.0.0.6', '10.0.0.7'],
    trustId: 'secret-trust',
    trusteeUserId: 'trustee',
    caCertRef: 'ref',
  }

  it('never sends the trust, trustee or certificate references', () => {
    const wire = clusterToWire(cluster)
    expect(wire).toMatchObject({
      cluster_template_id: 't1',
      node_count: 2,
      api_address: 'https://10.0.0.5:6443',
    })
    expect(JSON.stringify(wire)).not.toMatch(/trust|cert_ref/)
  })

  it('has a short list view with only Magnum’s summary fields', () => {
    expect(Object.keys(clusterToWire(cluster, 'summary')).sort()).toEqual(
      [
        'uuid',
        'name',
        'cluster_template_id',
        'node_count',
        'master_count',
        'create_timeout',
        'status',
      ].sort(),
    )
  })

  it('reads a create body, including merge_labels', () => {
    expect(
      clusterCreateInputFromWire({
        name: 'c',
        cluster_template_id: 't',
        master_count: 3,
        merge_labels: true,
        bogus: 1,
      }),
    ).toEqual({ name: 'c', clusterTemplateId: 't', masterCount: 3, mergeLabels: true })
    expect(clusterFromWire({ health_status: 'HEALTHY', coe_version: 'v1.15.7' })).toEqual({
      healthStatus: 'HEALTHY',
      coeVersion: 'v1.15.7',
    })
  })
})

describe('NodeGroup, Quota, Certificate, Stats wire forms', () => {
  it('round-trip with Magnum names', () => {
    const ng = {
      name: 'default-worker',
      nodeCount: 3,
      minNodeCount: 1,
      maxNodeCount: 5,
      isDefault: true,
      role: 'worker',
    }
    expect(nodeGroupToWire(ng)).toEqual({
      name: 'default-worker',
      node_count: 3,
      min_node_count: 1,
      max_node_count: 5,
      is_default: true,
      role: 'worker',
    })
    expect(nodeGroupFromWire(nodeGroupToWire(ng))).toEqual(ng)
    const quota = { projectId: 'p', resource: 'Cluster' as const, hardLimit: 10 }
    expect(quotaToWire(quota)).toEqual({ project_id: 'p', resource: 'Cluster', hard_limit: 10 })
    expect(quotaFromWire(quotaToWire(quota))).toEqual(quota)
    expect(certificateToWire({ clusterUuid: 'c', csr: 'CSR' })).toEqual({ cluster_uuid: 'c', csr: 'CSR' })
    expect(certificateFromWire({ cluster_uuid: 'c', pem: 'PEM' })).toEqual({ clusterUuid: 'c', pem: 'PEM' })
    expect(statsToWire({ clusters: 1, nodes: 6 })).toEqual({ clusters: 1, nodes: 6 })
    expect(statsFromWire({})).toEqual({ clusters: 0, nodes: 0 })
  })
})
