import type { ClusterContext } from '@magnum-ts/core'

/** Environment files as Heat merges them: private network, volume, master LB, FIP, LB FIP. */
export function swarmEnvironmentFiles(ctx: ClusterContext): string[] {
  const { cluster, clusterTemplate } = ctx
  const fixedNetwork = clusterTemplate.fixedNetwork ?? cluster.fixedNetwork
  const lb = masterLbEnabled(ctx)
  const fip = cluster.floatingIpEnabled
  const names = [
    fixedNetwork ? 'no_private_network' : 'with_private_network',
    dockerVolumeSize(ctx) !== undefined ? 'with_volume' : 'no_volume',
    lb ? (ctx.services.octavia ? 'with_master_lb_octavia' : 'with_master_lb') : 'no_master_lb',
    fip ? 'enable_floating_ip' : 'disable_floating_ip',
    lb && labelTrue(ctx.labels.master_lb_floating_ip_enabled, fip)
      ? 'enable_lb_floating_ip'
      : 'disable_lb_floating_ip',
  ]
  return names.map((name) => `environments/${name}.yaml`)
}

/** The cluster's `master_lb_enabled` when it has one, else the template's. */
export function masterLbEnabled(ctx: ClusterContext): boolean {
  return ctx.cluster.masterLbEnabled ?? ctx.clusterTemplate.masterLbEnabled
}

/** The docker volume size: worker nodegroup, then master nodegroup (which wins), cluster, template. */
export function dockerVolumeSize(ctx: ClusterContext): number | undefined {
  let size: number | undefined
  for (const role of ['worker', 'master']) {
    const ng = ctx.nodeGroups.find((n) => n.role === role && n.isDefault)
    if (ng?.dockerVolumeSize !== undefined) size = ng.dockerVolumeSize
  }
  return size ?? ctx.cluster.dockerVolumeSize ?? ctx.clusterTemplate.dockerVolumeSize
}

/** A label read as oslo's bool_from_string does; `fallback` when the label is unset. */
export function labelTrue(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback
  return ['1', 't', 'true', 'on', 'y', 'yes'].includes(value.trim().toLowerCase())
}
