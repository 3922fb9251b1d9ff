import type { ClusterStatus, Labels, WireObject } from './common.js'
import { pickFromWire, pickToWire } from './wire.js'

export type NodeGroupRole = 'master' | 'worker' | (string & {})

/** A nodegroup (API 1.9): a set of servers of one flavor and image inside a cluster. */
export interface NodeGroup {
  uuid: string
  name: string
  clusterId: string
  projectId: string
  dockerVolumeSize: number | undefined
  labels: Labels
  flavorId: string | undefined
  imageId: string | undefined
  nodeAddresses: string[]
  nodeCount: number
  role: NodeGroupRole
  minNodeCount: number
  maxNodeCount: number | undefined
  isDefault: boolean
  stackId: string | undefined
  status: ClusterStatus | undefined
  statusReason: string | undefined
  version: string | undefined
  createdAt: string | undefined
  updatedAt: string | undefined
}

/** Magnum's nodegroup defaults. */
export const NODEGROUP_DEFAULTS = { role: 'worker', minNodeCount: 1, nodeCount: 1, isDefault: false } as const

/** The names of the two nodegroups every cluster is created with. */
export const DEFAULT_MASTER_NODEGROUP = 'default-master'
export const DEFAULT_WORKER_NODEGROUP = 'default-worker'

export const NODEGROUP_FIELDS = [
  'uuid',
  'name',
  'clusterId',
  'projectId',
  'dockerVolumeSize',
  'labels',
  'flavorId',
  'imageId',
  'nodeAddresses',
  'nodeCount',
  'role',
  'minNodeCount',
  'maxNodeCount',
  'isDefault',
  'stackId',
  'status',
  'statusReason',
  'version',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof NodeGroup)[]

/** Fields a nodegroup PATCH may change. */
export const NODEGROUP_UPDATABLE_FIELDS = ['minNodeCount', 'maxNodeCount'] as const

/** NodeGroup → Magnum's JSON. */
export function nodeGroupToWire(nodegroup: Partial<NodeGroup>): WireObject {
  return pickToWire(nodegroup, NODEGROUP_FIELDS)
}

/** Magnum's JSON → a partial NodeGroup (no validation). */
export function nodeGroupFromWire(wire: WireObject): Partial<NodeGroup> {
  return pickFromWire(wire, NODEGROUP_FIELDS) as Partial<NodeGroup>
}
