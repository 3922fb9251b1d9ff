import { MagnumValidationError } from '../errors.js'
import type { Cluster } from '../models/cluster.js'
import type { ClusterTemplate } from '../models/cluster-template.js'
import { DEFAULT_WORKER_NODEGROUP } from '../models/nodegroup.js'
import { announce, loadClusterWork } from './cluster-work.js'
import type { PipelineDeps } from './deps.js'
import { ClusterStatusConflictError } from './errors.js'
import type { RequestContext } from './request-context.js'
import { updateClusterStack } from './stack-update.js'
import { heatSessionFor } from './trustee-session.js'

export interface UpgradeInput {
  /** The new cluster template, by name or uuid. */
  clusterTemplate: string
  /** Nodes replaced at a time in the rolling update (Magnum's `max_batch_size`, default 1). */
  maxBatchSize?: number
  /** A nodegroup name or uuid; default: the default worker nodegroup. */
  nodegroup?: string
}

/** The driver has no upgrade (Magnum's `NotSupported`, 400). */
export class UpgradeNotSupportedError extends MagnumValidationError {
  constructor(driverName: string) {
    super('UPGRADE_NOT_SUPPORTED', 400, {
      field: 'cluster_template_id',
      message: `Driver ${driverName} does not support cluster upgrades`,
      fix: 'create a new cluster from the new template and move the workloads over',
    })
  }
}

/** A non-default nodegroup may only be upgraded to the cluster's own template (Magnum's 409). */
export class NodeGroupTemplateConflictError extends MagnumValidationError {
  constructor(nodegroup: string) {
    super('NODEGROUP_TEMPLATE_CONFLICT', 409, {
      field: 'nodegroup',
      message: `Nodegroup ${nodegroup} can be upgraded only to match the cluster's template`,
      fix: 'upgrade the cluster (its default nodegroups) to the new template first, then this nodegroup with the same template',
    })
  }
}

/**
 * Upgrade (Magnum's `actions/upgrade`): the driver's upgrade parameters go to Heat as an
 * update-existing. For a default nodegroup the cluster moves to the new template and its
 * labels (nodegroups take their template from the cluster); the old template, labels and statuses come back if Heat refuses (§6).
 */
export async function conductUpgrade(args: {
  deps: PipelineDeps
  caller: RequestContext
  cluster: Cluster
  input: UpgradeInput
}): Promise<Cluster> {
  const { deps, caller, input } = args
  if (!args.cluster.status.endsWith('_COMPLETE'))
    throw new ClusterStatusConflictError('upgrade', args.cluster.status, 'in a *_COMPLETE status')
  if (input.maxBatchSize !== undefined && (!Number.isInteger(input.maxBatchSize) || input.maxBatchSize < 1)) {
    throw new MagnumValidationError('INVALID_PARAMETER_VALUE', 400, {
      field: 'max_batch_size',
      message: `max_batch_size ${input.maxBatchSize} is not valid, expecting an integer of at least 1`,
      fix: 'set max_batch_size to how many nodes may be replaced at once (1 or more)',
    })
  }
  const visible = caller.isAdmin ? {} : { visibleToProject: caller.projectId }
  const [work, newTemplate, nodeGroup] = await Promise.all([
    loadClusterWork(deps, args.cluster, caller),
    deps.store.clusterTemplates.find(input.clusterTemplate, visible),
    deps.store.nodegroups.find(args.cluster.uuid, input.nodegroup ?? DEFAULT_WORKER_NODEGROUP),
  ])
  checkTemplate(work.template, newTemplate)
  if (!nodeGroup.isDefault && newTemplate.uuid !== work.cluster.clusterTemplateId)
    throw new NodeGroupTemplateConflictError(nodeGroup.name)
  if (!work.driver.upgradeParameters) throw new UpgradeNotSupportedError(work.driver.name)
  const context = {
    ...work.context,
    config: { ...work.context.config, upgradeMaxBatchSize: input.maxBatchSize ?? 1 },
  }
  // Driver errors (a downgrade 400, nothing to upgrade 409) reach the caller before any write.
  const parameters = work.driver.upgradeParameters(context, newTemplate)
  const stackId = nodeGroup.stackId ?? work.cluster.stackId
  // Heat is asked with a token of the cluster's project: the caller's, or (an admin's) the trustee's.
  const heat = heatSessionFor(deps, work.cluster, caller.projectId)

  await announce(deps, {
    cluster: work.cluster,
    from: work.cluster.status,
    action: 'update',
    outcome: 'pending',
    caller,
  })
  const groups = nodeGroup.isDefault ? work.nodeGroups.filter((ng) => ng.isDefault) : [nodeGroup]
  const before = { cluster: work.cluster, groups }
  const cluster = await deps.store.transaction(async (tx) => {
    for (const ng of groups) {
      const current = (await tx.nodegroups.get(ng.uuid)) ?? ng
      await tx.nodegroups.update({
        ...current,
        status: 'UPDATE_IN_PROGRESS',
        statusReason: undefined,
      })
    }
    return tx.clusters.update({
      ...work.cluster,
      ...(nodeGroup.isDefault
        ? { clusterTemplateId: newTemplate.uuid, labels: { ...newTemplate.labels } }
        : {}),
      status: 'UPDATE_IN_PROGRESS',
      statusReason: undefined,
    })
  })
  await announce(deps, { cluster, from: before.cluster.status, caller })
  return updateClusterStack({
    deps: { ...deps, session: heat },
    caller,
    cluster,
    stackId: stackId!,
    parameters,
    async rollBack(tx, error) {
      for (const ng of before.groups) {
        const current = await tx.nodegroups.get(ng.uuid)
        if (current)
          await tx.nodegroups.update({ ...current, status: 'UPDATE_FAILED', statusReason: error.message })
      }
      const current = (await tx.clusters.get(cluster.uuid)) ?? cluster
      return tx.clusters.update({
        ...current,
        clusterTemplateId: before.cluster.clusterTemplateId,
        labels: before.cluster.labels,
        status: 'UPDATE_FAILED',
        statusReason: error.message,
      })
    },
  })
}

/** The new template must serve the same COE (Magnum refuses a COE change with 400). */
function checkTemplate(current: ClusterTemplate, next: ClusterTemplate): void {
  if (current.coe !== next.coe) {
    throw new MagnumValidationError('INVALID_PARAMETER_VALUE', 400, {
      field: 'cluster_template_id',
      message: `Cluster template ${next.name ?? next.uuid} is for COE ${next.coe}, the cluster runs ${current.coe}`,
      fix: `choose a ${current.coe} cluster template`,
    })
  }
}
