import { InvalidParameterValueError, MagnumValidationError } from '../errors.js'
import type { Labels } from '../models/common.js'
import type { NodeGroup } from '../models/nodegroup.js'
import { snakeCase } from '../models/wire.js'
import { validateNodeCount } from './counts.js'
import { validateTemplateName } from './names.js'

/** Magnum's `NodeGroupInvalidInput`: a nodegroup request that conflicts with the cluster's state (409). */
export class NodeGroupInvalidInputError extends MagnumValidationError {
  constructor(details: { field: string; message: string; fix: string }) {
    super('NODEGROUP_INVALID_INPUT', 409, details)
  }
}

/** A nodegroup create (`magnum.nodegroups.create`); unset fields take Magnum's defaults. */
export interface NodeGroupCreateInput {
  name: string
  /** Default 1. */
  nodeCount?: number | undefined
  /** Default `worker`; `master` is refused. */
  role?: string | undefined
  /** Default: the cluster's flavor, else the template's. */
  flavorId?: string | undefined
  /** Default: the template's image. */
  imageId?: string | undefined
  /** Default: the cluster's, else the template's. */
  dockerVolumeSize?: number | undefined
  /** Default: the cluster's labels. */
  labels?: Labels | undefined
  /** With `labels`: merge them over the cluster's instead of replacing them. */
  mergeLabels?: boolean | undefined
  /** Default 1. */
  minNodeCount?: number | undefined
  maxNodeCount?: number | undefined
}

/**
 * Checks a nodegroup create (API 1.9): a name, counts ≥ 1 with min ≤ count ≤ max (409), no
 * second master nodegroup (400), a cluster that already has an API address (409), a unique name (409).
 */
export function validateNodeGroupCreate(
  input: Partial<NodeGroupCreateInput>,
  cluster: { apiAddress: string | undefined; nodeGroupNames: readonly string[] },
): MagnumValidationError[] {
  const errors: MagnumValidationError[] = []
  const push = (e: MagnumValidationError | undefined) => e && errors.push(e)
  if (input.name === undefined) {
    push(
      new InvalidParameterValueError({
        field: 'name',
        message: 'A nodegroup needs a name',
        fix: 'give the nodegroup a name',
      }),
    )
  }
  push(validateTemplateName(input.name))
  push(validateNodeCount(input.nodeCount, 'node_count'))
  push(validateNodeCount(input.minNodeCount, 'min_node_count'))
  if (input.maxNodeCount !== undefined) push(validateNodeCount(input.maxNodeCount, 'max_node_count'))
  if (input.role === 'master') {
    push(
      new InvalidParameterValueError({
        field: 'role',
        message: 'Creating master nodegroups is currently not supported',
        fix: 'use role "worker" (or any role but master); masters live in the default-master nodegroup',
      }),
    )
  }
  if (errors.length > 0) return errors
  const count = input.nodeCount ?? 1
  const min = input.minNodeCount ?? 1
  const max = input.maxNodeCount
  if (count < min || (max !== undefined && (count > max || min > max))) {
    push(
      new NodeGroupInvalidInputError({
        field: 'node_count',
        message: `node_count ${count} must be between min_node_count ${min} and max_node_count ${max ?? 'unbounded'}`,
        fix: 'choose node_count, min_node_count and max_node_count so that min ≤ count ≤ max',
      }),
    )
  }
  if (cluster.apiAddress === undefined) {
    push(
      new NodeGroupInvalidInputError({
        field: 'cluster_id',
        message: 'The cluster has no API address yet, so a nodegroup cannot join it',
        fix: 'wait until the cluster reaches CREATE_COMPLETE',
      }),
    )
  }
  if (input.name !== undefined && cluster.nodeGroupNames.includes(input.name)) {
    push(
      new NodeGroupInvalidInputError({
        field: 'name',
        message: `A nodegroup named ${input.name} already exists in this cluster`,
        fix: 'choose another nodegroup name',
      }),
    )
  }
  return errors
}

/** Checks a nodegroup PATCH: only `min_node_count` and `max_node_count` may change, keeping min ≤ count ≤ max. */
export function validateNodeGroupUpdate(
  nodeGroup: Pick<NodeGroup, 'nodeCount' | 'minNodeCount' | 'maxNodeCount'>,
  changes: Record<string, unknown>,
): MagnumValidationError[] {
  const refused = Object.keys(changes).filter((f) => f !== 'minNodeCount' && f !== 'maxNodeCount')
  if (refused.length > 0) {
    return [
      new InvalidParameterValueError({
        field: snakeCase(refused[0] ?? ''),
        message: `cannot change nodegroup property(ies) ${refused.map(snakeCase).join(', ')}`,
        fix: 'a nodegroup update may only change min_node_count and max_node_count; resize the cluster to change node_count',
      }),
    ]
  }
  const min = (changes.minNodeCount ?? nodeGroup.minNodeCount) as number
  const max = (
    changes.maxNodeCount === null ? undefined : (changes.maxNodeCount ?? nodeGroup.maxNodeCount)
  ) as number | undefined
  const errors = [
    validateNodeCount(min, 'min_node_count'),
    max === undefined ? undefined : validateNodeCount(max, 'max_node_count'),
  ]
  const found = errors.filter((e): e is MagnumValidationError => e !== undefined)
  if (found.length > 0) return found
  if (nodeGroup.nodeCount < min || (max !== undefined && (nodeGroup.nodeCount > max || min > max))) {
    return [
      new NodeGroupInvalidInputError({
        field: changes.minNodeCount !== undefined ? 'min_node_count' : 'max_node_count',
        message: `node_count ${nodeGroup.nodeCount} would fall outside [${min}, ${max ?? 'unbounded'}]`,
        fix: 'choose bounds that contain the current node_count, or resize first',
      }),
    ]
  }
  return []
}

/** A default nodegroup (default-master, default-worker) cannot be deleted (400). */
export function validateNodeGroupDelete(
  nodeGroup: Pick<NodeGroup, 'name' | 'isDefault'>,
): MagnumValidationError | undefined {
  if (!nodeGroup.isDefault) return undefined
  return new InvalidParameterValueError({
    field: 'nodegroup',
    message: `Deleting a default nodegroup (${nodeGroup.name}) is not supported`,
    fix: 'delete the cluster instead, or resize the nodegroup',
  })
}

/**
 * Checks a resize: not the master nodegroup (400, Magnum's `MasterNGResizeNotSupported`) and a
 * node_count ≥ 1 within the nodegroup's [min, max] (400, `NGResizeOutBounds`).
 */
export function validateResize(
  nodeGroup: Pick<NodeGroup, 'name' | 'role' | 'minNodeCount' | 'maxNodeCount'>,
  nodeCount: unknown,
): MagnumValidationError | undefined {
  const count = validateNodeCount(nodeCount, 'node_count')
  if (count) return count
  if (nodeCount === undefined) {
    return new InvalidParameterValueError({
      field: 'node_count',
      message: 'node_count is mandatory',
      fix: 'give the new node_count',
    })
  }
  if (nodeGroup.role === 'master') {
    return new InvalidParameterValueError(
      {
        field: 'nodegroup',
        message: `Resizing a master nodegroup (${nodeGroup.name}) is not supported`,
        fix: 'resize a worker nodegroup; the number of masters is fixed at create time',
      },
      'MASTER_NODEGROUP_RESIZE_NOT_SUPPORTED',
    )
  }
  const n = nodeCount as number
  if (n < nodeGroup.minNodeCount || (nodeGroup.maxNodeCount !== undefined && n > nodeGroup.maxNodeCount)) {
    return new InvalidParameterValueError(
      {
        field: 'node_count',
        message: `Resizing ${nodeGroup.name} to ${n} nodes is out of its bounds [${nodeGroup.minNodeCount}, ${nodeGroup.maxNodeCount ?? 'unbounded'}]`,
        fix: `choose a node_count within the bounds, or first change the nodegroup's min_node_count/max_node_count`,
      },
      'NODEGROUP_RESIZE_OUT_OF_BOUNDS',
    )
  }
  return undefined
}
