import type { ClusterContext } from '@magnum-ts/core'
import { labelTrue } from './labels.js'
import { dockerVolumeSize, masterLbEnabled } from './sources.js'

/**
 * The environment files in Magnum's order for k8s: private network, etcd volume, docker
 * volume, master LB (Octavia when the catalog has it), floating IPs, LB floating IP.
 * `dockerVolume` is the size the stack's minions get: a nodegroup stack passes its nodegroup's.
 */
export function k8sEnvironmentFiles(
  ctx: ClusterContext,
  dockerVolume: number | undefined = dockerVolumeSize(ctx),
): string[] {
  const { cluster, labels } = ctx
  const lb = masterLbEnabled(ctx)
  const fip = cluster.floatingIpEnabled
  const etcdVolume = Number(labels.etcd_volume_size ?? 0) >= 1
  const names = [
    cluster.fixedNetwork ? 'no_private_network' : 'with_private_network',
    etcdVolume ? 'with_etcd_volume' : 'no_etcd_volume',
    dockerVolume !== undefined ? 'with_volume' : 'no_volume',
    lb ? (ctx.services.octavia ? 'with_master_lb_octavia' : 'with_master_lb') : 'no_master_lb',
    fip ? 'enable_floating_ip' : 'disable_floating_ip',
    lb && labelTrue(labels.master_lb_floating_ip_enabled, fip)
      ? 'enable_lb_floating_ip'
      : 'disable_lb_floating_ip',
  ]
  return names.map((name) => `environments/${name}.yaml`)
}
