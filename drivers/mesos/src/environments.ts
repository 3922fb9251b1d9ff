import type { ClusterContext } from '@magnum-ts/core'

/** Environment files as Heat merges them: private network, then master LB (Magnum's mesos order). */
export function mesosEnvironmentFiles(ctx: ClusterContext): string[] {
  const { cluster, clusterTemplate, services } = ctx
  const lb = cluster.masterLbEnabled ?? clusterTemplate.masterLbEnabled
  const privnet =
    (clusterTemplate.fixedNetwork ?? cluster.fixedNetwork) ? 'no_private_network' : 'with_private_network'
  const master = lb ? (services.octavia ? 'with_master_lb_octavia' : 'with_master_lb') : 'no_master_lb'
  return [privnet, master].map((name) => `environments/${name}.yaml`)
}
