import { labelBoolean, labelInteger, labelOneOf, type Problem, type ValidationContext } from '@magnum-ts/core'
import { addonProblems } from './validate-addons.js'

/** The flannel backends the node scripts support. */
export const FLANNEL_BACKENDS = ['vxlan', 'udp', 'host-gw'] as const

const BOOLEAN_LABELS = [
  'prometheus_monitoring',
  'kube_dashboard_enabled',
  'keystone_auth_enabled',
  'cloud_provider_enabled',
]
const INTEGER_LABELS: [string, number][] = [
  ['flannel_network_subnetlen', 1],
  ['etcd_volume_size', 0],
  ['boot_volume_size', 0],
  ['min_node_count', 0],
  ['max_node_count', 1],
]

/**
 * Kubernetes rules beyond the network/volume tables: label values the node scripts understand, and
 * Magnum's cloud-provider rule (the in-tree OpenStack provider needs a trust the cluster can use).
 */
export function validateK8s(ctx: ValidationContext): Problem[] {
  const { labels } = ctx
  const problems: (Problem | undefined)[] = [
    labelOneOf(labels, 'flannel_backend', FLANNEL_BACKENDS),
    ...BOOLEAN_LABELS.map((key) => labelBoolean(labels, key)),
    ...INTEGER_LABELS.map(([key, min]) => labelInteger(labels, key, min)),
    cloudProviderProblem(ctx),
    ...addonProblems(labels),
  ]
  return problems.filter((p): p is Problem => p !== undefined)
}

function cloudProviderProblem(ctx: ValidationContext): Problem | undefined {
  // The nodes hold usable cloud credentials with a trust they may use, or an application credential.
  const clusterUserTrust =
    ctx.config.clusterUserTrust === true || ctx.config.clusterCredential === 'application-credential'
  const label = ctx.labels.cloud_provider_enabled
  const enabled = label === undefined ? clusterUserTrust : label === 'true'
  if (label === 'true' && !clusterUserTrust) {
    return {
      field: 'labels.cloud_provider_enabled',
      message:
        'cloud_provider_enabled=true needs a trust the cluster can use, but cluster_user_trust is off, so the cloud provider would have no credentials',
      fix: "enable clusterUserTrust in the magnum-ts configuration (Magnum's [trust]cluster_user_trust), or use clusterCredential 'application-credential', or set cloud_provider_enabled=false",
    }
  }
  if (!enabled && (ctx.clusterTemplate.volumeDriver ?? undefined) === 'cinder') {
    return {
      field: 'volume_driver',
      message:
        'volume_driver=cinder needs the Kubernetes OpenStack cloud provider, which is disabled (cloud_provider_enabled is false, its default while cluster_user_trust is off)',
      fix: "leave volume_driver unset, or enable clusterUserTrust (Magnum's [trust]cluster_user_trust) so the cloud provider can run",
    }
  }
  return undefined
}
