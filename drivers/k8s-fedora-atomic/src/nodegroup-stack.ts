import {
  type ClusterContext,
  InvalidParameterValueError,
  type NodeGroup,
  NodeGroupInvalidInputError,
  type StackRequest,
} from '@magnum-ts/core'
import { outputValues, type Stack } from '@magnum-ts/orchestration'
import { k8sDriverConfig } from './template-definition/config.js'
import { k8sEnvironmentFiles } from './template-definition/environment.js'
import { k8sClusterParameters, type ParameterDeps } from './template-definition/parameters.js'
import { volumeType } from './template-definition/volume-types.js'
import { CLUSTER_TEMPLATE, templateFiles } from './templates.js'

/** What a nodegroup stack joins, read from the cluster stack's outputs (no extra cloud calls). */
export interface ClusterStackJoin {
  fixedNetwork: string
  fixedSubnet: string
  minionSecurityGroup: string
  /** Master 0's private IP: the API (6443) and etcd (2379) the new minions use. */
  masterPrivateIp: string
}

/**
 * The stack of an extra worker nodegroup (Magnum's nodegroup stack): kubecluster.yaml again, with
 * the cluster's files and environment files, `is_cluster_stack` false and an empty `master_role`,
 * so only the nodegroup's server group and its `kube_minions` are built. They join the cluster's
 * network, minion security group and master, read from `clusterStack`'s outputs. The nodegroup's
 * count, flavor, image, docker volume and labels (over the cluster's) replace the default
 * worker's. Core names the stack, gives it the cluster's timeout and scales it like the cluster's
 * (`number_of_minions`, `minions_to_remove`).
 */
export async function k8sNodeGroupStackRequest(
  ctx: ClusterContext,
  nodeGroup: NodeGroup,
  clusterStack: Stack,
  deps: ParameterDeps,
): Promise<StackRequest> {
  if (nodeGroup.role === 'master') {
    throw new InvalidParameterValueError({
      field: 'role',
      message: 'Creating master nodegroups is currently not supported',
      fix: 'use role "worker" (or any role but master); masters live in the default-master nodegroup',
    })
  }
  const join = readClusterStackJoin(clusterStack)
  const labels = { ...ctx.labels, ...nodeGroup.labels }
  const params = await k8sClusterParameters({ ...ctx, labels }, deps, 'nodegroup')
  const { cluster, clusterTemplate: ct } = ctx
  const dockerSize =
    nodeGroup.dockerVolumeSize ?? cluster.dockerVolumeSize ?? ct.dockerVolumeSize ?? undefined
  if (dockerSize === undefined) delete params.docker_volume_size
  const minionFlavor = nodeGroup.flavorId ?? cluster.flavorId ?? ct.flavorId
  const minionImage = nodeGroup.imageId ?? ct.imageId
  return {
    template: CLUSTER_TEMPLATE,
    files: templateFiles(),
    // The cluster's choices, except the docker volume, which follows this nodegroup's size.
    environmentFiles: k8sEnvironmentFiles(ctx, dockerSize),
    parameters: {
      ...params,
      master_role: '',
      worker_role: nodeGroup.role,
      worker_nodegroup_name: nodeGroup.name,
      number_of_minions: nodeGroup.nodeCount,
      ...(minionFlavor ? { minion_flavor: minionFlavor } : {}),
      ...(minionImage ? { minion_image: minionImage } : {}),
      ...(dockerSize !== undefined ? { docker_volume_size: dockerSize } : {}),
      docker_volume_type: volumeType('docker', dockerSize ?? 0, labels, k8sDriverConfig(ctx.config)),
      max_node_count: labels.max_node_count || nodeGroup.nodeCount + 1,
      fixed_network: join.fixedNetwork,
      fixed_subnet: join.fixedSubnet,
      existing_security_group: join.minionSecurityGroup,
      existing_master_private_ip: join.masterPrivateIp,
    },
  }
}

/**
 * The network, subnet, minion security group and master IP from a completed cluster stack's
 * outputs. A missing one means the stack was read without its outputs, is not complete, or was
 * built by a driver version whose template had no such outputs: said plainly, with the way out.
 */
export function readClusterStackJoin(clusterStack: Stack): ClusterStackJoin {
  const out = outputValues(clusterStack.outputs)
  const text = (key: string, value: unknown): string => {
    if (typeof value === 'string' && value !== '') return value
    throw new NodeGroupInvalidInputError({
      field: `cluster_stack.outputs.${key}`,
      message: `The cluster stack ${clusterStack.stack_name ?? clusterStack.id} has no ${key} output, which a nodegroup stack joins`,
      fix:
        'pass the cluster stack read with its outputs (getStack(..., { resolveOutputs: true })) once it is ' +
        'CREATE_COMPLETE or UPDATE_COMPLETE; a cluster built before nodegroup support needs its stack ' +
        'updated to the current kubecluster.yaml first',
    })
  }
  const masters = out.kube_masters_private
  return {
    fixedNetwork: text('fixed_network', out.fixed_network),
    fixedSubnet: text('fixed_subnet', out.fixed_subnet),
    minionSecurityGroup: text('minion_security_group', out.minion_security_group),
    masterPrivateIp: text('kube_masters_private', Array.isArray(masters) ? masters[0] : undefined),
  }
}
