import type { ClusterContext, NodeGroup } from '@magnum-ts/core'
import type { Stack } from '@magnum-ts/orchestration'

/** An extra worker nodegroup of the test cluster, as core stores it before its stack exists. */
export function extraNodeGroup(ctx: ClusterContext, over: Partial<NodeGroup> = {}): NodeGroup {
  return {
    uuid: 'ng-gpu',
    name: 'gpu',
    clusterId: ctx.cluster.uuid,
    projectId: ctx.cluster.projectId,
    dockerVolumeSize: undefined,
    labels: {},
    flavorId: 'g1.large',
    imageId: 'fedora-atomic-gpu',
    nodeAddresses: [],
    nodeCount: 2,
    role: 'worker',
    minNodeCount: 1,
    maxNodeCount: undefined,
    isDefault: false,
    stackId: undefined,
    status: undefined,
    statusReason: undefined,
    version: undefined,
    createdAt: undefined,
    updatedAt: undefined,
    ...over,
  }
}

/** A completed cluster stack with the outputs a nodegroup stack joins (`null` drops one). */
export function completedClusterStack(outputs: Record<string, unknown> = {}): Stack {
  const values: Record<string, unknown> = {
    api_address: '172.24.4.10',
    kube_masters_private: ['10.0.0.5', '10.0.0.6'],
    kube_masters: ['172.24.4.11', '172.24.4.12'],
    kube_minions_private: ['10.0.0.7'],
    kube_minions: ['172.24.4.13'],
    fixed_network: '3f1c7a52-0000-4c1e-8d2a-6a3c1b0e9a01',
    fixed_subnet: '3f1c7a52-0000-4c1e-8d2a-6a3c1b0e9a02',
    minion_security_group: '3f1c7a52-0000-4c1e-8d2a-6a3c1b0e9a03',
    ...outputs,
  }
  return {
    id: 'cluster-stack-id',
    stack_name: 'k8s-abcdefghijkl',
    stack_status: 'CREATE_COMPLETE',
    parameters: {},
    outputs: Object.entries(values)
      .filter(([, v]) => v !== null)
      .map(([output_key, output_value]) => ({ output_key, output_value, description: '' })),
  } as unknown as Stack
}
