import type { ClusterStatus, HealthStatus, Labels, WireObject } from './common.js'
import { pickFromWire, pickToWire } from './wire.js'

/** A cluster (Magnum object v1.21). Counts and addresses are derived from its nodegroups. */
export interface Cluster {
  uuid: string
  name: string
  projectId: string
  userId: string
  /** Stored as the template's UUID. */
  clusterTemplateId: string
  keypair: string | undefined
  dockerVolumeSize: number | undefined
  labels: Labels
  masterFlavorId: string | undefined
  flavorId: string | undefined
  /** Minutes; 0 or unset means 60 when the stack is created. */
  createTimeout: number
  discoveryUrl: string | undefined
  fixedNetwork: string | undefined
  fixedSubnet: string | undefined
  floatingIpEnabled: boolean
  /**
   * Whether the masters sit behind a load balancer: the cluster's own choice, else the
   * template's, recorded at create. Absent on rows stored before it was recorded: read the template's then.
   */
  masterLbEnabled?: boolean | undefined
  nodeCount: number
  masterCount: number
  stackId: string | undefined
  status: ClusterStatus
  statusReason: string | undefined
  healthStatus: HealthStatus | undefined
  healthStatusReason: Record<string, unknown> | undefined
  apiAddress: string | undefined
  coeVersion: string | undefined
  containerVersion: string | undefined
  nodeAddresses: string[]
  masterAddresses: string[]
  /** `{nodegroupName: statusReason}`, only when the status is `*_FAILED`. */
  faults: Record<string, string> | undefined
  createdAt: string | undefined
  updatedAt: string | undefined
  // Hidden from the API (never sent by `clusterToWire`); the trustee password lives in the store only.
  caCertRef: string | undefined
  magnumCertRef: string | undefined
  trustId: string | undefined
  trusteeUsername: string | undefined
  trusteeUserId: string | undefined
  /** The trustee's password (Magnum keeps it in its database too); store-only, never on the wire. */
  trusteePassword?: string | undefined
  /**
   * The application credential the nodes and the status sync use instead of a trustee and trust
   * (`clusterCredential: 'application-credential'`); owned by `userId`. Store-only, never on the wire.
   */
  applicationCredentialId?: string | undefined
  /** That application credential's secret; store-only, never on the wire. */
  applicationCredentialSecret?: string | undefined
}

/** What a caller gives to create a cluster; unset fields are inherited from the template. */
export interface ClusterCreateInput {
  name?: string | undefined
  /** Template name or UUID. Mandatory. */
  clusterTemplateId?: string | undefined
  nodeCount?: number | undefined
  masterCount?: number | undefined
  /** Minutes; unset, null or 0 → 60. */
  createTimeout?: number | null | undefined
  keypair?: string | undefined
  dockerVolumeSize?: number | undefined
  masterFlavorId?: string | undefined
  flavorId?: string | undefined
  fixedNetwork?: string | undefined
  fixedSubnet?: string | undefined
  floatingIpEnabled?: boolean | undefined
  masterLbEnabled?: boolean | undefined
  labels?: Labels | undefined
  /** When true the cluster's labels are laid over the template's instead of replacing them. */
  mergeLabels?: boolean | undefined
  discoveryUrl?: string | undefined
}

/** Magnum's defaults for a cluster create. */
export const CLUSTER_DEFAULTS = { nodeCount: 1, masterCount: 1, createTimeout: 60 } as const

/** Fields Magnum returns for a cluster (hidden ones excluded). */
export const CLUSTER_FIELDS = [
  'uuid',
  'name',
  'projectId',
  'userId',
  'clusterTemplateId',
  'keypair',
  'dockerVolumeSize',
  'labels',
  'masterFlavorId',
  'flavorId',
  'createTimeout',
  'discoveryUrl',
  'fixedNetwork',
  'fixedSubnet',
  'floatingIpEnabled',
  'masterLbEnabled',
  'nodeCount',
  'masterCount',
  'stackId',
  'status',
  'statusReason',
  'healthStatus',
  'healthStatusReason',
  'apiAddress',
  'coeVersion',
  'containerVersion',
  'nodeAddresses',
  'masterAddresses',
  'faults',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof Cluster)[]

/** The fields of Magnum's short list view (`GET /v1/clusters` without `/detail`). */
export const CLUSTER_SUMMARY_FIELDS = [
  'uuid',
  'name',
  'clusterTemplateId',
  'keypair',
  'dockerVolumeSize',
  'labels',
  'nodeCount',
  'status',
  'masterFlavorId',
  'flavorId',
  'createTimeout',
  'masterCount',
  'stackId',
  'healthStatus',
] as const satisfies readonly (keyof Cluster)[]

/** Fields of a cluster create body, in their camelCase form. */
export const CLUSTER_CREATE_FIELDS = [
  'name',
  'clusterTemplateId',
  'nodeCount',
  'masterCount',
  'createTimeout',
  'keypair',
  'dockerVolumeSize',
  'masterFlavorId',
  'flavorId',
  'fixedNetwork',
  'fixedSubnet',
  'floatingIpEnabled',
  'masterLbEnabled',
  'labels',
  'mergeLabels',
  'discoveryUrl',
] as const satisfies readonly (keyof ClusterCreateInput)[]

/** Cluster → Magnum's JSON; trust, trustee, application credential and certificate references are never included. */
export function clusterToWire(cluster: Partial<Cluster>, view: 'detail' | 'summary' = 'detail'): WireObject {
  return pickToWire(cluster, view === 'summary' ? CLUSTER_SUMMARY_FIELDS : CLUSTER_FIELDS)
}

/** Magnum's JSON → a partial Cluster (no validation). */
export function clusterFromWire(wire: WireObject): Partial<Cluster> {
  return pickFromWire(wire, CLUSTER_FIELDS) as Partial<Cluster>
}

/** A cluster create body → `ClusterCreateInput` (no validation: run `resolveClusterCreate`). */
export function clusterCreateInputFromWire(wire: WireObject): ClusterCreateInput {
  return pickFromWire(wire, CLUSTER_CREATE_FIELDS) as ClusterCreateInput
}

/** `ClusterCreateInput` → the body of `POST /v1/clusters`. */
export function clusterCreateInputToWire(input: ClusterCreateInput): WireObject {
  return pickToWire(input, CLUSTER_CREATE_FIELDS)
}
