import {
  CLUSTER_TEMPLATE_DEFAULTS,
  type Cluster,
  type ClusterContext,
  type ClusterTemplate,
  type NodeGroup,
} from '@magnum-ts/core'

/** What a test changes from the baseline swarm-mode cluster. */
export interface ContextOptions {
  template?: Partial<ClusterTemplate>
  cluster?: Partial<Cluster> & { masterLbEnabled?: boolean }
  masters?: number
  nodes?: number
  octavia?: boolean
  labels?: Record<string, string>
  config?: Record<string, unknown>
}

/** A ClusterContext for a swarm-mode cluster, as core would hand it to the driver. */
export function swarmContext(o: ContextOptions = {}): ClusterContext {
  // Only the fields the driver reads; the rest of the models does not matter here.
  const clusterTemplate = {
    ...CLUSTER_TEMPLATE_DEFAULTS,
    uuid: 'a3c0b9a6-6b0e-4c41-8b55-1f6d1c2c7e01',
    coe: 'swarm-mode',
    imageId: 'fedora-atomic-27',
    flavorId: 'm1.small',
    masterFlavorId: 'm1.medium',
    externalNetworkId: 'public',
    networkDriver: 'docker',
    dockerStorageDriver: 'devicemapper',
    dnsNameserver: ['8.8.8.8'],
    clusterDistro: 'fedora-atomic',
    ...o.template,
  } as ClusterTemplate
  const masters = o.masters ?? 1
  const nodes = o.nodes ?? 1
  const cluster = {
    uuid: '5d12f6fd-a196-4bf0-ae4c-1f639a523a52',
    name: 'swarm',
    keypair: 'mykey',
    dockerVolumeSize: clusterTemplate.dockerVolumeSize,
    labels: o.labels ?? {},
    masterFlavorId: 'm1.medium',
    flavorId: 'm1.small',
    fixedNetwork: clusterTemplate.fixedNetwork,
    fixedSubnet: clusterTemplate.fixedSubnet,
    floatingIpEnabled: clusterTemplate.floatingIpEnabled,
    nodeCount: nodes,
    masterCount: masters,
    ...o.cluster,
  } as Cluster
  const nodeGroup = (role: 'master' | 'worker', nodeCount: number) =>
    ({
      uuid: `ng-${role}`,
      role,
      isDefault: true,
      nodeCount,
      dockerVolumeSize: cluster.dockerVolumeSize,
      flavorId: role === 'master' ? cluster.masterFlavorId : cluster.flavorId,
      imageId: clusterTemplate.imageId,
    }) as NodeGroup
  return {
    cluster,
    clusterTemplate,
    nodeGroups: [nodeGroup('master', masters), nodeGroup('worker', nodes)],
    labels: o.labels ?? {},
    trust: {
      trusteeUserId: 'trustee-id',
      trusteeUsername: 'trustee',
      trusteePassword: 'Tr8st33pa55word00',
      trusteeDomainId: 'magnum-domain',
      trustId: 'trust-1',
    },
    endpoints: {
      authUrl: 'http://keystone.test:5000',
      magnumUrl: 'http://magnum.test:9511/v1',
      regionName: 'RegionOne',
    },
    services: { octavia: o.octavia ?? true, cinder: true, barbican: true },
    context: { userId: 'u-1', userName: 'demo', projectId: 'p-1', domainName: 'Default' },
    config: o.config ?? {},
  }
}
