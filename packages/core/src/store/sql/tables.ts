import { ResourceNotFoundError } from '@magnum-ts/auth'
import type { X509KeyPairRecord } from '@magnum-ts/certs'
import type { Cluster } from '../../models/cluster.js'
import type { ClusterTemplate } from '../../models/cluster-template.js'
import type { NodeGroup } from '../../models/nodegroup.js'
import { QUOTA_FIELDS, type Quota } from '../../models/quota.js'
import { ClusterQuotaExceededError, StoreConflictError, StoreDuplicateError } from '../errors.js'
import {
  ALL_CLUSTER_FIELDS,
  ALL_NODEGROUP_FIELDS,
  ALL_TEMPLATE_FIELDS,
  checkLimit,
  checkTtl,
  findable,
  IN_PROGRESS_STATUSES,
  nextUpdatedAt,
  pickOne,
  stampCreated,
  withAllFields,
} from '../records.js'
import type {
  ClusterQuery,
  ClusterTemplateQuery,
  Lease,
  LeaseTarget,
  StoreTables,
  UpdateOptions,
} from '../types.js'
import { bind, type Dialect, inList, type SqlExecutor } from './connection.js'

/** Runs `fn` atomically: in a new transaction, or directly when already inside one. */
export type Atomic = <T>(fn: (exec: SqlExecutor) => Promise<T>) => Promise<T>

type Row = Record<string, unknown>
type Timestamped = { createdAt: string | undefined; updatedAt: string | undefined }

/** How one record type maps to its table: the queried columns beside the JSON `data`. */
interface Mapping<T> {
  table: string
  resource: string
  fields: readonly string[]
  columns(record: T): Record<string, unknown>
}

const bit = (value: boolean): number => (value ? 1 : 0)

const TEMPLATES: Mapping<ClusterTemplate> = {
  table: 'cluster_templates',
  resource: 'cluster template',
  fields: ALL_TEMPLATE_FIELDS,
  columns: (t) => ({
    project_id: t.projectId ?? null,
    name: t.name,
    public: bit(t.public),
    hidden: bit(t.hidden),
  }),
}
const CLUSTERS: Mapping<Cluster> = {
  table: 'clusters',
  resource: 'cluster',
  fields: ALL_CLUSTER_FIELDS,
  columns: (c) => ({
    project_id: c.projectId,
    name: c.name,
    status: c.status,
    cluster_template_id: c.clusterTemplateId ?? null,
  }),
}
const NODEGROUPS: Mapping<NodeGroup> = {
  table: 'nodegroups',
  resource: 'nodegroup',
  fields: ALL_NODEGROUP_FIELDS,
  columns: (n) => ({
    cluster_id: n.clusterId,
    project_id: n.projectId,
    name: n.name,
    role: n.role,
    is_default: bit(n.isDefault),
  }),
}

/** A row's JSON without the fields its columns hold. */
function dataOf(record: object, omit: readonly string[] = []): string {
  const data: Record<string, unknown> = { ...record }
  for (const key of ['createdAt', 'updatedAt', ...omit]) delete data[key]
  return JSON.stringify(data)
}

function decode<T>(mapping: { fields: readonly string[] }, row: Row): T {
  return withAllFields<T>(mapping.fields, {
    ...(JSON.parse(String(row.data)) as Record<string, unknown>),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  })
}

/** `column IN (…)`, or a condition no row meets for an empty list. */
function anyOf(column: string, values: readonly unknown[], params: unknown[]): string {
  return values.length === 0 ? '1 = 0' : `${column} IN ${inList(params, [...new Set(values)])}`
}

function decodeLease(row: Row): Lease {
  return { clusterId: String(row.uuid), ownerId: String(row.lease_owner), expiresAt: Number(row.lease_until) }
}

/** The tables over SQL, for one executor (the pool, or one transaction's connection). */
export function sqlTables(dialect: Dialect, exec: SqlExecutor, atomic: Atomic): StoreTables {
  /** Runs an insert, turning constraint violations into the store's typed errors. */
  async function insert(
    run: () => Promise<unknown>,
    resource: string,
    key: string,
    clusterId?: string,
  ): Promise<void> {
    try {
      await run()
    } catch (error) {
      const kind = dialect.constraintOf(error)
      if (kind === 'unique') throw new StoreDuplicateError(resource, key, { cause: error })
      if (kind === 'foreign-key')
        throw new ResourceNotFoundError({ resource: 'cluster', searched: clusterId ?? key })
      throw error
    }
  }

  async function insertRow<T extends Timestamped & { uuid: string }>(
    on: SqlExecutor,
    mapping: Mapping<T>,
    record: T,
    uniqueName?: string,
  ): Promise<T> {
    const stored = stampCreated(record)
    const columns = { uuid: stored.uuid, ...mapping.columns(stored) }
    const params: unknown[] = []
    const values = [
      ...Object.values(columns).map((v) => bind(params, v)),
      bind(params, stored.createdAt),
      bind(params, stored.updatedAt),
      bind(params, dataOf(stored)),
    ]
    const sql = `INSERT INTO ${mapping.table} (${Object.keys(columns).join(', ')}, created_at, updated_at, data) VALUES (${values.join(', ')})`
    const clusterId = (record as { clusterId?: string }).clusterId
    await insert(() => on.query(sql, params), mapping.resource, uniqueName ?? stored.uuid, clusterId)
    return withAllFields<T>(mapping.fields, JSON.parse(JSON.stringify(stored)) as Row)
  }

  /**
   * The optimistic write: the row changes only if its `updated_at` is still the one the caller
   * read; otherwise nothing is written and the caller learns who won.
   */
  async function updateRow<T extends Timestamped>(
    mapping: Mapping<T> & { keyColumns: Record<string, unknown>; keyName: string },
    record: T,
    options: UpdateOptions = {},
    omit: readonly string[] = [],
    uniqueName?: string,
  ): Promise<T> {
    const params: unknown[] = []
    const where = Object.entries(mapping.keyColumns).map(
      ([column, value]) => `${column} = ${bind(params, value)}`,
    )
    let expected = record.updatedAt
    if (options.force === true) {
      const { rows } = await exec.query(
        `SELECT updated_at FROM ${mapping.table} WHERE ${where.join(' AND ')}`,
        params,
      )
      expected = rows[0] === undefined ? undefined : String(rows[0].updated_at)
      if (expected === undefined)
        throw new StoreConflictError(mapping.resource, mapping.keyName, record.updatedAt, undefined)
    }
    const updatedAt = nextUpdatedAt(expected)
    const stored = { ...record, updatedAt }
    const sets = Object.entries(mapping.columns(stored)).map(
      ([column, value]) => `${column} = ${bind(params, value)}`,
    )
    sets.push(`updated_at = ${bind(params, updatedAt)}`, `data = ${bind(params, dataOf(stored, omit))}`)
    const sql = `UPDATE ${mapping.table} SET ${sets.join(', ')} WHERE ${where.join(' AND ')} AND updated_at = ${bind(params, expected ?? null)} RETURNING created_at`
    let written: Row | undefined
    await insert(
      async () => {
        written = (await exec.query(sql, params)).rows[0]
      },
      mapping.resource,
      uniqueName ?? mapping.keyName,
    )
    if (written === undefined) {
      const { rows } = await exec.query(
        `SELECT updated_at FROM ${mapping.table} WHERE ${where.join(' AND ')}`,
        params.slice(0, where.length),
      )
      const actual = rows[0] === undefined ? undefined : String(rows[0].updated_at)
      throw new StoreConflictError(mapping.resource, mapping.keyName, record.updatedAt, actual)
    }
    // created_at never changes after the insert, whatever the record says.
    return withAllFields<T>(mapping.fields, {
      ...(JSON.parse(JSON.stringify(stored)) as Row),
      createdAt: written.created_at,
    })
  }

  async function selectRows<T>(
    mapping: Mapping<T>,
    where: string[],
    params: unknown[],
    limit?: number,
  ): Promise<T[]> {
    const clause = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''
    const tail = limit === undefined ? '' : ` LIMIT ${bind(params, limit)}`
    const { rows } = await exec.query(
      `SELECT created_at, updated_at, data FROM ${mapping.table}${clause} ORDER BY created_at, uuid${tail}`,
      params,
    )
    return rows.map((row) => decode<T>(mapping, row))
  }

  async function deleteWhere(
    table: string,
    where: string,
    params: unknown[],
    on: SqlExecutor = exec,
  ): Promise<boolean> {
    return (await on.query(`DELETE FROM ${table} WHERE ${where}`, params)).changes > 0
  }

  function templateWhere(query: ClusterTemplateQuery, params: unknown[]): string[] {
    const where: string[] = []
    if (query.projectId !== undefined) where.push(`project_id = ${bind(params, query.projectId)}`)
    if (query.visibleToProject !== undefined) {
      const hidden = query.includeHidden === true ? '' : ' AND hidden = 0'
      where.push(`(project_id = ${bind(params, query.visibleToProject)} OR (public = 1${hidden}))`)
    }
    return where
  }

  function clusterWhere(query: ClusterQuery, params: unknown[]): string[] {
    const where: string[] = []
    if (query.uuids !== undefined) where.push(anyOf('uuid', query.uuids, params))
    if (query.projectId !== undefined) where.push(`project_id = ${bind(params, query.projectId)}`)
    if (query.clusterTemplateId !== undefined) {
      where.push(`cluster_template_id = ${bind(params, query.clusterTemplateId)}`)
    }
    if (query.statuses !== undefined) where.push(anyOf('status', query.statuses, params))
    if (query.inProgress === true) where.push(`status IN ${inList(params, IN_PROGRESS_STATUSES)}`)
    return where
  }

  /** A lease row is free for `owner` when nobody holds it, `owner` does, or the holder's time is up. */
  const free = (owner: string) =>
    `(lease_owner IS NULL OR lease_owner = ${owner} OR lease_until <= ${dialect.nowMs})`
  const leaseColumns = 'RETURNING uuid, lease_owner, lease_until'

  return {
    clusterTemplates: {
      create: (template) => insertRow(exec, TEMPLATES, template),
      get: async (uuid) => (await selectRows(TEMPLATES, ['uuid = $1'], [uuid]))[0],
      find: async (nameOrId, query = {}) => {
        const params: unknown[] = [nameOrId]
        const rows = await selectRows(
          TEMPLATES,
          ['(uuid = $1 OR name = $1)', ...templateWhere(findable(query), params)],
          params,
        )
        return pickOne('cluster template', nameOrId, rows)
      },
      list: (query = {}) => {
        const params: unknown[] = []
        return selectRows(TEMPLATES, templateWhere(query, params), params)
      },
      update: (template, options) =>
        updateRow(
          { ...TEMPLATES, keyColumns: { uuid: template.uuid }, keyName: template.uuid },
          template,
          options,
        ),
      delete: (uuid) => deleteWhere('cluster_templates', 'uuid = $1', [uuid]),
    },
    clusters: {
      create: (cluster, nodegroups = [], options = {}) =>
        atomic(async (tx) => {
          const limit = options.maxClustersInProject
          if (limit !== undefined) {
            // Serialises creates in one project until commit, so count-then-insert cannot race.
            if (dialect.projectLock !== undefined) await tx.query(dialect.projectLock, [cluster.projectId])
            const { rows } = await tx.query('SELECT COUNT(*) AS n FROM clusters WHERE project_id = $1', [
              cluster.projectId,
            ])
            if (Number(rows[0]?.n ?? 0) >= limit)
              throw new ClusterQuotaExceededError(cluster.projectId, limit)
          }
          const stored = await insertRow(tx, CLUSTERS, cluster)
          for (const nodegroup of nodegroups) {
            await insertRow(tx, NODEGROUPS, nodegroup, `${nodegroup.name} in cluster ${nodegroup.clusterId}`)
          }
          return stored
        }),
      get: async (uuid) => (await selectRows(CLUSTERS, ['uuid = $1'], [uuid]))[0],
      find: async (nameOrId, query = {}) => {
        const params: unknown[] = [nameOrId]
        const where = ['(uuid = $1 OR name = $1)', ...clusterWhere({ projectId: query.projectId }, params)]
        return pickOne('cluster', nameOrId, await selectRows(CLUSTERS, where, params))
      },
      list: async (query = {}) => {
        checkLimit(query.limit)
        const params: unknown[] = []
        return selectRows(CLUSTERS, clusterWhere(query, params), params, query.limit)
      },
      count: async (query = {}) => {
        const params: unknown[] = []
        const where = clusterWhere(query, params)
        const clause = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''
        const { rows } = await exec.query(`SELECT COUNT(*) AS n FROM clusters${clause}`, params)
        return Number(rows[0]?.n ?? 0)
      },
      update: (cluster, options) =>
        updateRow(
          { ...CLUSTERS, keyColumns: { uuid: cluster.uuid }, keyName: cluster.uuid },
          cluster,
          options,
        ),
      delete: (uuid) =>
        atomic(async (tx) => {
          await deleteWhere('nodegroups', 'cluster_id = $1', [uuid], tx)
          return deleteWhere('clusters', 'uuid = $1', [uuid], tx)
        }),
    },
    nodegroups: {
      create: (nodegroup) =>
        insertRow(exec, NODEGROUPS, nodegroup, `${nodegroup.name} in cluster ${nodegroup.clusterId}`),
      get: async (uuid) => (await selectRows(NODEGROUPS, ['uuid = $1'], [uuid]))[0],
      find: async (clusterId, nameOrId) =>
        pickOne(
          'nodegroup',
          nameOrId,
          await selectRows(
            NODEGROUPS,
            ['cluster_id = $1', '(uuid = $2 OR name = $2)'],
            [clusterId, nameOrId],
          ),
        ),
      list: (query = {}) => {
        const params: unknown[] = []
        const where: string[] = []
        if (query.clusterId !== undefined) where.push(`cluster_id = ${bind(params, query.clusterId)}`)
        if (query.clusterIds !== undefined) where.push(anyOf('cluster_id', query.clusterIds, params))
        if (query.projectId !== undefined) where.push(`project_id = ${bind(params, query.projectId)}`)
        if (query.role !== undefined) where.push(`role = ${bind(params, query.role)}`)
        if (query.isDefault !== undefined) where.push(`is_default = ${bind(params, bit(query.isDefault))}`)
        return selectRows(NODEGROUPS, where, params)
      },
      update: (nodegroup, options) =>
        updateRow(
          { ...NODEGROUPS, keyColumns: { uuid: nodegroup.uuid }, keyName: nodegroup.uuid },
          nodegroup,
          options,
          [],
          `${nodegroup.name} in cluster ${nodegroup.clusterId}`,
        ),
      delete: (uuid) => deleteWhere('nodegroups', 'uuid = $1', [uuid]),
    },
    quotas: {
      create: async (quota) => {
        const stored = stampCreated(quota)
        let id = 0
        await insert(
          async () => {
            const { rows } = await exec.query(
              'INSERT INTO quotas (project_id, resource, created_at, updated_at, data) VALUES ($1, $2, $3, $4, $5) RETURNING id',
              [stored.projectId, stored.resource, stored.createdAt, stored.updatedAt, dataOf(stored, ['id'])],
            )
            id = Number(rows[0]?.id)
          },
          'quota',
          `${quota.resource} of project ${quota.projectId}`,
        )
        return withAllFields<Quota>(QUOTA_FIELDS, { ...JSON.parse(JSON.stringify(stored)), id })
      },
      get: async (projectId, resource = 'Cluster') => {
        const { rows } = await exec.query(
          'SELECT id, created_at, updated_at, data FROM quotas WHERE project_id = $1 AND resource = $2',
          [projectId, resource],
        )
        return rows[0] === undefined ? undefined : decodeQuota(rows[0])
      },
      list: async (query = {}) => {
        const { rows } =
          query.projectId === undefined
            ? await exec.query('SELECT id, created_at, updated_at, data FROM quotas ORDER BY id')
            : await exec.query(
                'SELECT id, created_at, updated_at, data FROM quotas WHERE project_id = $1 ORDER BY id',
                [query.projectId],
              )
        return rows.map(decodeQuota)
      },
      update: (quota, options) =>
        updateRow(
          {
            table: 'quotas',
            resource: 'quota',
            fields: QUOTA_FIELDS,
            columns: () => ({}),
            keyColumns: { project_id: quota.projectId, resource: quota.resource },
            keyName: `${quota.resource} of project ${quota.projectId}`,
          },
          quota,
          options,
          ['id'],
        ),
      delete: (projectId, resource = 'Cluster') =>
        deleteWhere('quotas', 'project_id = $1 AND resource = $2', [projectId, resource]),
    },
    x509KeyPairs: {
      get: async (uuid) => {
        const { rows } = await exec.query('SELECT data FROM x509keypairs WHERE uuid = $1', [uuid])
        return rows[0] === undefined ? undefined : (JSON.parse(String(rows[0].data)) as X509KeyPairRecord)
      },
      put: async (record) => {
        await exec.query(
          `INSERT INTO x509keypairs (uuid, name, cluster_id, data) VALUES ($1, $2, $3, $4)
           ON CONFLICT (uuid) DO UPDATE SET name = excluded.name, cluster_id = excluded.cluster_id, data = excluded.data`,
          [record.uuid, record.name, record.clusterId, JSON.stringify(record)],
        )
      },
      delete: async (uuid) => {
        await exec.query('DELETE FROM x509keypairs WHERE uuid = $1', [uuid])
      },
    },
    leases: {
      acquire: async (ownerId, target: LeaseTarget, ttlMs) => {
        checkTtl(ttlMs)
        const params: unknown[] = [ownerId, ttlMs]
        let candidates: string
        if (Array.isArray(target)) {
          const ids = target as readonly string[]
          if (ids.length === 0) return []
          candidates = `uuid IN ${inList(params, [...new Set(ids)])}`
        } else {
          const limit = (target as { limit?: number | undefined }).limit
          checkLimit(limit)
          const statuses = inList(params, IN_PROGRESS_STATUSES)
          const tail = limit === undefined ? '' : ` LIMIT ${bind(params, limit)}`
          // Other processes' candidates are skipped rather than waited for (SKIP LOCKED), and the
          // outer condition is checked again on the locked row, so a lease is never taken twice.
          candidates = `uuid IN (SELECT uuid FROM clusters WHERE status IN ${statuses} AND ${free('$1')} ORDER BY created_at, uuid${tail} ${dialect.skipLocked})`
        }
        const { rows } = await exec.query(
          `UPDATE clusters SET lease_owner = $1, lease_until = ${dialect.nowMs} + $2 WHERE ${candidates} AND ${free('$1')} ${leaseColumns}`,
          params,
        )
        return rows.map(decodeLease).sort((a, b) => (a.clusterId < b.clusterId ? -1 : 1))
      },
      renew: async (ownerId, clusterIds, ttlMs) => {
        checkTtl(ttlMs)
        if (clusterIds.length === 0) return []
        const params: unknown[] = [ownerId, ttlMs]
        const { rows } = await exec.query(
          `UPDATE clusters SET lease_until = ${dialect.nowMs} + $2 WHERE lease_owner = $1 AND uuid IN ${inList(params, [...new Set(clusterIds)])} ${leaseColumns}`,
          params,
        )
        return rows.map(decodeLease).sort((a, b) => (a.clusterId < b.clusterId ? -1 : 1))
      },
      release: async (ownerId, clusterIds) => {
        if (clusterIds.length === 0) return
        const params: unknown[] = [ownerId]
        await exec.query(
          `UPDATE clusters SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = $1 AND uuid IN ${inList(params, [...new Set(clusterIds)])}`,
          params,
        )
      },
      get: async (clusterId) => {
        const { rows } = await exec.query(
          `SELECT uuid, lease_owner, lease_until FROM clusters WHERE uuid = $1 AND lease_owner IS NOT NULL AND lease_until > ${dialect.nowMs}`,
          [clusterId],
        )
        return rows[0] === undefined ? undefined : decodeLease(rows[0])
      },
    },
  }
}

function decodeQuota(row: Row): Quota {
  return withAllFields<Quota>(QUOTA_FIELDS, {
    ...(JSON.parse(String(row.data)) as Row),
    id: Number(row.id),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  })
}
