import { AuthError, ForbiddenError, NotFoundError } from '@magnum-ts/auth'
import { deleteClusterCertificates } from '@magnum-ts/certs'
import { deleteStack } from '@magnum-ts/orchestration'
import type { Cluster } from '../models/cluster.js'
import {
  applicationCredentialName,
  deleteClusterApplicationCredential,
  usesApplicationCredential,
} from './cluster-credential.js'
import { announce, loadClusterWork, setStatus } from './cluster-work.js'
import type { PipelineDeps } from './deps.js'
import { ClusterOperationError } from './errors.js'
import { type RequestContext, requestContext } from './request-context.js'
import { deleteClusterTrust } from './trustee.js'
import { heatSessionFor } from './trustee-session.js'

/**
 * Magnum's delete (§6): notify, let the driver clean up what the COE made outside Heat, mark
 * every nodegroup DELETE_IN_PROGRESS, delete the stacks of non-default nodegroups, then the
 * cluster stack: at once when there were none, else by the status sync once they are gone (their
 * nodes sit on its network). Stacks already gone finish the delete at once; otherwise the sync does.
 * A caller of another project (an admin) reaches the stacks as the cluster's trustee.
 */
export async function conductDelete(args: {
  deps: PipelineDeps
  caller: RequestContext
  cluster: Cluster
}): Promise<Cluster | undefined> {
  const { deps, caller } = args
  const work = await loadClusterWork(deps, args.cluster, caller)
  // Scoped to the cluster's project (the caller's own session, or the trustee's), so a 404 proves
  // the stack gone. Made before anything is written: a row without a trustee fails here, unchanged.
  const heat = heatSessionFor(deps, work.cluster, caller.projectId)
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
    // Magnum: a failed pre-delete (PreDeletionFailed) leaves the cluster DELETE_FAILED with the
    // reason, and the stacks untouched, so the user can fix what is in the way and delete again.
    const reason = cause instanceof Error ? cause.message : String(cause)
    const failed = await setStatus(deps, work.cluster, work.nodeGroups, 'DELETE_FAILED', reason)
    await announce(deps, {
      cluster: failed.cluster,
      from: work.cluster.status,
      action: 'delete',
      outcome: 'failure',
      caller,
      reason,
    })
    throw new ClusterOperationError({
      clusterId: work.cluster.uuid,
      step: 'cleaning up before delete',
      cause,
    })
  }
  const { cluster } = await setStatus(deps, work.cluster, work.nodeGroups, 'DELETE_IN_PROGRESS', undefined)
  await announce(deps, { cluster, from: work.cluster.status, caller })

  // Extra nodegroups' stacks first. Their nodes sit on the cluster stack's network, so the cluster
  // stack is deleted only when none of them is left deleting: here, or by the status sync later.
  const extraStacks = work.nodeGroups.filter((ng) => !ng.isDefault && ng.stackId).map((ng) => ng.stackId!)
  let remaining = 0
  const deleteOne = async (stackId: string) => {
    try {
      await deleteStack(heat, stackId)
      remaining++
    } catch (cause) {
      if (cause instanceof NotFoundError) return
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
        reason: failed.cluster.statusReason,
      })
      throw new ClusterOperationError({ clusterId: cluster.uuid, step: 'deleting the Heat stack', cause })
    }
  }
  for (const stackId of new Set(extraStacks)) await deleteOne(stackId)
  if (remaining === 0 && cluster.stackId) await deleteOne(cluster.stackId)
  if (remaining === 0) {
    await finishDelete(deps, cluster, caller)
    return undefined
  }
  return cluster
}

/**
 * Removes what a deleted cluster leaves outside Heat (trust and trustee user, or application
 * credential; certificates) and then its rows. Called when its stacks are gone.
 */
export async function finishDelete(
  deps: PipelineDeps,
  cluster: Cluster,
  caller: { userId: string; projectId: string | undefined },
): Promise<void> {
  let leftOver: string | undefined
  if (usesApplicationCredential(cluster)) {
    leftOver = await deleteApplicationCredentialOf(deps, cluster)
  } else {
    const trustee = { settings: deps.trustee, trusteeUserId: cluster.trusteeUserId }
    try {
      await deleteClusterTrust({
        ...trustee,
        userSession: await trustDeleter(deps, cluster),
        trustId: cluster.trustId,
      })
    } catch (error) {
      // The trustee no longer authenticates (its trust is already gone or expired): only the user is left.
      if (!(error instanceof AuthError)) throw error
      await deleteClusterTrust({ ...trustee, userSession: deps.session, trustId: undefined })
    }
  }
  deps.trusteeSessions.forget(cluster)
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
  const done: Cluster = { ...cluster, status: 'DELETE_COMPLETE', statusReason: leftOver }
  await announce(deps, { cluster: done, from: cluster.status, action: 'delete', outcome: 'success', caller })
}

/**
 * Only the trustor or an admin may delete a trust. A process of another user (the status sync
 * finishing another project's delete, a colleague's delete) deletes it as the cluster's trustee,
 * whose token impersonates the trustor, as Magnum does.
 */
async function trustDeleter(deps: PipelineDeps, cluster: Cluster) {
  const self = await requestContext(deps.session)
  if (self.userId === cluster.userId || self.isAdmin || !cluster.trustId || !cluster.trusteePassword)
    return deps.session
  return deps.trusteeSessions.forCluster(cluster)
}

/**
 * Keystone lets only the owner (not through an application credential) or an admin delete an
 * application credential: a restricted one cannot delete itself (403), so there is no
 * impersonation path like the trust's. The pipeline's session deletes it when it is the owner's
 * or an admin's. Any other process (a colleague's delete, another user's status sync) cannot: the
 * cluster is still deleted, the credential is left to its owner (`openstack application credential
 * delete magnum-ts-<cluster uuid>`; it also goes with the owner's user), and the DELETE_COMPLETE
 * event's reason says so (returned here).
 */
async function deleteApplicationCredentialOf(
  deps: PipelineDeps,
  cluster: Cluster & { applicationCredentialId: string },
): Promise<string | undefined> {
  try {
    await deleteClusterApplicationCredential({
      session: deps.session,
      ownerUserId: cluster.userId,
      credentialId: cluster.applicationCredentialId,
    })
  } catch (error) {
    if (!(error instanceof ForbiddenError)) throw error
    return `Application credential ${applicationCredentialName(cluster.uuid)} (${cluster.applicationCredentialId}) of user ${cluster.userId} was left in place: only its owner or an admin may delete it. Fix: its owner runs "openstack application credential delete ${applicationCredentialName(cluster.uuid)}"`
  }
  return undefined
}
