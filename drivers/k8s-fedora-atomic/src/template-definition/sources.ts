import type { ClusterContext, NodeGroup } from '@magnum-ts/core'
import { RequiredParameterMissingError } from '@magnum-ts/core'

/** The default nodegroup with `role` (`master` or `worker`); its absence is a core bug, said plainly. */
export function defaultNodeGroup(ctx: ClusterContext, role: 'master' | 'worker'): NodeGroup {
  const ng =
    ctx.nodeGroups.find((n) => n.isDefault && n.role === role) ??
    ctx.nodeGroups.find((n) => (role === 'master' ? n.role === 'master' : n.role !== 'master'))
  if (!ng) {
    throw new RequiredParameterMissingError({
      field: `nodegroups.${role}`,
      message: `the cluster has no default ${role} nodegroup`,
      fix: `pass the cluster's default ${role} nodegroup in ClusterContext.nodeGroups`,
    })
  }
  return ng
}

/** The cluster's `master_lb_enabled` when it records one, else the template's. */
export function masterLbEnabled(ctx: ClusterContext): boolean {
  return ctx.cluster.masterLbEnabled ?? ctx.clusterTemplate.masterLbEnabled
}

/**
 * The docker volume size Heat gets: worker nodegroup's, then the master nodegroup's (Magnum maps
 * workers first, so the master wins), then the cluster's and the template's.
 */
export function dockerVolumeSize(ctx: ClusterContext): number | undefined {
  let size: number | undefined
  for (const role of ['worker', 'master'] as const) {
    const ng = ctx.nodeGroups.find(
      (n) => n.isDefault && (role === 'master' ? n.role === 'master' : n.role !== 'master'),
    )
    if (ng?.dockerVolumeSize != null) size = ng.dockerVolumeSize
  }
  return size ?? ctx.cluster.dockerVolumeSize ?? ctx.clusterTemplate.dockerVolumeSize ?? undefined
}
