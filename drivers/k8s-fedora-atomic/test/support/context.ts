import type {
  Cluster,
  ClusterContext,
  ClusterNodeCredential,
  ClusterTemplate,
  NodeGroup,
} from '@magnum-ts/core'
import { createK8sFedoraAtomicDriver } from '@magnum-ts/driver-k8s-fedora-atomic'

/** What a test changes from the baseline k8s cluster. */
export interface ContextOptions {
  template?: Partial<ClusterTemplate>
  cluster?: Partial<Cluster> & { masterLbEnabled?: boolean }
  masters?: number
  nodes?: number
  octavia?: boolean
  labels?: Record<string, string>
  config?: Record<string, unknown>
  masterNodeGroup?: Partial<NodeGroup>
  workerNodeGroup?: Partial<NodeGroup>
  /** The node credential; an application credential leaves `trust` empty, as core does. */
  credential?: ClusterNodeCredential
}

/** A complete ClusterContext for a k8s_fedora_atomic_v1 cluster, as core hands it to the driver. */
export function k8sContext(o: ContextOptions = {}): ClusterContext {
  const clusterTemplate: ClusterTemplate = {
    uuid: '0d9b1f59-6a35-4c0e-9d0a-7f7c3f0e8a01',
    name: 'k8s-template',
    projectId: 'p-1',
    userId: 'u-1',
    coe: 'kubernetes',
    imageId: 'fedora-atomic-29',
    flavorId: 'm1.small',
    masterFlavorId: 'm1.medium',
    keypairId: 'mykey',
    externalNetworkId: 'c9a1bd8e-0000-4f7e-9d7a-3c1c1b6a7e01',
    fixedNetwork: undefined,
    fixedSubnet: undefined,
    networkDriver: 'flannel',
    volumeDriver: undefined,
    dockerVolumeSize: undefined,
    dockerStorageDriver: 'overlay2',
    dnsNameserver: ['8.8.8.8'],
    apiserverPort: undefined,
    labels: {},
    httpProxy: undefined,
    httpsProxy: undefined,
    noProxy: undefined,
    insecureRegistry: undefined,
    registryEnabled: false,
    tlsDisabled: false,
    public: false,
    hidden: false,
    masterLbEnabled: false,
    floatingIpEnabled: true,
    serverType: 'vm',
    clusterDistro: 'fedora-atomic',
    createdAt: undefined,
    updatedAt: undefined,
    ...o.template,
  }
  const masters = o.masters ?? 1
  const nodes = o.nodes ?? 1
  const labels = o.labels ?? clusterTemplate.labels
  const cluster: Cluster & { masterLbEnabled?: boolean } = {
    uuid: '5d12f6fd-a196-4bf0-ae4c-1f639a523a52',
    name: 'k8s',
    projectId: 'p-1',
    userId: 'u-1',
    clusterTemplateId: clusterTemplate.uuid,
    keypair: 'mykey',
    dockerVolumeSize: clusterTemplate.dockerVolumeSize,
    labels,
    masterFlavorId: 'm1.medium',
    flavorId: 'm1.small',
    createTimeout: 60,
    discoveryUrl: undefined,
    fixedNetwork: clusterTemplate.fixedNetwork,
    fixedSubnet: clusterTemplate.fixedSubnet,
    floatingIpEnabled: clusterTemplate.floatingIpEnabled,
    nodeCount: nodes,
    masterCount: masters,
    stackId: undefined,
    status: 'CREATE_IN_PROGRESS',
    statusReason: undefined,
    healthStatus: undefined,
    healthStatusReason: undefined,
    apiAddress: undefined,
    coeVersion: undefined,
    containerVersion: undefined,
    nodeAddresses: [],
    masterAddresses: [],
    faults: undefined,
    createdAt: undefined,
    updatedAt: undefined,
    caCertRef: undefined,
    magnumCertRef: undefined,
    trustId: 'trust-1',
    trusteeUsername: undefined,
    trusteeUserId: undefined,
    ...o.cluster,
  }
  const nodeGroup = (role: 'master' | 'worker', count: number, over: Partial<NodeGroup> = {}): NodeGroup => ({
    uuid: `ng-${role}`,
    name: `default-${role}`,
    clusterId: cluster.uuid,
    projectId: 'p-1',
    dockerVolumeSize: cluster.dockerVolumeSize,
    labels,
    flavorId: role === 'master' ? cluster.masterFlavorId : cluster.flavorId,
    imageId: clusterTemplate.imageId,
    nodeAddresses: [],
    nodeCount: count,
    role,
    minNodeCount: role === 'master' ? 1 : 0,
    maxNodeCount: undefined,
    isDefault: true,
    stackId: undefined,
    status: undefined,
    statusReason: undefined,
    version: undefined,
    createdAt: undefined,
    updatedAt: undefined,
    ...over,
  })
  return {
    cluster,
    clusterTemplate,
    nodeGroups: [
      nodeGroup('master', masters, o.masterNodeGroup),
      nodeGroup('worker', nodes, o.workerNodeGroup),
    ],
    labels,
    trust:
      o.credential?.kind === 'application-credential'
        ? { trusteeUserId: '', trusteeUsername: '', trusteePassword: '', trusteeDomainId: '', trustId: '' }
        : {
            trusteeUserId: 'trustee-id',
            trusteeUsername: `${cluster.uuid}_p-1`,
            trusteePassword: 'p"a)s$s\\w`o(rd\'',
            trusteeDomainId: 'magnum-domain',
            trustId: 'trust-1',
          },
    ...(o.credential ? { credential: o.credential } : {}),
    endpoints: {
      authUrl: 'http://192.168.10.10:5000',
      magnumUrl: 'http://magnum.test:9511',
      regionName: 'RegionOne',
    },
    services: { octavia: o.octavia ?? true, cinder: true, barbican: false },
    context: { userId: 'u-1', userName: 'demo', projectId: 'p-1', domainName: 'Default' },
    config: { cinderDefaultVolumeType: 'lvmdriver-1', ...o.config },
  }
}

/** Fixed service-account keys, so snapshots do not change with each run. */
export const FIXED_KEYS = { publicKey: 'PUBLIC-KEY-PEM', privateKey: 'PRIVATE-KEY-PEM' }

/** A discovery fetcher that records its calls and answers `answer(url)`. */
export function recordingFetcher(answer: (url: string) => string = () => 'https://discovery.etcd.io/abc') {
  const calls: string[] = []
  const fetcher = async (url: string) => {
    calls.push(url)
    return answer(url)
  }
  return { calls, fetcher }
}

/** The driver with fixed keys and a discovery fetcher that answers a fixed URL. */
export function testDriver(fetcher = recordingFetcher().fetcher) {
  return createK8sFedoraAtomicDriver({ fetchDiscovery: fetcher, serviceAccountKeys: async () => FIXED_KEYS })
}
