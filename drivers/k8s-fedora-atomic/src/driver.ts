import type { ClusterDriver } from '@magnum-ts/core'
import { k8sClusterConfig } from './cluster-config.js'
import { k8sFedoraAtomicDescriptor } from './descriptor.js'
import { k8sHealth } from './health.js'
import { k8sNodeGroupStackRequest } from './nodegroup-stack.js'
import { readK8sOutputs } from './outputs.js'
import { deleteClusterLoadBalancers } from './pre-delete.js'
import { k8sScaleParameters } from './scale.js'
import { k8sStackRequest } from './stack-request.js'
import { type DiscoveryFetcher, fetchDiscovery } from './template-definition/discovery.js'
import { serviceAccountKeyPair } from './template-definition/service-account.js'
import { k8sUpgradeParameters } from './upgrade.js'

/** Side effects the driver can be given instead of its defaults. */
export interface K8sFedoraAtomicDriverOptions {
  /** Gets the etcd discovery URL (and checks a given one); defaults to a plain `fetch`. */
  fetchDiscovery?: DiscoveryFetcher
  /** Makes the service-account key pair; defaults to a new RSA-2048 pair per cluster. */
  serviceAccountKeys?: () => Promise<{ publicKey: string; privateKey: string }>
}

/** The k8s_fedora_atomic_v1 driver with its Heat part, with injectable discovery and key generation. */
export function createK8sFedoraAtomicDriver(options: K8sFedoraAtomicDriverOptions = {}): ClusterDriver {
  const deps = {
    fetchDiscovery: options.fetchDiscovery ?? fetchDiscovery,
    serviceAccountKeys: options.serviceAccountKeys ?? serviceAccountKeyPair,
  }
  return {
    ...k8sFedoraAtomicDescriptor,
    stackRequest: (ctx) => k8sStackRequest(ctx, deps),
    nodeGroupStackRequest: (ctx, nodeGroup, clusterStack) =>
      k8sNodeGroupStackRequest(ctx, nodeGroup, clusterStack, deps),
    scaleParameters: (_ctx, change) => k8sScaleParameters(change),
    upgradeParameters: k8sUpgradeParameters,
    readOutputs: readK8sOutputs,
    clusterConfig: k8sClusterConfig,
    health: k8sHealth,
    preDelete: deleteClusterLoadBalancers,
  }
}

/** Kubernetes on Fedora Atomic VMs, ready to register: `createDriverRegistry([k8sFedoraAtomicDriver])`. */
export const k8sFedoraAtomicDriver: ClusterDriver = createK8sFedoraAtomicDriver()
