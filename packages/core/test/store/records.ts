import { randomUUID } from 'node:crypto'
import type { Cluster, ClusterTemplate, NodeGroup, QuotaInput } from '@magnum-ts/core'

// Every field set to a non-default value, so a backend that drops or mangles one fails the round trip.

/** A template with every field filled in. */
export function fullTemplate(overrides: Partial<ClusterTemplate> = {}): ClusterTemplate {
  return {
    uuid: randomUUID(),
    name: 'k8s-template',
    projectId: 'project-a',
    userId: 'user-a',
    coe: 'kubernetes',
    imageId: 'fedora-coreos-38',
    flavorId: 'm1.small',
    masterFlavorId: 'm1.medium',
    keypairId: 'ops-key',
    externalNetworkId: 'public',
    fixedNetwork: 'private',
    fixedSubnet: 'private-subnet',
    networkDriver: 'calico',
    volumeDriver: 'cinder',
    dockerVolumeSize: 7,
    dockerStorageDriver: 'overlay2',
    dnsNameserver: ['8.8.8.8', '1.1.1.1'],
    apiserverPort: 6443,
    labels: { kube_tag: 'v1.27.3', 'with space': 'ünïcode ✓', empty: '' },
    httpProxy: 'http://proxy:3128',
    httpsProxy: 'http://proxy:3129',
    noProxy: 'localhost,10.0.0.0/8',
    insecureRegistry: 'registry.local:5000',
    registryEnabled: true,
    tlsDisabled: true,
    public: false,
    hidden: false,
    masterLbEnabled: true,
    floatingIpEnabled: false,
    serverType: 'bm',
    clusterDistro: 'fedora-coreos',
    createdAt: undefined,
    updatedAt: undefined,
    ...overrides,
  }
}

/** A cluster with every field, hidden ones included, filled in. */
export function fullCluster(overrides: Partial<Cluster> = {}): Cluster {
  return {
    uuid: randomUUID(),
    name: 'prod',
    projectId: 'project-a',
    userId: 'user-a',
    clusterTemplateId: randomUUID(),
    keypair: 'ops-key',
    dockerVolumeSize: 9,
    labels: { kube_tag: 'v1.27.3' },
    masterFlavorId: 'm1.large',
    flavorId: 'm1.medium',
    createTimeout: 45,
    discoveryUrl: 'https://discovery.etcd.io/abc',
    fixedNetwork: 'net',
    fixedSubnet: 'subnet',
    floatingIpEnabled: false,
    nodeCount: 3,
    masterCount: 3,
    stackId: randomUUID(),
    status: 'CREATE_COMPLETE',
    statusReason: 'Stack CREATE completed successfully',
    healthStatus: 'HEALTHY',
    healthStatusReason: { api: 'ok', nodes: { 'node-0': true } },
    apiAddress: 'https://10.0.0.5:6443',
    coeVersion: 'v1.27.3',
    containerVersion: '1.12.6',
    nodeAddresses: ['10.0.0.10', '10.0.0.11'],
    masterAddresses: ['10.0.0.5'],
    faults: { 'default-worker': 'boom' },
    createdAt: undefined,
    updatedAt: undefined,
    caCertRef: randomUUID(),
    magnumCertRef: randomUUID(),
    trustId: 'trust-1',
    trusteeUsername: 'trustee',
    trusteeUserId: 'trustee-id',
    ...overrides,
  }
}

/** A nodegroup of `cluster` with every field filled in. */
export function fullNodeGroup(cluster: Cluster, overrides: Partial<NodeGroup> = {}): NodeGroup {
  return {
    uuid: randomUUID(),
    name: 'default-worker',
    clusterId: cluster.uuid,
    projectId: cluster.projectId,
    dockerVolumeSize: 11,
    labels: { role: 'gpu' },
    flavorId: 'g1.large',
    imageId: 'fedora-coreos-38',
    nodeAddresses: ['10.0.0.10'],
    nodeCount: 2,
    role: 'worker',
    minNodeCount: 1,
    maxNodeCount: 5,
    isDefault: true,
    stackId: randomUUID(),
    status: 'CREATE_COMPLETE',
    statusReason: 'ok',
    version: 'v1.27.3',
    createdAt: undefined,
    updatedAt: undefined,
    ...overrides,
  }
}

/** Magnum's two default nodegroups of a cluster. */
export function defaultNodeGroups(cluster: Cluster): NodeGroup[] {
  return [
    fullNodeGroup(cluster, { name: 'default-master', role: 'master', nodeCount: cluster.masterCount }),
    fullNodeGroup(cluster, { name: 'default-worker', role: 'worker', nodeCount: cluster.nodeCount }),
  ]
}

export function quota(overrides: Partial<QuotaInput> = {}): QuotaInput {
  return {
    projectId: 'project-a',
    resource: 'Cluster',
    hardLimit: 5,
    createdAt: undefined,
    updatedAt: undefined,
    ...overrides,
  }
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
