import { NotFoundError } from '@magnum-ts/auth'
import { deleteClusterCertificates } from '@magnum-ts/certs'
import { deleteStack } from '@magnum-ts/orchestration'
import type { Cluster } from '../models/cluster.js'
import { announce, loadClusterWork, setStatus } from './cluster-work.js'
import type { PipelineDeps } from './deps.js'
import { ClusterOperationError } from './errors.js'
import type { RequestContext } from './request-context.js'
import { deleteClusterTrust } from './trustee.js'

/**
 * Magnum's delete (§6): notify, let the driver clean up what the COE made outside Heat, mark
 * every nodegroup DELETE_IN_PROGRESS, delete the stacks (non-default nodegroups first). A stack
 * already gone finishes the delete at once; otherwise the status sync finishes it.
 */
export async function conductDelete(args: {
  deps: PipelineDeps
  caller: RequestContext
  cluster: Cluster
}): Promise<Cluster | undefined> {
  const { deps, caller } = args
  const work = await loadClusterWork(deps, args.cluster, caller)
  await announce(deps, {
    cluster: work.cluster,
    from: work.cluster.status,
    action: 'delete',
    outcome: 'pending',
    caller,
  })
  try {
    await work.driver.preDelete?.(work.context)
  } catch (cause) {
    throw new ClusterOperationError({
      clusterId: work.cluster.uuid,
      step: 'cleaning up before delete',
      cause,
    })
  }
  const { cluster } = await setStatus(deps, work.cluster, work.nodeGroups, 'DELETE_IN_PROGRESS', undefined)
  await announce(deps, { cluster, from: work.cluster.status, caller })

  const stackIds = [
    ...work.nodeGroups.filter((ng) => !ng.isDefault && ng.stackId).map((ng) => ng.stackId!),
    ...(cluster.stackId ? [cluster.stackId] : []),
  ]
  let remaining = 0
  for (const stackId of new Set(stackIds)) {
    try {
      await deleteStack(deps.session, stackId)
      remaining++
    } catch (cause) {
      if (cause instanceof NotFoundError) continue
      const failed = await setStatus(
        deps,
        cluster,
        work.nodeGroups,
        'DELETE_FAILED',
        String((cause as Error).message),
      )
      await announce(deps, {
        cluster: failed.cluster,
        from: cluster.status,
        action: 'delete',
        outcome: 'failure',
        caller,
      })
      throw new ClusterOperationError({ clusterId: cluster.uuid, step: 'deleting the Heat stack', cause })
    }
  }
  if (remaining === 0) {
    await finishDelete(deps, cluster, caller)
    return undefined
  }
  return cluster
}

/**
 * Removes what a deleted cluster leaves outside Heat (trust, trustee user, certificates) and
 * then its rows. Called when its stacks are gone.
 */
export async function finishDelete(
  deps: PipelineDeps,
  cluster: Cluster,
  caller: { userId: string; projectId: string | undefined },
): Promise<void> {
  await deleteClusterTrust({
    userSession: deps.session,
    settings: deps.trustee,
    trustId: cluster.trustId,
    trusteeUserId: cluster.trusteeUserId,
  })
  if (cluster.caCertRef && cluster.magnumCertRef) {
    await deleteClusterCertificates(deps.certStore, {
      caCertRef: cluster.caCertRef,
      magnumCertRef: cluster.magnumCertRef,
    }).catch((error: unknown) => {
      // A certificate already gone is what we wanted.
      if ((error as { code?: string }).code !== 'CERTIFICATE_NOT_FOUND') throw error
    })
  }
  await deps.store.clusters.delete(cluster.uuid)
  const done: Cluster = { ...cluster, status: 'DELETE_COMPLETE', statusReason: undefined }
  await announce(deps, { cluster: done, from: cluster.status, action: 'delete', outcome: 'success', caller })
}
