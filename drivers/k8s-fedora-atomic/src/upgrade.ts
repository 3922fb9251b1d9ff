import {
  type ClusterContext,
  type ClusterTemplate,
  InvalidParameterValueError,
  MagnumValidationError,
} from '@magnum-ts/core'
import { k8sDriverConfig } from './template-definition/config.js'
import { DEFAULT_KUBE_TAG } from './template-definition/labels.js'

/**
 * The parameters of an upgrade to `newTemplate`: its `kube_tag` as the four version parameters,
 * its ostree commit and remote, and the rolling-update batch size. Nothing to upgrade is a 409;
 * a lower kube_tag than the cluster runs is a 400 (no downgrades).
 */
export function k8sUpgradeParameters(
  ctx: ClusterContext,
  newTemplate: ClusterTemplate,
): Record<string, unknown> {
  const next = newTemplate.labels
  const params: Record<string, unknown> = {}
  if (next.kube_tag) {
    const current = ctx.labels.kube_tag || ctx.cluster.coeVersion || DEFAULT_KUBE_TAG
    if (compareVersions(next.kube_tag, current) < 0) {
      throw new InvalidParameterValueError(
        {
          field: 'labels.kube_tag',
          message: `The cluster upgrade to kube_tag ${next.kube_tag} would downgrade it from ${current}`,
          fix: `pick a cluster template whose kube_tag is ${current} or later`,
        },
        'DOWNGRADE_NOT_ALLOWED',
      )
    }
    for (const key of ['kube_tag', 'kube_version', 'master_kube_tag', 'minion_kube_tag'])
      params[key] = next.kube_tag
  }
  if (next.ostree_commit) params.ostree_commit = next.ostree_commit
  if (next.ostree_remote) params.ostree_remote = next.ostree_remote
  if (Object.keys(params).length === 0) {
    throw new MagnumValidationError('UPGRADE_NOTHING_TO_DO', 409, {
      field: 'cluster_template_id',
      message:
        'the new cluster template sets none of kube_tag, ostree_commit, ostree_remote, so there is nothing to upgrade',
      fix: 'choose a cluster template with a newer kube_tag label (or ostree_commit / ostree_remote)',
    })
  }
  params.update_max_batch_size = k8sDriverConfig(ctx.config).upgradeMaxBatchSize
  return params
}

/** Compares `v1.15.7`-style versions numerically, part by part; suffixes such as `-rancher1` are ignored. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) =>
    v
      .replace(/^v/i, '')
      .split(/[-+]/)[0]!
      .split('.')
      .map((p) => Number.parseInt(p, 10) || 0)
  const x = parts(a)
  const y = parts(b)
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0)
    if (d !== 0) return Math.sign(d)
  }
  return 0
}
