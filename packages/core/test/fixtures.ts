import {
  type ClusterTemplate,
  createDriverRegistry,
  type DriverDescriptor,
  type DriverRegistry,
  type Problem,
} from '@magnum-ts/core'

// Descriptors shaped like the §4 table, local to core's tests so core does not depend on the driver packages.
export const kubernetes: DriverDescriptor = {
  name: 'test_k8s',
  version: '1.0.0',
  containerVersion: '1.12.6',
  provides: [{ serverType: 'vm', os: 'fedora-atomic', coe: 'kubernetes' }],
  rules: {
    networkDrivers: ['flannel', 'calico'],
    defaultNetworkDriver: 'flannel',
    volumeDrivers: ['cinder'],
  },
  validate: (ctx) =>
    ctx.labels.flannel_backend !== undefined &&
    !['vxlan', 'udp', 'host-gw'].includes(ctx.labels.flannel_backend)
      ? [{ field: 'labels.flannel_backend', message: 'bad backend', fix: 'use vxlan' } satisfies Problem]
      : [],
}
export const swarmMode: DriverDescriptor = {
  name: 'test_swarm_mode',
  version: '2.0.0',
  containerVersion: '1.12.6',
  provides: [{ serverType: 'vm', os: 'fedora-atomic', coe: 'swarm-mode' }],
  rules: { networkDrivers: ['docker', 'flannel'], defaultNetworkDriver: 'docker', volumeDrivers: ['rexray'] },
  coeHints: { swarm: 'the legacy etcd-based swarm COE is not supported' },
}
export const mesos: DriverDescriptor = {
  name: 'test_mesos',
  version: '1.0.0',
  containerVersion: '1.9.1',
  provides: [{ serverType: 'vm', os: 'ubuntu', coe: 'mesos' }],
  rules: { networkDrivers: ['docker'], defaultNetworkDriver: 'docker', volumeDrivers: ['rexray'] },
}

export function registry(): DriverRegistry {
  return createDriverRegistry([kubernetes, swarmMode, mesos])
}

/** A stored, valid kubernetes template. */
export function storedTemplate(overrides: Partial<ClusterTemplate> = {}): ClusterTemplate {
  return {
    uuid: '0b0c0d0e-0000-4000-8000-000000000001',
    name: 'k8s-template',
    projectId: 'p1',
    userId: 'u1',
    coe: 'kubernetes',
    imageId: 'fedora-atomic-27',
    flavorId: 'm1.small',
    masterFlavorId: 'm1.medium',
    keypairId: 'template-key',
    externalNetworkId: 'public',
    fixedNetwork: undefined,
    fixedSubnet: undefined,
    networkDriver: 'flannel',
    volumeDriver: undefined,
    dockerVolumeSize: 5,
    dockerStorageDriver: 'devicemapper',
    dnsNameserver: ['8.8.8.8'],
    apiserverPort: undefined,
    labels: { kube_tag: 'v1.15.7', flannel_backend: 'vxlan' },
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
    ...overrides,
  }
}
