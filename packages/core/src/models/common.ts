/** Cluster and nodegroup labels: Magnum stores every value as a string. */
export type Labels = Record<string, string>

/** `vm` (Nova servers) or `bm` (Ironic bare metal). */
export type ServerType = 'vm' | 'bm'

export type StatusAction = 'CREATE' | 'UPDATE' | 'DELETE' | 'ROLLBACK'
export type StatusPhase = 'IN_PROGRESS' | 'FAILED' | 'COMPLETE'

/** Every status a cluster or nodegroup can be in (Magnum 9.x `fields.ClusterStatus`). */
export type ClusterStatus =
  | `${StatusAction}_${StatusPhase}`
  | 'RESUME_COMPLETE'
  | 'RESUME_FAILED'
  | 'RESTORE_COMPLETE'
  | 'SNAPSHOT_COMPLETE'
  | 'CHECK_COMPLETE'
  | 'ADOPT_COMPLETE'

/** The list of statuses, for validation of stored values and wire input. */
export const CLUSTER_STATUSES: readonly ClusterStatus[] = [
  ...(['CREATE', 'UPDATE', 'DELETE', 'ROLLBACK'] as const).flatMap((a) =>
    (['IN_PROGRESS', 'FAILED', 'COMPLETE'] as const).map((p) => `${a}_${p}` as const),
  ),
  'RESUME_COMPLETE',
  'RESUME_FAILED',
  'RESTORE_COMPLETE',
  'SNAPSHOT_COMPLETE',
  'CHECK_COMPLETE',
  'ADOPT_COMPLETE',
]

export type HealthStatus = 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN'

/** A JSON object as it travels on Magnum's REST API (snake_case keys). */
export type WireObject = Record<string, unknown>
