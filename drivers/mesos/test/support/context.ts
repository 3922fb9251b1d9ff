import type { Cluster, ClusterContext, ClusterTemplate, NodeGroup } from '@magnum-ts/core'

/** What a test changes from the baseline mesos cluster. */
export interface MesosContextOptions {
  template?: Partial<ClusterTemplate>
  masters?: number
  slaves?: number
  octavia?: boolean
  labels?: Record<string, string>
  config?: Record<string, unknown>
}

/** A ClusterContext for a mesos cluster (only the fields the driver reads are meaningful). */
export function mesosContext(o: MesosContextOptions = {}): ClusterContext {
  const clusterTemplate = {
    uuid: 'c7e2d1f0-1111-4a4a-9b9b-000000000001',
    coe: 'mesos',
    imageId: 'ubuntu-mesos',
    flavorId: 'm1.small',
    masterFlavorId: 'm1.medium',
    externalNetworkId: 'public',
    dnsNameserver: ['8.8.8.8'],
    masterLbEnabled: false,
    floatingIpEnabled: true,
    tlsDisabled: true,
    labels: {},
    ...o.template,
  } as ClusterTemplate
  const masters = o.masters ?? 1
  const slaves = o.slaves ?? 1
  const cluster = {
    uuid: 'e0f7c0de-2222-4b4b-8c8c-000000000002',
    name: 'cluster1',
    keypair: 'mykey',
    labels: o.labels ?? {},
    masterFlavorId: clusterTemplate.masterFlavorId,
    flavorId: clusterTemplate.flavorId,
    fixedNetwork: clusterTemplate.fixedNetwork,
    fixedSubnet: clusterTemplate.fixedSubnet,
    floatingIpEnabled: clusterTemplate.floatingIpEnabled,
    masterCount: masters,
    nodeCount: slaves,
    masterAddresses: [],
    nodeAddresses: [],
  } as unknown as Cluster
  const group = (role: 'master' | 'worker', nodeCount: number) =>
    ({ uuid: `ng-${role}`, role, isDefault: true, nodeCount, imageId: clusterTemplate.imageId }) as NodeGroup
  return {
    cluster,
    clusterTemplate,
    nodeGroups: [group('master', masters), group('worker', slaves)],
    labels: o.labels ?? {},
    trust: {
      trusteeUserId: 'trustee-id',
      trusteeUsername: 'trustee',
      trusteePassword: 'pa55word',
      trusteeDomainId: 'magnum',
      trustId: 'trust-9',
    },
    endpoints: {
      authUrl: 'http://192.168.10.10:5000/v3',
      magnumUrl: 'http://magnum.test:9511/v1',
      regionName: 'RegionOne',
    },
    services: { octavia: o.octavia ?? true, cinder: true, barbican: false },
    context: { userId: 'u-1', userName: 'admin', projectId: 'admin', domainName: 'Default' },
    config: o.config ?? {},
  }
}

/** Templates the golden tests cover. */
export const MESOS_CASES: Record<string, MesosContextOptions> = {
  'defaults: 1 master, 1 slave, private network, no LB': {},
  '3 masters behind an Octavia LB, 4 slaves': { template: { masterLbEnabled: true }, masters: 3, slaves: 4 },
  'master LB without Octavia (Neutron LBaaS v2)': { template: { masterLbEnabled: true }, octavia: false },
  'existing network and subnet': { template: { fixedNetwork: 'net-1', fixedSubnet: 'subnet-1' } },
  'slave labels, rexray and cluster_user_trust': {
    template: { volumeDriver: 'rexray' },
    labels: {
      mesos_slave_isolation: 'filesystem/linux,docker/runtime',
      mesos_slave_image_providers: 'docker',
      mesos_slave_work_dir: '/var/lib/mesos',
      mesos_slave_executor_env_variables: '{"PATH": "/usr/bin"}',
      rexray_preempt: 'true',
    },
    config: { clusterUserTrust: true, nodesAffinityPolicy: 'affinity' },
  },
}
