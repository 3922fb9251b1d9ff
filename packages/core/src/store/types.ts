import type { X509KeyPairTable } from '@magnum-ts/certs'
import type { Cluster } from '../models/cluster.js'
import type { ClusterTemplate } from '../models/cluster-template.js'
import type { ClusterStatus } from '../models/common.js'
import type { NodeGroup, NodeGroupRole } from '../models/nodegroup.js'
import type { Quota, QuotaResource } from '../models/quota.js'

/**
 * How a write checks that nobody changed the row since it was read. `updatedAt` is the row's
 * version: the store sets it on every write, strictly increasing per row, and `update` refuses
 * (`StoreConflictError`) when the record's `updatedAt` is not the stored one. `force` skips the
 * check, for writers that own the row outright (e.g. a migration).
 */
export interface UpdateOptions {
  force?: boolean | undefined
}

/** Which templates a list or lookup may see. Without `visibleToProject` it sees every template (admin scope). */
export interface ClusterTemplateQuery {
  /** Only templates owned by this project. */
  projectId?: string | undefined
  /** Templates this project may use: its own (hidden or not), and public ones that are not hidden. */
  visibleToProject?: string | undefined
  /** With `visibleToProject`: public hidden templates too (Magnum shows them to admins). */
  includeHidden?: boolean | undefined
}

export interface ClusterTemplateTable {
  /** Inserts a template; sets `createdAt`/`updatedAt`. `StoreDuplicateError` when the uuid exists. */
  create(template: ClusterTemplate): Promise<ClusterTemplate>
  /** One template by uuid, whoever owns it. */
  get(uuid: string): Promise<ClusterTemplate | undefined>
  /**
   * One template by uuid or name among those the query sees, hidden public ones included (as
   * Magnum's GET); `ResourceNotFoundError`/`AmbiguousResourceError` otherwise.
   */
  find(nameOrId: string, query?: ClusterTemplateQuery): Promise<ClusterTemplate>
  /** Templates the query sees, oldest first. */
  list(query?: ClusterTemplateQuery): Promise<ClusterTemplate[]>
  /** Replaces a template, checking `updatedAt` (see `UpdateOptions`); returns the stored record. */
  update(template: ClusterTemplate, options?: UpdateOptions): Promise<ClusterTemplate>
  /** Deletes a template; false when there was none. */
  delete(uuid: string): Promise<boolean>
}

/** Filters of a cluster list or count; every given filter must hold. */
export interface ClusterQuery {
  /** Only these clusters (e.g. the ones a sync cycle leased): one query instead of one per id. */
  uuids?: readonly string[] | undefined
  projectId?: string | undefined
  clusterTemplateId?: string | undefined
  /** Any of these statuses. */
  statuses?: readonly ClusterStatus[] | undefined
  /** Only clusters in a `*_IN_PROGRESS` status (the ones the status sync polls). */
  inProgress?: boolean | undefined
  /** At most this many, oldest first. */
  limit?: number | undefined
}

/** Options of `clusters.create`. */
export interface ClusterInsertOptions {
  /**
   * The project's cluster quota: the insert happens only while the project has fewer clusters,
   * checked and written atomically (two processes cannot both take the last slot), else
   * `ClusterQuotaExceededError`.
   */
  maxClustersInProject?: number | undefined
}

export interface ClusterTable {
  /**
   * Inserts a cluster and, in the same transaction, its nodegroups (Magnum's default-master and
   * default-worker); nothing is written when any insert fails.
   */
  create(
    cluster: Cluster,
    nodegroups?: readonly NodeGroup[],
    options?: ClusterInsertOptions,
  ): Promise<Cluster>
  get(uuid: string): Promise<Cluster | undefined>
  /** One cluster by uuid or name, within a project when given; `ResourceNotFoundError`/`AmbiguousResourceError` otherwise. */
  find(nameOrId: string, query?: { projectId?: string | undefined }): Promise<Cluster>
  /** Clusters matching the query, oldest first. */
  list(query?: ClusterQuery): Promise<Cluster[]>
  /** How many clusters match (the quota check counts a project's clusters). */
  count(query?: ClusterQuery): Promise<number>
  update(cluster: Cluster, options?: UpdateOptions): Promise<Cluster>
  /** Deletes a cluster with its nodegroups and lease, atomically; false when there was none. */
  delete(uuid: string): Promise<boolean>
}

export interface NodeGroupQuery {
  clusterId?: string | undefined
  /** Nodegroups of any of these clusters: one query for a whole sync batch. */
  clusterIds?: readonly string[] | undefined
  projectId?: string | undefined
  role?: NodeGroupRole | undefined
  isDefault?: boolean | undefined
}

export interface NodeGroupTable {
  /**
   * Inserts a nodegroup. Names are unique within a cluster (`StoreDuplicateError`, Magnum's 409);
   * the cluster must exist (`ResourceNotFoundError`).
   */
  create(nodegroup: NodeGroup): Promise<NodeGroup>
  get(uuid: string): Promise<NodeGroup | undefined>
  /** One nodegroup of a cluster by uuid or name. */
  find(clusterId: string, nameOrId: string): Promise<NodeGroup>
  /** Nodegroups matching the query, oldest first. */
  list(query?: NodeGroupQuery): Promise<NodeGroup[]>
  update(nodegroup: NodeGroup, options?: UpdateOptions): Promise<NodeGroup>
  delete(uuid: string): Promise<boolean>
}

/** A quota as given to `create`: the store assigns `id`. */
export type QuotaInput = Omit<Quota, 'id'> & { id?: number | undefined }

export interface QuotaTable {
  /** Inserts a quota and assigns its id; one per (project, resource), else `StoreDuplicateError`. */
  create(quota: QuotaInput): Promise<Quota>
  /** The project's quota row, if it has one (callers fall back to `DEFAULT_MAX_CLUSTERS_PER_PROJECT`). */
  get(projectId: string, resource?: QuotaResource): Promise<Quota | undefined>
  list(query?: { projectId?: string | undefined }): Promise<Quota[]>
  update(quota: Quota, options?: UpdateOptions): Promise<Quota>
  delete(projectId: string, resource?: QuotaResource): Promise<boolean>
}

/** A cluster's lease: which sync process owns it until when. */
export interface Lease {
  clusterId: string
  ownerId: string
  /** Epoch milliseconds by the store's clock (the database server's, for PostgreSQL). */
  expiresAt: number
}

/** Which clusters `acquire` tries to lease: a list of ids, or the in-progress ones. */
export type LeaseTarget = readonly string[] | { inProgress: true; limit?: number | undefined }

/**
 * Row leases so that any number of processes can share one store: each cluster has at most one
 * owner at a time, and an owner that stops renewing (crashed) loses it when the lease expires.
 */
export interface LeaseTable {
  /**
   * Leases every targeted cluster that is free, expired, or already this owner's (renewing it);
   * returns the leases now held. Clusters another owner holds are skipped, never waited for.
   */
  acquire(ownerId: string, target: LeaseTarget, ttlMs: number): Promise<Lease[]>
  /** Extends this owner's leases; returns those renewed (a lease another owner took is lost). */
  renew(ownerId: string, clusterIds: readonly string[], ttlMs: number): Promise<Lease[]>
  /** Gives up this owner's leases on these clusters (others' leases are untouched). */
  release(ownerId: string, clusterIds: readonly string[]): Promise<void>
  /** The current, unexpired lease of a cluster. */
  get(clusterId: string): Promise<Lease | undefined>
}

/** The tables, as seen outside or inside a transaction. */
export interface StoreTables {
  readonly clusterTemplates: ClusterTemplateTable
  readonly clusters: ClusterTable
  readonly nodegroups: NodeGroupTable
  readonly quotas: QuotaTable
  /** Magnum's x509keypair table, in the shape `KeyValueCertStore` from `@magnum-ts/certs` takes. */
  readonly x509KeyPairs: X509KeyPairTable
  readonly leases: LeaseTable
}

/** Where Magnum's state lives: one interface over memory, SQLite and PostgreSQL. */
export interface Store extends StoreTables {
  /** `memory`, `sqlite` or `postgres`. */
  readonly kind: string
  /**
   * Runs `fn` in one transaction: every write through `tx` lands, or none does (when `fn`
   * throws, the error is rethrown after the rollback). Use `tx`, not the store, inside `fn`.
   */
  transaction<T>(fn: (tx: StoreTables) => Promise<T>): Promise<T>
  /** Closes connections; the store is unusable afterwards. */
  close(): Promise<void>
}
