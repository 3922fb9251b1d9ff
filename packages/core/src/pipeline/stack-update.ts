import { updateStack } from '@magnum-ts/orchestration'
import type { Cluster } from '../models/cluster.js'
import type { StoreTables } from '../store/types.js'
import { announce } from './cluster-work.js'
import type { PipelineDeps } from './deps.js'
import { ClusterOperationError } from './errors.js'
import type { RequestContext } from './request-context.js'

/**
 * Sends an update-existing (rollback disabled) to Heat for a cluster already stored
 * UPDATE_IN_PROGRESS. When Heat refuses, `rollBack` writes the UPDATE_FAILED rows (restoring
 * what the operation changed) in one transaction, an `update/failure` is sent, and the
 * `ClusterOperationError` is thrown.
 */
export async function updateClusterStack(args: {
  deps: PipelineDeps
  caller: RequestContext
  cluster: Cluster
  stackId: string
  parameters: Record<string, unknown>
  rollBack: (tx: StoreTables, error: ClusterOperationError) => Promise<Cluster>
}): Promise<Cluster> {
  const { deps, cluster } = args
  try {
    await updateStack(deps.session, args.stackId, {
      existing: true,
      parameters: args.parameters,
      disableRollback: true,
    })
    return cluster
  } catch (cause) {
    const error = new ClusterOperationError({
      clusterId: cluster.uuid,
      step: 'updating the Heat stack',
      cause,
    })
    const failed = await deps.store.transaction((tx) => args.rollBack(tx, error))
    await announce(deps, {
      cluster: failed,
      from: cluster.status,
      action: 'update',
      outcome: 'failure',
      caller: args.caller,
      reason: error.message,
    })
    throw error
  }
}
